package cn.scenext.core.internal.poll;

import cn.scenext.core.poll.WaitOptions;
import cn.scenext.core.poll.WaitUpdate;
import cn.scenext.api.TaskId;
import cn.scenext.api.TaskStatus;
import cn.scenext.api.exception.TaskFailedException;
import cn.scenext.api.exception.WaitTimeoutException;
import cn.scenext.api.internal.Futures;
import cn.scenext.core.internal.token.TokenState;
import cn.scenext.core.internal.token.WaitTokens;
import cn.scenext.core.schedule.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One wait for one task: a chain of polls on the shared scheduler (at most one in flight), a deadline timer,
 * statuses pushed from outside (webhook events), and the future the caller holds. Whatever ends it first (the
 * task's end, polled or pushed, a final error, the deadline, a cancel, the client's close) settles it once,
 * cancelling its timers and its request in flight, then completing the future after the listener calls queued.
 *
 * <p>Polls and pushes arrive on any threads. Each status is taken in under the wait's lock, which fixes the
 * order of the listener calls it queues and of the settling; the calls themselves and the future's completion
 * run after the lock is released.
 */
public final class PollingWait {
    private final TaskWaiter waiter;
    private final Scheduler scheduler;
    private final TaskId taskId;
    private final WaitOptions options;
    private final CompletableFuture<TaskStatus> result = new CompletableFuture<>();
    private final SerialExecutor callbacks;
    private final ProgressTracker progress;
    private final long startNanos;
    private final long deadlineNanos;
    /** The deadline on the client's wall clock, as tokens carry it; and the time left to it at the start. */
    private final Instant deadlineAt;
    private final Duration untilDeadline;
    /** Whether this wait resumes a saved one, with that one's poll policy position and deadline. */
    private final boolean resumed;
    private final Object lock = new Object();
    /** Written under the lock; read anywhere to stop early. */
    private volatile WaitPhase phase = WaitPhase.POLLING;
    /** Under the lock: the order of the pushes taken in, and the run of the same unclassified failure. */
    private final PushOrder pushes = new PushOrder();
    private final PollFailures failures = new PollFailures();
    /** Under the lock: the pushed terminal status a refreshing wait ends with unless the refresh does better. */
    private TaskStatus pushedEnd;
    private volatile Scheduler.Cancellable pollTimer;
    private volatile Scheduler.Cancellable deadlineTimer;
    private volatile Scheduler.Cancellable refreshTimer;
    private volatile CompletableFuture<TaskStatus> inFlight;
    private volatile CompletableFuture<TaskStatus> refreshing;
    private volatile TaskStatus lastStatus;
    /** The last failed poll's failure, for the timeout's cause. */
    private volatile Throwable lastFailure;
    /** Polls sent, by the waits this one resumes too: the position in the poll policy. */
    private volatile int polls;
    final WaitObservation observed; // what the client's wait observers see of this wait

    PollingWait(TaskWaiter waiter, TaskId taskId, WaitOptions options) {
        this(waiter, taskId, options, null);
    }

    /**
     * A wait for a task; one that resumes a saved wait when {@code saved} is given: the saved deadline (not the
     * options' timeout), poll policy position, last state and reported frames.
     */
    PollingWait(TaskWaiter waiter, TaskId taskId, WaitOptions options, TokenState saved) {
        this.waiter = waiter;
        this.scheduler = waiter.scheduler();
        this.taskId = taskId;
        this.options = options;
        this.callbacks = new SerialExecutor(options.callbackExecutor());
        this.startNanos = scheduler.nanoTime();
        this.observed = new WaitObservation(waiter, taskId, startNanos, () -> lastStatus);
        this.progress = observed.tracker(options.progressListener());
        Instant now = waiter.clock().instant();
        this.resumed = saved != null;
        if (saved == null) {
            this.untilDeadline = options.timeout();
            this.deadlineAt = plusSaturated(now, untilDeadline);
        } else {
            this.deadlineAt = saved.deadline();
            Duration left = Duration.between(now, deadlineAt);
            this.untilDeadline = left.isNegative() ? Duration.ZERO : left;
            this.polls = saved.polls();
            progress.resumeFrom(saved);
        }
        this.deadlineNanos = startNanos + PollTimers.saturatedNanos(untilDeadline);
        progress.checkpoints((state, frames, digest) -> WaitTokens.token(
                new TokenState(taskId, deadlineAt, polls, state, frames, digest)));
    }

    private static Instant plusSaturated(Instant now, Duration d) {
        try {
            return now.plus(d);
        } catch (java.time.DateTimeException | ArithmeticException e) {
            return Instant.MAX;
        }
    }

    TaskId taskId() {
        return taskId;
    }

    CompletableFuture<TaskStatus> result() {
        return result;
    }

    /**
     * Schedules the first poll, then the deadline (in that order: a virtual clock never sees the deadline alone).
     * A wait already ended by a kept status schedules nothing; one already refreshing schedules no poll. A
     * resumed wait whose deadline passed times out at once, with no poll (as a fresh wait does at its deadline);
     * one that had polled before polls at once (the saved wait's next poll was due at some unknown time).
     */
    void start() {
        if (phase == WaitPhase.SETTLED) {
            return;
        }
        if (resumed && untilDeadline.isZero()) {
            onDeadline();
            return;
        }
        if (phase == WaitPhase.POLLING) {
            schedulePoll(resumed && polls > 0 ? Duration.ZERO : options.pollPolicy().firstPollDelay());
        }
        try {
            Scheduler.Cancellable t = scheduler.schedule(this::onDeadline, untilDeadline);
            deadlineTimer = t;
            if (phase == WaitPhase.SETTLED) {
                t.cancel();
            }
        } catch (RejectedExecutionException e) {
            settleFailure(TaskWaiter.closedDuring(taskId));
        }
    }

    /**
     * Takes in a status pushed from outside (a verified webhook event): its new frames and change of state go
     * to the listener as a polled status's do; a terminal one ends the wait (after one status request when the
     * options ask for the full status). A repeat, a status sent before the latest one taken in, or anything
     * after the end is ignored.
     *
     * @param status the task's status as pushed; trusted
     * @param sentAt when its sender sent it
     * @param receivedAt when the client received it: with {@code sentAt}, the webhook's lag for observers
     * @return what the status did to this wait
     */
    WaitUpdate offer(TaskStatus status, Instant sentAt, Instant receivedAt) {
        WaitUpdate update;
        boolean ended = false;
        Duration lag = Duration.between(sentAt, receivedAt);
        synchronized (lock) {
            if (phase != WaitPhase.POLLING || !pushes.takeIn(status, sentAt)) {
                return WaitUpdate.IGNORED;
            }
            report(status);
            if (!status.isTerminal()) {
                update = WaitUpdate.UPDATED;
            } else {
                update = WaitUpdate.ENDED;
                observed.endedByWebhook(lag);
                if (options.refreshStatusOnWebhook()) {
                    phase = WaitPhase.REFRESHING;
                    pushedEnd = status;
                } else {
                    ended = endLocked(status);
                }
            }
        }
        observed.webhookStatus(status, lag);
        if (update == WaitUpdate.ENDED && !ended) {
            startRefresh();
        }
        afterTakingIn(ended);
        return update;
    }

    private void schedulePoll(Duration delay) {
        setTimer(WaitPhase.POLLING, t -> pollTimer = t, () -> scheduler.schedule(this::onPollDue, delay));
    }

    /** A poll is due: take a slot of the client-wide rate limit, then poll (now or at the slot). */
    private void onPollDue() {
        if (phase != WaitPhase.POLLING) {
            return;
        }
        setTimer(WaitPhase.POLLING, t -> pollTimer = t, () -> waiter.whenSlotFree(this::poll));
    }

    /**
     * Sets a timer while the wait is in a phase: the timer is kept (for cancelling) before the phase is checked
     * again, so one set as the wait leaves the phase is cancelled, here or by the leaving. A closed scheduler
     * ends the wait.
     *
     * @param timer sets the timer, or runs its action now and gives {@code null}
     */
    private void setTimer(WaitPhase during, Consumer<Scheduler.Cancellable> keep,
            Supplier<Scheduler.Cancellable> timer) {
        try {
            Scheduler.Cancellable t = timer.get();
            if (t != null) {
                keep.accept(t);
                if (phase != during) {
                    t.cancel();
                }
            }
        } catch (RejectedExecutionException e) {
            settleFailure(TaskWaiter.closedDuring(taskId));
        }
    }

    private void poll() {
        if (phase != WaitPhase.POLLING) {
            return;
        }
        polls++;
        read(WaitPhase.POLLING, f -> inFlight = f, this::onPolled);
    }

    /**
     * Reads the status while the wait is in a phase: the read is kept (for cancelling) before the phase is
     * checked again, so a read that starts as the wait leaves the phase is cancelled, here or by the leaving.
     */
    private void read(WaitPhase during, Consumer<CompletableFuture<TaskStatus>> keep,
            BiConsumer<TaskStatus, Throwable> then) {
        if (phase != during) {
            return;
        }
        observed.requestSent();
        CompletableFuture<TaskStatus> f;
        try {
            f = waiter.reader().read(taskId, deadlineNanos, observed.id());
        } catch (RuntimeException e) {
            f = new CompletableFuture<>();
            f.completeExceptionally(e);
        }
        keep.accept(f);
        if (phase != during) {
            f.cancel(true);
            return;
        }
        f.whenComplete(then);
    }

    private void onPolled(TaskStatus status, Throwable failure) {
        if (phase != WaitPhase.POLLING) {
            return;
        }
        observed.answered(status, failure);
        if (failure == null) {
            onStatus(status);
        } else {
            onPollFailed(Futures.unwrap(failure));
        }
    }

    private void onStatus(TaskStatus status) {
        boolean ended = false;
        synchronized (lock) {
            if (phase != WaitPhase.POLLING) {
                return;
            }
            failures.reset();
            report(status);
            if (status.isTerminal()) {
                ended = endLocked(status);
            }
        }
        if (!status.isTerminal()) {
            scheduleNextPoll(Duration.ZERO);
        }
        afterTakingIn(ended);
    }

    /** Under the lock: remembers a status and queues the listener calls it calls for. */
    private void report(TaskStatus status) {
        lastStatus = status;
        callbacks.enqueue(progress.update(status));
    }

    /** After the lock: stops what an end leaves running, then runs the queued listener calls and completion. */
    private void afterTakingIn(boolean ended) {
        if (ended) {
            stopPolling();
            waiter.remove(this);
        }
        callbacks.flush();
    }

    private void onPollFailed(Throwable failure) {
        lastFailure = failure;
        if (PollFailures.endsWait(failure)) {
            settleFailure(failure);
            return;
        }
        boolean repeatedTooOften;
        int repeats;
        synchronized (lock) {
            if (phase != WaitPhase.POLLING) {
                return;
            }
            repeats = failures.record(failure);
            repeatedTooOften = repeats >= options.maxRepeatedFailures();
            if (!repeatedTooOften) {
                callbacks.enqueue(progress.pollFailed(taskId, failure));
            }
        }
        if (repeatedTooOften) {
            WaitLog.endsWithRepeated(taskId, repeats, failure, waiter.redactor());
            settleFailure(failure);
            return;
        }
        callbacks.flush();
        Duration atLeast = PollFailures.nextPollAtLeast(failure, waiter.maxRetryAfter(),
                Duration.ofNanos(Math.max(0, deadlineNanos - scheduler.nanoTime())));
        WaitLog.goesOn(taskId, failure, waiter.redactor());
        scheduleNextPoll(atLeast);
    }

    private void scheduleNextPoll(Duration atLeast) {
        Duration next = options.pollPolicy().intervalAfter(polls, ThreadLocalRandom.current().nextDouble());
        schedulePoll(next.compareTo(atLeast) >= 0 ? next : atLeast);
    }

    /** A pushed terminal status asked for the full status: stop polling, then read it once (rate limit too). */
    private void startRefresh() {
        PollTimers.cancel(pollTimer);
        PollTimers.cancel(inFlight);
        setTimer(WaitPhase.REFRESHING, t -> refreshTimer = t, () -> waiter.whenSlotFree(this::refresh));
    }

    private void refresh() {
        read(WaitPhase.REFRESHING, f -> refreshing = f, this::onRefreshed);
    }

    /**
     * The full status after a pushed end: a terminal one is reported and ended with; anything else (a failure
     * after the pipeline's retries, or a status not terminal yet) leaves the pushed status to end with.
     */
    private void onRefreshed(TaskStatus status, Throwable failure) {
        if (phase == WaitPhase.REFRESHING) {
            observed.answered(status, failure);
        }
        boolean ended;
        synchronized (lock) {
            if (phase != WaitPhase.REFRESHING) {
                return;
            }
            TaskStatus end = pushedEnd;
            if (failure == null && status.isTerminal()) {
                report(status);
                end = status;
            } else if (WaitLog.isInfoEnabled()) {
                WaitLog.refreshFallback(taskId, failure != null
                        ? waiter.redactor().redact(Futures.unwrap(failure).getMessage())
                        : "the status still reads " + status.rawStatus());
            }
            ended = endLocked(end);
        }
        afterTakingIn(ended);
    }

    /** The deadline passed: a refreshing wait ends with its pushed status, a polling one times out. */
    private void onDeadline() {
        boolean ended;
        synchronized (lock) {
            if (phase == WaitPhase.REFRESHING) {
                WaitLog.refreshFallback(taskId, "the wait's timeout passed");
                ended = endLocked(pushedEnd);
            } else {
                ended = endLocked(null, new WaitTimeoutException(taskId,
                        TaskWaiter.elapsedSince(scheduler, startNanos), lastStatus, lastFailure));
            }
        }
        afterTakingIn(ended);
    }

    void settleFailure(Throwable failure) {
        boolean ended;
        synchronized (lock) {
            ended = endLocked(null, failure);
        }
        afterTakingIn(ended);
    }

    /** Under the lock: ends the wait with a terminal status, failed or not as the options say. */
    private boolean endLocked(TaskStatus terminal) {
        if (terminal.isFailed() && options.throwOnTaskFailure()) {
            return endLocked(null, new TaskFailedException(terminal));
        }
        return endLocked(terminal, null);
    }

    /**
     * Under the lock: ends the wait unless it ended already, queueing the future's completion after the
     * listener calls queued so far.
     *
     * @return whether this call ended it
     */
    private boolean endLocked(TaskStatus status, Throwable failure) {
        if (phase == WaitPhase.SETTLED) {
            return false;
        }
        phase = WaitPhase.SETTLED;
        callbacks.enqueue(() -> {
            if (!result.isDone()) { // observers hear of the end before the caller does
                observed.ended(status, failure, false);
            }
            if (failure == null) {
                result.complete(status);
            } else {
                result.completeExceptionally(failure);
            }
        });
        return true;
    }

    /** The caller's future completed, by this wait or by the caller (cancel): stop, then tell the observers. */
    void onResultCompleted(TaskStatus status, Throwable failure) {
        boolean stop;
        synchronized (lock) {
            stop = phase != WaitPhase.SETTLED;
            phase = WaitPhase.SETTLED;
        }
        if (stop) {
            stopPolling();
        }
        waiter.remove(this);
        observed.ended(status, failure, result.isCancelled());
    }

    private void stopPolling() {
        PollTimers.cancel(pollTimer, deadlineTimer, refreshTimer);
        PollTimers.cancel(inFlight, refreshing);
    }
}
