package cn.scenext.core.internal.poll;

import cn.scenext.core.poll.PollPolicy;
import cn.scenext.core.internal.token.TokenState;
import cn.scenext.core.internal.token.WaitTokens;
import cn.scenext.core.poll.WaitOptions;
import cn.scenext.core.poll.WaitToken;
import cn.scenext.core.poll.WaitUpdate;
import cn.scenext.api.TaskId;
import cn.scenext.api.TaskStatus;
import cn.scenext.api.exception.ClientClosedException;
import cn.scenext.api.exception.ScenextException;
import cn.scenext.api.exception.TransportException;
import cn.scenext.api.internal.Futures;
import cn.scenext.core.RetryPolicy;
import cn.scenext.core.internal.http.Redactor;
import cn.scenext.core.poll.WaitObserver;
import cn.scenext.core.schedule.Scheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The engine behind {@link cn.scenext.core.ScenextClient}'s waits: follows any number of tasks to their end
 * on one shared {@link Scheduler}, with no thread per waiting task. Each wait polls through an asynchronous
 * status reader, one poll at a time, on its {@link PollPolicy}; polls of all waits may be spread by a
 * client-wide rate limit. Statuses pushed from outside (verified webhook events, through
 * {@link #offer(TaskStatus, Instant)}) reach the waits for their task at once, and a terminal one ends them;
 * polling goes on as the safety net until then. Thread-safe; one per client.
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

        /**
         * Starts reading a status on behalf of a wait, so that the request can be told apart (and observed
         * under the wait); the default reads it as {@link #read(TaskId, long)} does.
         *
         * @param taskId the task
         * @param deadlineNanos no retry of the read starts after this time on the scheduler's clock
         * @param waitId the wait's id ({@link cn.scenext.core.poll.ObservedWait#id()})
         * @return the status to come, or a typed {@link ScenextException}
         */
        default CompletableFuture<TaskStatus> read(TaskId taskId, long deadlineNanos, long waitId) {
            return read(taskId, deadlineNanos);
        }
    }

    private final StatusReader reader;
    private final Scheduler scheduler;
    private final PollRateLimiter limiter;
    private final Redactor redactor;
    private final KeptStatuses kept;
    private final Duration maxRetryAfter;
    private final Clock clock;
    private final WaitObservers observers;
    /** Unique in the JVM, so that one observer of several clients tells their waits apart. */
    private static final AtomicLong WAIT_IDS = new AtomicLong();
    /**
     * The running waits by task: a concurrent set per task, so that adding or removing one wait costs the same
     * however many follow the task. A set is created and dropped (when empty) only inside the map's atomic
     * {@code compute}s, and a wait is added to or removed from its set inside them too, so a wait is never
     * added to a set already dropped. Readers iterate without a lock and see every wait added before they
     * started.
     */
    private final ConcurrentMap<String, Set<PollingWait>> active = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /**
     * Creates the engine.
     *
     * @param reader reads statuses
     * @param scheduler the timer and clock of every wait
     * @param maxPollsPerSecond the most polls per second across all waits; 0 or infinite for no limit
     * @param redactor removes the API key from what listeners' failures put in log lines
     * @param keptStatuses how many terminal pushed statuses to keep for waits that start after them; 0 for none
     * @param keptFor how long to keep each, on {@code clock}
     * @param clock the wall clock that ages kept statuses
     * @throws cn.scenext.api.exception.ValidationException when the rate is negative or not a number, or the
     *     limits of kept statuses are out of range
     */
    public TaskWaiter(StatusReader reader, Scheduler scheduler, double maxPollsPerSecond, Redactor redactor,
            int keptStatuses, Duration keptFor, Clock clock) {
        this(reader, scheduler, maxPollsPerSecond, redactor, keptStatuses, keptFor, clock,
                RetryPolicy.defaults().maxRetryAfter());
    }

    /**
     * Creates the engine, with a cap on the {@code Retry-After} a rate-limited poll may impose.
     *
     * @param reader reads statuses
     * @param scheduler the timer and clock of every wait
     * @param maxPollsPerSecond the most polls per second across all waits; 0 or infinite for no limit
     * @param redactor removes the API key from what listeners' failures put in log lines
     * @param keptStatuses how many terminal pushed statuses to keep for waits that start after them; 0 for none
     * @param keptFor how long to keep each, on {@code clock}
     * @param clock the wall clock that ages kept statuses
     * @param maxRetryAfter the longest a poll refused with HTTP 429 and a {@code Retry-After} delays the next
     *     poll, typically {@link RetryPolicy#maxRetryAfter()}; the wait's deadline caps it too
     * @throws cn.scenext.api.exception.ValidationException when the rate is negative or not a number, or the
     *     limits of kept statuses are out of range
     */
    public TaskWaiter(StatusReader reader, Scheduler scheduler, double maxPollsPerSecond, Redactor redactor,
            int keptStatuses, Duration keptFor, Clock clock, Duration maxRetryAfter) {
        this(reader, scheduler, maxPollsPerSecond, redactor, keptStatuses, keptFor, clock, maxRetryAfter,
                Collections.<WaitObserver>emptyList());
    }

    /**
     * Creates the engine, with observers that see every wait from its start to its end.
     *
     * @param reader reads statuses
     * @param scheduler the timer and clock of every wait
     * @param maxPollsPerSecond the most polls per second across all waits; 0 or infinite for no limit
     * @param redactor removes the API key from what listeners' failures put in log lines
     * @param keptStatuses how many terminal pushed statuses to keep for waits that start after them; 0 for none
     * @param keptFor how long to keep each, on {@code clock}
     * @param clock the wall clock that ages kept statuses and times a webhook's receipt
     * @param maxRetryAfter the longest a poll answered with HTTP 429 and a {@code Retry-After} delays the next
     *     poll
     * @param observers see every wait, in this order
     * @throws cn.scenext.api.exception.ValidationException when the rate is negative or not a number, or the
     *     limits of kept statuses are out of range
     */
    public TaskWaiter(StatusReader reader, Scheduler scheduler, double maxPollsPerSecond, Redactor redactor,
            int keptStatuses, Duration keptFor, Clock clock, Duration maxRetryAfter, List<WaitObserver> observers) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.observers = new WaitObservers(observers, redactor);
        this.maxRetryAfter = Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
        this.reader = Objects.requireNonNull(reader, "reader");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.limiter = PollRateLimiter.of(WaitLimits.checkRate(maxPollsPerSecond));
        this.redactor = Objects.requireNonNull(redactor, "redactor");
        this.kept = new KeptStatuses(WaitLimits.checkKeptStatuses(keptStatuses), WaitLimits.checkKeptFor(keptFor),
                clock);
    }

    /**
     * Starts waiting for a task without blocking the caller. When a terminal status of the task was pushed
     * lately (and is still kept), the wait ends with it at once.
     *
     * @param taskId the task
     * @param options how to wait
     * @return the task's terminal status to come; cancelling it stops the wait at once
     */
    public CompletableFuture<TaskStatus> waitForCompletionAsync(TaskId taskId, WaitOptions options) {
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(options, "options");
        if (closed) {
            CompletableFuture<TaskStatus> f = new CompletableFuture<>();
            f.completeExceptionally(closedDuring(taskId));
            return f;
        }
        return begin(new PollingWait(this, taskId, options));
    }

    /**
     * Resumes a saved wait without blocking the caller: the token's task, deadline (the options' timeout is not
     * used), poll policy position, last state and reported frames; otherwise as
     * {@link #waitForCompletionAsync(TaskId, WaitOptions)}. A deadline already passed ends the wait at once with
     * a {@link cn.scenext.api.exception.WaitTimeoutException}, with no status request.
     *
     * @param token the saved wait
     * @param options how to wait, but for the timeout
     * @return the task's terminal status to come; cancelling it stops the wait at once
     */
    public CompletableFuture<TaskStatus> resumeWaitAsync(WaitToken token, WaitOptions options) {
        TokenState saved = WaitTokens.state(Objects.requireNonNull(token, "token"));
        Objects.requireNonNull(options, "options");
        if (closed) {
            CompletableFuture<TaskStatus> f = new CompletableFuture<>();
            f.completeExceptionally(closedDuring(saved.taskId()));
            return f;
        }
        return begin(new PollingWait(this, saved.taskId(), options, saved));
    }

    /**
     * Resumes a saved wait, blocking the caller; see {@link #resumeWaitAsync(WaitToken, WaitOptions)}.
     *
     * @param token the saved wait
     * @param options how to wait, but for the timeout
     * @return the task's terminal status
     * @throws ScenextException typed by how the wait ended, as {@link #waitForCompletion(TaskId, WaitOptions)}
     */
    public TaskStatus resumeWait(WaitToken token, WaitOptions options) {
        return block(resumeWaitAsync(token, options), token.taskId());
    }

    private CompletableFuture<TaskStatus> begin(PollingWait wait) {
        TaskId taskId = wait.taskId();
        add(wait);
        wait.observed.started();
        wait.result().whenComplete(wait::onResultCompleted);
        if (closed) {
            wait.settleFailure(closedDuring(taskId));
            return wait.result();
        }
        KeptStatuses.Kept pushed = kept.find(taskId); // after add(wait): a push either finds the wait or is kept
        if (pushed != null) {
            wait.offer(pushed.status, pushed.sentAt, pushed.arrivedAt);
        }
        wait.start();
        return wait.result();
    }

    /**
     * Hands the waits for a task a status pushed from outside, typically a verified webhook event's. The
     * status is trusted as it is: verify events before handing them in. A task id that is a UUID matches the
     * waits for it in any letter case (the service echoes ids as they were asked). Each wait for the task reports the
     * status's new frames and change of state to its listener, exactly as for a polled status; a terminal
     * status ends the waits at once (with no status request, unless their options ask for the full status).
     * A status sent before the latest one a wait took in, a repeat, or anything after a wait's end changes
     * nothing. A terminal status is also kept for a short while, so that a wait started just after it ends at
     * once.
     *
     * @param status the task's status as pushed
     * @param sentAt when its sender sent it: orders the pushes for one task
     * @return the strongest effect the status had on the waits for its task
     */
    public WaitUpdate offer(TaskStatus status, Instant sentAt) {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(sentAt, "sentAt");
        if (closed) {
            return WaitUpdate.IGNORED;
        }
        // Kept before looking for waits: a wait added meanwhile either is found below or finds the status kept.
        Instant receivedAt = clock.instant();
        boolean newlyKept = status.isTerminal() && kept.keep(status, sentAt);
        Set<PollingWait> waits = active.get(TaskKey.of(status.taskId()));
        if (waits == null) {
            return newlyKept ? WaitUpdate.KEPT : WaitUpdate.IGNORED;
        }
        WaitUpdate update = WaitUpdate.IGNORED;
        for (PollingWait wait : waits) {
            update = strongest(update, wait.offer(status, sentAt, receivedAt));
        }
        return update;
    }

    /**
     * Waits for a task still being created, without blocking the caller. Cancelling the result cancels the
     * creation if it is still running (the task may exist all the same) or else the wait.
     *
     * @param creating the task's id to come
     * @param options how to wait once the task exists
     * @return the task's terminal status to come
     */
    public CompletableFuture<TaskStatus> waitForCompletionAsync(CompletableFuture<TaskId> creating,
            WaitOptions options) {
        Objects.requireNonNull(options, "options");
        CompletableFuture<TaskStatus> result = new CompletableFuture<>();
        AtomicReference<CompletableFuture<TaskStatus>> waiting = new AtomicReference<>();
        creating.whenComplete((taskId, failure) -> {
            if (failure != null) {
                result.completeExceptionally(Futures.unwrap(failure));
                return;
            }
            CompletableFuture<TaskStatus> w = waitForCompletionAsync(taskId, options);
            waiting.set(w);
            if (result.isDone()) {
                w.cancel(true);
            }
            w.whenComplete((status, e) -> {
                if (e != null) {
                    result.completeExceptionally(Futures.unwrap(e));
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
     * Waits for a task, blocking the caller; the same engine as {@link #waitForCompletionAsync(TaskId, WaitOptions)}.
     *
     * @param taskId the task
     * @param options how to wait
     * @return the task's terminal status
     * @throws ScenextException typed by how the wait ended; a {@link TransportException} with reason
     *     {@code CANCELLED} when the thread is interrupted (the wait is then cancelled)
     */
    public TaskStatus waitForCompletion(TaskId taskId, WaitOptions options) {
        return block(waitForCompletionAsync(taskId, options), taskId);
    }

    private static TaskStatus block(CompletableFuture<TaskStatus> f, TaskId taskId) {
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
     * @param failure the failure, possibly wrapped in a {@link java.util.concurrent.CompletionException}
     * @return never returns normally for runtime exceptions and errors, which it throws
     */
    public static RuntimeException rethrow(Throwable failure) {
        Throwable t = Futures.unwrap(failure);
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
        int n = 0;
        for (Set<PollingWait> waits : active.values()) {
            n += waits.size();
        }
        return n;
    }

    /**
     * Fails every running wait with a {@link ClientClosedException} and cancels its timers and its poll in
     * flight; later waits fail at once. Idempotent.
     */
    @Override
    public void close() {
        closed = true;
        for (Set<PollingWait> waits : active.values()) {
            for (PollingWait wait : waits) {
                wait.settleFailure(closedDuring(wait.taskId()));
            }
        }
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

    /**
     * Runs an action now, or at the next free slot of the client-wide rate limit.
     *
     * @return the slot's timer, or {@code null} when the action ran now
     * @throws java.util.concurrent.RejectedExecutionException when the scheduler is closed
     */
    Scheduler.Cancellable whenSlotFree(Runnable action) {
        return PollRateLimiter.whenSlotFree(limiter, scheduler, action);
    }

    Redactor redactor() {
        return redactor;
    }

    Clock clock() {
        return clock;
    }

    Duration maxRetryAfter() {
        return maxRetryAfter;
    }

    WaitObservers observers() {
        return observers;
    }

    long nextWaitId() {
        return WAIT_IDS.incrementAndGet();
    }

    boolean isClosed() {
        return closed;
    }

    private void add(PollingWait wait) {
        active.compute(TaskKey.of(wait.taskId()), (id, waits) -> {
            Set<PollingWait> set = waits != null ? waits : ConcurrentHashMap.<PollingWait>newKeySet();
            set.add(wait);
            return set;
        });
    }

    void remove(PollingWait wait) {
        active.computeIfPresent(TaskKey.of(wait.taskId()), (id, waits) -> {
            waits.remove(wait);
            return waits.isEmpty() ? null : waits;
        });
    }

    static Duration elapsedSince(Scheduler scheduler, long startNanos) {
        return Duration.ofNanos(Math.max(0, scheduler.nanoTime() - startNanos));
    }

    /** The stronger of two effects: the one declared first in {@link WaitUpdate}. */
    private static WaitUpdate strongest(WaitUpdate a, WaitUpdate b) {
        return a.ordinal() <= b.ordinal() ? a : b;
    }
}
