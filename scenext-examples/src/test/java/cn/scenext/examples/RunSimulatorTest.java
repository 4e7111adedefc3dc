package cn.scenext.examples;

import static org.assertj.core.api.Assertions.assertThat;

import cn.scenext.api.TaskStatus;
import cn.scenext.core.ScenextClient;
import cn.scenext.testkit.ScenextSimulator;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RunSimulatorTest {

    @Test
    void printsTheSettingsThatPointAClientAtTheRunningSimulator() {
        ExampleTesting.Console console = new ExampleTesting.Console();

        try (ScenextSimulator simulator = RunSimulator.start(console.out, 0, Duration.ofSeconds(7))) {
            String baseUrl = valueOf(console, "SCENEXT_BASE_URL");
            String apiKey = valueOf(console, "SCENEXT_API_KEY");
            try (ScenextClient client = ScenextClient.builder().baseUrl(baseUrl).apiKey(apiKey).build()) {
                TaskStatus status = QuickStart.run(client, new ExampleTesting.Console().out, "What is 1 + 1?");

                assertThat(simulator.findTask(status.taskId())).isPresent();
            }
            assertThat(baseUrl).isEqualTo(simulator.baseUrl().toString());
            assertThat(console.lines()).first().asString().contains("tasks take 7 s");
        }
    }

    /** The value of an {@code export NAME=value} line, up to the first space. */
    private static String valueOf(ExampleTesting.Console console, String name) {
        String prefix = "  export " + name + "=";
        String line = console.lines().stream().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow();
        return line.substring(prefix.length()).split(" ")[0];
    }
}
