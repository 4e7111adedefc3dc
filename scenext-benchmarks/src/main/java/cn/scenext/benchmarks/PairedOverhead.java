package cn.scenext.benchmarks;

import cn.scenext.benchmarks.PairedSubjects.Pair;
import cn.scenext.benchmarks.PairedSubjects.Side;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One JVM's share of a paired comparison ({@link PairedSubjects}): after an interleaved warm-up, {@code --rounds}
 * rounds each run a batch of N calls of the subject and a batch of N calls of the baseline, back to back, the
 * subject first in even rounds and the baseline first in odd ones; N is chosen so that a round lasts about
 * {@code --round-ms}. Per batch it takes the wall time, the calling thread's CPU time and the bytes allocated by
 * every thread of the JVM except the loopback server's (the calling thread does nearly all of it in a synchronous
 * call; the JDK client's selector thread is counted too); per round the three subject/baseline ratios. After each
 * batch it checks that the server saw exactly N requests and that the last call read the server's values.
 *
 * <p>Prints one JSON line per round; {@link Scorecard} runs this in several JVMs and computes the figures with
 * {@link PairedRatio}.
 *
 * <pre>java -cp scenext-benchmarks/target/benchmarks.jar cn.scenext.benchmarks.PairedOverhead --pair sdk:okhttp</pre>
 *
 * <p>Options: {@code --pair} (see {@link PairedSubjects#open}), {@code --rounds} (40), {@code --warmup-ms}
 * (20000), {@code --warmup-calls} (20000), {@code --round-ms} (500). The warm-up lasts at least
 * {@code --warmup-ms}, and on a busy machine longer (up to three times), until each side made
 * {@code --warmup-calls} calls and the JIT stopped compiling.
 */
public final class PairedOverhead {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** The warm-up runs at most this many times {@code --warmup-ms}, however busy the machine. */
    static final int WARMUP_CAP = 3;
    /** Calls of each side without any JIT compilation in the JVM that end the warm-up. */
    static final int QUIET_CALLS = 2_000;

    private PairedOverhead() {
    }

    /** The JIT's total compilation time so far, or 0 when the JVM does not tell. */
    private static long compilationMillis() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
    }

    /** One batch's costs per call. */
    record Batch(double wallNanos, double cpuNanos, double allocatedBytes) {
    }

    /**
     * One round's result.
     *
     * @param round its number, from 0
     * @param subjectFirst whether the subject's batch ran first
     * @param calls calls per batch
     * @param subject the subject's batch
     * @param baseline the baseline's batch
     */
    record Round(int round, boolean subjectFirst, int calls, Batch subject, Batch baseline) {
        double wallRatio() {
            return subject.wallNanos() / baseline.wallNanos();
        }

        double cpuRatio() {
            return subject.cpuNanos() / baseline.cpuNanos();
        }

        double allocRatio() {
            return subject.allocatedBytes() / baseline.allocatedBytes();
        }

        String toJson(String pair) {
            return String.format(Locale.ROOT, "{\"pair\":\"%s\",\"round\":%d,\"subjectFirst\":%b,\"calls\":%d,"
                    + "\"wall\":%.5f,\"cpu\":%.5f,\"alloc\":%.5f,\"subjectWallUs\":%.3f,\"baselineWallUs\":%.3f,"
                    + "\"subjectCpuUs\":%.3f,\"baselineCpuUs\":%.3f,\"subjectBytes\":%.0f,\"baselineBytes\":%.0f}",
                    pair, round, subjectFirst, calls, wallRatio(), cpuRatio(), allocRatio(),
                    subject.wallNanos() / 1e3, baseline.wallNanos() / 1e3, subject.cpuNanos() / 1e3,
                    baseline.cpuNanos() / 1e3, subject.allocatedBytes(), baseline.allocatedBytes());
        }
    }

    /**
     * Runs one JVM's rounds and prints them.
     *
     * @param args see the class description
     * @throws Exception when a pair fails or a check does not hold
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> o = Arguments.parse(args);
        String name = o.getOrDefault("pair", "sdk:okhttp");
        int rounds = Integer.parseInt(o.getOrDefault("rounds", "40"));
        long warmupMs = Long.parseLong(o.getOrDefault("warmup-ms", "20000"));
        long roundMs = Long.parseLong(o.getOrDefault("round-ms", "500"));
        int warmupCalls = Integer.parseInt(o.getOrDefault("warmup-calls", "20000"));
        try (Pair pair = PairedSubjects.open(name)) {
            for (Round r : run(pair, rounds, warmupMs, warmupCalls, roundMs)) {
                System.out.println(r.toJson(name));
            }
        }
    }

    /**
     * Warms both sides up, then runs the rounds.
     *
     * @param pair the pair
     * @param rounds how many rounds
     * @param warmupMs interleaved warm-up, in milliseconds: at least this, and longer (up to {@link #WARMUP_CAP}
     *     times) until each side made {@code warmupCalls} calls and then {@link #QUIET_CALLS} without the JIT
     *     compiling anything, so that a busy machine, which leaves the JIT little CPU, does not measure code
     *     not yet compiled
     * @param warmupCalls calls of each side the warm-up makes at least (within the cap)
     * @param roundMs the target length of a round
     * @return the rounds
     * @throws Exception when a call fails or a check does not hold
     */
    static List<Round> run(Pair pair, int rounds, long warmupMs, int warmupCalls, long roundMs) throws Exception {
        long start = System.nanoTime();
        long warmupEnd = start + warmupMs * 1_000_000L;
        long warmupCap = start + WARMUP_CAP * warmupMs * 1_000_000L;
        long compiled = compilationMillis();
        int warmedCalls = 0;
        int quietCalls = 0;
        do {
            batch(pair, pair.subject(), 100);
            batch(pair, pair.baseline(), 100);
            warmedCalls += 100;
            long c = compilationMillis();
            quietCalls = c == compiled ? quietCalls + 100 : 0;
            compiled = c;
        } while (System.nanoTime() < warmupCap && (System.nanoTime() < warmupEnd || warmedCalls < warmupCalls
                || quietCalls < QUIET_CALLS));
        Batch probeSubject = batch(pair, pair.subject(), 200);
        Batch probeBaseline = batch(pair, pair.baseline(), 200);
        double perPair = probeSubject.wallNanos() + probeBaseline.wallNanos();
        int calls = (int) Math.max(20, Math.min(1_000_000, roundMs * 1e6 / perPair));
        List<Round> result = new ArrayList<>(rounds);
        for (int round = 0; round < rounds; round++) {
            boolean subjectFirst = round % 2 == 0;
            Batch first = batch(pair, subjectFirst ? pair.subject() : pair.baseline(), calls);
            Batch second = batch(pair, subjectFirst ? pair.baseline() : pair.subject(), calls);
            result.add(new Round(round, subjectFirst, calls, subjectFirst ? first : second,
                    subjectFirst ? second : first));
        }
        return result;
    }

    /** Runs N calls of one side and returns its costs per call, after checking requests and values. */
    private static Batch batch(Pair pair, Side side, int calls) throws Exception {
        long[] ids = clientThreads();
        long bytesBefore = allocated(ids);
        long requestsBefore = pair.server().requestsServed();
        long cpuBefore = THREADS.getCurrentThreadCpuTime();
        long wallBefore = System.nanoTime();
        Object last = null;
        for (int i = 0; i < calls; i++) {
            last = side.call();
        }
        long wall = System.nanoTime() - wallBefore;
        long cpu = THREADS.getCurrentThreadCpuTime() - cpuBefore;
        long bytes = allocated(ids) - bytesBefore;
        long requests = pair.server().requestsServed() - requestsBefore;
        if (requests != calls) {
            throw new IllegalStateException(pair.name() + ": " + calls + " calls made " + requests
                    + " requests at the server (one each expected)");
        }
        side.check(last);
        return new Batch((double) wall / calls, (double) cpu / calls, (double) bytes / calls);
    }

    /** Every live thread but the loopback server's: the client's own and its library's. */
    private static long[] clientThreads() {
        long[] all = THREADS.getAllThreadIds();
        ThreadInfo[] infos = THREADS.getThreadInfo(all, 0);
        long[] ids = new long[all.length];
        int n = 0;
        for (int i = 0; i < all.length; i++) {
            if (infos[i] != null && !infos[i].getThreadName().startsWith("loopback-http")) {
                ids[n++] = all[i];
            }
        }
        return java.util.Arrays.copyOf(ids, n);
    }

    private static long allocated(long[] ids) {
        long sum = 0;
        for (long b : THREADS.getThreadAllocatedBytes(ids)) {
            if (b > 0) {
                sum += b;
            }
        }
        return sum;
    }
}
