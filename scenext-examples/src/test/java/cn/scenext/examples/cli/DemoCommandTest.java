package cn.scenext.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
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

    @Test
    void listsEachFrameOnceAndRemovesItsTemporaryFolder() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = new ScenextCli(Map.of(), new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                false).run("demo", "--task-duration", "2s");

        String text = out.toString(StandardCharsets.UTF_8);
        String progress = err.toString(StandardCharsets.UTF_8);
        assertThat(code).as(progress).isZero();
        for (int n = 1; n <= 6; n++) {
            String frame = "  frame " + n + " ";
            assertThat(progress.lines().filter(line -> line.startsWith(frame)).count()).as(progress).isEqualTo(1);
        }
        assertThat(progress.lines().filter(line -> line.startsWith("  frame ")).count()).as(progress).isEqualTo(6);
        assertThat(progress.lines().filter(line -> line.startsWith("  frame ")).distinct().count()).isEqualTo(6);
        Matcher video = Pattern.compile("Video: +(.+\\.mp4) \\(").matcher(text);
        assertThat(video.find()).as(text).isTrue();
        Path saved = Paths.get(video.group(1));
        assertThat(saved).doesNotExist();
        assertThat(saved.getParent()).doesNotExist();
        assertThat(text).contains("temporary folder, now removed");
    }

    @Test
    void refusesAnExistingOutBeforeStarting() throws Exception {
        Path existing = Files.writeString(dir.resolve("demo.mp4"), "keep me");
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = new ScenextCli(Map.of(), new ByteArrayInputStream(new byte[0]),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false).run("demo", "--out", existing.toString());

        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--force");
        assertThat(Files.readString(existing)).isEqualTo("keep me");
    }
}
