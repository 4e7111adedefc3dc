package cn.scenext.examples;

import static cn.scenext.examples.ExampleTesting.FAST_POLLS;
import static org.assertj.core.api.Assertions.assertThat;

import cn.scenext.api.TaskId;
import cn.scenext.api.TaskState;
import cn.scenext.api.TaskStatus;
import cn.scenext.core.ScenextClient;
import cn.scenext.testkit.ScenextSimulator;
import cn.scenext.testkit.ScenextSimulatorExtension;
import cn.scenext.testkit.SimulatedTask;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ManyTasksAsyncTest {
    @RegisterExtension
    static ScenextSimulatorExtension scenext = ExampleTesting.quickSimulator()
            .client(client -> client.maxStatusRequestsPerSecond(ManyTasksAsync.MAX_STATUS_REQUESTS_PER_SECOND));

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
    void waitsWithoutAThreadPerTask(ScenextSimulator simulator) throws InterruptedException {
        int tasks = 40;
        int concurrency = 4;
        List<String> questions = IntStream.rangeClosed(1, tasks).mapToObj(n -> "What is " + n + " squared?")
                .collect(Collectors.toList());
        Set<Long> before = clientThreads();
        Set<Long> seen = ConcurrentHashMap.newKeySet();
        AtomicBoolean running = new AtomicBoolean(true);
        // Counts the client's own threads (the SDK names every thread it or its transport starts "scenext-..."),
        // never the JVM's: JIT and GC threads come and go with the machine's load. A sampler that falls behind on
        // a busy machine can only see fewer threads, so the bound below cannot fail for the wrong reason.
        Thread sampler = new Thread(() -> {
            while (running.get()) {
                seen.addAll(clientThreads());
                LockSupport.parkNanos(1_000_000);
            }
        }, "test-thread-sampler");
        sampler.setDaemon(true);
        sampler.start();

        List<TaskStatus> statuses;
        try (ScenextClient client = simulator.newClient().maxConcurrentRequests(concurrency)
                .maxStatusRequestsPerSecond(ManyTasksAsync.MAX_STATUS_REQUESTS_PER_SECOND).build()) {
            statuses = ManyTasksAsync.run(client, new ExampleTesting.Console().out, questions, FAST_POLLS);
        } finally {
            running.set(false);
            sampler.join();
        }
        seen.removeAll(before);

        assertThat(statuses).extracting(TaskStatus::state).containsOnly(TaskState.COMPLETED).hasSize(tasks);
        // The client's one timer and the transport's pool, which runs at most `concurrency` requests at once (a
        // pool thread finishing one request while the next starts may make it start another thread now and
        // then): far fewer than one thread per task.
        assertThat(seen.size()).isGreaterThan(0).isLessThan(tasks / 2);
    }

    /** The ids of the live threads the SDK and its transports started, the simulator's excluded. */
    private static Set<Long> clientThreads() {
        Set<Long> ids = new HashSet<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            String name = t.getName();
            if (name.startsWith("scenext-") && !name.startsWith("scenext-simulator")) {
                ids.add(t.getId());
            }
        }
        return ids;
    }
}
