package cn.scenext.core.internal.options;

import cn.scenext.api.exception.InvalidValueException;
import java.time.Duration;
import java.util.Objects;

/**
 * The checks the setters of the options types run on a value: each returns the value when it is allowed and
 * otherwise throws an {@link InvalidValueException} naming the setting, with the value and the range in its
 * message; a {@code null} throws a {@link NullPointerException} naming the setting.
 */
public final class Checks {
    private Checks() {
    }

    /**
     * A duration longer than zero.
     *
     * @param d the value
     * @param name the setting, as the method that sets it
     * @return the value
     */
    public static Duration positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new InvalidValueException(name, name + " must be positive, got " + d + ".");
        }
        return d;
    }

    /**
     * A duration of zero or more.
     *
     * @param d the value
     * @param name the setting, as the method that sets it
     * @return the value
     */
    public static Duration notNegative(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative()) {
            throw new InvalidValueException(name, name + " must not be negative, got " + d + ".");
        }
        return d;
    }

    /**
     * A whole number within bounds.
     *
     * @param value the value
     * @param min the least allowed
     * @param max the most allowed
     * @param name the setting, as the method that sets it
     * @return the value
     */
    public static int inRange(int value, int min, int max, String name) {
        if (value < min || value > max) {
            String range = max == Integer.MAX_VALUE ? min + " or more" : "from " + min + " to " + max;
            throw new InvalidValueException(name, name + " must be " + range + ", got " + value + ".");
        }
        return value;
    }

    /**
     * A number within bounds, not NaN.
     *
     * @param value the value
     * @param min the least allowed
     * @param max the most allowed, {@link Double#POSITIVE_INFINITY} for no bound (then infinity itself is
     *     refused)
     * @param name the setting, as the method that sets it
     * @return the value
     */
    public static double inRange(double value, double min, double max, String name) {
        boolean unbounded = max == Double.POSITIVE_INFINITY;
        if (!(value >= min && value <= max) || (unbounded && Double.isInfinite(value))) {
            String range = unbounded ? "a finite number >= " + min : "between " + min + " and " + max;
            throw new InvalidValueException(name, name + " must be " + range + ", got " + value + ".");
        }
        return value;
    }

    /**
     * The backoff's random draw, in [0, 1).
     *
     * @param random the value
     * @return the value
     */
    public static double random(double random) {
        if (!(random >= 0.0 && random < 1.0)) {
            throw new InvalidValueException("random", "random must be in [0, 1), got " + random + ".");
        }
        return random;
    }
}
