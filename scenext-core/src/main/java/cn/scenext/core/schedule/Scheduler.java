package cn.scenext.core.schedule;

import java.time.Duration;

/**
 * The time source and timer behind retries and waits. A client shares one scheduler between all its
 * calls, so that waiting costs no thread per task. The default is {@link #system()}; tests inject a virtual
 * one so that a "30 minute" wait runs in milliseconds.
 *
 * <p>Scheduled actions must be short and must not block: they start asynchronous calls and return.
 */
public interface Scheduler extends AutoCloseable {

    /**
     * A monotonic time in nanoseconds, for measuring elapsed time and deadlines (like {@link System#nanoTime()}).
     *
     * @return the current time in nanoseconds from an arbitrary origin
     */
    long nanoTime();

    /**
     * Runs an action once, after a delay.
     *
     * @param action a short, non-blocking action
     * @param delay how long from now; zero or negative runs it as soon as possible
     * @return a handle to cancel the action before it runs
     * @throws java.util.concurrent.RejectedExecutionException when the scheduler is closed
     */
    Cancellable schedule(Runnable action, Duration delay);

    /**
     * Blocks the calling thread for a duration; used by synchronous calls between retries.
     *
     * @param duration how long
     * @throws InterruptedException when the thread is interrupted while sleeping
     */
    void sleep(Duration duration) throws InterruptedException;

    /**
     * Marks the start of work on another thread that belongs to the same flow as the scheduled actions (a step
     * handed to a worker thread): a scheduler on virtual time does not move its time until the work ends, so
     * that no timer overtakes it. The real-time scheduler has nothing to do.
     *
     * @return run it when the work is done (running it again does nothing)
     */
    default Runnable beginWork() {
        return () -> {
        };
    }

    /**
     * Stops the timer; actions not yet run are dropped. Idempotent.
     */
    @Override
    void close();

    /**
     * The real-time scheduler: {@link System#nanoTime()} and one daemon thread, started on first use.
     *
     * @param threadName the name of its thread
     * @return a new scheduler, owned by the caller
     */
    static Scheduler system(String threadName) {
        return new SystemScheduler(threadName);
    }

    /** A scheduled action that may be cancelled. */
    interface Cancellable {
        /**
         * Cancels the action if it has not run yet.
         *
         * @return {@code true} when the action will not run
         */
        boolean cancel();
    }
}
