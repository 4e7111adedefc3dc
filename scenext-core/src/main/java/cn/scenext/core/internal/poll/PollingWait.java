package cn.scenext.core.internal.poll;

import cn.scenext.core.poll.ObservedWait;
import cn.scenext.core.poll.WaitOptions;
import cn.scenext.core.poll.WaitUpdate;
import cn.scenext.api.TaskId;
import cn.scenext.api.TaskStatus;
import cn.scenext.api.exception.ClientClosedException;
import cn.scenext.api.exception.ProtocolException;
import cn.scenext.api.exception.RateLimitException;
import cn.scenext.api.exception.ScenextException;
import cn.scenext.api.exception.ServerException;
import cn.scenext.api.exception.TaskFailedException;
import cn.scenext.api.exception.TransportException;
import cn.scenext.api.exception.WaitTimeoutException;
import cn.scenext.core.schedule.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One wait for one task: a chain of polls on the shared scheduler (at most one in flight), a deadline timer,
 * statuses pushed from outside (webhook events), and the future the caller holds. Whatever ends it first (the
 * task's end, polled or pushed, a final error, the deadline, a cancel, the client's close) settles it once;
 * settling cancels its timers and its request in flight, then completes the future after any listener calls
 * already queued.
 *
 * <p>Polls and pushes arrive on any threads. Each status is taken in under the wait's lock, which fixes the
 * order of the listener calls it queues and of the settling; the calls themselves and the future's completion
 * run after the lock is released.
 */
public final class PollingWait {
    private static final Logger LOG = LoggerFactory.getLogger(PollingWait.class);

    /** Where a wait is in its life; it only moves down this list. */
    private enum Phase {
        /** Polling on its schedule, and taking pushed statuses in. */
        POLLING,
        /** A pushed terminal status ended the task; one status request reads the full status to end with. */
        REFRESHING,
        /** Ended: nothing more happens. */
        SETTLED
    }

    private final TaskWaiter waiter;
    private final Scheduler scheduler;
    private final TaskId taskId;
    private final WaitOptions options;
    private final CompletableFuture<TaskStatus> result = new CompletableFuture<>();
    private final SerialExecutor callbacks;
    private final ProgressTracker progress;
    private final long startNanos;
    private final long deadlineNanos;
    private final Object lock = new Object();
    /** Written under the lock; read anywhere to stop early. */
    private volatile Phase phase = Phase.POLLING;
    /** Under the lock: the latest push taken in, to tell repeats and older pushes. */
    private Instant latestPushSentAt;
    private String latestPushRawStatus;
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
    /** Under the lock: what the latest unclassified failures had in common, and how many came in a row. */
    private String repeatedFailure;
    private int repeats;
    private int polls;
    /** For observers: this wait's id, its status requests sent (polls and refresh), and how a webhook ended it. */
    private final long id;
    private final WaitObservers observers;
    private volatile int requestsSent;
    private volatile boolean endedByWebhook;
    private volatile Duration webhookLag;
    /** Whether the observers were told of the end: once, by the settling or by the caller's cancel. */
    private final AtomicBoolean endObserved = new AtomicBoolean();

    PollingWait(TaskWaiter waiter, TaskId taskId, WaitOptions options) {
        this.waiter = waiter;
        this.scheduler = waiter.scheduler();
        this.taskId = taskId;
        this.options = options;
        this.callbacks = new SerialExecutor(options.callbackExecutor());
        this.id = waiter.nextWaitId();
        this.observers = waiter.observers();
        this.progress = new ProgressTracker(options.progressListener(), waiter.redactor(), observers.isEmpty() ? null
                : (frame, number) -> observers.each("onFrame",
                        o -> o.onFrame(snapshot().counts(requestsSent, number).build(), frame)));
        this.startNanos = scheduler.nanoTime();
        this.deadlineNanos = startNanos + saturatedNanos(options.timeout());
    }

    TaskId taskId() {
        return taskId;
    }

    CompletableFuture<TaskStatus> result() {
        return result;
    }

    /** A snapshot of this wait for observers, to complete and build. */
    private ObservedWait.Builder snapshot() {
        return ObservedWait.builder(id, taskId).elapsed(TaskWaiter.elapsedSince(scheduler, startNanos))
                .counts(requestsSent, progress.framesSeen()).status(lastStatus);
    }

    /** Tells the observers that this wait started. */
    void observeStart() {
        if (!observers.isEmpty()) {
            ObservedWait w = snapshot().build();
            observers.each("onWaitStarted", o -> o.onWaitStarted(w));
        }
    }

    private void observeRequest() {
        requestsSent++; // one request in flight at a time: never two increments at once
        if (!observers.isEmpty()) {
            ObservedWait w = snapshot().build();
            observers.each("onPollSent", o -> o.onPollSent(w));
        }
    }

    private void observeAnswer(TaskStatus status, Throwable failure) {
        if (observers.isEmpty()) {
            return;
        }
        ObservedWait w = snapshot().build();
        if (failure == null) {
            observers.each("onPollAnswered", o -> o.onPollAnswered(w, status));
        } else {
            Throwable f = TaskWaiter.unwrap(failure);
            observers.each("onPollFailed", o -> o.onPollFailed(w, f));
        }
    }

    /** Tells the observers how this wait ended, from its future's result. */
    private void observeEnd(TaskStatus status, Throwable failure) {
        if (observers.isEmpty() || !endObserved.compareAndSet(false, true)) {
            return;
        }
        Throwable f = failure == null ? null : TaskWaiter.unwrap(failure);
        ObservedWait.EndedBy by = endedByWebhook ? ObservedWait.EndedBy.WEBHOOK : ObservedWait.EndedBy.POLL;
        ObservedWait.Outcome outcome;
        if (result.isCancelled() || f instanceof CancellationException) {
            by = ObservedWait.EndedBy.CANCEL;
            outcome = ObservedWait.Outcome.CANCELLED;
        } else if (f instanceof ClientClosedException) {
            by = ObservedWait.EndedBy.CLOSE;
            outcome = ObservedWait.Outcome.CLOSED;
        } else if (f instanceof WaitTimeoutException) {
            by = ObservedWait.EndedBy.TIMEOUT;
            outcome = ObservedWait.Outcome.TIMEOUT;
        } else if (f instanceof TaskFailedException || (f == null && status != null && status.isFailed())) {
            outcome = ObservedWait.Outcome.FAILED;
        } else if (f != null) {
            outcome = ObservedWait.Outcome.ERROR;
        } else {
            outcome = ObservedWait.Outcome.COMPLETED;
        }
        ObservedWait w = snapshot().ended(by, outcome, f, by == ObservedWait.EndedBy.WEBHOOK ? webhookLag : null)
                .build();
        observers.each("onWaitEnded", o -> o.onWaitEnded(w));
    }

    /**
     * Schedules the first poll, then the deadline (in that order: a virtual clock never sees the deadline alone).
     * A wait already ended by a kept status schedules nothing; one already refreshing schedules no poll.
     */
    void start() {
        if (phase == Phase.SETTLED) {
            return;
        }
        if (phase == Phase.POLLING) {
            schedulePoll(options.pollPolicy().firstPollDelay());
        }
        try {
            Scheduler.Cancellable t = scheduler.schedule(this::onDeadline, options.timeout());
            deadlineTimer = t;
            if (phase == Phase.SETTLED) {
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
            if (phase != Phase.POLLING || isRepeatOrOlder(status, sentAt)) {
                return WaitUpdate.IGNORED;
            }
            latestPushSentAt = sentAt;
            latestPushRawStatus = status.rawStatus();
            report(status);
            if (!status.isTerminal()) {
                update = WaitUpdate.UPDATED;
            } else {
                update = WaitUpdate.ENDED;
                endedByWebhook = true;
                webhookLag = lag;
                if (options.refreshStatusOnWebhook()) {
                    phase = Phase.REFRESHING;
                    pushedEnd = status;
                } else {
                    ended = endLocked(status);
                }
            }
        }
        if (!observers.isEmpty()) {
            ObservedWait w = snapshot().build();
            observers.each("onWebhookStatus", o -> o.onWebhookStatus(w, status, lag));
        }
        if (update == WaitUpdate.ENDED && !ended) {
            startRefresh();
        }
        afterTakingIn(ended);
        return update;
    }

    private boolean isRepeatOrOlder(TaskStatus status, Instant sentAt) {
        if (latestPushSentAt == null) {
            return false;
        }
        int order = sentAt.compareTo(latestPushSentAt);
        return order < 0 || (order == 0 && status.rawStatus().equals(latestPushRawStatus));
    }

    private void schedulePoll(Duration delay) {
        setTimer(Phase.POLLING, t -> pollTimer = t, () -> scheduler.schedule(this::onPollDue, delay));
    }

    /** A poll is due: take a slot of the client-wide rate limit, then poll (now or at the slot). */
    private void onPollDue() {
        if (phase != Phase.POLLING) {
            return;
        }
        setTimer(Phase.POLLING, t -> pollTimer = t, () -> whenSlotFree(this::poll));
    }

    /**
     * Sets a timer while the wait is in a phase: the timer is kept (for cancelling) before the phase is checked
     * again, so one set as the wait leaves the phase is cancelled, here or by the leaving. A closed scheduler
     * ends the wait.
     *
     * @param timer sets the timer, or runs its action now and gives {@code null}
     */
    private void setTimer(Phase during, Consumer<Scheduler.Cancellable> keep, Supplier<Scheduler.Cancellable> timer) {
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

    /**
     * Runs an action now, or at the next free slot of the client-wide rate limit.
     *
     * @return the slot's timer, or {@code null} when the action ran now
     * @throws RejectedExecutionException when the scheduler is closed
     */
    private Scheduler.Cancellable whenSlotFree(Runnable action) {
        PollRateLimiter limiter = waiter.limiter();
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

    private void poll() {
        if (phase != Phase.POLLING) {
            return;
        }
        polls++;
        observeRequest();
        read(Phase.POLLING, f -> inFlight = f, this::onAnswer);
    }

    /**
     * Reads the status while the wait is in a phase: the read is kept (for cancelling) before the phase is
     * checked again, so a read that starts as the wait leaves the phase is cancelled, here or by the leaving.
     */
    private void read(Phase during, Consumer<CompletableFuture<TaskStatus>> keep,
            BiConsumer<TaskStatus, Throwable> then) {
        if (phase != during) {
            return;
        }
        CompletableFuture<TaskStatus> f;
        try {
            f = waiter.reader().read(taskId, deadlineNanos);
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

    private void onAnswer(TaskStatus status, Throwable failure) {
        if (phase != Phase.POLLING) {
            return;
        }
        observeAnswer(status, failure);
        if (failure == null) {
            onStatus(status);
        } else {
            onPollFailed(TaskWaiter.unwrap(failure));
        }
    }

    private void onStatus(TaskStatus status) {
        boolean ended = false;
        synchronized (lock) {
            if (phase != Phase.POLLING) {
                return;
            }
            repeatedFailure = null;
            repeats = 0;
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
        if (endsWait(failure)) {
            settleFailure(failure);
            return;
        }
        boolean repeatedTooOften;
        synchronized (lock) {
            if (phase != Phase.POLLING) {
                return;
            }
            if (isUnclassified(failure)) {
                String same = sameness(failure);
                repeats = same.equals(repeatedFailure) ? repeats + 1 : 1;
                repeatedFailure = same;
            } else {
                repeatedFailure = null;
                repeats = 0;
            }
            repeatedTooOften = repeats >= options.maxRepeatedFailures();
            if (!repeatedTooOften) {
                callbacks.enqueue(progress.pollFailed(taskId, failure));
            }
        }
        if (repeatedTooOften) {
            if (LOG.isInfoEnabled()) {
                LOG.info("Polling task {} failed {} times in a row with the same error; the wait ends with it: {}",
                        taskId, repeats, waiter.redactor().redact(failure.getMessage()));
            }
            settleFailure(failure);
            return;
        }
        callbacks.flush();
        Duration atLeast = Duration.ZERO;
        if (failure instanceof RateLimitException) {
            atLeast = cappedRetryAfter(((RateLimitException) failure).retryAfter().orElse(Duration.ZERO));
        }
        if (LOG.isInfoEnabled()) {
            LOG.info("Polling task {} failed; the wait goes on: {}", taskId,
                    waiter.redactor().redact(failure.getMessage()));
        }
        scheduleNextPoll(atLeast);
    }

    /**
     * A {@code Retry-After} as the next poll's least delay: at most the client's
     * {@link cn.scenext.core.RetryPolicy#maxRetryAfter()}, and never past the wait's deadline, so that one
     * {@code Retry-After: 86400} cannot stop polling for the rest of the wait.
     */
    private Duration cappedRetryAfter(Duration retryAfter) {
        Duration capped = retryAfter.compareTo(waiter.maxRetryAfter()) > 0 ? waiter.maxRetryAfter() : retryAfter;
        Duration left = Duration.ofNanos(Math.max(0, deadlineNanos - scheduler.nanoTime()));
        return capped.compareTo(left) > 0 ? left : capped;
    }

    /**
     * Whether a failure that does not end the wait at once is one the SDK cannot classify: an error envelope
     * or an unreadable body at HTTP 2xx (the real service answers every error at HTTP 200). Those end the wait
     * once repeated {@link WaitOptions#maxRepeatedFailures()} times in a row; 5xx, 408, 429 and network
     * failures never do.
     */
    static boolean isUnclassified(Throwable failure) {
        if (failure instanceof RateLimitException || failure instanceof TransportException) {
            return false;
        }
        if (failure instanceof ServerException) {
            int status = ((ServerException) failure).statusCode().orElse(500);
            return status >= 200 && status < 300;
        }
        return true;
    }

    /**
     * What makes two failures "the same error": their type, HTTP status and the service's message (or, without
     * one, the exception's), so that a count of attempts in the message does not tell two alike apart.
     */
    private static String sameness(Throwable failure) {
        if (failure instanceof ScenextException) {
            ScenextException e = (ScenextException) failure;
            return e.getClass().getName() + ' ' + e.statusCode().orElse(-1) + ' '
                    + e.serviceMessage().orElse(String.valueOf(e.getMessage()));
        }
        return failure.getClass().getName() + ' ' + failure.getMessage();
    }

    private void scheduleNextPoll(Duration atLeast) {
        Duration next = options.pollPolicy().intervalAfter(polls, ThreadLocalRandom.current().nextDouble());
        schedulePoll(next.compareTo(atLeast) >= 0 ? next : atLeast);
    }

    /**
     * Whether a failed poll ends the wait: the task is unknown, the key is refused, the client is closed, or the
     * answer is not the API's. The others (5xx, 429, any transport failure, an error envelope or a garbled
     * answer at 2xx) do not end it at once: the pipeline retried what it could, and the wait polls again on
     * its schedule (see {@link #isUnclassified(Throwable)} for those that end it when they repeat). A
     * transport failure reported as cancelled counts as transient too: this wait's own cancellation never gets
     * here (it settles first), so it is the transport's (e.g. a refused hand-off to its threads).
     */
    static boolean endsWait(Throwable failure) {
        if (failure instanceof ServerException || failure instanceof RateLimitException
                || failure instanceof TransportException) {
            return false;
        }
        if (failure instanceof ProtocolException) {
            int status = ((ProtocolException) failure).statusCode().orElse(200);
            return status < 200 || status >= 300;
        }
        return true;
    }

    /** A pushed terminal status asked for the full status: stop polling, then read it once (rate limit too). */
    private void startRefresh() {
        cancel(pollTimer);
        cancel(inFlight);
        setTimer(Phase.REFRESHING, t -> refreshTimer = t, () -> whenSlotFree(this::refresh));
    }

    private void refresh() {
        if (phase != Phase.REFRESHING) {
            return;
        }
        observeRequest();
        read(Phase.REFRESHING, f -> refreshing = f, this::onRefreshed);
    }

    /**
     * The full status after a pushed end: a terminal one is reported and ended with; anything else (a failure
     * after the pipeline's retries, or a status not terminal yet) leaves the pushed status to end with.
     */
    private void onRefreshed(TaskStatus status, Throwable failure) {
        if (phase == Phase.REFRESHING) {
            observeAnswer(status, failure);
        }
        boolean ended;
        synchronized (lock) {
            if (phase != Phase.REFRESHING) {
                return;
            }
            TaskStatus end = pushedEnd;
            if (failure == null && status.isTerminal()) {
                report(status);
                end = status;
            } else if (LOG.isInfoEnabled()) {
                logRefreshFallback(failure != null
                        ? waiter.redactor().redact(TaskWaiter.unwrap(failure).getMessage())
                        : "the status still reads " + status.rawStatus());
            }
            ended = endLocked(end);
        }
        afterTakingIn(ended);
    }

    private void logRefreshFallback(String why) {
        LOG.info("Reading the full status of task {} after its webhook did not succeed ({}); the wait ends with "
                + "the webhook's status", taskId, why);
    }

    /** The deadline passed: a refreshing wait ends with its pushed status, a polling one times out. */
    private void onDeadline() {
        boolean ended;
        synchronized (lock) {
            if (phase == Phase.REFRESHING) {
                logRefreshFallback("the wait's timeout passed");
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
        if (phase == Phase.SETTLED) {
            return false;
        }
        phase = Phase.SETTLED;
        callbacks.enqueue(() -> {
            if (!result.isDone()) { // observers hear of the end before the caller does
                observeEnd(status, failure);
            }
            if (failure == null) {
                result.complete(status);
            } else {
                result.completeExceptionally(failure);
            }
        });
        return true;
    }

    /**
     * The caller's future completed, by this wait or by the caller (cancel): stop at once, then tell the
     * observers how the wait ended.
     *
     * @param status the terminal status it completed with, or {@code null}
     * @param failure what it failed with, or {@code null}
     */
    void onResultCompleted(TaskStatus status, Throwable failure) {
        boolean stop;
        synchronized (lock) {
            stop = phase != Phase.SETTLED;
            phase = Phase.SETTLED;
        }
        if (stop) {
            stopPolling();
        }
        waiter.remove(this);
        observeEnd(status, failure);
    }

    private void stopPolling() {
        cancel(pollTimer);
        cancel(deadlineTimer);
        cancel(refreshTimer);
        cancel(inFlight);
        cancel(refreshing);
    }

    private static void cancel(Scheduler.Cancellable timer) {
        if (timer != null) {
            timer.cancel();
        }
    }

    private static void cancel(CompletableFuture<?> request) {
        if (request != null) {
            request.cancel(true);
        }
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE / 4;
        }
    }
}
