package cn.scenext.benchmarks;

import cn.scenext.core.internal.canonical.CanonicalWriter;
import cn.scenext.core.internal.canonical.StageProbes;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Where the CPU time of rejecting a forged 1 MB float body goes: each stage of the canonicalization timed alone
 * (CPU time of this thread, median of rounds after a warm-up) on the same body, its literals pre-extracted where a
 * stage needs them, so that the stages can be compared with the whole and with a bare loop over the bytes. Run one
 * stage per JVM ({@code --stage b}): stages sharing a JVM share JIT profiles (the number writer compiled for one
 * body deoptimizes on another), which moves their figures by 2-3x.
 *
 * <pre>java -cp scenext-benchmarks/target/benchmarks.jar cn.scenext.benchmarks.CanonicalStageCosts --stage f</pre>
 */
public final class CanonicalStageCosts {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    /** Keeps results alive so that the JIT cannot drop the work. */
    private static long sink;

    private CanonicalStageCosts() {
    }

    /**
     * Runs the measurement.
     *
     * @param args {@code --rounds N} (default 15), {@code --warmup N} (default 10), {@code --body random|subnormals|scorecard}
     *     (scorecard: the {@link Scorecard}'s forged body),
     *     {@code --stage X} (only the stage labelled {@code (X)}: a, a', u, b, c, d, e, n, f, h, v)
     * @throws Exception when the JDK has no HmacSHA256
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> options = Arguments.parse(args);
        int rounds = Integer.parseInt(options.getOrDefault("rounds", "15"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "10"));
        String which = options.getOrDefault("body", "random");
        WebhookVerifyBenchmark bench = new WebhookVerifyBenchmark();
        bench.setUp();
        byte[] body = "scorecard".equals(which) ? WebhookTimings.forgedFloatBody(WebhookTimings.FORGED_BYTES)
                : bench.forgedBodies().get("random".equals(which) ? "random doubles" : which);
        if (body == null) {
            throw new IllegalArgumentException("--body is one of random, subnormals, scorecard");
        }
        Literals lit = Literals.of(body);
        int count = lit.start.length;
        StageProbes probes = new StageProbes();
        CanonicalWriter writer = new CanonicalWriter();
        double[] doubles = new double[count];
        long[] n = new long[count];
        int[] k = new int[count];
        probes.decimalToDouble(lit.w, lit.e, doubles);
        probes.shortestDigits(doubles, n, k);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("whsec_benchmark".getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
        byte[] copy = new byte[body.length];

        System.out.printf(Locale.ROOT, "%s body: %d bytes, %d float literals; load average %.2f%n", which,
                body.length, count, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        Map<String, LongSupplier> stages = new LinkedHashMap<>();
        stages.put("(a) bare loop over the bytes", () -> {
            long s = 0;
            for (byte b : body) {
                s += b;
            }
            return s;
        });
        stages.put("(a') copy of the body (arraycopy)", () -> {
            System.arraycopy(body, 0, copy, 0, body.length);
            return copy[body.length / 2];
        });
        stages.put("(u) UTF-8 check", () -> probes.utf8(body));
        // The scan alone: the literals without their sign, point and exponent are integers of the same digits, which
        // the number writer reads by the same loops and copies out as they are, with no conversion.
        Object[] integers = integers(body, lit.start);
        stages.put("(b) number scan only (same digits as integers)",
                () -> probes.numbers((byte[]) integers[0], (int[]) integers[1]));
        stages.put("(c) decimal -> double",
                () -> probes.decimalToDouble(lit.w, lit.e, doubles));
        stages.put("(d) shortest digits", () -> probes.shortestDigits(doubles, n, k));
        stages.put("(e) formatting (repr layout)", () -> probes.format(n, k));
        stages.put("(n) number writer, all literals: (b) to (e)",
                () -> probes.numbers(body, lit.start));
        stages.put("(f) whole canonicalization",
                () -> StageProbes.canonicalize(writer, body));
        stages.put("(h) two HMAC-SHA256 over the body", () -> {
            mac.update(body, 0, body.length);
            byte[] a = mac.doFinal();
            mac.update(body, 0, body.length);
            return a[0] + mac.doFinal()[0];
        });
        stages.put("(v) whole rejection by the verifier", () -> bench.rejectForged(body).ordinal());
        String only = options.get("stage");
        for (Map.Entry<String, LongSupplier> stage : stages.entrySet()) {
            if (only == null || stage.getKey().startsWith("(" + only + ")")) {
                report(stage.getKey(), count, median(warmup, rounds, stage.getValue()));
            }
        }
        System.out.println(sink == 42 ? "" : "done");
    }

    /** The literals of {@code body} as integers of the same significant digits, in one array, and where each starts. */
    private static Object[] integers(byte[] body, int[] start) {
        StringBuilder sb = new StringBuilder("[");
        int[] at = new int[start.length];
        for (int i = 0; i < start.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            at[i] = sb.length();
            for (int p = start[i]; p < body.length && body[p] != ',' && body[p] != ']'; p++) {
                if (body[p] == 'e' || body[p] == 'E') {
                    break;
                }
                if (body[p] >= '0' && body[p] <= '9') {
                    sb.append((char) body[p]);
                }
            }
        }
        return new Object[] {sb.append(']').toString().getBytes(StandardCharsets.US_ASCII), at};
    }

    private static void report(String stage, int literals, double nanos) {
        System.out.printf(Locale.ROOT, "%-42s %8.3f ms  %7.1f ns per literal%n", stage, nanos / 1e6, nanos / literals);
    }

    /** The median CPU nanoseconds of one call over {@code rounds} rounds (of 3 calls), after {@code warmup}. */
    private static double median(int warmup, int rounds, LongSupplier call) {
        List<Double> perCall = new ArrayList<>();
        for (int r = 0; r < warmup + rounds; r++) {
            long start = THREADS.getCurrentThreadCpuTime();
            for (int i = 0; i < 3; i++) {
                sink += call.getAsLong();
            }
            long spent = THREADS.getCurrentThreadCpuTime() - start;
            if (r >= warmup) {
                perCall.add(spent / 3.0);
            }
        }
        Collections.sort(perCall);
        return perCall.get(perCall.size() / 2);
    }

    /** The float literals of a forged body's array: where each starts, and its significand and exponent. */
    private static final class Literals {
        final int[] start;
        final long[] w;
        final int[] e;

        private Literals(int[] start, long[] w, int[] e) {
            this.start = start;
            this.w = w;
            this.e = e;
        }

        static Literals of(byte[] body) {
            String text = new String(body, StandardCharsets.US_ASCII);
            int from = text.indexOf('[') + 1; // the forged bodies have one array, of numbers
            String[] parts = text.substring(from, text.length() - 2).split(", ");
            int[] start = new int[parts.length];
            long[] w = new long[parts.length];
            int[] e = new int[parts.length];
            int at = from;
            for (int i = 0; i < parts.length; i++) {
                start[i] = at;
                String p = parts[i].startsWith("-") ? parts[i].substring(1) : parts[i];
                int ex = Math.max(p.indexOf('e'), p.indexOf('E'));
                String mantissa = ex < 0 ? p : p.substring(0, ex);
                int exponent = ex < 0 ? 0 : Integer.parseInt(p.substring(ex + 1));
                int point = mantissa.indexOf('.');
                String digits = point < 0 ? mantissa : mantissa.substring(0, point) + mantissa.substring(point + 1);
                int fraction = point < 0 ? 0 : mantissa.length() - point - 1;
                if (digits.length() > 19) {
                    digits = digits.substring(0, 19);
                    fraction -= mantissa.length() - 1 - 19;
                }
                w[i] = Long.parseUnsignedLong(digits);
                e[i] = exponent - fraction;
                at += parts[i].length() + 2;
            }
            return new Literals(start, w, e);
        }
    }
}
