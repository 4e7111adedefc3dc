package cn.scenext.core.internal.poll;

import cn.scenext.core.schedule.Scheduler;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** Small helpers for a wait's timers and requests: cancels that accept what was never set, a saturated deadline. */
final class PollTimers {
    private PollTimers() {
    }

    /** Cancels each timer that was set; {@code null}s are skipped. */
    static void cancel(Scheduler.Cancellable... timers) {
        for (Scheduler.Cancellable timer : timers) {
            if (timer != null) {
                timer.cancel();
            }
        }
    }

    /** Cancels each request in flight; {@code null}s are skipped. */
    static void cancel(CompletableFuture<?>... requests) {
        for (CompletableFuture<?> request : requests) {
            if (request != null) {
                request.cancel(true);
            }
        }
    }

    /** A duration in nanoseconds; one too long for a {@code long} is a quarter of its range (centuries). */
    static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE / 4;
        }
    }
}
