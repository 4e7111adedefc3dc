package cn.scenext.core.poll;

import cn.scenext.api.exception.InvalidValueException;
import cn.scenext.core.internal.options.Backoff;
import cn.scenext.core.internal.options.Checks;
import java.time.Duration;
import java.util.Objects;

/**
 * When a wait reads a task's status: the first poll, then the interval between polls. Immutable.
 *
 * <p>The default follows the service's advice: the first poll at once, then every 30 seconds, each interval
 * spread by ±10% of jitter so that many waits started together do not poll together.
 *
 * <p><b>The floor.</b> No interval is shorter than the policy's {@linkplain #floor() floor}, one second
 * unless lowered: jitter never takes an interval below it, and a policy that asks for a shorter interval is
 * refused when it is given to {@link WaitOptions.Builder#pollPolicy(PollPolicy)}. Lower the floor with
 * {@link #withFloor(Duration)} only for a local simulator or a test, never against the real service.
 *
 * <pre>{@code
 * PollPolicy.defaults();                                           // now, then every 30 s ± 10%
 * PollPolicy.fixed(Duration.ofSeconds(10));                        // now, then every 10 s ± 10%
 * PollPolicy.backoff(Duration.ofSeconds(5), Duration.ofMinutes(1), 2.0);   // 5 s, 10 s, 20 s, 40 s, 60 s, 60 s…
 * PollPolicy.fixed(Duration.ofMillis(50)).withFloor(Duration.ofMillis(50)); // a simulator in a test
 * PollPolicy.defaults().toBuilder().firstPollDelay(Duration.ofSeconds(20)).build(); // one setting changed
 * }</pre>
 *
 * <p>Every factory, {@code with...} method and setter of the {@link Builder} checks its value and refuses a
 * bad one at once with an {@link InvalidValueException} (an {@link IllegalArgumentException}) naming it;
 * {@link Builder#build()} checks the one rule that spans two settings (the longest interval not shorter than
 * the initial one) and names both.
 */
public final class PollPolicy {
    /** The floor of every policy unless lowered: one second between polls. */
    public static final Duration DEFAULT_FLOOR = Duration.ofSeconds(1);
    /** The interval the service advises: 30 seconds. */
    public static final Duration ADVISED_INTERVAL = Duration.ofSeconds(30);
    /** The jitter unless set: ±10%. */
    public static final double DEFAULT_JITTER = 0.1;

    private static final PollPolicy DEFAULTS = fixed(ADVISED_INTERVAL);

    private final Duration initialInterval;
    private final Duration maxInterval;
    private final double multiplier;
    private final double jitter;
    private final Duration firstPollDelay;
    private final Duration floor;
    private final Backoff backoff;

    private PollPolicy(Builder b) {
        this.initialInterval = b.initialInterval;
        this.maxInterval = b.maxInterval;
        this.multiplier = b.multiplier;
        this.jitter = b.jitter;
        this.firstPollDelay = b.firstPollDelay;
        this.floor = b.floor;
        this.backoff = Backoff.of(initialInterval, maxInterval, multiplier, jitter, floor);
    }

    /**
     * Starts a policy from the defaults (the first poll at once, then every 30 s ± 10%, floor one second).
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding this policy's values, to derive a changed one.
     *
     * @return a builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.initialInterval = initialInterval;
        b.maxInterval = maxInterval;
        b.multiplier = multiplier;
        b.jitter = jitter;
        b.firstPollDelay = firstPollDelay;
        b.floor = floor;
        return b;
    }

    /**
     * The service's advice: the first poll at once, then every 30 seconds with ±10% jitter.
     *
     * @return the default policy
     */
    public static PollPolicy defaults() {
        return DEFAULTS;
    }

    /**
     * The first poll at once, then one every {@code interval} (±10% jitter).
     *
     * @param interval the time between polls; positive
     * @return the policy
     * @throws InvalidValueException when the interval is not positive
     */
    public static PollPolicy fixed(Duration interval) {
        return builder().interval(positive(interval, "interval")).build();
    }

    /**
     * The first poll at once, then intervals growing from {@code initial} by {@code multiplier} up to
     * {@code max} (each ±10% jitter): for tasks expected to take long, polled often at first.
     *
     * @param initial the interval after the first poll; positive
     * @param max the longest interval; at least {@code initial}
     * @param multiplier the factor between consecutive intervals; at least 1
     * @return the policy
     * @throws InvalidValueException when a value is out of range
     */
    public static PollPolicy backoff(Duration initial, Duration max, double multiplier) {
        positive(initial, "initial");
        positive(max, "max");
        if (max.compareTo(initial) < 0) {
            throw new InvalidValueException("max", "The longest poll interval (" + max + ") must not be shorter "
                    + "than the initial one (" + initial + ").");
        }
        return builder().initialInterval(initial).maxInterval(max).multiplier(multiplier).build();
    }

    /**
     * This policy with another jitter.
     *
     * @param jitter each interval is drawn from {@code interval × [1 − jitter, 1 + jitter]}; from 0 to 0.5
     * @return the changed policy
     * @throws InvalidValueException when the jitter is out of range
     */
    public PollPolicy withJitter(double jitter) {
        return toBuilder().jitter(jitter).build();
    }

    /**
     * This policy with its first poll after a delay rather than at once.
     *
     * @param delay zero or more
     * @return the changed policy
     * @throws InvalidValueException when the delay is negative
     */
    public PollPolicy withFirstPollAfter(Duration delay) {
        return toBuilder().firstPollDelay(delay).build();
    }

    /**
     * This policy with another floor: the shortest time allowed between two polls. Lower it only for a local
     * simulator or a test.
     *
     * @param floor positive
     * @return the changed policy
     * @throws InvalidValueException when the floor is not positive
     */
    public PollPolicy withFloor(Duration floor) {
        return toBuilder().floor(floor).build();
    }

    /**
     * The delay before the first poll.
     *
     * @return zero unless set by {@link #withFirstPollAfter(Duration)}
     */
    public Duration firstPollDelay() {
        return firstPollDelay;
    }

    /**
     * The interval after the first poll, before jitter.
     *
     * @return the initial interval
     */
    public Duration initialInterval() {
        return initialInterval;
    }

    /**
     * The longest interval, before jitter.
     *
     * @return the longest interval; equal to {@link #initialInterval()} for a fixed policy
     */
    public Duration maxInterval() {
        return maxInterval;
    }

    /**
     * The factor between consecutive intervals.
     *
     * @return 1 for a fixed policy
     */
    public double multiplier() {
        return multiplier;
    }

    /**
     * The spread of each interval.
     *
     * @return a fraction from 0 to 0.5
     */
    public double jitter() {
        return jitter;
    }

    /**
     * The shortest time allowed between two polls.
     *
     * @return the floor; one second unless lowered
     */
    public Duration floor() {
        return floor;
    }

    /**
     * The time to wait after a poll before the next one.
     *
     * <p>The interval is {@code initialInterval × multiplier^(pollsDone − 1)}, capped at {@link #maxInterval()},
     * spread by the jitter ({@code random} 0 gives {@code × (1 − jitter)}, 0.5 the interval itself), and raised
     * to the floor when shorter: the same formula as {@code RetryPolicy.backoff}.
     *
     * @param pollsDone how many polls were made so far; 1 or more (less counts as 1)
     * @param random a number in [0, 1), drawn by the caller
     * @return the interval with jitter, never below the floor
     * @throws InvalidValueException when {@code random} is outside [0, 1)
     */
    public Duration intervalAfter(int pollsDone, double random) {
        return backoff.delay(pollsDone, Checks.random(random));
    }

    /** Refuses a policy that asks for polls faster than its floor. */
    void checkFloor() {
        if (initialInterval.compareTo(floor) < 0) {
            throw new InvalidValueException("pollPolicy", "The poll policy asks for a poll every " + initialInterval
                    + ", faster than its floor of " + floor + ". Poll the service at most once a second per "
                    + "task (it advises every 30 s); for a local simulator or a test, lower the floor with "
                    + "PollPolicy.withFloor(" + initialInterval + ").");
        }
    }

    private static Duration positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new InvalidValueException(name, "A poll interval must be positive, got " + d + ".");
        }
        return d;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof PollPolicy)) {
            return false;
        }
        PollPolicy that = (PollPolicy) o;
        return Double.compare(multiplier, that.multiplier) == 0 && Double.compare(jitter, that.jitter) == 0
                && initialInterval.equals(that.initialInterval) && maxInterval.equals(that.maxInterval)
                && firstPollDelay.equals(that.firstPollDelay) && floor.equals(that.floor);
    }

    @Override
    public int hashCode() {
        return Objects.hash(initialInterval, maxInterval, multiplier, jitter, firstPollDelay, floor);
    }

    @Override
    public String toString() {
        String schedule = multiplier == 1.0 ? "every " + initialInterval
                : "from " + initialInterval + " ×" + multiplier + " up to " + maxInterval;
        return "PollPolicy{first after " + firstPollDelay + ", then " + schedule + " ±" + Math.round(jitter * 100)
                + "%, floor " + floor + '}';
    }

    /**
     * Builds a {@link PollPolicy}, starting from the defaults: the first poll at once, then every 30 s, ±10%
     * jitter, a floor of one second. Each setter refuses a bad value at once. Not thread-safe.
     */
    public static final class Builder {
        private Duration initialInterval = ADVISED_INTERVAL;
        private Duration maxInterval = ADVISED_INTERVAL;
        private double multiplier = 1.0;
        private double jitter = DEFAULT_JITTER;
        private Duration firstPollDelay = Duration.ZERO;
        private Duration floor = DEFAULT_FLOOR;

        private Builder() {
        }

        /**
         * Sets a fixed interval: the initial and the longest interval both, so that every interval is this one.
         *
         * @param interval positive
         * @return this builder
         * @throws InvalidValueException when not positive
         */
        public Builder interval(Duration interval) {
            this.initialInterval = Checks.positive(interval, "interval");
            this.maxInterval = interval;
            return this;
        }

        /**
         * Sets the interval after the first poll, before jitter.
         *
         * @param initialInterval positive; default 30 s
         * @return this builder
         * @throws InvalidValueException when not positive
         */
        public Builder initialInterval(Duration initialInterval) {
            this.initialInterval = Checks.positive(initialInterval, "initialInterval");
            return this;
        }

        /**
         * Sets the longest interval, before jitter.
         *
         * @param maxInterval positive, and not shorter than the initial interval (checked by {@link #build()});
         *     default 30 s
         * @return this builder
         * @throws InvalidValueException when not positive
         */
        public Builder maxInterval(Duration maxInterval) {
            this.maxInterval = Checks.positive(maxInterval, "maxInterval");
            return this;
        }

        /**
         * Sets the factor between consecutive intervals.
         *
         * @param multiplier a finite number, 1 or more; default 1 (a fixed interval)
         * @return this builder
         * @throws InvalidValueException when less than 1, infinite or NaN
         */
        public Builder multiplier(double multiplier) {
            this.multiplier = Checks.inRange(multiplier, 1.0, Double.POSITIVE_INFINITY, "multiplier");
            return this;
        }

        /**
         * Sets the spread of each interval: it is drawn from {@code interval × [1 − jitter, 1 + jitter]}.
         *
         * @param jitter from 0 to 0.5; default 0.1
         * @return this builder
         * @throws InvalidValueException when outside [0, 0.5] or NaN
         */
        public Builder jitter(double jitter) {
            this.jitter = Checks.inRange(jitter, 0.0, 0.5, "jitter");
            return this;
        }

        /**
         * Sets the delay before the first poll.
         *
         * @param firstPollDelay zero (the default) or more
         * @return this builder
         * @throws InvalidValueException when negative
         */
        public Builder firstPollDelay(Duration firstPollDelay) {
            this.firstPollDelay = Checks.notNegative(firstPollDelay, "firstPollDelay");
            return this;
        }

        /**
         * Sets the floor: the shortest time allowed between two polls. Lower it only for a local simulator or a
         * test.
         *
         * @param floor positive; default one second
         * @return this builder
         * @throws InvalidValueException when not positive
         */
        public Builder floor(Duration floor) {
            this.floor = Checks.positive(floor, "floor");
            return this;
        }

        /**
         * Builds the policy. A policy asking for polls faster than its floor can be built (lower the floor after
         * with {@link PollPolicy#withFloor}); {@link WaitOptions.Builder#pollPolicy(PollPolicy)} refuses it.
         *
         * @return the policy
         * @throws InvalidValueException naming {@code maxInterval} when it is shorter than the initial interval
         */
        public PollPolicy build() {
            if (maxInterval.compareTo(initialInterval) < 0) {
                throw new InvalidValueException("maxInterval", "maxInterval (" + maxInterval + ") must not be "
                        + "shorter than initialInterval (" + initialInterval + ").");
            }
            return new PollPolicy(this);
        }
    }
}
