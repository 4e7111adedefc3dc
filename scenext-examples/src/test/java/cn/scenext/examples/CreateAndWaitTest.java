package cn.scenext.examples;

import static cn.scenext.examples.ExampleTesting.FAST_POLLS;
import static cn.scenext.examples.ExampleTesting.FRAMES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.scenext.api.GenerateVideoRequest;
import cn.scenext.api.TaskId;
import cn.scenext.api.exception.TaskFailedException;
import cn.scenext.core.ScenextClient;
import cn.scenext.testkit.ScenextSimulator;
import cn.scenext.testkit.ScenextSimulatorExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class CreateAndWaitTest {
    @RegisterExtension
    static ScenextSimulatorExtension scenext = ExampleTesting.quickSimulator();

    private static final GenerateVideoRequest QUESTION = GenerateVideoRequest.ofQuestion("What is 1 + 1?");

    @Test
    void reportsEachFrameAndStateThenSavesAnMp4(ScenextClient client, ScenextSimulator simulator,
            @TempDir Path dir) throws IOException {
        ExampleTesting.Console console = new ExampleTesting.Console();

        Path saved = CreateAndWait.run(client, console.out, QUESTION, FAST_POLLS, dir.resolve("video.mp4"));

        TaskId id = simulator.tasks().get(0).id();
        List<String> lines = console.lines();
        assertThat(lines).filteredOn(line -> line.startsWith("  frame ")).hasSize(FRAMES)
                .hasSize(simulator.findTask(id).orElseThrow().frames());
        assertThat(lines).filteredOn(line -> line.startsWith(id + " is "))
                .containsExactly(id + " is IN_PROGRESS", id + " is COMPLETED");
        assertThat(saved).isEqualTo(dir.resolve("video.mp4"));
        assertThat(startsWithFtypBox(Files.readAllBytes(saved))).isTrue();
        assertThat(lines).contains("  saved 100% of " + Files.size(saved) + " bytes", "Saved " + saved);
    }

    @Test
    void replacesAFileAlreadyThere(ScenextClient client, @TempDir Path dir) throws IOException {
        Path target = Files.writeString(dir.resolve("video.mp4"), "an older video");

        CreateAndWait.run(client, new ExampleTesting.Console().out, QUESTION, FAST_POLLS, target);

        assertThat(startsWithFtypBox(Files.readAllBytes(target))).isTrue();
    }

    @Test
    void aFailedTaskRaisesItsReasonAndSavesNothing(ScenextClient client, ScenextSimulator simulator,
            @TempDir Path dir) {
        simulator.failNextTask("The question could not be read");
        ExampleTesting.Console console = new ExampleTesting.Console();

        assertThatThrownBy(() -> CreateAndWait.run(client, console.out, QUESTION, FAST_POLLS, dir.resolve("v.mp4")))
                .isInstanceOf(TaskFailedException.class)
                .hasMessageContaining("The question could not be read");
        TaskId id = simulator.tasks().get(0).id();
        assertThat(console.lines()).contains(id + " is FAILED");
        assertThat(dir).isEmptyDirectory();
    }

    /** An MP4 file opens with a box whose type, at offset 4, is {@code ftyp}. */
    static boolean startsWithFtypBox(byte[] file) {
        return file.length >= 8
                && Arrays.equals(Arrays.copyOfRange(file, 4, 8), "ftyp".getBytes(StandardCharsets.US_ASCII));
    }
}
