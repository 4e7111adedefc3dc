package cn.scenext.core.internal.poll;

import cn.scenext.api.TaskId;
import cn.scenext.api.TaskStatus;
import cn.scenext.api.exception.ClientClosedException;
import cn.scenext.api.exception.TaskFailedException;
import cn.scenext.api.exception.WaitTimeoutException;
import cn.scenext.api.internal.Futures;
import cn.scenext.api.Frame;
import cn.scenext.core.internal.http.Redactor;
import cn.scenext.core.poll.ObservedWait;
import cn.scenext.core.poll.ProgressListener;
import cn.scenext.core.schedule.Scheduler;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * What the client's {@link cn.scenext.core.poll.WaitObserver}s see of one {@link PollingWait}: its id, the status
 * requests it sent (polls and refresh), how a webhook ended it, and each step of its life, told once each. Builds
 * nothing when there is no observer. Thread-safe.
 */
final class WaitObservation {
    private final long id;
    private final TaskId taskId;
    private final WaitObservers observers;
    private final Scheduler scheduler;
    private final Redactor redactor;
    private final long startNanos;
    private final Supplier<TaskStatus> lastStatus;
    private volatile IntSupplier framesSeen = () -> 0;
    private volatile int requestsSent;
    private volatile boolean endedByWebhook;
    private volatile Duration webhookLag;
    /** Whether the observers were told of the end: once, by the settling or by the caller's cancel. */
    private final AtomicBoolean endObserved = new AtomicBoolean();

    /** Observes a wait for {@code taskId} of the waiter, started at {@code startNanos} on its scheduler. */
    WaitObservation(TaskWaiter waiter, TaskId taskId, long startNanos, Supplier<TaskStatus> lastStatus) {
        this.id = waiter.nextWaitId();
        this.taskId = taskId;
        this.observers = waiter.observers();
        this.scheduler = waiter.scheduler();
        this.redactor = waiter.redactor();
        this.startNanos = startNanos;
        this.lastStatus = lastStatus;
    }

    /** The wait's id, as its observers see it ({@link ObservedWait#id()}). */
    long id() {
        return id;
    }

    /** The wait's progress tracker, which tells the observers of each new frame and counts them. */
    ProgressTracker tracker(ProgressListener listener) {
        ProgressTracker progress = new ProgressTracker(listener, redactor, observers.isEmpty() ? null : this::frame);
        framesSeen = progress::framesSeen;
        return progress;
    }

    /** Whether there is no observer: the wait then builds nothing for them. */
    boolean isEmpty() {
        return observers.isEmpty();
    }

    /** A snapshot of the wait for observers, to complete and build. */
    private ObservedWait.Builder snapshot() {
        return ObservedWait.builder(id, taskId).elapsed(TaskWaiter.elapsedSince(scheduler, startNanos))
                .counts(requestsSent, framesSeen.getAsInt()).status(lastStatus.get());
    }

    /** The wait started. */
    void started() {
        if (!observers.isEmpty()) {
            ObservedWait w = snapshot().build();
            observers.each("onWaitStarted", o -> o.onWaitStarted(w));
        }
    }

    /** A new frame came, numbered from 1. */
    void frame(Frame frame, int number) {
        ObservedWait w = snapshot().counts(requestsSent, number).build();
        observers.each("onFrame", o -> o.onFrame(w, frame));
    }

    /** A status request is sent. */
    void requestSent() {
        requestsSent++; // one request in flight at a time: never two increments at once
        if (!observers.isEmpty()) {
            ObservedWait w = snapshot().build();
            observers.each("onPollSent", o -> o.onPollSent(w));
        }
    }

    /** A status request was answered with a status, or failed. */
    void answered(TaskStatus status, Throwable failure) {
        if (observers.isEmpty()) {
            return;
        }
        ObservedWait w = snapshot().build();
        if (failure == null) {
            observers.each("onPollAnswered", o -> o.onPollAnswered(w, status));
        } else {
            Throwable f = Futures.unwrap(failure);
            observers.each("onPollFailed", o -> o.onPollFailed(w, f));
        }
    }

    /** Under the wait's lock: a pushed terminal status ends the wait, {@code lag} after it was sent. */
    void endedByWebhook(Duration lag) {
        endedByWebhook = true;
        webhookLag = lag;
    }

    /** A pushed status was taken in, {@code lag} after it was sent. */
    void webhookStatus(TaskStatus status, Duration lag) {
        if (!observers.isEmpty()) {
            ObservedWait w = snapshot().build();
            observers.each("onWebhookStatus", o -> o.onWebhookStatus(w, status, lag));
        }
    }

    /**
     * The wait ended, with a terminal status or a failure; only the first end is told.
     *
     * @param cancelled whether the caller cancelled its future
     */
    void ended(TaskStatus status, Throwable failure, boolean cancelled) {
        if (observers.isEmpty() || !endObserved.compareAndSet(false, true)) {
            return;
        }
        Throwable f = failure == null ? null : Futures.unwrap(failure);
        ObservedWait.EndedBy by = endedByWebhook ? ObservedWait.EndedBy.WEBHOOK : ObservedWait.EndedBy.POLL;
        ObservedWait.Outcome outcome;
        if (cancelled || f instanceof CancellationException) {
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
}
