package cn.scenext.core.download;

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
import cn.scenext.core.testing.DownloadEnv;
import cn.scenext.core.testing.ScriptedServer;
import cn.scenext.testsupport.server.MockResponse;
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

    private DownloadEnv env;
    private ScriptedServer api;
    private ScenextClient client;

    @BeforeEach
    void start() {
        env = new DownloadEnv("download-limits-test-timer");
        api = env.api();
        client = env.client(b -> b.retryPolicy(RetryPolicy.none()));
    }

    @AfterEach
    void stop() {
        env.close();
    }

    private TaskStatus completedWithVideoAt(String path) {
        return TaskStatus.builder().taskId(ID).state(TaskState.COMPLETED)
                .addResult(ResultItem.of("video", api.baseUrl() + path)).build();
    }

    private void serve(String path, byte[] body) {
        api.script(path, MockResponse.status(200).withBody(body));
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
        assertThat(api.gets("/files/v.mp4")).singleElement()
                .satisfies(r -> assertThat(r.header("Authorization")).isNull());
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
        api.script("/files/chunked.mp4", MockResponse.status(200).withBody(body).withChunks(50_000));
        DownloadOptions options = DownloadOptions.builder().maxBytes(100_000).build();

        assertThatThrownBy(() -> client.download(completedWithVideoAt("/files/chunked.mp4"), dir.resolve("v.mp4"),
                options)).isInstanceOfSatisfying(DownloadException.class,
                        e -> assertThat(e.reason()).isEqualTo(DownloadException.Reason.TOO_LARGE));
        assertThat(filesInDir()).isZero();
    }

    @Test
    void aTransferSlowerThanTheMinimumSpeedFailsAsStalledAndLeavesNoTemporaryFile() throws IOException {
        // 40 bytes over 4 s, in 20 chunks: 10 bytes/s, far below 1 KiB/s over a 300 ms window.
        api.script("/files/slow.mp4", MockResponse.status(200).withBody(new byte[40]).withChunks(2)
                .withThrottle(2, Duration.ofMillis(200)));
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
