package cn.scenext.api.internal;

import java.util.Iterator;
import java.util.Objects;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A timer for timeouts that almost never fire (a call's deadline, a body's silence), built so that setting one
 * does not wake a thread: deadlines are kept in an ordered set, and the executor's thread is woken only at the
 * earliest of them, re-armed only when a new deadline comes before the wake-up already set. With calls one after
 * another under the same timeout, each new deadline is later than the armed one, so a call costs an insertion and
 * a removal and no hand-off to the timer thread; the thread wakes about once per timeout period, runs what is due
 * and sets its next wake-up. A {@link ScheduledExecutorService} used directly instead signals its thread for every
 * task that becomes its earliest, which on a lone call is every task.
 *
 * <p>Actions run on the executor's thread, one after another; one that throws does not stop the others.
 * Thread-safe. Internal: no compatibility promise.
 */
public final class CoalescingTimer {
    /** Sets the one wake-up: runs {@code sweep} after {@code delayNanos}, cancellable. */
    @FunctionalInterface
    public interface Waker {
        /**
         * Arranges a wake-up.
         *
         * @param sweep what to run then
         * @param delayNanos how long from now, never negative
         * @return a handle to cancel it, or {@code null} when it could not be set (the executor is shut down)
         */
        ScheduledFuture<?> wakeIn(Runnable sweep, long delayNanos);
    }

    private final Waker waker;
    private final LongSupplier nanoTime;
    private final ConcurrentSkipListSet<Timeout> timeouts = new ConcurrentSkipListSet<>();
    private final AtomicLong sequence = new AtomicLong();
    private final Object lock = new Object();
    /** The wake-up set, or {@code null}; guarded by {@link #lock}. */
    private ScheduledFuture<?> wake;
    /** When {@link #wake} comes, on {@link #nanoTime}; guarded by {@link #lock}. */
    private long wakeAt;
    /** Which wake-up is the current one, so that an older one ending does not forget a newer; guarded by lock. */
    private long generation;

    /**
     * A timer on an executor's thread, with {@link System#nanoTime()}.
     *
     * @param executor the executor, owned by the caller (who shuts it down)
     */
    public CoalescingTimer(ScheduledExecutorService executor) {
        this(onExecutor(executor), System::nanoTime);
    }

    /**
     * A timer woken by a {@link Waker} on a given clock; for tests.
     *
     * @param waker sets the wake-up
     * @param nanoTime the clock
     */
    public CoalescingTimer(Waker waker, LongSupplier nanoTime) {
        this.waker = Objects.requireNonNull(waker, "waker");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    }

    private static Waker onExecutor(ScheduledExecutorService executor) {
        Objects.requireNonNull(executor, "executor");
        return (sweep, delayNanos) -> {
            try {
                return executor.schedule(sweep, delayNanos, TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                return null; // shutting down: whoever shuts the executor down ends what it was timing
            }
        };
    }

    /**
     * Runs {@code action} once {@code delayNanos} have passed, unless the returned timeout is cancelled first.
     *
     * @param action what to run, on the timer's thread
     * @param delayNanos how long from now; zero or less: at the next wake-up, as soon as possible
     * @return the timeout, to cancel when what it guards is over
     */
    public Timeout schedule(Runnable action, long delayNanos) {
        Objects.requireNonNull(action, "action");
        Timeout t = new Timeout(this, nanoTime.getAsLong() + Math.max(0, delayNanos), sequence.incrementAndGet(),
                action);
        timeouts.add(t);
        arm(t.due);
        return t;
    }

    /**
     * How many timeouts are set and neither run nor cancelled.
     *
     * @return the number
     */
    public int pending() {
        return timeouts.size();
    }

    /** Makes sure a wake-up comes no later than {@code due}. */
    private void arm(long due) {
        synchronized (lock) {
            if (wake != null && wakeAt - due <= 0) {
                return; // the wake-up set comes first: it will see this one
            }
            if (wake != null) {
                wake.cancel(false);
            }
            long g = ++generation;
            wakeAt = due;
            wake = waker.wakeIn(() -> sweep(g), Math.max(0, due - nanoTime.getAsLong()));
        }
    }

    /** Runs every timeout that is due, then sets the wake-up for the earliest left. */
    private void sweep(long g) {
        synchronized (lock) {
            if (g == generation) {
                wake = null;
            }
        }
        long now = nanoTime.getAsLong();
        for (Timeout t = first(); t != null && t.due - now <= 0; t = first()) {
            if (timeouts.remove(t)) {
                try {
                    t.action.run();
                } catch (RuntimeException e) {
                    // one failing action must not keep the others from running; what it guards fails its own way
                }
            }
        }
        Timeout next = first();
        if (next != null) {
            arm(next.due);
        }
    }

    private Timeout first() {
        Iterator<Timeout> i = timeouts.iterator(); // the set has no null-returning peek; sweeps are rare
        return i.hasNext() ? i.next() : null;
    }

    /** One timeout set on a {@link CoalescingTimer}. */
    public static final class Timeout implements Comparable<Timeout> {
        private final CoalescingTimer timer;
        private final long due;
        private final long sequence;
        private final Runnable action;

        private Timeout(CoalescingTimer timer, long due, long sequence, Runnable action) {
            this.timer = timer;
            this.due = due;
            this.sequence = sequence;
            this.action = action;
        }

        /**
         * Cancels the timeout: its action will not run, unless it has started already.
         *
         * @return {@code true} when this call cancelled it; {@code false} when it had run, started or been
         *     cancelled before
         */
        public boolean cancel() {
            return timer.timeouts.remove(this);
        }

        @Override
        public int compareTo(Timeout o) {
            long d = due - o.due;
            if (d != 0) {
                return d < 0 ? -1 : 1;
            }
            return Long.compare(sequence, o.sequence);
        }

        @Override
        public boolean equals(Object o) {
            return this == o;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(sequence);
        }
    }
}
