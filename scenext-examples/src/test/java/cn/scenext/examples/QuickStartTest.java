package cn.scenext.examples;

import static org.assertj.core.api.Assertions.assertThat;

import cn.scenext.api.TaskState;
import cn.scenext.api.TaskStatus;
import cn.scenext.core.ScenextClient;
import cn.scenext.testkit.ScenextSimulator;
import cn.scenext.testkit.ScenextSimulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class QuickStartTest {
    @RegisterExtension
    static ScenextSimulatorExtension scenext = ExampleTesting.quickSimulator();

    @Test
    void createsATaskAndPrintsItsFirstStatus(ScenextClient client, ScenextSimulator simulator) {
        ExampleTesting.Console console = new ExampleTesting.Console();

        TaskStatus status = QuickStart.run(client, console.out, "What is 1 + 1?");

        assertThat(simulator.findTask(status.taskId())).hasValueSatisfying(
                task -> assertThat(task.question()).contains("What is 1 + 1?"));
        assertThat(status.state()).isEqualTo(TaskState.IN_PROGRESS);
        assertThat(console.lines()).containsExactly(
                status.taskId() + ": IN_PROGRESS, " + status.frames().size() + " frames so far");
    }
}
