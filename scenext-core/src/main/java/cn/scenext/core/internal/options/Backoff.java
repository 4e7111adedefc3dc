package cn.scenext.core.internal.options;

import java.time.Duration;

/**
 * Exponential backoff with jitter: the n-th delay is {@code initial × multiplier^(n−1)}, capped at
 * {@code max}, spread by {@code ±jitter} and never below {@code floor}. The one formula behind
 * {@code RetryPolicy.backoff} (floor zero) and {@code PollPolicy.intervalAfter} (floor the policy's). Immutable;
 * the caller checks the values (the options types do, in their setters) and draws the random number.
 */
public final class Backoff {
    private final long initialNanos;
    private final long maxNanos;
    private final double multiplier;
    private final double jitter;
    private final long floorNanos;

    private Backoff(Duration initial, Duration max, double multiplier, double jitter, Duration floor) {
        this.initialNanos = saturatedNanos(initial);
        this.maxNanos = saturatedNanos(max);
        this.multiplier = multiplier;
        this.jitter = jitter;
        this.floorNanos = saturatedNanos(floor);
    }

    /**
     * A backoff.
     *
     * @param initial the first delay before jitter, zero or more
     * @param max the longest delay before jitter, at least {@code initial}
     * @param multiplier the factor between consecutive delays, finite and at least 1
     * @param jitter the spread, from 0 to 1: a delay is drawn from {@code d × [1 − jitter, 1 + jitter]}
     * @param floor the shortest delay returned, jitter included; zero or more
     * @return the backoff
     */
    public static Backoff of(Duration initial, Duration max, double multiplier, double jitter, Duration floor) {
        return new Backoff(initial, max, multiplier, jitter, floor);
    }

    /**
     * The delay after the n-th attempt (a retry, or a poll).
     *
     * @param n which delay: 1 for the first; less than 1 counts as 1
     * @param random a number in [0, 1), drawn by the caller: 0 gives the shortest spread, 0.5 none
     * @return the delay, from {@code max(floor, d × (1 − jitter))} to {@code max(floor, d × (1 + jitter))}
     *     where {@code d} is the capped exponential delay
     */
    public Duration delay(int n, double random) {
        double base = initialNanos * Math.pow(multiplier, Math.max(0, n - 1));
        base = Math.min(base, (double) maxNanos);
        double spread = base * (1.0 + jitter * (2.0 * random - 1.0));
        long nanos = spread >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) spread;
        return Duration.ofNanos(Math.max(floorNanos, nanos));
    }

    /** A duration in nanoseconds, {@link Long#MAX_VALUE} (292 years) for a longer one rather than overflowing. */
    private static long saturatedNanos(Duration d) {
        return d.getSeconds() >= Long.MAX_VALUE / 1_000_000_000L - 1 ? Long.MAX_VALUE : d.toNanos();
    }

    @Override
    public String toString() {
        return "Backoff{initial=" + Duration.ofNanos(initialNanos) + ", max=" + Duration.ofNanos(maxNanos)
                + ", multiplier=" + multiplier + ", jitter=" + jitter + ", floor=" + Duration.ofNanos(floorNanos) + '}';
    }
}
