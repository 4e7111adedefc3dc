package cn.scenext.core.poll;

import cn.scenext.api.exception.ValidationException;
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
 * }</pre>
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

    private PollPolicy(Duration initialInterval, Duration maxInterval, double multiplier, double jitter,
            Duration firstPollDelay, Duration floor) {
        this.initialInterval = initialInterval;
        this.maxInterval = maxInterval;
        this.multiplier = multiplier;
        this.jitter = jitter;
        this.firstPollDelay = firstPollDelay;
        this.floor = floor;
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
     * @throws ValidationException when the interval is not positive
     */
    public static PollPolicy fixed(Duration interval) {
        positive(interval, "interval");
        return new PollPolicy(interval, interval, 1.0, DEFAULT_JITTER, Duration.ZERO, DEFAULT_FLOOR);
    }

    /**
     * The first poll at once, then intervals growing from {@code initial} by {@code multiplier} up to
     * {@code max} (each ±10% jitter): for tasks expected to take long, polled often at first.
     *
     * @param initial the interval after the first poll; positive
     * @param max the longest interval; at least {@code initial}
     * @param multiplier the factor between consecutive intervals; at least 1
     * @return the policy
     * @throws ValidationException when a value is out of range
     */
    public static PollPolicy backoff(Duration initial, Duration max, double multiplier) {
        positive(initial, "initial");
        positive(max, "max");
        if (max.compareTo(initial) < 0) {
            throw new ValidationException("max", "The longest poll interval (" + max + ") must not be shorter "
                    + "than the initial one (" + initial + ").");
        }
        if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
            throw new ValidationException("multiplier", "The poll interval multiplier must be a finite number "
                    + ">= 1, got " + multiplier + ".");
        }
        return new PollPolicy(initial, max, multiplier, DEFAULT_JITTER, Duration.ZERO, DEFAULT_FLOOR);
    }

    /**
     * This policy with another jitter.
     *
     * @param jitter each interval is drawn from {@code interval × [1 − jitter, 1 + jitter]}; from 0 to 0.5
     * @return the changed policy
     * @throws ValidationException when the jitter is out of range
     */
    public PollPolicy withJitter(double jitter) {
        if (!(jitter >= 0.0 && jitter <= 0.5)) {
            throw new ValidationException("jitter", "The poll jitter must be between 0 and 0.5, got " + jitter + ".");
        }
        return new PollPolicy(initialInterval, maxInterval, multiplier, jitter, firstPollDelay, floor);
    }

    /**
     * This policy with its first poll after a delay rather than at once.
     *
     * @param delay zero or more
     * @return the changed policy
     * @throws ValidationException when the delay is negative
     */
    public PollPolicy withFirstPollAfter(Duration delay) {
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new ValidationException("firstPollAfter", "The first poll delay must not be negative, got "
                    + delay + ".");
        }
        return new PollPolicy(initialInterval, maxInterval, multiplier, jitter, delay, floor);
    }

    /**
     * This policy with another floor: the shortest time allowed between two polls. Lower it only for a local
     * simulator or a test.
     *
     * @param floor positive
     * @return the changed policy
     * @throws ValidationException when the floor is not positive
     */
    public PollPolicy withFloor(Duration floor) {
        positive(floor, "floor");
        return new PollPolicy(initialInterval, maxInterval, multiplier, jitter, firstPollDelay, floor);
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
     * @param pollsDone how many polls were made so far; 1 or more
     * @param random a number in [0, 1), drawn by the caller
     * @return the interval with jitter, never below the floor
     */
    public Duration intervalAfter(int pollsDone, double random) {
        double base = initialInterval.toNanos() * Math.pow(multiplier, Math.max(0, pollsDone - 1));
        base = Math.min(base, (double) maxInterval.toNanos());
        double withJitter = base * (1.0 + jitter * (2.0 * random - 1.0));
        return Duration.ofNanos(Math.max(floor.toNanos(), (long) withJitter));
    }

    /** Refuses a policy that asks for polls faster than its floor. */
    void checkFloor() {
        if (initialInterval.compareTo(floor) < 0) {
            throw new ValidationException("pollPolicy", "The poll policy asks for a poll every " + initialInterval
                    + ", faster than its floor of " + floor + ". Poll the service at most once a second per "
                    + "task (it advises every 30 s); for a local simulator or a test, lower the floor with "
                    + "PollPolicy.withFloor(" + initialInterval + ").");
        }
    }

    private static void positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new ValidationException(name, "A poll interval must be positive, got " + d + ".");
        }
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
}
