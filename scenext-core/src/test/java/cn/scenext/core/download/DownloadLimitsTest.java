package cn.scenext.core.download;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.scenext.api.ResultItem;
import cn.scenext.api.TaskId;
import cn.scenext.api.TaskState;
import cn.scenext.api.TaskStatus;
import cn.scenext.api.exception.DownloadException;
import cn.scenext.api.exception.InvalidValueException;
import cn.scenext.core.RetryPolicy;
import cn.scenext.core.ScenextClient;
import cn.scenext.core.schedule.Scheduler;
import cn.scenext.core.testing.LoopbackTransport;
import cn.scenext.core.testing.ScriptedServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bounds of a download: no API key on a signed URL even on the API's own origin, {@code maxBytes}
 * (announced and as the bytes arrive), and the stall limit; a refused download leaves nothing behind.
 */
class DownloadLimitsTest {
    private static final TaskId ID = TaskId.of("12345");

    @TempDir
    Path dir;

    private ScriptedServer api;
    private LoopbackTransport transport;
    private Scheduler scheduler;
    private ScenextClient client;

    @BeforeEach
    void start() {
        api = new ScriptedServer();
        transport = LoopbackTransport.create();
        scheduler = Scheduler.system("download-limits-test-timer");
        client = ScenextClient.builder().apiKey("test-key-123").baseUrl(api.baseUrl()).transport(transport)
                .scheduler(scheduler).retryPolicy(RetryPolicy.none()).build();
    }

    @AfterEach
    void stop() {
        client.close();
        scheduler.close();
        transport.close();
        api.close();
    }

    private TaskStatus completedWithVideoAt(String path) {
        return TaskStatus.builder().taskId(ID).state(TaskState.COMPLETED)
                .addResult(ResultItem.of("video", api.baseUrl() + path)).build();
    }

    private void serve(String path, byte[] body) {
        api.wireMock().stubFor(get(urlPathEqualTo(path)).willReturn(aResponse().withBody(body)));
    }

    private long filesInDir() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }

    @Test
    void aSignedUrlOnTheApisOwnOriginGetsNoApiKey() {
        serve("/files/v.mp4", new byte[] {1, 2, 3});

        Path saved = client.download(completedWithVideoAt("/files/v.mp4?Expires=9999999999&Signature=s"),
                dir.resolve("v.mp4"));

        assertThat(saved).hasBinaryContent(new byte[] {1, 2, 3});
        assertThat(api.wireMock().findAll(getRequestedFor(urlPathEqualTo("/files/v.mp4"))))
                .singleElement().satisfies(r -> assertThat(r.containsHeader("Authorization")).isFalse());
    }

    @Test
    void aFileAnnouncedLargerThanMaxBytesIsRefusedAndNothingIsSaved() throws IOException {
        serve("/files/big.mp4", new byte[2_000]);
        DownloadOptions options = DownloadOptions.builder().maxBytes(1_000).build();

        assertThatThrownBy(() -> client.download(completedWithVideoAt("/files/big.mp4"), dir.resolve("v.mp4"), options))
                .isInstanceOfSatisfying(DownloadException.class,
                        e -> assertThat(e.reason()).isEqualTo(DownloadException.Reason.TOO_LARGE));
        assertThat(filesInDir()).isZero();
    }

    @Test
    void aFileGrowingPastMaxBytesWithoutALengthIsRefusedAndNothingIsSaved() throws IOException {
        byte[] body = new byte[200_000];
        Arrays.fill(body, (byte) 7);
        // Chunked: no Content-Length announces the size, so the limit is met while the bytes arrive.
        api.wireMock().stubFor(get(urlPathEqualTo("/files/chunked.mp4")).willReturn(aResponse().withBody(body)
                .withChunkedDribbleDelay(4, 1)));
        DownloadOptions options = DownloadOptions.builder().maxBytes(100_000).build();

        assertThatThrownBy(() -> client.download(completedWithVideoAt("/files/chunked.mp4"), dir.resolve("v.mp4"),
                options)).isInstanceOfSatisfying(DownloadException.class,
                        e -> assertThat(e.reason()).isEqualTo(DownloadException.Reason.TOO_LARGE));
        assertThat(filesInDir()).isZero();
    }

    @Test
    void aTransferSlowerThanTheMinimumSpeedFailsAsStalledAndLeavesNoTemporaryFile() throws IOException {
        // 40 bytes over 4 s, in 20 chunks: 10 bytes/s, far below 1 KiB/s over a 300 ms window.
        api.wireMock().stubFor(get(urlPathEqualTo("/files/slow.mp4")).willReturn(aResponse().withBody(new byte[40])
                .withChunkedDribbleDelay(20, 4_000)));
        DownloadOptions options = DownloadOptions.builder().minSpeed(1024, Duration.ofMillis(300)).build();

        assertThatThrownBy(() -> client.download(completedWithVideoAt("/files/slow.mp4"), dir.resolve("v.mp4"),
                options)).isInstanceOfSatisfying(DownloadException.class,
                        e -> assertThat(e.reason()).isEqualTo(DownloadException.Reason.STALLED));
        assertThat(filesInDir()).isZero();
    }

    @Test
    void theStallLimitCanBeTurnedOffAndBadLimitsAreRefused() {
        assertThat(DownloadOptions.builder().minSpeed(0, Duration.ofSeconds(1)).build().minBytesPerSecond()).isZero();
        assertThat(DownloadOptions.defaults().minBytesPerSecond()).isEqualTo(1024);
        assertThat(DownloadOptions.defaults().minSpeedWindow()).isEqualTo(Duration.ofSeconds(30));
        assertThat(DownloadOptions.defaults().maxBytes()).isEmpty();
        assertThatThrownBy(() -> DownloadOptions.builder().maxBytes(0)).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> DownloadOptions.builder().minSpeed(-1, Duration.ofSeconds(1)))
                .isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> DownloadOptions.builder().minSpeed(1, Duration.ZERO))
                .isInstanceOf(InvalidValueException.class);
    }
}
