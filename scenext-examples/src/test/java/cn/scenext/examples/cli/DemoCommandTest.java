package cn.scenext.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The demo: the whole job on the embedded simulator, on each transport. */
class DemoCommandTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"okhttp", "apache", "retrofit", "jdk"})
    void runsTheWholeJobAndPrintsASummary(String transport) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Path video = dir.resolve("demo.mp4");

        int code = new ScenextCli(Map.of(), new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                false).run("--transport", transport, "demo", "--task-duration", "2s", "--out", video.toString());

        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(text).contains("Webhook received and verified").contains("Summary")
                .contains("Frames:     6").contains("Credits:    12").contains("Transport:  " + transport)
                .contains("Video:      " + video).contains("1 repeat ignored");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("frame 6").contains("COMPLETED");
        byte[] bytes = Files.readAllBytes(video);
        assertThat(new String(bytes, 4, 4, StandardCharsets.US_ASCII)).isEqualTo("ftyp");
    }
}
