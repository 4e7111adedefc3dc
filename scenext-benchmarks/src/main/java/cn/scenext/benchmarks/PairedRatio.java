package cn.scenext.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The statistics of every figure of the {@link Scorecard}, in one place: a figure is the median of per-pair values
 * (e.g. the SDK/raw ratio of one round), with a 95% percentile-bootstrap interval.
 *
 * <p>The scorecard's figures use {@link #hierarchical}: a two-stage bootstrap that draws JVMs, then rounds within
 * them, so that the interval covers what differs from JVM to JVM (what the JIT compiled, where the JVM was placed),
 * which is what differs between two runs. {@link #stratified} resamples rounds within each JVM only: its interval
 * is the noise of one run's rounds, narrower than what a re-run shows whenever JVMs differ.
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
        return medianOfSorted(sorted, sorted.length);
    }

    /** The median of {@code sorted[0, n)}, ascending, {@code n} at least 1: the middle value or the mean of two. */
    private static double medianOfSorted(double[] sorted, int n) {
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
        List<double[]> groups = nonEmpty(strata);
        double[] all = pooled(groups);
        int total = all.length;
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
            medians[r] = medianOfSorted(resample, total);
        }
        Arrays.sort(medians);
        return new Estimate(value, percentile(medians, 0.025), percentile(medians, 0.975), total);
    }

    /**
     * The figure of rounds from several JVMs, with an interval that covers the variation between JVMs: a two-stage
     * (hierarchical) bootstrap. Each resample draws as many JVMs as there are, with replacement, then within each
     * drawn JVM as many of its rounds as it has, with replacement, and takes the median of all rounds drawn. The
     * interval is the 2.5th and 97.5th percentiles of {@value #RESAMPLES} such medians, widened about the median
     * for the few JVMs a figure rests on (see {@link #fewJvmWidening}): with K JVMs a bootstrap over JVMs sees
     * (K-1)/K of their variance and a normal quantile where Student's t with K-1 degrees of freedom applies.
     *
     * <p>The seed is fixed, so the same rounds always give the same interval: a run is reproducible from its raw
     * data. With one JVM there is nothing to draw between JVMs and the interval is {@link #stratified}'s (rounds
     * only).
     *
     * @param jvms one array of per-round values per JVM; empty arrays are ignored
     * @return median of all rounds, the two-stage interval, and {@code pairs} = the number of rounds
     * @throws IllegalArgumentException when there is no round at all
     */
    public static Estimate hierarchical(List<double[]> jvms) {
        return hierarchical(jvms, RESAMPLES, SEED);
    }

    /**
     * {@link #hierarchical(List)} with a chosen number of resamples and seed (for the simulations of its tests).
     *
     * @param jvms one array of per-round values per JVM; empty arrays are ignored
     * @param resamples how many bootstrap resamples, at least 1
     * @param seed the random generator's seed
     * @return the estimate
     */
    static Estimate hierarchical(List<double[]> jvms, int resamples, long seed) {
        Objects.requireNonNull(jvms, "jvms");
        if (resamples < 1) {
            throw new IllegalArgumentException("At least one resample, not " + resamples);
        }
        List<double[]> groups = nonEmpty(jvms);
        if (groups.size() == 1) {
            return stratified(groups);
        }
        double[] all = pooled(groups);
        int total = all.length;
        int largest = 0;
        for (double[] g : groups) {
            largest = Math.max(largest, g.length);
        }
        double value = median(all);
        int k = groups.size();
        SplittableRandom random = new SplittableRandom(seed);
        double[] medians = new double[resamples];
        double[] resample = new double[k * largest];
        for (int r = 0; r < resamples; r++) {
            int n = 0;
            for (int j = 0; j < k; j++) {
                double[] g = groups.get(random.nextInt(k));
                for (int i = 0; i < g.length; i++) {
                    resample[n++] = g[random.nextInt(g.length)];
                }
            }
            Arrays.sort(resample, 0, n);
            medians[r] = medianOfSorted(resample, n);
        }
        Arrays.sort(medians);
        double widen = fewJvmWidening(k);
        double low = Math.min(value, percentile(medians, 0.025));
        double high = Math.max(value, percentile(medians, 0.975));
        if (low > 0) {
            // Positive figures (ratios, rates, times) are widened on the log scale, so that the interval stays
            // positive however few the JVMs: a ratio's lower end of 1/2 the median widens to 1/4, never below 0.
            return new Estimate(value, value * Math.pow(low / value, widen), value * Math.pow(high / value, widen),
                    total);
        }
        return new Estimate(value, value - widen * (value - low), value + widen * (high - value), total);
    }

    /** The non-empty groups, in their order; an error when there is none. */
    private static List<double[]> nonEmpty(List<double[]> groups) {
        List<double[]> result = new ArrayList<>();
        for (double[] g : groups) {
            if (g.length > 0) {
                result.add(g);
            }
        }
        if (result.isEmpty()) {
            throw new IllegalArgumentException("No pairs to estimate from");
        }
        return result;
    }

    /** All groups' values in one array. */
    private static double[] pooled(List<double[]> groups) {
        int total = 0;
        for (double[] g : groups) {
            total += g.length;
        }
        double[] all = new double[total];
        int at = 0;
        for (double[] g : groups) {
            System.arraycopy(g, 0, all, at, g.length);
            at += g.length;
        }
        return all;
    }

    /** Student's t 0.975 quantiles for 1 to 30 degrees of freedom. */
    private static final double[] T975 = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
        2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060,
        2.056, 2.052, 2.048, 2.045, 2.042};
    private static final double Z975 = 1.959964;

    /**
     * How much the two-stage bootstrap's interval is widened about the median when it rests on {@code k} JVMs:
     * {@code sqrt(k / (k - 1)) * t(0.975, k - 1) / z(0.975)}. A bootstrap over k JVMs estimates their variance
     * with divisor k, not k - 1, and its percentiles are those of a normal distribution where the spread of k JVMs
     * calls for Student's t; 1.58 for 5 JVMs, 1.35 for 8, 1.06 for 50.
     *
     * @param k JVMs, at least 2
     * @return the factor, above 1
     */
    static double fewJvmWidening(int k) {
        if (k < 2) {
            throw new IllegalArgumentException("The widening needs at least 2 JVMs, not " + k);
        }
        int df = k - 1;
        double t;
        if (df <= T975.length) {
            t = T975[df - 1];
        } else {
            // Cornish-Fisher expansion of Student's t about the normal quantile: within 1e-4 from 30 degrees.
            double z = Z975;
            t = z + (z * z * z + z) / (4 * df) + (5 * Math.pow(z, 5) + 16 * z * z * z + 3 * z) / (96.0 * df * df);
        }
        return Math.sqrt((double) k / df) * t / Z975;
    }
}
