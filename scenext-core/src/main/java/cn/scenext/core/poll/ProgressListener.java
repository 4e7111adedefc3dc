package cn.scenext.core.poll;

import cn.scenext.api.Frame;
import cn.scenext.api.TaskStatus;
import java.util.Objects;
import java.util.function.ObjIntConsumer;

/**
 * Follows a wait as it goes: each new storyboard frame exactly once and in order, each change of the task's
 * state, and every status read. Give one to {@link WaitOptions.Builder#progressListener(ProgressListener)}.
 *
 * <p>For one wait, calls never overlap and come in order, on the wait's callback executor (by default the
 * thread that received the status, or that handed the client a webhook event), all before the wait's future
 * completes. Statuses from webhook events handed to {@code client.webhooks()} are told exactly as polled ones:
 * a frame reported from an event is not reported again by a later poll. Keep them quick. An exception
 * thrown by a listener is logged and ignored: it never ends the wait.
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
     * A listener that does nothing.
     *
     * @return the listener
     */
    static ProgressListener none() {
        return NoProgress.INSTANCE;
    }
}
