package cn.scenext.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * {@link ClientOverheadBenchmark} run for a shared machine: for each transport, raw and SDK forks alternate
 * for several rounds (raw first in odd rounds, SDK first in even ones), so that load from other processes falls
 * on both sides alike, and the ratio is taken of the medians of all their measurement iterations. Prints one
 * table row per transport, and with {@code --gc} the allocation per call under JMH's GC profiler.
 *
 * <pre>java -cp scenext-benchmarks/target/benchmarks.jar cn.scenext.benchmarks.OverheadRatios --rounds 3 --gc</pre>
 */
public final class OverheadRatios {
    private static final String ALLOCATION = "gc.alloc.rate.norm";

    private OverheadRatios() {
    }

    /** The iteration scores of one side, over all its forks. */
    private static final class Side {
        final List<Double> micros = new ArrayList<>();
        final List<Double> bytes = new ArrayList<>();

        void add(RunResult run) {
            for (var benchmark : run.getBenchmarkResults()) {
                for (IterationResult iteration : benchmark.getIterationResults()) {
                    micros.add(iteration.getPrimaryResult().getScore());
                    Result<?> allocation = iteration.getSecondaryResults().get(ALLOCATION);
                    if (allocation != null) {
                        bytes.add(allocation.getScore());
                    }
                }
            }
        }
    }

    /**
     * Runs the comparison.
     *
     * @param args {@code --rounds N} (default 3), {@code --transports a,b} (default all four), {@code --gc},
     *     {@code --warmup N} and {@code --iterations N} (default 3 and 5 one-second iterations per fork)
     * @throws RunnerException when JMH fails
     */
    public static void main(String[] args) throws RunnerException {
        Map<String, String> options = Arguments.parse(args);
        int rounds = Integer.parseInt(options.getOrDefault("rounds", "3"));
        List<String> transports = Arrays.asList(options.getOrDefault("transports", "okhttp,apache,retrofit,jdk")
                .split(","));
        boolean gc = options.containsKey("gc");
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "3"));
        int iterations = Integer.parseInt(options.getOrDefault("iterations", "5"));

        Map<String, Side[]> results = new LinkedHashMap<>();
        for (String transport : transports) {
            Side raw = new Side();
            Side sdk = new Side();
            for (int round = 1; round <= rounds; round++) {
                boolean rawFirst = round % 2 == 1;
                Side first = rawFirst ? raw : sdk;
                Side second = rawFirst ? sdk : raw;
                first.add(run(rawFirst ? "rawGetStatus" : "sdkGetStatus", transport, gc, warmup, iterations));
                second.add(run(rawFirst ? "sdkGetStatus" : "rawGetStatus", transport, gc, warmup, iterations));
            }
            results.put(transport, new Side[] {raw, sdk});
        }
        print(results, gc);
    }

    private static RunResult run(String method, String transport, boolean gc, int warmup, int iterations)
            throws RunnerException {
        ChainedOptionsBuilder b = new OptionsBuilder()
                .include(ClientOverheadBenchmark.class.getName() + "\\." + method + "$")
                .param("transport", transport)
                .forks(1)
                .warmupIterations(warmup)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(iterations)
                .measurementTime(TimeValue.seconds(1))
                .timeUnit(TimeUnit.MICROSECONDS);
        if (gc) {
            b.addProfiler(GCProfiler.class);
        }
        Collection<RunResult> results = new Runner(b.build()).run();
        return results.iterator().next();
    }

    private static void print(Map<String, Side[]> results, boolean gc) {
        System.out.println();
        System.out.println("transport  raw us/op  sdk us/op  sdk/raw (medians)  sdk/raw (minimums)"
                + (gc ? "  raw B/op  sdk B/op  sdk/raw B/op" : ""));
        for (Map.Entry<String, Side[]> e : results.entrySet()) {
            Side raw = e.getValue()[0];
            Side sdk = e.getValue()[1];
            String line = String.format(Locale.ROOT, "%-9s  %9.1f  %9.1f  %17.2f  %18.2f", e.getKey(),
                    median(raw.micros), median(sdk.micros), median(sdk.micros) / median(raw.micros),
                    min(sdk.micros) / min(raw.micros));
            if (gc) {
                line += String.format(Locale.ROOT, "  %8.0f  %8.0f  %12.2f", median(raw.bytes), median(sdk.bytes),
                        median(sdk.bytes) / median(raw.bytes));
            }
            System.out.println(line);
        }
    }

    private static double median(List<Double> values) {
        return PairedRatio.median(values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static double min(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }
}
