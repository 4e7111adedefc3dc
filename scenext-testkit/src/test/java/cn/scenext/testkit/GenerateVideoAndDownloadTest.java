package cn.scenext.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import cn.scenext.api.GenerateVideoRequest;
import cn.scenext.api.exception.DownloadException;
import cn.scenext.core.ScenextClient;
import cn.scenext.core.download.DownloadOptions;
import cn.scenext.core.download.OverwritePolicy;
import cn.scenext.core.poll.PollPolicy;
import cn.scenext.core.poll.WaitOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code ScenextClient.generateVideoAndDownload}: the target is checked before the task is created. */
class GenerateVideoAndDownloadTest {
    @RegisterExtension
    static ScenextSimulatorExtension scenext = ScenextSimulatorExtension.create()
            .simulator(sim -> sim.taskDuration(Duration.ofMillis(300)).framesPerTask(2));

    private static final WaitOptions FAST = WaitOptions.builder()
            .pollPolicy(PollPolicy.fixed(Duration.ofMillis(100)).withFloor(Duration.ofMillis(100))).build();
    private static final GenerateVideoRequest REQUEST = GenerateVideoRequest.ofQuestion("What is 1 + 1?");

    @TempDir
    Path dir;

    @Test
    void createsWaitsAndSaves(ScenextClient client, ScenextSimulator simulator) throws Exception {
        Path saved = client.generateVideoAndDownload(REQUEST, dir.resolve("v.mp4"), FAST, DownloadOptions.defaults());

        assertThat(saved).isEqualTo(dir.resolve("v.mp4"));
        assertThat(Files.size(saved)).isPositive();
        assertThat(simulator.requests(Endpoint.GEN_VIDEO)).hasSize(1);
    }

    @Test
    void refusesAnExistingTargetBeforeCreatingTheTask(ScenextClient client, ScenextSimulator simulator)
            throws Exception {
        Path existing = Files.writeString(dir.resolve("v.mp4"), "keep me");

        DownloadException e = catchThrowableOfType(DownloadException.class,
                () -> client.generateVideoAndDownload(REQUEST, existing, FAST, DownloadOptions.defaults()));

        assertThat(e.reason()).isEqualTo(DownloadException.Reason.TARGET_EXISTS);
        assertThat(simulator.requests()).isEmpty();
        assertThat(Files.readString(existing)).isEqualTo("keep me");
    }

    @Test
    void refusesADanglingLinkOrAnUnwritableDirectoryBeforeCreatingTheTask(ScenextClient client,
            ScenextSimulator simulator) throws Exception {
        Path link = Files.createSymbolicLink(dir.resolve("link.mp4"), dir.resolve("gone.mp4"));
        Path file = Files.writeString(dir.resolve("file"), "x");

        DownloadException dangling = catchThrowableOfType(DownloadException.class,
                () -> client.generateVideoAndDownload(REQUEST, link, FAST, DownloadOptions.defaults()));
        DownloadException underAFile = catchThrowableOfType(DownloadException.class,
                () -> client.generateVideoAndDownload(REQUEST, file.resolve("v.mp4"), FAST,
                        DownloadOptions.builder().overwrite(OverwritePolicy.REPLACE).build()));

        assertThat(dangling.reason()).isEqualTo(DownloadException.Reason.BAD_TARGET);
        assertThat(underAFile.reason()).isEqualTo(DownloadException.Reason.WRITE_FAILED);
        assertThat(simulator.requests()).isEmpty();
    }

    @Test
    void replacesAnExistingTargetWhenToldTo(ScenextClient client) throws Exception {
        Path existing = Files.writeString(dir.resolve("v.mp4"), "old");

        client.generateVideoAndDownload(REQUEST, existing, FAST,
                DownloadOptions.builder().overwrite(OverwritePolicy.REPLACE).build());

        assertThat(Files.size(existing)).isGreaterThan(3);
    }
}
