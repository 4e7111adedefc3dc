package cn.scenext.examples;

import cn.scenext.core.poll.PollPolicy;
import cn.scenext.testkit.ScenextSimulatorExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/** What the examples' tests share: a quick simulator, quick polls, and a console to read back. */
final class ExampleTesting {
    /** Frames of each simulated task. */
    static final int FRAMES = 3;
    /** Polls fast enough for one-second tasks; only a simulator may be polled this often. */
    static final PollPolicy FAST_POLLS = PollPolicy.fixed(Duration.ofMillis(200)).withFloor(Duration.ofMillis(200));

    private ExampleTesting() {
    }

    /** A simulator whose tasks end after one second with {@value #FRAMES} frames. */
    static ScenextSimulatorExtension quickSimulator() {
        return ScenextSimulatorExtension.create()
                .simulator(sim -> sim.taskDuration(Duration.ofSeconds(1)).framesPerTask(FRAMES));
    }

    /** A print stream whose text can be read back. */
    static final class Console {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

        String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }

        List<String> lines() {
            return text().lines().toList();
        }
    }
}
