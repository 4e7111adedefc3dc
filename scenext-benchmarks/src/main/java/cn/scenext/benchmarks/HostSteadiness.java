package cn.scenext.benchmarks;

import cn.scenext.core.internal.canonical.CanonicalWriter;
import cn.scenext.core.internal.canonical.StageProbes;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How steady this machine is for two kinds of code, timed alternately on one thread in CPU time: a loop of 64-bit
 * divisions (bound by the divider, few instructions per cycle, so it barely notices another thread sharing its core) and
 * the webhook canonicalizer on a 64 KB float-heavy body (many instructions per cycle, and a working set that stays
 * in the core's own cache). When the first is steady and the second is not, the CPU time of high-throughput code
 * moves with something the thread's own CPU time cannot see, such as another guest of the host sharing the
 * physical core; neither the JIT (the same compiled code throughout) nor memory (64 KB) is then the cause.
 *
 * <pre>taskset -c 0 java -cp scenext-benchmarks/target/benchmarks.jar cn.scenext.benchmarks.HostSteadiness --rounds 40</pre>
 *
 * <p>Prints one JSON line: for each workload its per-round milliseconds, their median, and the ratio of the
 * slowest to the fastest round ({@code spread}). Options: {@code --rounds} (40) after {@code --warmup} (10) rounds;
 * each round is about 10 ms of each workload on this machine.
 */
public final class HostSteadiness {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static volatile long sink;

    private HostSteadiness() {
    }

    /**
     * Runs the rounds and prints their line.
     *
     * @param args see the class description
     */
    public static void main(String[] args) {
        Map<String, String> o = Arguments.parse(args);
        int rounds = Integer.parseInt(o.getOrDefault("rounds", "40"));
        int warmup = Integer.parseInt(o.getOrDefault("warmup", "10"));
        if (rounds < 1 || warmup < 0) {
            throw new IllegalArgumentException("--rounds must be at least 1 and --warmup at least 0");
        }
        long[] divisors = new long[1 << 14];
        for (int i = 0; i < divisors.length; i++) {
            divisors[i] = (i * 0x9E3779B97F4A7C15L) | 1;
        }
        byte[] body = WebhookTimings.forgedFloatBody(64 * 1024);
        CanonicalWriter writer = new CanonicalWriter();
        double[] divisions = new double[rounds];
        double[] canonical = new double[rounds];
        for (int r = -warmup; r < rounds; r++) {
            double d = cpuMillis(() -> divide(divisors, 240));
            double c = cpuMillis(() -> {
                for (int k = 0; k < 16; k++) {
                    sink += StageProbes.canonicalize(writer, body);
                }
            });
            if (r >= 0) {
                divisions[r] = d;
                canonical[r] = c;
            }
        }
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("divisions", summary(divisions));
        line.put("canonicalize64KB", summary(canonical));
        System.out.println(Figures.toJson(line));
    }

    private static void divide(long[] divisors, int passes) {
        long acc = 0x12345;
        for (int p = 0; p < passes; p++) {
            for (long d : divisors) {
                acc = acc * 31 + Long.MAX_VALUE / d; // bound by the divider: few instructions per cycle
            }
        }
        sink += acc;
    }

    private static double cpuMillis(Runnable work) {
        long start = THREADS.getCurrentThreadCpuTime();
        work.run();
        return (THREADS.getCurrentThreadCpuTime() - start) / 1e6;
    }

    private static Map<String, Object> summary(double[] ms) {
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("medianMs", Figures.round(sorted[sorted.length / 2], 3));
        m.put("spread", Figures.round(sorted[sorted.length - 1] / sorted[0], 3));
        double[] rounded = new double[ms.length];
        for (int i = 0; i < ms.length; i++) {
            rounded[i] = Figures.round(ms[i], 3);
        }
        m.put("roundsMs", rounded);
        return m;
    }
}
