package cn.scenext.examples;

import static cn.scenext.examples.ExampleTesting.FAST_POLLS;
import static org.assertj.core.api.Assertions.assertThat;

import cn.scenext.api.TaskId;
import cn.scenext.api.TaskState;
import cn.scenext.api.TaskStatus;
import cn.scenext.api.transport.TransportOptions;
import cn.scenext.core.ScenextClient;
import cn.scenext.testkit.ScenextSimulator;
import cn.scenext.testkit.ScenextSimulatorExtension;
import cn.scenext.testkit.SimulatedTask;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ManyTasksAsyncTest {
    @RegisterExtension
    static ScenextSimulatorExtension scenext = ExampleTesting.quickSimulator()
            .client(client -> client.maxStatusRequestsPerSecond(ManyTasksAsync.MAX_STATUS_REQUESTS_PER_SECOND));

    /** The simulator's default pool, started lazily, perhaps during the test. */
    private static final int SIMULATOR_THREADS = 4;

    @Test
    void waitsForEveryTaskAndReportsEachAsItEnds(ScenextClient client, ScenextSimulator simulator) {
        List<String> questions = List.of("What is 1 + 1?", "Why is the sky blue?", "What is a prime number?");
        ExampleTesting.Console console = new ExampleTesting.Console();

        List<TaskStatus> statuses = ManyTasksAsync.run(client, console.out, questions, FAST_POLLS);

        assertThat(statuses).extracting(TaskStatus::state).containsOnly(TaskState.COMPLETED).hasSize(3);
        assertThat(statuses).extracting(TaskStatus::taskId)
                .containsExactlyInAnyOrderElementsOf(simulator.tasks().stream().map(SimulatedTask::id).toList());
        for (int i = 0; i < questions.size(); i++) {
            TaskId id = statuses.get(i).taskId();
            assertThat(simulator.findTask(id).orElseThrow().question()).contains(questions.get(i));
            assertThat(console.lines()).contains("Created " + id + " for \"" + questions.get(i) + "\"")
                    .filteredOn(line -> line.startsWith(id + " COMPLETED: ")).hasSize(1);
        }
    }

    @Test
    void reportsAFailedTaskAmongCompletedOnes(ScenextClient client, ScenextSimulator simulator) {
        simulator.failNextTask("The question could not be read");
        ExampleTesting.Console console = new ExampleTesting.Console();

        List<TaskStatus> statuses = ManyTasksAsync.run(client, console.out,
                List.of("What is 1 + 1?", "What is 2 + 2?"), FAST_POLLS);

        TaskStatus failed = statuses.stream().filter(TaskStatus::isFailed).findFirst().orElseThrow();
        assertThat(statuses).filteredOn(TaskStatus::isCompleted).hasSize(1);
        assertThat(console.lines()).contains(failed.taskId() + " FAILED: The question could not be read");
    }

    @Test
    void waitsWithoutAThreadPerTask(ScenextClient client) {
        int tasks = 40;
        List<String> questions = IntStream.rangeClosed(1, tasks).mapToObj(n -> "What is " + n + " squared?")
                .collect(Collectors.toList());
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        int before = threads.getThreadCount();
        threads.resetPeakThreadCount();

        List<TaskStatus> statuses = ManyTasksAsync.run(client, new ExampleTesting.Console().out, questions,
                FAST_POLLS);

        assertThat(statuses).extracting(TaskStatus::state).containsOnly(TaskState.COMPLETED).hasSize(tasks);
        // Threads are bounded by the transport's concurrent requests (the burst of creations), the simulator's
        // pool and the client's one timer, not by the number of tasks.
        int bound = TransportOptions.DEFAULT_MAX_CONCURRENT_REQUESTS + SIMULATOR_THREADS + 1;
        assertThat(threads.getPeakThreadCount() - before).isLessThanOrEqualTo(bound).isLessThan(tasks);
    }
}
