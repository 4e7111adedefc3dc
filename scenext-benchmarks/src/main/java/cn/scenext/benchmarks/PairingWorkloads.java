package cn.scenext.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Map;

/**
 * The workloads {@link JarPairing} times, one instance per build: {@link JarPairing} defines this class afresh in
 * the class loader of each build it compares, so that it runs against that build's SDK and benchmark classes
 * (which it reaches in its own package). It uses only what the benchmarks jar has had since the webhook benchmarks
 * came ({@link WebhookVerifyBenchmark}, {@link WebhookTimings}), so an older build can be paired with a newer one.
 * Public for the reflection that calls it; not an API.
 */
public final class PairingWorkloads {
    /** The names {@link #round} knows. */
    public static final String NAMES = "docs, scorecard, subnormals, random, halfway";
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private final WebhookVerifyBenchmark bench = new WebhookVerifyBenchmark();
    private final Map<String, byte[]> forged;
    private final byte[] scorecard;

    /** Sets up every workload's inputs (the benchmark's verifier, bodies and signatures). */
    public PairingWorkloads() {
        bench.setUp();
        forged = bench.forgedBodies();
        scorecard = WebhookTimings.forgedFloatBody(WebhookTimings.FORGED_BYTES);
    }

    /**
     * One round of a workload on the calling thread.
     *
     * @param workload {@code docs} (20,000 verifies of the documented event), {@code scorecard} (3 rejections of the
     *     scorecard's forged 1 MB body), {@code subnormals}, {@code random} or {@code halfway} (3 rejections of that
     *     forged body of {@link WebhookVerifyBenchmark})
     * @return nanoseconds of the thread's CPU time per operation
     * @throws IllegalArgumentException for another name
     */
    public double round(String workload) {
        Runnable op;
        int times = 3;
        switch (workload) {
            case "docs":
                op = bench::verifyDocsPayload;
                times = 20_000;
                break;
            case "scorecard":
                op = () -> bench.rejectForged(scorecard);
                break;
            case "subnormals":
                op = () -> bench.rejectForged(forged.get("subnormals"));
                break;
            case "random":
                op = () -> bench.rejectForged(forged.get("random doubles"));
                break;
            case "halfway":
                op = () -> bench.rejectForged(forged.get("halfway decimals"));
                break;
            default:
                throw new IllegalArgumentException("No workload " + workload + "; there are " + NAMES);
        }
        long start = THREADS.getCurrentThreadCpuTime();
        for (int i = 0; i < times; i++) {
            op.run();
        }
        return (THREADS.getCurrentThreadCpuTime() - start) / (double) times;
    }
}
