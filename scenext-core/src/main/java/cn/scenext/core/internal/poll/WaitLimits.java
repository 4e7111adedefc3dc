package cn.scenext.core.internal.poll;

import cn.scenext.api.exception.ValidationException;
import java.time.Duration;
import java.util.Objects;

/** The checks of a {@link TaskWaiter}'s client-wide limits: the poll rate, and the webhook statuses it keeps. */
final class WaitLimits {
    private WaitLimits() {
    }

    /**
     * Checks a client-wide poll rate.
     *
     * @param perSecond the most polls per second; 0 or infinite for no limit
     * @return the rate
     * @throws ValidationException when the rate is negative or not a number
     */
    static double checkRate(double perSecond) {
        if (!(perSecond >= 0)) {
            throw new ValidationException("maxStatusRequestsPerSecond", "The most status "
                    + "requests per second must be positive (or 0 for no limit), got " + perSecond + ".");
        }
        return perSecond;
    }

    /**
     * Checks how many terminal pushed statuses to keep.
     *
     * @param max the most kept at once; 0 keeps none
     * @return the number
     * @throws ValidationException when it is negative
     */
    static int checkKeptStatuses(int max) {
        if (max < 0) {
            throw new ValidationException("recentWebhookEvents", "The number of webhook "
                    + "events to keep must be 0 or more, got " + max + ".");
        }
        return max;
    }

    /**
     * Checks how long to keep a terminal pushed status.
     *
     * @param keptFor how long
     * @return the duration
     * @throws ValidationException when it is not positive
     */
    static Duration checkKeptFor(Duration keptFor) {
        Objects.requireNonNull(keptFor, "keptFor");
        if (keptFor.isNegative() || keptFor.isZero()) {
            throw new ValidationException("recentWebhookEvents", "Webhook events must be "
                    + "kept for a positive time, got " + keptFor + ".");
        }
        return keptFor;
    }
}
