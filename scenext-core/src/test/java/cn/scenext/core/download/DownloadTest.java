package cn.scenext.core.download;

import static cn.scenext.core.testing.Fixtures.completedAt;
import static cn.scenext.core.testing.Fixtures.read;
import static cn.scenext.core.testing.ScriptedServer.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.scenext.api.ResultItem;
import cn.scenext.api.TaskId;
import cn.scenext.api.TaskState;
import cn.scenext.api.TaskStatus;
import cn.scenext.api.exception.DownloadException;
import cn.scenext.api.exception.TaskFailedException;
import cn.scenext.core.ScenextClient;
import cn.scenext.core.testing.DownloadEnv;
import cn.scenext.core.testing.FileServer;
import cn.scenext.core.testing.Fixtures;
import cn.scenext.core.testing.RequestLog;
import cn.scenext.core.testing.ScriptedServer;
import cn.scenext.testsupport.server.MockResponse;
import cn.scenext.testsupport.server.RecordedRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Downloads from a loopback object store (the shared MockServer, or a cutting FileServer), with the API on another
 * origin.
 */
class DownloadTest {
    private static final TaskId ID = TaskId.of("12345");
    private static final String STATUS_PATH = "/api/get_status/12345";
    private static final String OLD_SIGNATURE = "CZRkEsLpWctM9MS3v7IbpRvMcKI%3D";
    private static final byte[] VIDEO = bytes(300_000, 1);

    @TempDir
    Path dir;

    private DownloadEnv env;
    private ScriptedServer api;
    private ScriptedServer store;
    private RequestLog log;
    private ScenextClient client;

    @BeforeEach
    void start() {
        env = new DownloadEnv("download-test-timer");
        api = env.api();
        store = env.store();
        log = new RequestLog(env.scheduler());
        client = client(Fixtures.BEFORE_EXPIRY);
    }

    @AfterEach
    void stop() {
        env.close();
    }

    private ScenextClient client(Clock clock) {
        return env.client(b -> b.clock(clock).addInterceptor(log));
    }

    private static byte[] bytes(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    private void storeServesTheVideo() {
        store.on(r -> r.path().startsWith("/Video/"), MockResponse.status(200).withBody(VIDEO));
    }

    private TaskStatus completedStatus() {
        api.script(STATUS_PATH, ok(completedAt(store.baseUrl())));
        return client.getStatus(ID);
    }

    private List<RecordedRequest> storeRequests() {
        return store.requests();
    }

    private List<String> filesIn(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    private static TaskStatus completedWithVideoAt(String url) {
        return TaskStatus.builder().taskId(ID).state(TaskState.COMPLETED).addResult(ResultItem.of("video", url))
                .build();
    }

    @Test
    void savesTheVideoWithoutSendingTheApiKeyToTheStore() throws IOException {
        storeServesTheVideo();
        TaskStatus status = completedStatus();

        Path saved = client.download(status, dir.resolve("fourier.mp4"));

        assertThat(saved).hasBinaryContent(VIDEO);
        assertThat(filesIn(dir)).containsExactly("fourier.mp4");
        assertThat(storeRequests()).hasSize(1).allSatisfy(r -> assertThat(r.header("Authorization")).isNull());
        assertThat(api.gets(STATUS_PATH)).allSatisfy(r -> assertThat(r.header("Authorization"))
                .isEqualTo("Bearer test-key-123"));
        assertThat(log.of("download")).hasSize(1);
    }

    @Test
    void savesIntoAFolderUnderTheNameInTheUrl() {
        storeServesTheVideo();

        Path saved = client.download(completedStatus(), dir);

        assertThat(saved.getFileName().toString()).isEqualTo("Manimed6e7bae-cb5d-4e75-a6ae-b4beced80c92.mp4");
        assertThat(saved).hasBinaryContent(VIDEO);
    }

    @Test
    void downloadsByTaskIdReadingTheStatusFirst() {
        storeServesTheVideo();
        api.script(STATUS_PATH, ok(completedAt(store.baseUrl())));

        Path saved = client.download(ID, dir.resolve("v.mp4"));

        assertThat(saved).hasBinaryContent(VIDEO);
    }

    @Test
    void doesNotReplaceAnExistingFileUnlessTold() throws IOException {
        storeServesTheVideo();
        TaskStatus status = completedStatus();
        Path target = Files.write(dir.resolve("v.mp4"), new byte[] {1, 2, 3});

        assertThatThrownBy(() -> client.download(status, target)).isInstanceOf(DownloadException.class)
                .satisfies(e -> assertThat(((DownloadException) e).reason())
                        .isEqualTo(DownloadException.Reason.TARGET_EXISTS));
        assertThat(target).hasBinaryContent(new byte[] {1, 2, 3});
        assertThat(storeRequests()).isEmpty();

        client.download(status, target, DownloadOptions.builder().overwrite(OverwritePolicy.REPLACE).build());
        assertThat(target).hasBinaryContent(VIDEO);
        assertThat(filesIn(dir)).containsExactly("v.mp4");
    }

    @Test
    void refreshesAUrlTheStoreRefusesAsExpired() {
        String fresh = completedAt(store.baseUrl()).replace(OLD_SIGNATURE, "FRESH");
        api.script(STATUS_PATH, ok(completedAt(store.baseUrl())), ok(fresh));
        store.on(r -> r.path().startsWith("/Video/")
                && "CZRkEsLpWctM9MS3v7IbpRvMcKI=".equals(r.queryParameter("Signature")), MockResponse.status(403)
                .withBody("<Error><Code>AccessDenied</Code><Message>Request has expired.</Message></Error>"));
        store.on(r -> r.path().startsWith("/Video/") && "FRESH".equals(r.queryParameter("Signature")),
                MockResponse.status(200).withBody(VIDEO));
        TaskStatus status = client.getStatus(ID);

        Path saved = client.download(status, dir.resolve("v.mp4"));

        assertThat(saved).hasBinaryContent(VIDEO);
        assertThat(api.gets(STATUS_PATH)).hasSize(2);
        assertThat(storeRequests()).extracting(r -> r.queryParameter("Signature"))
                .containsExactly("CZRkEsLpWctM9MS3v7IbpRvMcKI=", "FRESH");
    }

    @Test
    void anExpiredUrlIsRefreshedWithoutTouchingTheStaleOne() {
        client = client(Fixtures.AFTER_EXPIRY);
        String fresh = completedAt(store.baseUrl()).replace("Expires=1749288010", "Expires=4102444800");
        api.script(STATUS_PATH, ok(completedAt(store.baseUrl())), ok(fresh));
        storeServesTheVideo();
        TaskStatus stale = client.getStatus(ID);

        client.download(stale, dir.resolve("v.mp4"));

        assertThat(storeRequests()).extracting(r -> r.queryParameter("Expires"))
                .containsExactly("4102444800");
        assertThat(api.gets(STATUS_PATH)).hasSize(2);
    }

    @Test
    void storeRefusingEvenFreshUrlsFailsWithoutAPartialFile() throws IOException {
        String completed = completedAt(store.baseUrl());
        api.script(STATUS_PATH, ok(completed), ok(completed.replace(OLD_SIGNATURE, "FRESH1")),
                ok(completed.replace(OLD_SIGNATURE, "FRESH2")), ok(completed.replace(OLD_SIGNATURE, "FRESH3")));
        store.on(r -> r.path().startsWith("/Video/"), MockResponse.status(403));

        assertThatThrownBy(() -> client.download(ID, dir.resolve("v.mp4"), DownloadOptions.defaults()))
                .isInstanceOf(DownloadException.class)
                .hasMessageContaining("each of the 4 different signed URLs tried (3 of them from fresh statuses")
                .satisfies(e -> assertThat(((DownloadException) e).reason())
                        .isEqualTo(DownloadException.Reason.URL_EXPIRED))
                .satisfies(e -> assertThat(((DownloadException) e).statusCode()).hasValue(403));
        assertThat(storeRequests()).hasSize(4);
        assertThat(filesIn(dir)).isEmpty();
    }

    @Test
    void theSameRefusedUrlFromAFreshStatusIsTriedOnceMoreThenStops() throws IOException {
        api.script(STATUS_PATH, ok(completedAt(store.baseUrl())));
        store.on(r -> r.path().startsWith("/Video/"), MockResponse.status(403)
                .withBody("<Error><Code>AccessDenied</Code><Message>Request has expired.</Message></Error>"));

        assertThatThrownBy(() -> client.download(ID, dir.resolve("v.mp4"), DownloadOptions.defaults()))
                .isInstanceOf(DownloadException.class)
                .hasMessageContaining("the object store refused its signed URL (Expires 2025-06-07T09:20:10Z) with "
                        + "HTTP 403, and a fresh status from the service returned the same expired URL")
                .hasMessageContaining("Download a task's files promptly after it completes")
                .hasMessageNotContaining("Signature")
                .satisfies(e -> assertThat(((DownloadException) e).reason())
                        .isEqualTo(DownloadException.Reason.SAME_EXPIRED_URL))
                .satisfies(e -> assertThat(((DownloadException) e).statusCode()).hasValue(403));
        // Not past its Expires by this clock, so tried once more (a passing 403?); then no more statuses are read.
        assertThat(storeRequests()).hasSize(2);
        assertThat(api.gets(STATUS_PATH)).hasSize(2); // the download's own read, and one fresh status
        assertThat(filesIn(dir)).isEmpty();
    }

    @Test
    void theSameUrlPastItsExpiryStopsWithoutAskingTheStore() throws IOException {
        client = client(Fixtures.AFTER_EXPIRY);
        api.script(STATUS_PATH, ok(completedAt(store.baseUrl())));
        storeServesTheVideo();

        assertThatThrownBy(() -> client.download(ID, dir.resolve("v.mp4"), DownloadOptions.defaults()))
                .isInstanceOf(DownloadException.class)
                .hasMessageContaining("its signed URL expired (Expires 2025-06-07T09:20:10Z) by this machine's clock")
                .satisfies(e -> assertThat(((DownloadException) e).reason())
                        .isEqualTo(DownloadException.Reason.SAME_EXPIRED_URL))
                .satisfies(e -> assertThat(((DownloadException) e).statusCode()).isEmpty());
        assertThat(storeRequests()).isEmpty();
        assertThat(filesIn(dir)).isEmpty();
    }

    @Test
    void theSameUrlCloseToItsExpiryIsTriedOnce() {
        // 15 s before Expires: inside the 30 s margin, so the download asks for a fresh status first.
        client = client(Clock.fixed(java.time.Instant.parse("2025-06-07T09:19:55Z"), java.time.ZoneOffset.UTC));
        api.script(STATUS_PATH, ok(completedAt(store.baseUrl())));
        storeServesTheVideo();

        Path saved = client.download(ID, dir.resolve("v.mp4"), DownloadOptions.defaults());

        assertThat(saved).hasBinaryContent(VIDEO);
        assertThat(storeRequests()).hasSize(1);
        assertThat(api.gets(STATUS_PATH)).hasSize(2);
    }

    @Test
    void resumesACutTransferWithRange() {
        try (FileServer files = new FileServer(VIDEO).cut(1, 100_000)) {
            TaskStatus status = completedWithVideoAt(files.url("/v.mp4?Expires=4102444800&Signature=s"));

            Path saved = client.download(status, dir.resolve("v.mp4"));

            assertThat(saved).hasBinaryContent(VIDEO);
            assertThat(files.ranges()).hasSize(2).first().isEqualTo("none");
            assertThat(files.ranges().get(1)).matches("bytes=\\d+-");
            assertThat(Long.parseLong(files.ranges().get(1).replaceAll("\\D", ""))).isPositive();
            assertThat(files.authorizations()).containsOnly("none");
        }
    }

    @Test
    void startsOverWhenTheServerIgnoresRange() {
        try (FileServer files = new FileServer(VIDEO).cut(1, 100_000).ignoringRange()) {
            TaskStatus status = completedWithVideoAt(files.url("/v.mp4"));
            List<Long> progress = new ArrayList<>();

            Path saved = client.download(status, dir.resolve("v.mp4"), DownloadOptions.builder()
                    .progressListener((done, total) -> progress.add(done)).build());

            assertThat(saved).hasBinaryContent(VIDEO);
            assertThat(files.ranges()).hasSize(2);
            assertThat(progress).contains(0L).last().isEqualTo((long) VIDEO.length);
        }
    }

    @Test
    void aTransferThatNeverCompletesFailsAndLeavesNoFileBehind() throws IOException {
        try (FileServer files = new FileServer(VIDEO).cut(100, 50_000).ignoringRange()) {
            TaskStatus status = completedWithVideoAt(files.url("/v.mp4"));

            assertThatThrownBy(() -> client.download(status, dir.resolve("v.mp4"),
                    DownloadOptions.builder().maxResumes(2).build()))
                    .isInstanceOf(DownloadException.class)
                    .satisfies(e -> assertThat(((DownloadException) e).reason())
                            .isEqualTo(DownloadException.Reason.INCOMPLETE));
            assertThat(files.ranges()).hasSize(3);
            assertThat(filesIn(dir)).isEmpty();
        }
    }

    @Test
    void reportsProgressUpToTheAnnouncedTotal() {
        storeServesTheVideo();
        List<long[]> seen = new ArrayList<>();

        client.download(completedStatus(), dir.resolve("v.mp4"), DownloadOptions.builder()
                .progressListener((done, total) -> seen.add(new long[] {done, total.orElse(-1)})).build());

        assertThat(seen).isNotEmpty().allSatisfy(p -> assertThat(p[1]).isEqualTo(VIDEO.length));
        assertThat(seen.get(seen.size() - 1)[0]).isEqualTo(VIDEO.length);
        for (int i = 1; i < seen.size(); i++) {
            assertThat(seen.get(i)[0]).isGreaterThanOrEqualTo(seen.get(i - 1)[0]);
        }
    }

    @Test
    void writesTheVideoToAStream() {
        storeServesTheVideo();
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        long n = client.download(completedStatus(), out, DownloadOptions.defaults());

        assertThat(n).isEqualTo(VIDEO.length);
        assertThat(out.toByteArray()).isEqualTo(VIDEO);
    }

    @Test
    void aStreamCannotStartOverOnceBytesWentOut() {
        try (FileServer files = new FileServer(VIDEO).cut(1, 100_000).ignoringRange()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();

            assertThatThrownBy(() -> client.download(completedWithVideoAt(files.url("/v.mp4")), out,
                    DownloadOptions.defaults()))
                    .isInstanceOf(DownloadException.class)
                    .satisfies(e -> assertThat(((DownloadException) e).reason())
                            .isEqualTo(DownloadException.Reason.CANNOT_RESUME));
        }
    }

    @Test
    void downloadsAStoryboardFrame() {
        byte[] png = bytes(5_000, 2);
        store.on(r -> r.path().matches("/frame_img/.*/frame1\\.png"), MockResponse.status(200).withBody(png));
        api.script(STATUS_PATH, ok(read("get_status-in_progress.json").replace(Fixtures.FIXTURE_STORE,
                store.baseUrl())));
        TaskStatus status = client.getStatus(ID);

        Path saved = client.downloadFrame(status, status.frames().get(0), dir, DownloadOptions.defaults());
        Path byId = client.downloadFrame(ID, "frame1", dir.resolve("f1.png"), DownloadOptions.defaults());

        assertThat(saved.getFileName().toString()).isEqualTo("frame1.png");
        assertThat(saved).hasBinaryContent(png);
        assertThat(byId).hasBinaryContent(png);
    }

    @Test
    void followsRedirectsAndDropsCredentialsOnceOffTheApiOrigin() {
        api.script("/files/v.mp4", MockResponse.status(302).withHeader("Location", store.baseUrl() + "/Video/v.mp4"));
        store.script("/Video/v.mp4",
                MockResponse.status(307).withHeader("Location", api.baseUrl() + "/files/final.mp4"));
        api.script("/files/final.mp4", MockResponse.status(200).withBody(VIDEO));

        Path saved = client.download(completedWithVideoAt(api.baseUrl() + "/files/v.mp4"), dir.resolve("v.mp4"));

        assertThat(saved).hasBinaryContent(VIDEO);
        assertThat(storeRequests()).singleElement().satisfies(r -> assertThat(r.header("Authorization"))
                .isNull());
        assertThat(api.gets("/files/final.mp4"))
                .singleElement().satisfies(r -> assertThat(r.header("Authorization")).isNull());
    }

    @Test
    void tooManyRedirectsFail() {
        store.script("/loop", MockResponse.status(302).withHeader("Location", "/loop"));

        assertThatThrownBy(() -> client.download(completedWithVideoAt(store.baseUrl() + "/loop"),
                dir.resolve("v.mp4"), DownloadOptions.builder().maxRedirects(3).build()))
                .isInstanceOf(DownloadException.class)
                .satisfies(e -> assertThat(((DownloadException) e).reason())
                        .isEqualTo(DownloadException.Reason.BAD_REDIRECT));
        assertThat(storeRequests()).hasSize(4);
    }

    @Test
    void retriesATransientStoreErrorThenSucceeds() {
        store.script("/v.mp4", MockResponse.status(503), MockResponse.status(200).withBody(VIDEO));

        Path saved = client.download(completedWithVideoAt(store.baseUrl() + "/v.mp4"), dir.resolve("v.mp4"));

        assertThat(saved).hasBinaryContent(VIDEO);
        assertThat(storeRequests()).hasSize(2);
    }

    @Test
    void aStoreErrorIsTypedWithItsStatusAndLeavesNoFile() throws IOException {
        store.script("/gone.mp4", MockResponse.status(404).withBody("<Error><Code>NoSuchKey</Code></Error>"));

        assertThatThrownBy(() -> client.download(completedWithVideoAt(store.baseUrl() + "/gone.mp4"),
                dir.resolve("v.mp4")))
                .isInstanceOf(DownloadException.class)
                .hasMessageNotContaining("Signature")
                .satisfies(e -> assertThat(((DownloadException) e).reason())
                        .isEqualTo(DownloadException.Reason.HTTP_ERROR))
                .satisfies(e -> assertThat(((DownloadException) e).statusCode()).hasValue(404))
                .satisfies(e -> assertThat(((DownloadException) e).bodySnippet()).hasValueSatisfying(
                        s -> assertThat(s).contains("NoSuchKey")));
        assertThat(filesIn(dir)).isEmpty();
    }

    @Test
    void aTaskWithoutAVideoIsRefused() {
        TaskStatus running = TaskStatus.builder().taskId(ID).state(TaskState.IN_PROGRESS).build();
        api.script(STATUS_PATH, ok(read("get_status-failed.json")));

        assertThatThrownBy(() -> client.download(running, dir.resolve("v.mp4")))
                .isInstanceOf(DownloadException.class).hasMessageContaining("IN_PROGRESS")
                .satisfies(e -> assertThat(((DownloadException) e).reason())
                        .isEqualTo(DownloadException.Reason.NO_FILE));
        assertThatThrownBy(() -> client.download(ID, dir.resolve("v.mp4")))
                .isInstanceOf(TaskFailedException.class);
    }

    @Test
    void aBodyShorterThanItsContentLengthIsResumed() {
        ShortBodyTransport shortBody = new ShortBodyTransport(VIDEO, 120_000);
        try (ScenextClient c = ScenextClient.builder().apiKey("test-key-123").baseUrl(api.baseUrl())
                .transport(shortBody).scheduler(env.scheduler()).build()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();

            long n = c.download(completedWithVideoAt("http://store.invalid/v.mp4"), out, DownloadOptions.defaults());

            assertThat(n).isEqualTo(VIDEO.length);
            assertThat(out.toByteArray()).isEqualTo(VIDEO);
            assertThat(shortBody.ranges()).containsExactly("none", "bytes=120000-", "bytes=240000-");
        }
    }

    static Stream<Throwable> listenerFailures() {
        return Stream.of(new IllegalStateException("listener bug"), new AssertionError("listener assertion"),
                new StackOverflowError("deep listener"));
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("listenerFailures")
    void aThrowingProgressListenerStopsTheDownloadAndLeavesNothing(Throwable failure) throws IOException {
        storeServesTheVideo();
        TaskStatus status = completedStatus();
        List<Long> calls = new ArrayList<>();

        assertThatThrownBy(() -> client.download(status, dir.resolve("v.mp4"), DownloadOptions.builder()
                .progressListener((done, total) -> {
                    calls.add(done);
                    if (done > 0) {
                        sneakyThrow(failure);
                    }
                }).build()))
                .isInstanceOf(DownloadException.class)
                .hasCause(failure)
                .hasMessageContaining("progress listener")
                .satisfies(e -> assertThat(((DownloadException) e).reason())
                        .isEqualTo(DownloadException.Reason.LISTENER_FAILED));
        assertThat(calls).hasSize(2); // the first chunk's call threw: nothing more was read or reported
        assertThat(filesIn(dir)).isEmpty();
    }

    @Test
    void anOutOfMemoryErrorInTheListenerPassesThroughAndLeavesNothing() throws IOException {
        storeServesTheVideo();
        TaskStatus status = completedStatus();
        OutOfMemoryError oom = new OutOfMemoryError("simulated");

        assertThatThrownBy(() -> client.download(status, dir.resolve("v.mp4"), DownloadOptions.builder()
                .progressListener((done, total) -> {
                    throw oom;
                }).build())).isSameAs(oom);
        assertThat(filesIn(dir)).isEmpty();
    }

    @Test
    void aThrowingProgressListenerStopsAStreamDownloadToo() {
        storeServesTheVideo();
        TaskStatus status = completedStatus();
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        assertThatThrownBy(() -> client.download(status, out, DownloadOptions.builder()
                .progressListener((done, total) -> {
                    throw new IllegalStateException("listener bug");
                }).build()))
                .isInstanceOf(DownloadException.class)
                .satisfies(e -> assertThat(((DownloadException) e).reason())
                        .isEqualTo(DownloadException.Reason.LISTENER_FAILED));
        assertThat(out.size()).isZero();
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> void sneakyThrow(Throwable t) throws T {
        throw (T) t;
    }

    @Test
    void aDanglingSymbolicLinkAtTheTargetIsRefusedBeforeDownloading() throws IOException {
        storeServesTheVideo();
        TaskStatus status = completedStatus();
        Path link = Files.createSymbolicLink(dir.resolve("v.mp4"), dir.resolve("missing/nowhere.mp4"));

        for (OverwritePolicy policy : OverwritePolicy.values()) {
            assertThatThrownBy(() -> client.download(status, link, DownloadOptions.builder().overwrite(policy).build()))
                    .isInstanceOf(DownloadException.class)
                    .hasMessageContaining("symbolic link to " + dir.resolve("missing/nowhere.mp4"))
                    .satisfies(e -> assertThat(((DownloadException) e).reason())
                            .isEqualTo(DownloadException.Reason.BAD_TARGET));
        }
        assertThat(storeRequests()).isEmpty();
        assertThat(filesIn(dir)).containsExactly("v.mp4");
        assertThat(Files.isSymbolicLink(link)).isTrue();
    }

    @Test
    void optionsAreCheckedAndDescribed() {
        assertThatThrownBy(() -> DownloadOptions.builder().maxRedirects(-1))
                .isInstanceOf(cn.scenext.api.exception.InvalidValueException.class);
        assertThat(DownloadOptions.defaults().toString()).contains("overwrite=FAIL");
        assertThat(DownloadOptions.defaults().progressListener()).isEmpty();
        assertThat(OptionalLong.empty()).isEmpty();
    }
}
