package cn.scenext.benchmarks;

import cn.scenext.api.exception.WebhookVerificationException;
import cn.scenext.core.webhook.WebhookVerifier;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;

/**
 * The webhook figures of the {@link Scorecard}, timed in rounds on the calling thread: verifies per second of the
 * documented COMPLETED event (as {@link WebhookVerifyBenchmark#verifyDocsPayload}), and the time to reject a forged
 * 1 MB body (wrong signature) full of subnormal and boundary floats, the input that makes a naive canonicalizer
 * (which must re-print every float as Python does) slow. Both are timed in CPU time of the calling thread
 * ({@link ThreadMXBean#getCurrentThreadCpuTime()}), not wall time: on a machine shared with other work the wall
 * clock measures the queue for the CPU as much as the code.
 */
final class WebhookTimings {
    /** The forged body's size. */
    static final int FORGED_BYTES = 1 << 20;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    /** The least CPU time spent rejecting before the timed runs. */
    private static final long WARMUP_CPU_NANOS = 3_000_000_000L;
    private static volatile Object sink;

    private WebhookTimings() {
    }

    /**
     * Verifies per second, one value per round, after {@code warmupMs} of verifying.
     *
     * @param rounds how many rounds
     * @param roundMs each round's length
     * @param warmupMs warm-up before the first round
     * @return each round's verifies per second
     */
    static double[] verifyOpsPerSecond(int rounds, long roundMs, long warmupMs) {
        WebhookVerifyBenchmark.Documented docs = WebhookVerifyBenchmark.Documented.open();
        timeFor(docs, warmupMs);
        double[] ops = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            ops[r] = timeFor(docs, roundMs);
        }
        return ops;
    }

    /** Verifies for about {@code ms} milliseconds of this thread's CPU time, and returns the rate per CPU-second. */
    private static double timeFor(WebhookVerifyBenchmark.Documented docs, long ms) {
        long start = THREADS.getCurrentThreadCpuTime();
        long end = start + ms * 1_000_000L;
        long n = 0;
        long now;
        do {
            for (int i = 0; i < 256; i++) {
                sink = docs.verifier().verify(docs.body(), docs.signature());
            }
            n += 256;
            now = THREADS.getCurrentThreadCpuTime();
        } while (now < end);
        return n / ((now - start) / 1e9);
    }

    /**
     * A COMPLETED event padded to about {@code size} bytes with a {@code progress} array of floats that are hard
     * to print: the smallest subnormal, the smallest normal, and subnormals with long digit strings.
     *
     * @param size the body's size in bytes, at least 200
     * @return the body, valid JSON
     */
    static byte[] forgedFloatBody(int size) {
        String[] floats = {"4.9e-324", "2.2250738585072014E-308", "2.225073858507201e-308", "1.0E-320",
            "4.940656458412465e-324", "1.7976931348623157e308", "0.1", "123456789.98765433"};
        StringBuilder sb = new StringBuilder(size + 64);
        sb.append("{\"task_id\": \"x\", \"status\": \"COMPLETED\", \"timestamp\": 1672531200, \"progress\": [");
        int i = 0;
        while (sb.length() < size - 40) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(floats[i++ % floats.length]);
        }
        sb.append("]}");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Milliseconds of this thread's CPU time per rejection of the forged body, one value per run, after {@code
     * warmup} rejections.
     *
     * @param runs how many timed rejections
     * @param warmup untimed rejections first (and at least 3 s of this thread's CPU time)
     * @return each run's milliseconds
     * @throws IllegalStateException when the forged body is not rejected
     */
    static double[] forgedRejectionMillis(int runs, int warmup) {
        WebhookVerifyBenchmark.Documented docs = WebhookVerifyBenchmark.Documented.open();
        WebhookVerifier verifier = docs.verifier();
        byte[] body = forgedFloatBody(FORGED_BYTES);
        String forged = "0".repeat(docs.signature().length());
        // At least warmup rejections and 3 s of this thread's CPU: on a loaded machine the JIT's threads wait for a
        // core too, and a run timed before they compiled the scanner measures the interpreter.
        long warmupEnd = THREADS.getCurrentThreadCpuTime() + WARMUP_CPU_NANOS;
        for (int i = 0; i < warmup || THREADS.getCurrentThreadCpuTime() < warmupEnd; i++) {
            reject(verifier, body, forged);
        }
        double[] ms = new double[runs];
        for (int r = 0; r < runs; r++) {
            long start = THREADS.getCurrentThreadCpuTime();
            reject(verifier, body, forged);
            ms[r] = (THREADS.getCurrentThreadCpuTime() - start) / 1e6;
        }
        return ms;
    }

    private static void reject(WebhookVerifier verifier, byte[] body, String signature) {
        try {
            sink = verifier.verify(body, signature);
        } catch (WebhookVerificationException expected) {
            return;
        }
        throw new IllegalStateException("A forged webhook was accepted");
    }
}
