package cn.scenext.core.poll;

import cn.scenext.api.TaskId;
import cn.scenext.api.TaskStatus;
import cn.scenext.api.exception.ProtocolException;
import cn.scenext.api.exception.RateLimitException;
import cn.scenext.api.exception.ServerException;
import cn.scenext.api.exception.TaskFailedException;
import cn.scenext.api.exception.TransportException;
import cn.scenext.api.exception.WaitTimeoutException;
import cn.scenext.core.schedule.Scheduler;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One wait for one task: a chain of polls on the shared scheduler (at most one in flight), a deadline timer,
 * and the future the caller holds. Whatever ends it first (the task's end, a final error, the deadline, a
 * cancel, the client's close) settles it once; settling cancels its timers and its poll in flight, then
 * completes the future after any listener calls already queued.
 */
final class PollingWait {
    private static final Logger LOG = LoggerFactory.getLogger(PollingWait.class);

    private final TaskWaiter waiter;
    private final Scheduler scheduler;
    private final TaskId taskId;
    private final WaitOptions options;
    private final CompletableFuture<TaskStatus> result = new CompletableFuture<>();
    private final SerialExecutor callbacks;
    private final ProgressTracker progress;
    private final AtomicBoolean settled = new AtomicBoolean();
    private final long startNanos;
    private final long deadlineNanos;
    private volatile Scheduler.Cancellable pollTimer;
    private volatile Scheduler.Cancellable deadlineTimer;
    private volatile CompletableFuture<TaskStatus> inFlight;
    private volatile TaskStatus lastStatus;
    private int polls;

    PollingWait(TaskWaiter waiter, TaskId taskId, WaitOptions options) {
        this.waiter = waiter;
        this.scheduler = waiter.scheduler();
        this.taskId = taskId;
        this.options = options;
        this.callbacks = new SerialExecutor(options.callbackExecutor());
        this.progress = new ProgressTracker(options.progressListener(), waiter.redactor());
        this.startNanos = scheduler.nanoTime();
        this.deadlineNanos = startNanos + saturatedNanos(options.timeout());
    }

    TaskId taskId() {
        return taskId;
    }

    CompletableFuture<TaskStatus> result() {
        return result;
    }

    /** Schedules the first poll, then the deadline (in that order: a virtual clock never sees the deadline alone). */
    void start() {
        schedulePoll(options.pollPolicy().firstPollDelay());
        try {
            Scheduler.Cancellable t = scheduler.schedule(this::onDeadline, options.timeout());
            deadlineTimer = t;
            if (settled.get()) {
                t.cancel();
            }
        } catch (RejectedExecutionException e) {
            settleFailure(TaskWaiter.closedDuring(taskId));
        }
    }

    private void schedulePoll(Duration delay) {
        try {
            Scheduler.Cancellable t = scheduler.schedule(this::onPollDue, delay);
            pollTimer = t;
            if (settled.get()) {
                t.cancel();
            }
        } catch (RejectedExecutionException e) {
            settleFailure(TaskWaiter.closedDuring(taskId));
        }
    }

    /** A poll is due: take a slot of the client-wide rate limit, then poll (now or at the slot). */
    private void onPollDue() {
        if (settled.get()) {
            return;
        }
        PollRateLimiter limiter = waiter.limiter();
        if (limiter != null) {
            long now = scheduler.nanoTime();
            long wait = limiter.reserve(now) - now;
            if (wait > 0) {
                try {
                    pollTimer = scheduler.schedule(this::poll, Duration.ofNanos(wait));
                } catch (RejectedExecutionException e) {
                    settleFailure(TaskWaiter.closedDuring(taskId));
                }
                return;
            }
        }
        poll();
    }

    private void poll() {
        if (settled.get()) {
            return;
        }
        polls++;
        CompletableFuture<TaskStatus> f;
        try {
            f = waiter.reader().read(taskId, deadlineNanos);
        } catch (RuntimeException e) {
            f = new CompletableFuture<>();
            f.completeExceptionally(e);
        }
        inFlight = f;
        if (settled.get()) {
            f.cancel(true);
            return;
        }
        f.whenComplete(this::onAnswer);
    }

    private void onAnswer(TaskStatus status, Throwable failure) {
        if (settled.get()) {
            return;
        }
        if (failure == null) {
            onStatus(status);
        } else {
            onPollFailed(TaskWaiter.unwrap(failure));
        }
    }

    private void onStatus(TaskStatus status) {
        lastStatus = status;
        callbacks.execute(progress.update(status));
        if (!status.isTerminal()) {
            scheduleNextPoll(Duration.ZERO);
        } else if (status.isFailed() && options.throwOnTaskFailure()) {
            settleFailure(new TaskFailedException(status));
        } else {
            settle(status, null);
        }
    }

    private void onPollFailed(Throwable failure) {
        if (endsWait(failure)) {
            settleFailure(failure);
            return;
        }
        Duration atLeast = Duration.ZERO;
        if (failure instanceof RateLimitException) {
            atLeast = ((RateLimitException) failure).retryAfter().orElse(Duration.ZERO);
        }
        if (LOG.isInfoEnabled()) {
            LOG.info("Polling task {} failed; the wait goes on: {}", taskId,
                    waiter.redactor().redact(failure.getMessage()));
        }
        scheduleNextPoll(atLeast);
    }

    private void scheduleNextPoll(Duration atLeast) {
        Duration next = options.pollPolicy().intervalAfter(polls, ThreadLocalRandom.current().nextDouble());
        schedulePoll(next.compareTo(atLeast) >= 0 ? next : atLeast);
    }

    /**
     * Whether a failed poll ends the wait: the task is unknown, the key is refused, the client is closed, or the
     * answer is not the API's. Transient failures (5xx, 429, any transport failure, a garbled 2xx answer) do
     * not: the pipeline retried what it could, and the wait polls again on its schedule. A transport failure
     * reported as cancelled counts as transient too: this wait's own cancellation never gets here (it settles
     * first), so it is the transport's (e.g. a refused hand-off to its threads).
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

    private void onDeadline() {
        settleFailure(new WaitTimeoutException(taskId, TaskWaiter.elapsedSince(scheduler, startNanos), lastStatus));
    }

    void settleFailure(Throwable failure) {
        settle(null, failure);
    }

    private void settle(TaskStatus status, Throwable failure) {
        if (!settled.compareAndSet(false, true)) {
            return;
        }
        stopPolling();
        waiter.remove(this);
        callbacks.execute(() -> {
            if (failure == null) {
                result.complete(status);
            } else {
                result.completeExceptionally(failure);
            }
        });
    }

    /** The caller's future completed, by this wait or by the caller (cancel): stop at once. */
    void onResultCompleted() {
        if (settled.compareAndSet(false, true)) {
            stopPolling();
        }
        waiter.remove(this);
    }

    private void stopPolling() {
        cancel(pollTimer);
        cancel(deadlineTimer);
        CompletableFuture<TaskStatus> f = inFlight;
        if (f != null) {
            f.cancel(true);
        }
    }

    private static void cancel(Scheduler.Cancellable timer) {
        if (timer != null) {
            timer.cancel();
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
