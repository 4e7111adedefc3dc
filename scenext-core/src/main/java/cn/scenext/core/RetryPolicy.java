package cn.scenext.core;

import cn.scenext.api.exception.InvalidValueException;
import cn.scenext.core.internal.options.Backoff;
import cn.scenext.core.internal.options.Checks;
import java.time.Duration;
import java.util.Objects;

/**
 * How the client retries a call that failed in a way that may pass: exponential backoff with jitter, bounded
 * in attempts and in total time ({@link #maxElapsed()}, the call's total timeout, retries included),
 * honouring the service's {@code Retry-After}. Immutable.
 *
 * <p>What is retried is fixed by the SDK, not by this policy, so that a task is never created twice:
 * <ul>
 *   <li>status reads: connection failures and timeouts, HTTP 408, 429 and 5xx;</li>
 *   <li>task creation: only when the request surely did not reach the application: the connection was
 *       never made (refused, or timed out while connecting), or it was turned away before processing
 *       (HTTP 429, or a 503 carrying the service's own error envelope). Everything else that may have
 *       created the task (any other error envelope, an unreadable response, a proxy's 5xx, a connection lost
 *       after sending) is thrown at once, marked {@code taskMayHaveBeenCreated()}.</li>
 * </ul>
 *
 * <pre>{@code
 * RetryPolicy.builder().maxRetries(5).maxBackoff(Duration.ofSeconds(30)).build();
 * RetryPolicy.none();   // fail at the first error
 * RetryPolicy.defaults().toBuilder().maxRetries(4).build();   // the defaults, one setting changed
 * }</pre>
 *
 * <p>Each setter of the {@link Builder} checks its value and refuses a bad one at once with an
 * {@link cn.scenext.api.exception.InvalidValueException} (an {@link IllegalArgumentException}) naming the
 * setting; {@link Builder#build()} checks the one rule that spans two settings ({@code maxBackoff} not below
 * {@code initialBackoff}) and names both.
 */
public final class RetryPolicy {
    /** The total timeout of a call, retries included, unless set: 60 seconds. */
    public static final Duration DEFAULT_TOTAL_TIMEOUT = Duration.ofSeconds(60);
    private static final RetryPolicy DEFAULTS = builder().build();
    private static final RetryPolicy NONE = builder().maxRetries(0).build();

    private final int maxRetries;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final double multiplier;
    private final double jitter;
    private final Duration maxRetryAfter;
    private final Duration maxElapsed;
    private final Backoff backoff;

    private RetryPolicy(Builder b) {
        this.maxRetries = b.maxRetries;
        this.initialBackoff = b.initialBackoff;
        this.maxBackoff = b.maxBackoff;
        this.multiplier = b.multiplier;
        this.jitter = b.jitter;
        this.maxRetryAfter = b.maxRetryAfter;
        this.maxElapsed = b.maxElapsed;
        this.backoff = Backoff.of(initialBackoff, maxBackoff, multiplier, jitter, Duration.ZERO);
    }

    /**
     * The default policy: 2 retries, backoff from 0.5 s doubling to at most 8 s with ±20% jitter,
     * {@code Retry-After} honoured up to 60 s, and a total timeout of 60 s per call, retries included.
     *
     * @return the defaults
     */
    public static RetryPolicy defaults() {
        return DEFAULTS;
    }

    /**
     * No retry: every failure is thrown at once.
     *
     * @return the policy
     */
    public static RetryPolicy none() {
        return NONE;
    }

    /**
     * Starts a policy from the defaults.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding this policy's values.
     *
     * @return a builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.maxRetries = maxRetries;
        b.initialBackoff = initialBackoff;
        b.maxBackoff = maxBackoff;
        b.multiplier = multiplier;
        b.jitter = jitter;
        b.maxRetryAfter = maxRetryAfter;
        b.maxElapsed = maxElapsed;
        return b;
    }

    /**
     * How many times a failed call is tried again.
     *
     * @return the number of retries; 0 for none
     */
    public int maxRetries() {
        return maxRetries;
    }

    /**
     * The wait before the first retry, before jitter.
     *
     * @return the initial backoff
     */
    public Duration initialBackoff() {
        return initialBackoff;
    }

    /**
     * The longest wait between two attempts computed by backoff, before jitter.
     *
     * @return the cap
     */
    public Duration maxBackoff() {
        return maxBackoff;
    }

    /**
     * The factor between consecutive backoffs.
     *
     * @return the multiplier, at least 1
     */
    public double multiplier() {
        return multiplier;
    }

    /**
     * The spread applied to each backoff: a wait is drawn from {@code backoff × [1 − jitter, 1 + jitter]}.
     *
     * @return a fraction from 0 to 1
     */
    public double jitter() {
        return jitter;
    }

    /**
     * The longest {@code Retry-After} honoured; a longer one is shortened to this.
     *
     * @return the cap
     */
    public Duration maxRetryAfter() {
        return maxRetryAfter;
    }

    /**
     * The call's total timeout, retries included, counted from the first attempt: no retry starts that would
     * begin after it, and the attempt in flight is cut when it comes (each attempt runs under the shorter of
     * the client's call timeout and what is left of this). Set it with
     * {@link ScenextClient.Builder#totalTimeout} or here.
     *
     * @return the bound, positive
     */
    public Duration maxElapsed() {
        return maxElapsed;
    }

    /**
     * The wait before a retry.
     *
     * <p>The wait is {@code initialBackoff × multiplier^(retry − 1)}, capped at {@link #maxBackoff()}, then
     * spread by the jitter: {@code random} 0 gives {@code × (1 − jitter)}, 0.5 the wait itself, and values near 1
     * nearly {@code × (1 + jitter)}.
     *
     * @param retry which retry: 1 for the first (less than 1 counts as 1)
     * @param random a number in [0, 1), drawn by the caller
     * @return the backoff for that retry, with jitter, never more than {@link #maxBackoff()} × (1 + jitter)
     * @throws cn.scenext.api.exception.InvalidValueException when {@code random} is outside [0, 1)
     */
    public Duration backoff(int retry, double random) {
        return backoff.delay(retry, Checks.random(random));
    }

    /**
     * The wait before a retry: the failed response's {@code Retry-After} when it gave one (never more than
     * {@link #maxRetryAfter()}, and zero for a date already past), else the
     * {@linkplain #backoff(int, double) backoff}.
     *
     * @param retry which retry: 1 for the first
     * @param retryAfter the {@code Retry-After} of the failed response, or {@code null}
     * @param random a number in [0, 1), drawn by the caller
     * @return the wait
     * @throws cn.scenext.api.exception.InvalidValueException when {@code random} is outside [0, 1)
     */
    public Duration retryDelay(int retry, Duration retryAfter, double random) {
        Checks.random(random);
        if (retryAfter == null) {
            return backoff(retry, random);
        }
        if (retryAfter.isNegative()) {
            return Duration.ZERO;
        }
        return retryAfter.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : retryAfter;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof RetryPolicy)) {
            return false;
        }
        RetryPolicy that = (RetryPolicy) o;
        return maxRetries == that.maxRetries && Double.compare(multiplier, that.multiplier) == 0
                && Double.compare(jitter, that.jitter) == 0 && initialBackoff.equals(that.initialBackoff)
                && maxBackoff.equals(that.maxBackoff) && maxRetryAfter.equals(that.maxRetryAfter)
                && maxElapsed.equals(that.maxElapsed);
    }

    @Override
    public int hashCode() {
        return Objects.hash(maxRetries, initialBackoff, maxBackoff, multiplier, jitter, maxRetryAfter, maxElapsed);
    }

    @Override
    public String toString() {
        return "RetryPolicy{maxRetries=" + maxRetries + ", initialBackoff=" + initialBackoff + ", maxBackoff="
                + maxBackoff + ", multiplier=" + multiplier + ", jitter=" + jitter + ", maxRetryAfter="
                + maxRetryAfter + ", maxElapsed=" + maxElapsed + '}';
    }

    /** Builds a {@link RetryPolicy}, starting from the defaults. Not thread-safe. */
    public static final class Builder {
        private int maxRetries = 2;
        private Duration initialBackoff = Duration.ofMillis(500);
        private Duration maxBackoff = Duration.ofSeconds(8);
        private double multiplier = 2.0;
        private double jitter = 0.2;
        private Duration maxRetryAfter = Duration.ofSeconds(60);
        private Duration maxElapsed = DEFAULT_TOTAL_TIMEOUT;

        private Builder() {
        }

        /**
         * Sets how many times a failed call is tried again.
         *
         * @param maxRetries 0 or more; default 2
         * @return this builder
         * @throws cn.scenext.api.exception.InvalidValueException when negative
         */
        public Builder maxRetries(int maxRetries) {
            this.maxRetries = Checks.inRange(maxRetries, 0, Integer.MAX_VALUE, "maxRetries");
            return this;
        }

        /**
         * Sets the wait before the first retry.
         *
         * @param initialBackoff zero or more; default 0.5 s
         * @return this builder
         * @throws cn.scenext.api.exception.InvalidValueException when negative
         */
        public Builder initialBackoff(Duration initialBackoff) {
            this.initialBackoff = Checks.notNegative(initialBackoff, "initialBackoff");
            return this;
        }

        /**
         * Sets the longest backoff.
         *
         * @param maxBackoff zero or more, and not less than the initial backoff (checked by {@link #build()});
         *     default 8 s
         * @return this builder
         * @throws cn.scenext.api.exception.InvalidValueException when negative
         */
        public Builder maxBackoff(Duration maxBackoff) {
            this.maxBackoff = Checks.notNegative(maxBackoff, "maxBackoff");
            return this;
        }

        /**
         * Sets the factor between consecutive backoffs.
         *
         * @param multiplier a finite number, 1 or more; default 2
         * @return this builder
         * @throws cn.scenext.api.exception.InvalidValueException when less than 1, infinite or NaN
         */
        public Builder multiplier(double multiplier) {
            this.multiplier = Checks.inRange(multiplier, 1.0, Double.POSITIVE_INFINITY, "multiplier");
            return this;
        }

        /**
         * Sets the spread of each backoff.
         *
         * @param jitter from 0 (none) to 1; default 0.2
         * @return this builder
         * @throws cn.scenext.api.exception.InvalidValueException when outside [0, 1] or NaN
         */
        public Builder jitter(double jitter) {
            this.jitter = Checks.inRange(jitter, 0.0, 1.0, "jitter");
            return this;
        }

        /**
         * Sets the longest {@code Retry-After} honoured.
         *
         * @param maxRetryAfter zero or more; default 60 s
         * @return this builder
         * @throws cn.scenext.api.exception.InvalidValueException when negative
         */
        public Builder maxRetryAfter(Duration maxRetryAfter) {
            this.maxRetryAfter = Checks.notNegative(maxRetryAfter, "maxRetryAfter");
            return this;
        }

        /**
         * Sets the call's total timeout, retries included.
         *
         * @param maxElapsed positive; default 60 s
         * @return this builder
         * @throws cn.scenext.api.exception.InvalidValueException when zero or negative
         */
        public Builder maxElapsed(Duration maxElapsed) {
            this.maxElapsed = Checks.positive(maxElapsed, "maxElapsed");
            return this;
        }

        /**
         * Builds the policy.
         *
         * @return the policy
         * @throws cn.scenext.api.exception.InvalidValueException naming {@code maxBackoff} when it is less than
         *     the initial backoff
         */
        public RetryPolicy build() {
            if (maxBackoff.compareTo(initialBackoff) < 0) {
                throw new InvalidValueException("maxBackoff", "maxBackoff (" + maxBackoff + ") must not be less "
                        + "than initialBackoff (" + initialBackoff + ").");
            }
            return new RetryPolicy(this);
        }
    }
}
