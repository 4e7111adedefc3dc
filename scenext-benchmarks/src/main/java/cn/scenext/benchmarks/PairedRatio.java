package cn.scenext.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The statistics of every figure of the {@link Scorecard}, in one place: a figure is the median of per-pair values
 * (e.g. the SDK/raw ratio of one round), with a 95% percentile-bootstrap interval. When the pairs come from several
 * JVMs, each JVM is a stratum: a bootstrap resample draws, within each JVM, as many of its pairs as it has (with
 * replacement), so that a JVM's systematic offset (JIT, placement) weighs as much in every resample as in the data.
 *
 * <p>The resampling uses a fixed seed, so the same pairs always give the same interval.
 */
public final class PairedRatio {
    /** Resamples per interval: enough for stable 2.5% and 97.5% percentiles. */
    static final int RESAMPLES = 10_000;
    private static final long SEED = 0x5CE7E27L;

    private PairedRatio() {
    }

    /**
     * A figure: the median, its interval and how many pairs it rests on.
     *
     * @param value the median of the pairs' values
     * @param low the interval's lower end (equal to {@code value} when there is no interval)
     * @param high the interval's upper end (equal to {@code value} when there is no interval)
     * @param pairs how many pairs
     */
    public record Estimate(double value, double low, double high, int pairs) {
        /**
         * A single value without interval (a count, a peak).
         *
         * @param value the value
         * @return the estimate, {@code low == high == value}, one pair
         */
        public static Estimate exact(double value) {
            return new Estimate(value, value, value, 1);
        }
    }

    /**
     * The median.
     *
     * @param values at least one value; not changed
     * @return the middle value, or the mean of the two middle ones
     * @throws IllegalArgumentException when there are no values
     */
    public static double median(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("The median of no values");
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /**
     * A percentile of sorted values, interpolating linearly between neighbours (the "R-7" definition, as
     * numpy's default).
     *
     * @param sorted values in ascending order, at least one
     * @param p between 0 and 1
     * @return the percentile
     */
    static double percentile(double[] sorted, double p) {
        if (sorted.length == 0 || p < 0 || p > 1) {
            throw new IllegalArgumentException("A percentile needs values and 0 <= p <= 1");
        }
        double rank = p * (sorted.length - 1);
        int below = (int) Math.floor(rank);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (rank - below) * (sorted[above] - sorted[below]);
    }

    /**
     * The figure of one group of pairs (one JVM).
     *
     * @param values one value per pair
     * @return median and 95% bootstrap interval
     */
    public static Estimate of(double[] values) {
        return stratified(List.of(values));
    }

    /**
     * The figure of pairs from several JVMs: the median of all pairs, and a bootstrap interval resampling within
     * each JVM.
     *
     * @param strata one array of per-pair values per JVM; empty arrays are ignored
     * @return median and 95% bootstrap interval
     * @throws IllegalArgumentException when there is no pair at all
     */
    public static Estimate stratified(List<double[]> strata) {
        Objects.requireNonNull(strata, "strata");
        List<double[]> groups = new ArrayList<>();
        int total = 0;
        for (double[] s : strata) {
            if (s.length > 0) {
                groups.add(s);
                total += s.length;
            }
        }
        if (total == 0) {
            throw new IllegalArgumentException("No pairs to estimate from");
        }
        double[] all = new double[total];
        int at = 0;
        for (double[] g : groups) {
            System.arraycopy(g, 0, all, at, g.length);
            at += g.length;
        }
        double value = median(all);
        if (total == 1) {
            return new Estimate(value, value, value, 1);
        }
        SplittableRandom random = new SplittableRandom(SEED);
        double[] medians = new double[RESAMPLES];
        double[] resample = new double[total];
        for (int r = 0; r < RESAMPLES; r++) {
            int k = 0;
            for (double[] g : groups) {
                for (int i = 0; i < g.length; i++) {
                    resample[k++] = g[random.nextInt(g.length)];
                }
            }
            Arrays.sort(resample);
            medians[r] = total % 2 == 1 ? resample[total / 2] : (resample[total / 2 - 1] + resample[total / 2]) / 2;
        }
        Arrays.sort(medians);
        return new Estimate(value, percentile(medians, 0.025), percentile(medians, 0.975), total);
    }
}
