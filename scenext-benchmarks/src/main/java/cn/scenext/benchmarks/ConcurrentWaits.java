package cn.scenext.benchmarks;

import cn.scenext.api.GenerateVideoRequest;
import cn.scenext.api.TaskId;
import cn.scenext.api.TaskStatus;
import cn.scenext.api.transport.HttpRequest;
import cn.scenext.api.transport.Transport;
import cn.scenext.api.transport.TransportOptions;
import cn.scenext.core.Attempt;
import cn.scenext.core.Interceptor;
import cn.scenext.core.ScenextClient;
import cn.scenext.core.poll.PollPolicy;
import cn.scenext.core.poll.WaitOptions;
import cn.scenext.testkit.ScenextSimulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Many tasks awaited at once: {@code --tasks} tasks are created on an in-process {@link ScenextSimulator}, then all
 * awaited together, by default with {@code waitForCompletionAsync} (the client's one timer thread and a bounded
 * transport), or with {@code --naive} by a thread per task polling {@code getStatus} and sleeping in between, as
 * such loops are written by hand. The tasks keep running until {@code --hold-ms} after the waits started, then all
 * complete at once, so every wait polls a few times. Prints one JSON line: tasks, completed, peak live threads and
 * heap of the whole JVM (simulator included), seconds from the first wait to the last completion, status requests
 * sent and the most the poll policy allows ({@code statusRequestsBound}), and the settings.
 *
 * <pre>java -Xmx256m -cp scenext-benchmarks/target/benchmarks.jar cn.scenext.benchmarks.ConcurrentWaits --tasks 10000</pre>
 *
 * <p>Options: {@code --tasks} (10000), {@code --naive}, {@code --transport} (okhttp), {@code --poll-ms} (1000),
 * {@code --hold-ms} (3000), {@code --concurrency} (requests in flight, 4),
 * {@code --simulator-threads} (2). The defaults keep the whole JVM, simulator included, within 32 threads on okhttp.
 */
public final class ConcurrentWaits {
    /** Jitter of the poll policy: the interval varies by this fraction either way. */
    private static final double JITTER = PollPolicy.DEFAULT_JITTER;

    private ConcurrentWaits() {
    }

    /** What one run was set to do. */
    private record Settings(int tasks, boolean naive, String transport, Duration poll, Duration hold,
            int concurrency, int simulatorThreads) {

        static Settings parse(String[] args) {
            Map<String, String> o = Arguments.parse(args);
            return new Settings(Integer.parseInt(o.getOrDefault("tasks", "10000")), o.containsKey("naive"),
                    o.getOrDefault("transport", "okhttp"),
                    Duration.ofMillis(Long.parseLong(o.getOrDefault("poll-ms", "1000"))),
                    Duration.ofMillis(Long.parseLong(o.getOrDefault("hold-ms", "3000"))),
                    Integer.parseInt(o.getOrDefault("concurrency", "4")),
                    Integer.parseInt(o.getOrDefault("simulator-threads", "2")));
        }

        /**
         * The most status requests the poll policy allows when the tasks ended {@code held} after the first wait
         * started: a wait polls at once, then at most once per shortest interval ({@code poll × (1 − jitter)})
         * while its task runs, and once more that sees the end.
         */
        long statusRequestsBound(Duration held) {
            double shortest = poll.toNanos() * (1 - JITTER);
            return (long) tasks * (2 + (long) Math.floor(held.toNanos() / shortest));
        }
    }

    /**
     * Runs the program.
     *
     * @param args see the class description
     * @throws Exception when the simulator, the client or a wait fails
     */
    public static void main(String[] args) throws Exception {
        System.out.println(Figures.toJson(run(args)));
    }

    /**
     * Runs the program and returns its figures instead of printing them.
     *
     * @param args see the class description
     * @return the figures by name, in the order of the printed line: {@code tasks}, {@code completed},
     *     {@code peakThreads}, {@code peakHeapMb}, {@code seconds}, {@code statusRequests},
     *     {@code statusRequestsBound}, {@code failed} and the settings
     * @throws Exception when the simulator, the client or a wait fails
     */
    public static Map<String, Object> run(String[] args) throws Exception {
        Settings s = Settings.parse(args);
        LoopbackSimulator.useNoDelay();
        AtomicLong statusRequests = new AtomicLong();
        Interceptor counter = new Interceptor() {
            @Override
            public HttpRequest onRequest(Attempt attempt, HttpRequest request) {
                if (attempt.operation().equals("get_status")) {
                    statusRequests.incrementAndGet();
                }
                return request;
            }
        };
        Outcome outcome;
        double seconds;
        double createSeconds;
        Duration held;
        ResourcePeaks peaks = ResourcePeaks.start();
        try (ScenextSimulator simulator = ScenextSimulator.builder().recordRequests(false)
                .taskDuration(Duration.ofHours(1)).framesPerTask(2).threads(s.simulatorThreads()).start();
                Transport transport = Transports.create(s.transport(),
                        TransportOptions.builder().maxConcurrentRequests(s.concurrency()).build());
                ScenextClient client = simulator.newClient().transport(transport).addInterceptor(counter).build()) {
            long creating = System.nanoTime();
            List<TaskId> ids = createTasks(client, s.tasks());
            long start = System.nanoTime();
            createSeconds = (start - creating) / 1e9;
            Waits waits = s.naive() ? naive(client, ids, s.poll()) : sdk(client, ids, s.poll());
            long hold = s.hold().toNanos() - (System.nanoTime() - start);
            if (hold > 0) {
                TimeUnit.NANOSECONDS.sleep(hold);
            }
            for (TaskId id : ids) {
                simulator.completeTask(id);
            }
            held = Duration.ofNanos(System.nanoTime() - start);
            outcome = waits.join();
            seconds = (System.nanoTime() - start) / 1e9;
        }
        peaks.close();
        System.err.println("threads at the sampled peak: " + peaks.threadsAtPeak());
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("tasks", s.tasks());
        f.put("completed", outcome.completed());
        f.put("peakThreads", peaks.peakThreads());
        f.put("peakHeapMb", Figures.round(peaks.peakHeapMb(), 1));
        f.put("seconds", Figures.round(seconds, 2));
        f.put("statusRequests", statusRequests.get());
        f.put("statusRequestsBound", s.statusRequestsBound(held));
        f.put("failed", outcome.failed());
        f.put("mode", s.naive() ? "naive" : "sdk");
        f.put("transport", s.transport());
        f.put("pollMs", s.poll().toMillis());
        f.put("heldMs", held.toMillis());
        f.put("maxConcurrentRequests", s.concurrency());
        f.put("simulatorThreads", s.simulatorThreads());
        f.put("maxHeapMb", Runtime.getRuntime().maxMemory() >> 20);
        f.put("createSeconds", Figures.round(createSeconds, 2));
        return f;
    }

    /** How many waits saw their task completed, and how many ended otherwise (failure, error). */
    private record Outcome(int completed, int failed) {
    }

    /** Waits under way. */
    @FunctionalInterface
    private interface Waits {
        /** Waits for every wait to end. */
        Outcome join() throws InterruptedException;
    }

    private static List<TaskId> createTasks(ScenextClient client, int tasks) {
        List<CompletableFuture<TaskId>> created = new ArrayList<>(tasks);
        for (int i = 0; i < tasks; i++) {
            created.add(client.generateVideoAsync(GenerateVideoRequest.ofQuestion("Why is the sky blue? #" + i)));
        }
        List<TaskId> ids = new ArrayList<>(tasks);
        for (CompletableFuture<TaskId> f : created) {
            ids.add(f.join());
        }
        return ids;
    }

    /** Every task awaited at once through the SDK: no thread per wait. */
    private static Waits sdk(ScenextClient client, List<TaskId> ids, Duration poll) {
        WaitOptions options = WaitOptions.builder()
                .pollPolicy(PollPolicy.fixed(poll).withFloor(poll))
                .timeout(Duration.ofMinutes(10))
                .build();
        List<CompletableFuture<TaskStatus>> waits = new ArrayList<>(ids.size());
        for (TaskId id : ids) {
            waits.add(client.waitForCompletionAsync(id, options));
        }
        return () -> {
            int completed = 0;
            int failed = 0;
            for (CompletableFuture<TaskStatus> w : waits) {
                try {
                    if (w.join().isCompleted()) {
                        completed++;
                    } else {
                        failed++;
                    }
                } catch (RuntimeException e) {
                    failed++;
                }
            }
            return new Outcome(completed, failed);
        };
    }

    /** What users write by hand: a thread per task, polling and sleeping until the task ends. */
    private static Waits naive(ScenextClient client, List<TaskId> ids, Duration poll) {
        AtomicInteger completed = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        List<Thread> threads = new ArrayList<>(ids.size());
        for (TaskId id : ids) {
            Thread t = new Thread(() -> {
                try {
                    while (true) {
                        TaskStatus status = client.getStatus(id);
                        if (status.isTerminal()) {
                            (status.isCompleted() ? completed : failed).incrementAndGet();
                            return;
                        }
                        TimeUnit.MILLISECONDS.sleep(poll.toMillis());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failed.incrementAndGet();
                } catch (RuntimeException e) {
                    if (failed.incrementAndGet() == 1) {
                        System.err.println("first failed wait: " + e);
                    }
                }
            }, "naive-wait");
            try {
                t.start();
            } catch (OutOfMemoryError e) { // no more native threads: the rest never start
                failed.addAndGet(ids.size() - threads.size());
                System.err.println("Thread " + (threads.size() + 1) + " could not start: " + e.getMessage());
                break;
            }
            threads.add(t);
        }
        return () -> {
            for (Thread t : threads) {
                t.join();
            }
            return new Outcome(completed.get(), failed.get());
        };
    }
}
