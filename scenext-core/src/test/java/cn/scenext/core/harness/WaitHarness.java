package cn.scenext.core.harness;

import cn.scenext.api.TaskId;
import cn.scenext.api.TaskStatus;
import cn.scenext.api.transport.Transport;
import cn.scenext.api.transport.TransportOptions;
import cn.scenext.api.transport.TransportProvider;
import cn.scenext.core.ScenextClient;
import cn.scenext.core.poll.PollPolicy;
import cn.scenext.core.poll.WaitOptions;
import cn.scenext.core.testing.LoopbackTransport;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Waits on many tasks at once against {@link FakeStatusServer} and measures what it costs: peak live threads,
 * peak heap, heap retained while all waits are pending, seconds, and status requests. Not a unit test and not a
 * benchmark (issue 7 makes one of it): run it by hand, in a small heap.
 *
 * <pre>
 * # from the worktree root: the tagged JUnit entry point, in a 256 MiB fork
 * ./mvnw -B -q verify -pl scenext-core -am -Dtest=WaitHarnessTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dscenext.excludedGroups= -DargLine="-Xmx256m -Djava.util.concurrent.ForkJoinPool.common.parallelism=2"
 * # or main() with arguments: --tasks=10000 --polls=5 --interval=PT1S --rate=0 --concurrency=16
 * #   --transport=loopback (or the name of a transport on the classpath, e.g. okhttp)
 * </pre>
 *
 * <p>The common-pool parallelism matters on a machine of 2 cores or fewer: there the JDK's
 * {@code CompletableFuture} runs default-pool stages on a new thread each, and the JDK HttpClient behind the
 * test-only {@link LoopbackTransport} hands every answer to such a stage, so the thread count would measure
 * that, not the client.
 */
public final class WaitHarness {

    /** What to run. */
    public static final class Config {
        int tasks = 10_000;
        int pollsToComplete = 5;
        Duration interval = Duration.ofSeconds(1);
        double maxStatusRequestsPerSecond;
        int concurrency = 16;
        int serverThreads = 4;
        String transport = "loopback";
        Duration timeout = Duration.ofMinutes(10);

        /**
         * Reads {@code --name=value} arguments over the defaults.
         *
         * @param args e.g. {@code --tasks=10000}
         * @return the configuration
         */
        public static Config parse(String... args) {
            Config c = new Config();
            for (String a : args) {
                String[] kv = a.replaceFirst("^--", "").split("=", 2);
                switch (kv[0]) {
                    case "tasks": c.tasks = Integer.parseInt(kv[1]); break;
                    case "polls": c.pollsToComplete = Integer.parseInt(kv[1]); break;
                    case "interval": c.interval = Duration.parse(kv[1]); break;
                    case "rate": c.maxStatusRequestsPerSecond = Double.parseDouble(kv[1]); break;
                    case "concurrency": c.concurrency = Integer.parseInt(kv[1]); break;
                    case "server-threads": c.serverThreads = Integer.parseInt(kv[1]); break;
                    case "transport": c.transport = kv[1]; break;
                    default: throw new IllegalArgumentException("Unknown argument " + a);
                }
            }
            return c;
        }

        @Override
        public String toString() {
            return transport + " transport, " + tasks + " tasks completing on poll " + pollsToComplete + ", polled every " + interval
                    + (maxStatusRequestsPerSecond > 0 ? ", at most " + maxStatusRequestsPerSecond + " polls/s" : "")
                    + ", " + concurrency + " requests in flight at most, " + serverThreads + " server threads";
        }
    }

    /** What a run measured. */
    public static final class Result {
        public int completed;
        public double seconds;
        public long statusRequests;
        public int baselineThreads;
        public int peakThreads;
        public Map<String, Integer> threadsWhileWaiting = new TreeMap<>();
        public Map<String, Integer> threadsAtPeak = new TreeMap<>();
        public long peakHeapBytes;
        public long maxHeapBytes;
        public long baselineHeapAfterGc;
        public long heapAfterGcWhileWaiting;

        @Override
        public String toString() {
            return String.format("completed %d waits in %.1f s with %d status requests%n"
                    + "threads: %d before, peak %d%n  while waiting: %s%n  at the sampled peak: %s%n"
                    + "heap: peak used %.1f MiB of max %.1f MiB; after GC: %.1f MiB before, %.1f MiB with all waits "
                    + "pending (%.0f bytes per wait)",
                    completed, seconds, statusRequests, baselineThreads, peakThreads, threadsWhileWaiting, threadsAtPeak,
                    mib(peakHeapBytes), mib(maxHeapBytes), mib(baselineHeapAfterGc), mib(heapAfterGcWhileWaiting),
                    (heapAfterGcWhileWaiting - baselineHeapAfterGc) / (double) Math.max(1, completed));
        }

        private static double mib(long bytes) {
            return bytes / 1048576.0;
        }
    }

    private WaitHarness() {
    }

    /**
     * Runs the harness with the test-only loopback transport.
     *
     * @param config what to run
     * @return what it measured
     * @throws InterruptedException when interrupted
     */
    public static Result run(Config config) throws InterruptedException {
        return run(config, WaitHarness::transport);
    }

    /**
     * The transport a configuration names: {@code loopback} (test-only, on the JDK HttpClient) or the name of a
     * transport provider on the classpath, e.g. {@code okhttp}.
     *
     * @param config the configuration
     * @return a new transport with the configuration's concurrency
     */
    static Transport transport(Config config) {
        if (config.transport.equals("loopback")) {
            return LoopbackTransport.create(config.concurrency, 2);
        }
        for (TransportProvider provider : ServiceLoader.load(TransportProvider.class)) {
            if (provider.name().equals(config.transport)) {
                return provider.create(TransportOptions.builder().maxConcurrentRequests(config.concurrency).build());
            }
        }
        throw new IllegalArgumentException("No transport " + config.transport + " on the classpath");
    }

    /**
     * Runs the harness with a given transport, e.g. a production one from a benchmark module.
     *
     * @param config what to run
     * @param transports makes the transport for the configuration; closed after the run
     * @return what it measured
     * @throws InterruptedException when interrupted
     */
    public static Result run(Config config, Function<Config, Transport> transports) throws InterruptedException {
        Result result = new Result();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        result.baselineHeapAfterGc = heapAfterGc();
        result.baselineThreads = threads.getThreadCount();
        resetPeaks(threads);
        Thread sampler = startSampler(threads, result);
        try (FakeStatusServer server = new FakeStatusServer(config.pollsToComplete, config.serverThreads);
                Transport transport = transports.apply(config);
                ScenextClient client = ScenextClient.builder().apiKey("harness-key").baseUrl(server.baseUrl())
                        .transport(transport).maxStatusRequestsPerSecond(config.maxStatusRequestsPerSecond)
                        .build()) {
            WaitOptions options = WaitOptions.builder().timeout(config.timeout)
                    .pollPolicy(PollPolicy.fixed(config.interval).withFloor(config.interval)).build();
            long start = System.nanoTime();
            List<CompletableFuture<TaskStatus>> waits = new ArrayList<>(config.tasks);
            for (int i = 0; i < config.tasks; i++) {
                waits.add(client.waitForCompletionAsync(TaskId.of("task-" + i), options));
            }
            CompletableFuture<Void> all = CompletableFuture.allOf(waits.toArray(new CompletableFuture<?>[0]));
            while (server.statusRequests() < config.tasks && !all.isDone()) {
                TimeUnit.MILLISECONDS.sleep(5);
            }
            result.heapAfterGcWhileWaiting = heapAfterGc();
            result.threadsWhileWaiting = threadGroups(threads);
            for (CompletableFuture<TaskStatus> w : waits) {
                if (w.join().isCompleted()) {
                    result.completed++;
                }
            }
            result.seconds = (System.nanoTime() - start) / 1e9;
            result.statusRequests = server.statusRequests();
        }
        sampler.interrupt();
        sampler.join();
        result.peakThreads = threads.getPeakThreadCount();
        result.peakHeapBytes = peakHeap();
        result.maxHeapBytes = Runtime.getRuntime().maxMemory();
        return result;
    }

    /** Samples the live threads every 20 ms and keeps their names at the largest count seen. */
    private static Thread startSampler(ThreadMXBean threads, Result result) {
        Thread t = new Thread(() -> {
            int max = 0;
            while (!Thread.currentThread().isInterrupted()) {
                int count = threads.getThreadCount();
                if (count > max) {
                    max = count;
                    result.threadsAtPeak = threadGroups(threads);
                }
                try {
                    TimeUnit.MILLISECONDS.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "harness-sampler");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void resetPeaks(ThreadMXBean threads) {
        threads.resetPeakThreadCount();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    private static long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            TimeUnit.MILLISECONDS.sleep(20);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Live threads grouped by name without their numbers. */
    private static Map<String, Integer> threadGroups(ThreadMXBean threads) {
        Map<String, Integer> groups = new TreeMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null) {
                groups.merge(info.getThreadName().replaceAll("[-#]?\\d+$", "").replaceAll("\\d+", "N"), 1,
                        Integer::sum);
            }
        }
        return groups;
    }

    /**
     * Runs the harness from the command line.
     *
     * @param args {@code --tasks=10000 --polls=5 --interval=PT1S --rate=0 --concurrency=16 --server-threads=4}
     * @throws InterruptedException when interrupted
     */
    public static void main(String[] args) throws InterruptedException {
        Config config = Config.parse(args);
        System.out.println("Wait harness: " + config + ", max heap "
                + Runtime.getRuntime().maxMemory() / 1048576 + " MiB");
        System.out.println(run(config));
    }
}
