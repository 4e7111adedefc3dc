package cn.scenext.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The CPU time of one thread per webhook verification, for a machine shared with other work, where JMH's
 * wall-clock scores measure the other processes as much as the code: the bodies and verifier of {@link
 * WebhookVerifyBenchmark}, each run in rounds after a warm-up, and the median CPU time per call of the rounds
 * reported (with the machine's load average, which CPU time still feels through shared cores and caches).
 *
 * <pre>java -cp scenext-benchmarks/target/benchmarks.jar cn.scenext.benchmarks.WebhookCpuCost --rounds 15</pre>
 */
public final class WebhookCpuCost {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private WebhookCpuCost() {
    }

    /**
     * Runs the measurement.
     *
     * @param args {@code --rounds N} (default 15) and {@code --warmup N} rounds (default 10)
     */
    public static void main(String[] args) {
        Map<String, String> options = Arguments.parse(args);
        int rounds = Integer.parseInt(options.getOrDefault("rounds", "15"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "10"));
        WebhookVerifyBenchmark bench = new WebhookVerifyBenchmark();
        bench.setUp();
        System.out.printf(Locale.ROOT, "load average before: %.2f on %d CPUs%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());
        double docs = median(warmup, rounds, 20_000, bench::verifyDocsPayload);
        System.out.printf(Locale.ROOT, "%-34s %10.2f us CPU per call = %,10.0f verifies per CPU-second%n",
                "verify documented event", docs / 1e3, 1e9 / docs);
        for (Map.Entry<String, byte[]> body : bench.forgedBodies().entrySet()) {
            double nanos = median(warmup, rounds, 3, () -> bench.rejectForged(body.getValue()));
            System.out.printf(Locale.ROOT, "%-34s %10.2f ms CPU per call (%d bytes)%n",
                    "reject forged 1 MB, " + body.getKey(), nanos / 1e6, body.getValue().length);
        }
        System.out.printf(Locale.ROOT, "load average after: %.2f%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    /** The median over {@code rounds} of the CPU nanoseconds per call, after {@code warmup} rounds. */
    private static double median(int warmup, int rounds, int callsPerRound, Runnable call) {
        List<Double> perCall = new ArrayList<>();
        for (int r = 0; r < warmup + rounds; r++) {
            long start = THREADS.getCurrentThreadCpuTime();
            for (int i = 0; i < callsPerRound; i++) {
                call.run();
            }
            long spent = THREADS.getCurrentThreadCpuTime() - start;
            if (r >= warmup) {
                perCall.add((double) spent / callsPerRound);
            }
        }
        Collections.sort(perCall);
        return perCall.get(perCall.size() / 2);
    }
}
