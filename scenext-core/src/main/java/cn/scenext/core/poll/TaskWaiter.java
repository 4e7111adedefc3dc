package cn.scenext.core.poll;

import cn.scenext.api.TaskId;
import cn.scenext.api.TaskStatus;
import cn.scenext.api.exception.ClientClosedException;
import cn.scenext.api.exception.ScenextException;
import cn.scenext.api.exception.TransportException;
import cn.scenext.core.http.Redactor;
import cn.scenext.core.schedule.Scheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The engine behind {@link cn.scenext.core.ScenextClient}'s waits: follows any number of tasks to their end
 * on one shared {@link Scheduler}, with no thread per waiting task. Each wait polls through an asynchronous
 * status reader, one poll at a time, on its {@link PollPolicy}; polls of all waits may be spread by a
 * client-wide rate limit. Thread-safe; one per client.
 */
public final class TaskWaiter implements AutoCloseable {

    /** Reads a task's status without blocking: the client's asynchronous {@code get_status}. */
    @FunctionalInterface
    public interface StatusReader {
        /**
         * Starts reading a status.
         *
         * @param taskId the task
         * @param deadlineNanos no retry of the read starts after this time on the scheduler's clock
         * @return the status to come, or a typed {@link ScenextException}
         */
        CompletableFuture<TaskStatus> read(TaskId taskId, long deadlineNanos);
    }

    private final StatusReader reader;
    private final Scheduler scheduler;
    private final PollRateLimiter limiter;
    private final Redactor redactor;
    private final Set<PollingWait> active = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /**
     * Creates the engine.
     *
     * @param reader reads statuses
     * @param scheduler the timer and clock of every wait
     * @param maxPollsPerSecond the most polls per second across all waits; 0 or infinite for no limit
     * @param redactor removes the API key from what listeners' failures put in log lines
     * @throws cn.scenext.api.exception.ValidationException when the rate is negative or not a number
     */
    public TaskWaiter(StatusReader reader, Scheduler scheduler, double maxPollsPerSecond, Redactor redactor) {
        this.reader = Objects.requireNonNull(reader, "reader");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.limiter = PollRateLimiter.of(checkRate(maxPollsPerSecond));
        this.redactor = Objects.requireNonNull(redactor, "redactor");
    }

    /**
     * Checks a client-wide poll rate.
     *
     * @param perSecond the most polls per second; 0 or infinite for no limit
     * @return the rate
     * @throws cn.scenext.api.exception.ValidationException when the rate is negative or not a number
     */
    public static double checkRate(double perSecond) {
        if (!(perSecond >= 0)) {
            throw new cn.scenext.api.exception.ValidationException("maxStatusRequestsPerSecond", "The most status "
                    + "requests per second must be positive (or 0 for no limit), got " + perSecond + ".");
        }
        return perSecond;
    }

    /**
     * Starts waiting for a task without blocking the caller.
     *
     * @param taskId the task
     * @param options how to wait
     * @return the task's terminal status to come; cancelling it stops the wait at once
     */
    public CompletableFuture<TaskStatus> waitFor(TaskId taskId, WaitOptions options) {
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(options, "options");
        if (closed) {
            CompletableFuture<TaskStatus> f = new CompletableFuture<>();
            f.completeExceptionally(closedDuring(taskId));
            return f;
        }
        PollingWait wait = new PollingWait(this, taskId, options);
        active.add(wait);
        wait.result().whenComplete((status, failure) -> wait.onResultCompleted());
        if (closed) {
            wait.settleFailure(closedDuring(taskId));
        } else {
            wait.start();
        }
        return wait.result();
    }

    /**
     * Waits for a task still being created, without blocking the caller. Cancelling the result cancels the
     * creation if it is still running (the task may exist all the same) or else the wait.
     *
     * @param creating the task's id to come
     * @param options how to wait once the task exists
     * @return the task's terminal status to come
     */
    public CompletableFuture<TaskStatus> waitForCreated(CompletableFuture<TaskId> creating, WaitOptions options) {
        Objects.requireNonNull(options, "options");
        CompletableFuture<TaskStatus> result = new CompletableFuture<>();
        AtomicReference<CompletableFuture<TaskStatus>> waiting = new AtomicReference<>();
        creating.whenComplete((taskId, failure) -> {
            if (failure != null) {
                result.completeExceptionally(unwrap(failure));
                return;
            }
            CompletableFuture<TaskStatus> w = waitFor(taskId, options);
            waiting.set(w);
            if (result.isDone()) {
                w.cancel(true);
            }
            w.whenComplete((status, e) -> {
                if (e != null) {
                    result.completeExceptionally(unwrap(e));
                } else {
                    result.complete(status);
                }
            });
        });
        result.whenComplete((status, failure) -> {
            if (result.isCancelled()) {
                creating.cancel(true);
                CompletableFuture<TaskStatus> w = waiting.get();
                if (w != null) {
                    w.cancel(true);
                }
            }
        });
        return result;
    }

    /**
     * Waits for a task, blocking the caller; the same engine as {@link #waitFor(TaskId, WaitOptions)}.
     *
     * @param taskId the task
     * @param options how to wait
     * @return the task's terminal status
     * @throws ScenextException typed by how the wait ended; a {@link TransportException} with reason
     *     {@code CANCELLED} when the thread is interrupted (the wait is then cancelled)
     */
    public TaskStatus await(TaskId taskId, WaitOptions options) {
        CompletableFuture<TaskStatus> f = waitFor(taskId, options);
        try {
            return f.get();
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            throw new TransportException(TransportException.Reason.CANCELLED, "Interrupted while waiting for task "
                    + taskId + "; the task goes on running on the server.", e);
        } catch (ExecutionException e) {
            throw rethrow(e.getCause());
        }
    }

    /**
     * The exception a blocking call throws for an asynchronous failure: the same {@link RuntimeException} or
     * {@link Error}, so that callers catch the types they expect.
     *
     * @param failure the failure, possibly wrapped in a {@link CompletionException}
     * @return never returns normally for runtime exceptions and errors, which it throws
     */
    public static RuntimeException rethrow(Throwable failure) {
        Throwable t = unwrap(failure);
        if (t instanceof RuntimeException) {
            throw (RuntimeException) t;
        }
        if (t instanceof Error) {
            throw (Error) t;
        }
        throw new ScenextException("The wait failed: " + t, t);
    }

    /**
     * How many waits are running.
     *
     * @return the number of waits not yet ended
     */
    public int activeWaits() {
        return active.size();
    }

    /**
     * Fails every running wait with a {@link ClientClosedException} and cancels its timers and its poll in
     * flight; later waits fail at once. Idempotent.
     */
    @Override
    public void close() {
        closed = true;
        for (PollingWait wait : new ArrayList<>(active)) {
            wait.settleFailure(closedDuring(wait.taskId()));
        }
    }

    /**
     * The failure inside a {@link CompletionException} or {@link ExecutionException}.
     *
     * @param failure a failure as a future reports it
     * @return the failure itself
     */
    static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    static ClientClosedException closedDuring(TaskId taskId) {
        return new ClientClosedException("The Scenext client was closed while waiting for task " + taskId
                + "; the task goes on running on the server. Wait for it again with a new client.");
    }

    StatusReader reader() {
        return reader;
    }

    Scheduler scheduler() {
        return scheduler;
    }

    PollRateLimiter limiter() {
        return limiter;
    }

    Redactor redactor() {
        return redactor;
    }

    boolean isClosed() {
        return closed;
    }

    void remove(PollingWait wait) {
        active.remove(wait);
    }

    static Duration elapsedSince(Scheduler scheduler, long startNanos) {
        return Duration.ofNanos(Math.max(0, scheduler.nanoTime() - startNanos));
    }
}
