package cn.scenext.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.scenext.api.GenerateVideoRequest;
import cn.scenext.api.Image;
import cn.scenext.api.Quality;
import cn.scenext.api.TaskId;
import cn.scenext.api.TaskState;
import cn.scenext.api.TaskStatus;
import cn.scenext.api.exception.AuthenticationException;
import cn.scenext.api.exception.ProtocolException;
import cn.scenext.api.exception.RateLimitException;
import cn.scenext.api.exception.ServerException;
import cn.scenext.api.exception.TaskNotFoundException;
import cn.scenext.api.exception.TransportException;
import cn.scenext.api.exception.InvalidValueException;
import cn.scenext.core.RetryPolicy;
import cn.scenext.core.ScenextClient;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ScenextSimulatorTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private ScenextSimulator sim;
    private ScenextClient client;

    /** Starts the simulator of a test, in a style. */
    private void start(ResponseStyle style) {
        sim = ScenextSimulator.builder().responseStyle(style).clock(clock).taskDuration(Duration.ofSeconds(60))
                .framesPerTask(5).start();
        client = sim.newClient().retryPolicy(RetryPolicy.none()).build();
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
            sim.close();
        }
    }

    /** A clock the test moves by hand, so that task progress is exact. */
    static final class MutableClock extends Clock {
        private final AtomicReference<Instant> now;

        MutableClock(Instant start) {
            now = new AtomicReference<>(start);
        }

        void advance(Duration d) {
            now.updateAndGet(i -> i.plus(d));
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    private static byte[] fetch(String url, String range, int expectedStatus) throws IOException {
        HttpURLConnection c = (HttpURLConnection) new URL(url).openConnection();
        if (range != null) {
            c.setRequestProperty("Range", range);
        }
        assertThat(c.getResponseCode()).isEqualTo(expectedStatus);
        try (InputStream in = expectedStatus < 400 ? c.getInputStream() : c.getErrorStream()) {
            return in.readAllBytes();
        }
    }

    @ParameterizedTest
    @EnumSource(ResponseStyle.class)
    void movesATaskThroughGrowingFramesToCompletion(ResponseStyle style) throws Exception {
        start(style);
        TaskId id = client.generateVideo(GenerateVideoRequest.builder().question("What is a Fourier series?")
                .quality(Quality.HIGH).build());

        TaskStatus start = client.getStatus(id);
        clock.advance(Duration.ofSeconds(25));
        TaskStatus middle = client.getStatus(id);
        clock.advance(Duration.ofSeconds(40));
        TaskStatus done = client.getStatus(id);

        assertThat(start.state()).isEqualTo(TaskState.IN_PROGRESS);
        assertThat(start.frames()).isEmpty();
        assertThat(middle.state()).isEqualTo(TaskState.IN_PROGRESS);
        assertThat(middle.frames()).extracting(f -> f.id()).containsExactly(
                style == ResponseStyle.REAL_SERVER ? new String[] {"1", "2"} : new String[] {"frame1", "frame2"});
        assertThat(done.isCompleted()).isTrue();
        assertThat(done.frames()).hasSize(5);
        assertThat(done.creditsConsumed()).isEqualByComparingTo("10");
        assertThat(done.title()).contains("What is a Fourier series?");
        assertThat(done.finishAt()).isPresent();
        assertThat(sim.findTask(id).get().quality()).isEqualTo(Quality.HIGH);

        byte[] mp4 = fetch(done.videoUrl().get(), null, 200);
        assertThat(new String(mp4, 4, 4, StandardCharsets.US_ASCII)).isEqualTo("ftyp");
        byte[] png = fetch(done.frames().get(0).imageUrl(), null, 200);
        assertThat(Arrays.copyOf(png, 4)).containsExactly(0x89, 'P', 'N', 'G');
    }

    @Test
    void servesRangesOfTheVideo() throws Exception {
        start(ResponseStyle.REAL_SERVER);
        TaskId id = client.generateVideo(GenerateVideoRequest.ofQuestion("q"));
        sim.completeTask(id);
        String url = client.getStatus(id).videoUrl().get();
        byte[] whole = fetch(url, null, 200);

        byte[] tail = fetch(url, "bytes=100-", 206);
        byte[] middle = fetch(url, "bytes=10-19", 206);

        assertThat(tail).containsExactly(Arrays.copyOfRange(whole, 100, whole.length));
        assertThat(middle).containsExactly(Arrays.copyOfRange(whole, 10, 20));
        fetch(url, "bytes=" + whole.length + "-", 416);
    }

    @Test
    void padsALargeVideoIntoAValidMp4OfTheSizeAsked() throws Exception {
        try (ScenextSimulator big = ScenextSimulator.builder().videoSize(5_000_000).taskDuration(Duration.ZERO).start();
             ScenextClient c = big.newClient().build()) {
            TaskId id = c.generateVideo(GenerateVideoRequest.ofQuestion("q"));
            byte[] video = fetch(c.getStatus(id).videoUrl().get(), null, 200);
            assertThat(video).hasSize(5_000_000);
            int free = Media.sampleVideoSize();
            assertThat(new String(video, free + 4, 4, StandardCharsets.US_ASCII)).isEqualTo("free");
        }
    }

    @Test
    void documentedExpiredAndRevokedUrlsRespond403AndFreshStatusesCarryNewOnes() throws Exception {
        start(ResponseStyle.DOCUMENTED);
        TaskId id = client.generateVideo(GenerateVideoRequest.ofQuestion("q"));
        sim.completeTask(id);
        String first = client.getStatus(id).videoUrl().get();

        sim.expireUrls();
        assertThat(new String(fetch(first, null, 403), StandardCharsets.UTF_8)).contains("AccessDenied");
        String fresh = client.getStatus(id).videoUrl().get();
        fetch(fresh, null, 200);

        clock.advance(Duration.ofMinutes(11));
        fetch(fresh, null, 403);
    }

    @Test
    void theRealServerGivesBackTheSameStoredUrlsWhichExpire() throws Exception {
        start(ResponseStyle.REAL_SERVER);
        TaskId id = client.generateVideo(GenerateVideoRequest.ofQuestion("q"));
        clock.advance(Duration.ofSeconds(30));
        String frame = client.getStatus(id).frames().get(0).imageUrl();
        clock.advance(Duration.ofSeconds(30));
        TaskStatus done = client.getStatus(id);
        String video = done.videoUrl().get();

        assertThat(done.frames().get(0).imageUrl()).isEqualTo(frame);
        // Frame 1 appeared at 10 s, the video at 60 s: each URL expires 10 minutes after its file was made.
        assertThat(frame).contains("Expires=" + Instant.parse("2026-01-01T00:10:10Z").getEpochSecond());
        assertThat(video).contains("Expires=" + Instant.parse("2026-01-01T00:11:00Z").getEpochSecond());
        fetch(video, null, 200);
        clock.advance(Duration.ofMinutes(10).plusSeconds(1));
        assertThat(client.getStatus(id).videoUrl()).contains(video);
        fetch(video, null, 403);

        sim.expireUrls();
        assertThat(client.getStatus(id).frames().get(0).imageUrl()).isEqualTo(frame);
    }

    @ParameterizedTest
    @EnumSource(ResponseStyle.class)
    void failsATaskAsScripted(ResponseStyle style) {
        start(style);
        sim.failNextTask("The question could not be understood");
        TaskId id = client.generateVideo(GenerateVideoRequest.ofQuestion("???"));
        clock.advance(Duration.ofMinutes(2));

        TaskStatus status = client.getStatus(id);

        assertThat(status.isFailed()).isTrue();
        assertThat(status.failureMessage()).contains("The question could not be understood");
        assertThat(status.creditsConsumed()).isEqualByComparingTo("0");
    }

    @ParameterizedTest
    @EnumSource(ResponseStyle.class)
    void aWrongKeyGetsTheDocumented401InBothStyles(ResponseStyle style) {
        start(style);
        try (ScenextClient wrongKey = ScenextClient.builder().apiKey("sk-wrong-key").baseUrl(sim.baseUrl()).build()) {
            assertThatThrownBy(() -> wrongKey.generateVideo(GenerateVideoRequest.ofQuestion("q")))
                    .isInstanceOf(AuthenticationException.class)
                    .satisfies(e -> assertThat(((AuthenticationException) e).statusCode()).hasValue(401))
                    .satisfies(e -> assertThat(((AuthenticationException) e).serviceMessage())
                            .contains("Unauthorized: Invalid API key"));
        }
        assertThat(sim.tasks()).isEmpty();
    }

    @Test
    void documentedResponsesToBadKeysBadRequestsAndUnknownTasks() {
        start(ResponseStyle.DOCUMENTED);
        try (ScenextClient wrongKey = ScenextClient.builder().apiKey("sk-wrong-key").baseUrl(sim.baseUrl()).build()) {
            assertThatThrownBy(() -> wrongKey.getStatus("x")).isInstanceOf(AuthenticationException.class)
                    .satisfies(e -> assertThat(((AuthenticationException) e).serviceMessage())
                            .contains("Unauthorized: Invalid API key"));
        }
        assertThatThrownBy(() -> client.getStatus("no-such-task")).isInstanceOf(TaskNotFoundException.class)
                .satisfies(e -> assertThat(((TaskNotFoundException) e).statusCode()).hasValue(500));
        assertThat(sim.tasks()).isEmpty();
    }

    @Test
    void documentedValidationOfTaskCreation() throws Exception {
        start(ResponseStyle.DOCUMENTED);
        HttpURLConnection c = (HttpURLConnection) sim.baseUrl().resolve("api/gen_video").toURL().openConnection();
        c.setRequestMethod("POST");
        c.setDoOutput(true);
        c.setRequestProperty("Authorization", "Bearer " + sim.apiKey());
        c.getOutputStream().write("{\"question\":\"\",\"quality\":\"m\"}".getBytes(StandardCharsets.UTF_8));

        assertThat(c.getResponseCode()).isEqualTo(400);
        assertThat(new String(c.getErrorStream().readAllBytes(), StandardCharsets.UTF_8))
                .isEqualTo("{\"status\":\"error\",\"data\":{\"messages\":\"Invalid request: question or questionImages is required\"}}");
    }

    @Test
    void recordsWhatItReceivedIncludingImagesAndEncodedIds() {
        start(ResponseStyle.DOCUMENTED);
        client.generateVideo(GenerateVideoRequest.builder().addQuestionImage(Image.url("https://example.com/q.png"))
                .notifyUrl("https://example.com/hook").build());
        assertThatThrownBy(() -> client.getStatus("../a b")).isInstanceOf(TaskNotFoundException.class);

        assertThat(sim.tasks()).singleElement().satisfies(t -> {
            assertThat(t.questionImages()).containsExactly("https://example.com/q.png");
            assertThat(t.notifyUrl().get().toString()).isEqualTo("https://example.com/hook");
        });
        assertThat(sim.requests(Endpoint.GET_STATUS)).singleElement()
                .satisfies(r -> assertThat(r.rawPath()).isEqualTo("/api/get_status/..%2Fa%20b"));
        assertThat(sim.requests(Endpoint.GEN_VIDEO).get(0).headers().firstValue("Authorization"))
                .contains("Bearer " + sim.apiKey());
    }

    @ParameterizedTest
    @EnumSource(ResponseStyle.class)
    void playsInjectedFaultsInOrderThenRespondsNormally(ResponseStyle style) {
        start(style);
        TaskId id = client.generateVideo(GenerateVideoRequest.ofQuestion("q"));
        sim.inject(Endpoint.GET_STATUS, Fault.serviceUnavailable(), 1);
        sim.inject(Endpoint.GET_STATUS, Fault.rateLimited(Duration.ofSeconds(3)), 1);
        sim.inject(Endpoint.GET_STATUS, Fault.disconnect(), 1);
        sim.inject(Endpoint.GET_STATUS, Fault.malformedBody(), 1);

        assertThatThrownBy(() -> client.getStatus(id)).isInstanceOf(ServerException.class);
        assertThatThrownBy(() -> client.getStatus(id)).isInstanceOf(RateLimitException.class)
                .satisfies(e -> assertThat(((RateLimitException) e).retryAfter()).contains(Duration.ofSeconds(3)));
        assertThatThrownBy(() -> client.getStatus(id)).isInstanceOf(TransportException.class);
        assertThatThrownBy(() -> client.getStatus(id)).isInstanceOf(ProtocolException.class);
        assertThat(client.getStatus(id).state()).isEqualTo(TaskState.IN_PROGRESS);
    }

    @ParameterizedTest
    @EnumSource(ResponseStyle.class)
    void aDisconnectAfterTaskCreationStillCreatesTheTask(ResponseStyle style) {
        start(style);
        sim.inject(Endpoint.GEN_VIDEO, Fault.disconnect(), 1);

        assertThatThrownBy(() -> client.generateVideo(GenerateVideoRequest.ofQuestion("q")))
                .isInstanceOf(TransportException.class)
                .satisfies(e -> assertThat(((TransportException) e).requestMayHaveBeenSent()).isTrue());

        assertThat(sim.tasks()).hasSize(1);
        assertThat(sim.requests(Endpoint.GEN_VIDEO)).hasSize(1);
    }

    @Test
    void rejectsWrongValuesInTheBodyLikeTheService() {
        start(ResponseStyle.REAL_SERVER);
        assertThatThrownBy(() -> client.generateVideo(GenerateVideoRequest.builder().question("q").quality("x").build()))
                .isInstanceOf(InvalidValueException.class);
        assertThat(sim.requests()).isEmpty();
    }
}
