package cn.scenext.core.internal.poll;

import cn.scenext.core.schedule.Scheduler;
import java.time.Duration;

/**
 * Spreads the polls of all waits of one client to at most a given number per second: each poll takes the
 * next free slot, slots {@code 1/rate} apart, so that waits started together (or polling on the same
 * interval) go out one after another instead of in a burst. Slots are taken when a poll is due, in the order
 * polls become due. Thread-safe.
 */
public final class PollRateLimiter {
    private final long spacingNanos;
    private long nextFreeNanos;
    private boolean used;

    private PollRateLimiter(long spacingNanos) {
        this.spacingNanos = spacingNanos;
    }

    /**
     * A limiter for a rate.
     *
     * @param perSecond the most polls per second; 0 or infinite for no limit
     * @return the limiter, or {@code null} for no limit
     */
    public static PollRateLimiter of(double perSecond) {
        if (perSecond == 0 || Double.isInfinite(perSecond)) {
            return null;
        }
        return new PollRateLimiter(Math.max(1L, (long) (1_000_000_000L / perSecond)));
    }

    /**
     * Takes the next free slot.
     *
     * @param nowNanos the current time on the scheduler's clock
     * @return the time the poll may go, {@code nowNanos} or later
     */
    public synchronized long reserve(long nowNanos) {
        long slot = used && nextFreeNanos - nowNanos > 0 ? nextFreeNanos : nowNanos;
        used = true;
        nextFreeNanos = slot + spacingNanos;
        return slot;
    }

    /**
     * Runs an action now, or at the next free slot of a limiter.
     *
     * @param limiter the limiter, or {@code null} for no limit
     * @param scheduler the clock of the slots and the timer of a later one
     * @param action what to run
     * @return the slot's timer, or {@code null} when the action ran now
     * @throws java.util.concurrent.RejectedExecutionException when the scheduler is closed
     */
    static Scheduler.Cancellable whenSlotFree(PollRateLimiter limiter, Scheduler scheduler, Runnable action) {
        if (limiter != null) {
            long now = scheduler.nanoTime();
            long wait = limiter.reserve(now) - now;
            if (wait > 0) {
                return scheduler.schedule(action, Duration.ofNanos(wait));
            }
        }
        action.run();
        return null;
    }
}
