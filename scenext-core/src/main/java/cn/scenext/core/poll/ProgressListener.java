package cn.scenext.core.poll;

import cn.scenext.api.Frame;
import cn.scenext.api.TaskId;
import cn.scenext.api.TaskStatus;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.ObjIntConsumer;

/**
 * Follows a wait as it goes: each new storyboard frame exactly once and in order, each change of the task's
 * state, and every status read. Give one to {@link WaitOptions.Builder#progressListener(ProgressListener)}.
 *
 * <p>For one wait, calls never overlap and come in order, on the wait's callback executor (by default the
 * thread that received the status, or that handed the client a webhook event), all before the wait's future
 * completes. Statuses from webhook events handed to {@code client.webhooks()} are told exactly as polled ones:
 * a frame reported from an event is not reported again by a later poll. Keep them quick. Anything a listener
 * throws, {@link Error}s such as a test's {@link AssertionError} included, is logged (WARN) and ignored: it
 * never ends, stalls or fails the wait, which goes on to its end (completion, failure, timeout or the
 * client's close) and tells the listener of later events as usual.
 *
 * <pre>{@code
 * ProgressListener bar = ProgressListener.onFrame((frame, n) -> System.out.print("\rframes: " + n));
 * ProgressListener log = new ProgressListener() {
 *     public void onStateChanged(TaskStatus status) { System.out.println(status.taskId() + ": " + status.state()); }
 *     public void onFrame(TaskStatus status, Frame frame, int number) { System.out.println("frame " + number); }
 * };
 * }</pre>
 */
public interface ProgressListener {

    /**
     * Called with every status the wait reads or takes from a webhook event, after the calls for its new frames
 * and its change of state.
     *
     * @param status the status just read
     */
    default void onStatus(TaskStatus status) {
    }

    /**
     * Called with the first status the wait reads, and again whenever the task's state changes; the last call
     * of a wait that saw the task end has the terminal status.
     *
     * @param status the status in its new state
     */
    default void onStateChanged(TaskStatus status) {
    }

    /**
     * Called once for each storyboard frame the wait has not reported yet, in the service's order. Frames
     * are told apart by their id (their signed URLs change from one status to the next).
     *
     * @param status the status the frame was first seen in
     * @param frame the new frame
     * @param number how many frames of this task were reported so far, this one included: 1 for the first
     */
    default void onFrame(TaskStatus status, Frame frame, int number) {
    }

    /**
     * Called when a poll failed and the wait goes on: a transient failure (HTTP 5xx, 429, a network failure)
     * or one the SDK cannot classify, not yet repeated {@link WaitOptions#maxRepeatedFailures()} times in a
     * row. A failure that ends the wait is not told here: the wait's future fails with it. Useful to show that
     * a wait is not progressing and why, e.g. once per distinct message.
     *
     * @param taskId the task waited for
     * @param failure the poll's failure, typically a {@link cn.scenext.api.exception.ScenextException}; its
     *     message never holds the API key
     */
    default void onPollFailed(TaskId taskId, Throwable failure) {
    }

    /**
     * Called after every update of the wait, with a token to {@linkplain WaitToken#asString() save} and later
     * resume the wait from, in another process if need be ({@code client.resumeWait(token)}): after the calls
     * for each status taken in (polled or from a webhook event, the terminal one included) and after each
     * {@link #onPollFailed}. The latest token holds everything reported so far: a wait resumed from it reports
     * no frame again. This is the one place the SDK hands out tokens of a running wait.
     *
     * @param token where the wait stands now
     */
    default void onCheckpoint(WaitToken token) {
    }

    /**
     * A listener of checkpoints only, e.g. {@code ProgressListener.onCheckpoint(t -> store.save(t.asString()))}.
     *
     * @param action given the token after each update of the wait
     * @return the listener
     */
    static ProgressListener onCheckpoint(Consumer<WaitToken> action) {
        Objects.requireNonNull(action, "action");
        return new ProgressListener() {
            @Override
            public void onCheckpoint(WaitToken token) {
                action.accept(token);
            }
        };
    }

    /**
     * A listener of failed polls only.
     *
     * @param action given the task and the failure of each failed poll after which the wait goes on
     * @return the listener
     */
    static ProgressListener onPollFailed(BiConsumer<TaskId, Throwable> action) {
        Objects.requireNonNull(action, "action");
        return new ProgressListener() {
            @Override
            public void onPollFailed(TaskId taskId, Throwable failure) {
                action.accept(taskId, failure);
            }
        };
    }

    /**
     * A listener of new frames only.
     *
     * @param action given each new frame and its number (1 for the first)
     * @return the listener
     */
    static ProgressListener onFrame(ObjIntConsumer<Frame> action) {
        Objects.requireNonNull(action, "action");
        return new ProgressListener() {
            @Override
            public void onFrame(TaskStatus status, Frame frame, int number) {
                action.accept(frame, number);
            }
        };
    }

    /**
     * A listener of state changes only.
     *
     * @param action given the status each time the task's state changes (and the first status)
     * @return the listener
     */
    static ProgressListener onStateChanged(Consumer<TaskStatus> action) {
        Objects.requireNonNull(action, "action");
        return new ProgressListener() {
            @Override
            public void onStateChanged(TaskStatus status) {
                action.accept(status);
            }
        };
    }

    /**
     * A listener that calls this one, then another, for every event; the second is called even when the first
     * throws (whose exception then goes on).
     *
     * @param next the listener called second
     * @return the combined listener
     */
    default ProgressListener andThen(ProgressListener next) {
        Objects.requireNonNull(next, "next");
        ProgressListener first = this;
        return new ProgressListener() {
            @Override
            public void onStatus(TaskStatus status) {
                try {
                    first.onStatus(status);
                } finally {
                    next.onStatus(status);
                }
            }

            @Override
            public void onStateChanged(TaskStatus status) {
                try {
                    first.onStateChanged(status);
                } finally {
                    next.onStateChanged(status);
                }
            }

            @Override
            public void onFrame(TaskStatus status, Frame frame, int number) {
                try {
                    first.onFrame(status, frame, number);
                } finally {
                    next.onFrame(status, frame, number);
                }
            }

            @Override
            public void onPollFailed(TaskId taskId, Throwable failure) {
                try {
                    first.onPollFailed(taskId, failure);
                } finally {
                    next.onPollFailed(taskId, failure);
                }
            }

            @Override
            public void onCheckpoint(WaitToken token) {
                try {
                    first.onCheckpoint(token);
                } finally {
                    next.onCheckpoint(token);
                }
            }
        };
    }

    /**
     * A listener that does nothing.
     *
     * @return the listener
     */
    static ProgressListener none() {
        return NoProgress.INSTANCE;
    }
}
