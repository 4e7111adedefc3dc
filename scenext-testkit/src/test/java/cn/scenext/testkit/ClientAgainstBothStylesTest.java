package cn.scenext.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.scenext.api.Frame;
import cn.scenext.api.GenerateVideoRequest;
import cn.scenext.api.TaskId;
import cn.scenext.api.TaskState;
import cn.scenext.api.TaskStatus;
import cn.scenext.api.exception.DownloadException;
import cn.scenext.api.exception.TaskNotFoundException;
import cn.scenext.core.ScenextClient;
import cn.scenext.core.download.DownloadOptions;
import cn.scenext.core.poll.PollPolicy;
import cn.scenext.core.poll.WaitOptions;
import cn.scenext.core.webhook.WebhookHandler;
import cn.scenext.core.webhook.WebhookVerifier;
import cn.scenext.testkit.ScenextSimulatorTest.MutableClock;
import cn.scenext.testsupport.server.MockResponse;
import cn.scenext.testsupport.server.MockServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The client's whole job, end to end, against the simulator in each of its response styles. */
class ClientAgainstBothStylesTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private ScenextSimulator sim;
    private ScenextClient client;
    private MockServer receiver;

    @TempDir
    Path dir;

    /** A simulator and a client that share the test's clock, so that URLs expire when the test says. */
    private void start(ScenextSimulator.Builder builder) {
        sim = builder.clock(clock).taskDuration(Duration.ofSeconds(60)).framesPerTask(3).start();
        client = sim.newClient().clock(clock).build();
    }

    @AfterEach
    void stop() {
        if (receiver != null) {
            receiver.close();
        }
        if (client != null) {
            client.close();
            sim.close();
        }
    }

    private static byte[] head(Path file, int n) throws IOException {
        byte[] all = Files.readAllBytes(file);
        return java.util.Arrays.copyOf(all, n);
    }

    private String[] filesInDir() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toArray(String[]::new);
        }
    }

    @ParameterizedTest
    @EnumSource(ResponseStyle.class)
    void createsWaitsAndDownloadsTheVideoAndAFrame(ResponseStyle style) throws IOException {
        start(ScenextSimulator.builder().responseStyle(style));
        TaskId id = client.generateVideo(GenerateVideoRequest.ofQuestion("What is a Fourier series?"));
        clock.advance(Duration.ofSeconds(30));
        TaskStatus running = client.getStatus(id);
        clock.advance(Duration.ofSeconds(31));

        TaskStatus done = client.waitForCompletion(id);
        Path video = client.download(done, dir.resolve("fourier.mp4"));
        Frame first = done.frames().get(0);
        Path frame = client.downloadFrame(done, first, dir, DownloadOptions.defaults());

        assertThat(running.state()).isEqualTo(TaskState.IN_PROGRESS);
        assertThat(running.frames()).hasSize(2);
        assertThat(done.isCompleted()).isTrue();
        assertThat(done.taskId()).isEqualTo(id);
        assertThat(done.frames()).hasSize(3);
        assertThat(first.id()).isEqualTo(style == ResponseStyle.REAL_SERVER ? "1" : "frame1");
        assertThat(done.title()).contains("What is a Fourier series?");
        assertThat(done.creditsConsumed()).isEqualByComparingTo("6");
        assertThat(done.finishAt()).hasValueSatisfying(t -> assertThat(t.toInstant())
                .isEqualTo(Instant.parse("2026-01-01T00:01:00Z")));
        assertThat(new String(head(video, 8), 4, 4, StandardCharsets.US_ASCII)).isEqualTo("ftyp");
        assertThat(head(frame, 4)).containsExactly(0x89, 'P', 'N', 'G');
        assertThat(filesInDir()).containsExactly("fourier.mp4", "frame1.png");
    }

    @ParameterizedTest
    @EnumSource(ResponseStyle.class)
    void aFailedTaskEndsTheWaitWithItsReason(ResponseStyle style) {
        start(ScenextSimulator.builder().responseStyle(style));
        sim.failNextTask("任务执行失败，不消耗积分");
        TaskId id = client.generateVideo(GenerateVideoRequest.ofQuestion("???"));
        clock.advance(Duration.ofMinutes(2));

        TaskStatus failed = client.waitForCompletion(id, WaitOptions.builder().throwOnTaskFailure(false).build());

        assertThat(failed.isFailed()).isTrue();
        assertThat(failed.failureMessage()).contains("任务执行失败，不消耗积分");
        assertThat(failed.creditsConsumed()).isEqualByComparingTo("0");
        assertThat(failed.frames()).hasSize(style == ResponseStyle.REAL_SERVER ? 0 : 1);
    }

    @ParameterizedTest
    @EnumSource(ResponseStyle.class)
    void aWaitEndsWhenTheTasksWebhookArrives(ResponseStyle style) throws Exception {
        // The webhook's timestamp must be fresh for the verifier: this test runs on the system clock.
        sim = ScenextSimulator.builder().responseStyle(style).taskDuration(Duration.ofHours(1)).start();
        client = sim.newClient().build();
        WebhookHandler handler = client.webhooks().handler(WebhookVerifier.of(sim.apiKey()));
        receiver = MockServer.start();
        receiver.route().on(r -> r.path().equals("/hook"),
                r -> MockResponse.status(handler.handle(r::header, r.body()).statusCode()));
        TaskId id = client.generateVideo(GenerateVideoRequest.builder().question("q")
                .notifyUrl(receiver.url("/hook")).build());

        // Polls an hour apart: only the webhook can end this wait within the test.
        CompletableFuture<TaskStatus> wait = client.waitForCompletionAsync(id, WaitOptions.builder()
                .pollPolicy(PollPolicy.fixed(Duration.ofHours(1))).timeout(Duration.ofHours(2)).build());
        awaitStatusRequests(1);
        sim.completeTask(id);

        TaskStatus done = wait.get(60, TimeUnit.SECONDS);
        assertThat(done.isCompleted()).isTrue();
        assertThat(done.videoUrl()).isPresent();
        assertThat(sim.requests(Endpoint.GET_STATUS)).hasSize(1);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (sim.webhookDeliveries().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(5); // recorded once the receiver's response is in, just after the wait ended
        }
        assertThat(sim.webhookDeliveries()).singleElement()
                .satisfies(d -> assertThat(d.responseStatus()).isEqualTo(200));
    }

    @Test
    void aCompletedTaskNeverAnnouncedStillEndsTheWaitByPolling() throws Exception {
        sim = ScenextSimulator.builder().webhooksOnFailureOnly(true).taskDuration(Duration.ofHours(1)).start();
        client = sim.newClient().build();
        TaskId id = client.generateVideo(GenerateVideoRequest.builder().question("q")
                .notifyUrl("http://127.0.0.1:9/never-called").build());
        CompletableFuture<TaskStatus> wait = client.waitForCompletionAsync(id, WaitOptions.builder()
                .pollPolicy(PollPolicy.fixed(Duration.ofSeconds(1))).build());
        awaitStatusRequests(1);
        sim.completeTask(id);

        TaskStatus done = wait.get(60, TimeUnit.SECONDS);

        assertThat(done.isCompleted()).isTrue();
        assertThat(sim.requests(Endpoint.GET_STATUS)).hasSizeGreaterThanOrEqualTo(2);
        assertThat(sim.webhookDeliveries()).isEmpty();
    }

    private void awaitStatusRequests(int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (sim.requests(Endpoint.GET_STATUS).size() < n && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(sim.requests(Endpoint.GET_STATUS)).hasSizeGreaterThanOrEqualTo(n);
    }

    @Test
    void theRealServersStoredUrlPastItsExpiryStopsTheDownloadAtOnce() throws IOException {
        start(ScenextSimulator.builder().urlLifetime(Duration.ofMinutes(1)));
        TaskId id = client.generateVideo(GenerateVideoRequest.ofQuestion("q"));
        clock.advance(Duration.ofMinutes(3)); // the video was made at 1 min, its URL expired at 2 min

        TaskStatus done = client.getStatus(id);

        assertThatThrownBy(() -> client.download(done, dir.resolve("v.mp4")))
                .isInstanceOf(DownloadException.class)
                .hasMessageContaining("the service returned the same expired URL")
                .hasMessageContaining("Download a task's files promptly after it completes")
                .satisfies(e -> assertThat(((DownloadException) e).reason())
                        .isEqualTo(DownloadException.Reason.SAME_EXPIRED_URL));
        assertThat(sim.requests(Endpoint.FILES)).isEmpty();
        assertThat(filesInDir()).isEmpty();
    }

    @Test
    void theRealServersStoredUrlRefusedByTheStoreStopsTheDownload() throws IOException {
        start(ScenextSimulator.builder());
        TaskId id = client.generateVideo(GenerateVideoRequest.ofQuestion("q"));
        sim.completeTask(id);
        TaskStatus done = client.getStatus(id);
        sim.expireUrls();

        assertThatThrownBy(() -> client.download(done, dir.resolve("v.mp4")))
                .isInstanceOf(DownloadException.class)
                .hasMessageContaining("refused its signed URL")
                .hasMessageContaining("the service returned the same expired URL")
                .satisfies(e -> assertThat(((DownloadException) e).reason())
                        .isEqualTo(DownloadException.Reason.SAME_EXPIRED_URL))
                .satisfies(e -> assertThat(((DownloadException) e).statusCode()).hasValue(403));
        // Revoked before its Expires: the same URL is tried once more, then the download stops.
        assertThat(sim.requests(Endpoint.FILES)).extracting(RecordedRequest::responseStatus).containsExactly(403, 403);
        assertThat(sim.requests(Endpoint.GET_STATUS)).hasSize(2);
        assertThat(filesInDir()).isEmpty();
    }

    @Test
    void theDocumentedStylesFreshUrlsLetAnExpiredDownloadThrough() throws IOException {
        start(ScenextSimulator.builder().responseStyle(ResponseStyle.DOCUMENTED).urlLifetime(Duration.ofMinutes(1)));
        TaskId id = client.generateVideo(GenerateVideoRequest.ofQuestion("q"));
        clock.advance(Duration.ofMinutes(3));
        TaskStatus done = client.getStatus(id);
        sim.expireUrls();

        Path saved = client.download(done, dir.resolve("v.mp4"));

        assertThat(new String(head(saved, 8), 4, 4, StandardCharsets.US_ASCII)).isEqualTo("ftyp");
        assertThat(sim.requests(Endpoint.FILES)).extracting(RecordedRequest::responseStatus).containsExactly(403, 200);
    }

    @Test
    void theDocumentedStyleRespondsToAnUnknownTaskWithTaskNotFound() {
        start(ScenextSimulator.builder().responseStyle(ResponseStyle.DOCUMENTED));

        assertThatThrownBy(() -> client.getStatus("0b7c6f1e-9d2a-4c1b-8e3f-5a6b7c8d9e0f"))
                .isInstanceOf(TaskNotFoundException.class);
    }
}
