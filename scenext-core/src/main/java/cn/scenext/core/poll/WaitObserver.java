package cn.scenext.core.poll;

import cn.scenext.api.Frame;
import cn.scenext.api.TaskStatus;
import java.time.Duration;

/**
 * Sees every wait of a client from its start to its end, for metrics and tracing: register one with
 * {@code ScenextClient.Builder.addWaitObserver(...)}. Unlike a {@link ProgressListener}, which one wait's
 * options carry, an observer sees all the client's waits ({@code waitForCompletion},
 * {@code generateVideoAndWait}, their asynchronous forms) and how each ended.
 *
 * <p>Each call gets an {@link ObservedWait} snapshot; {@link ObservedWait#id()} tells the waits apart. For one
 * wait, {@link #onWaitStarted} comes first and {@link #onWaitEnded} last, exactly once each; calls about one
 * wait may come from several threads (the scheduler's, a transport's, the one handing in a webhook) but
 * never overlap except that a late poll answer may race the end, and calls about different waits may run at
 * once. Observers must be quick and thread-safe. Anything one throws, {@link Error}s included, is logged
 * (WARN) and ignored: it never ends, stalls or fails a wait.
 *
 * <pre>{@code
 * ScenextClient.builder().addWaitObserver(new WaitObserver() {
 *     public void onWaitEnded(ObservedWait wait) {
 *         log.info("task {} {} by {} after {} polls", wait.taskId(), wait.outcome().get(),
 *                 wait.endedBy().get(), wait.polls());
 *     }
 * })
 * }</pre>
 */
public interface WaitObserver {

    /**
     * Called when a wait starts, before its first poll.
     *
     * @param wait the wait, with no poll sent yet
     */
    default void onWaitStarted(ObservedWait wait) {
    }

    /**
     * Called when the wait sends a status request (after the client-wide rate limit let it).
     *
     * @param wait the wait, this request counted in {@link ObservedWait#polls()}
     */
    default void onPollSent(ObservedWait wait) {
    }

    /**
     * Called when a status request of the wait was answered with a status.
     *
     * @param wait the wait
     * @param status the status read
     */
    default void onPollAnswered(ObservedWait wait, TaskStatus status) {
    }

    /**
     * Called when a status request of the wait failed, after the client's retries.
     *
     * @param wait the wait
     * @param failure what the request failed with; the wait goes on unless the failure ends it
     */
    default void onPollFailed(ObservedWait wait, Throwable failure) {
    }

    /**
     * Called when the wait takes in a status pushed by a webhook event (not for ignored repeats or older
     * events).
     *
     * @param wait the wait
     * @param status the pushed status
     * @param lag the time from the event's timestamp to its receipt by the client (negative when the sender's
     *     clock runs ahead)
     */
    default void onWebhookStatus(ObservedWait wait, TaskStatus status, Duration lag) {
    }

    /**
     * Called once for each distinct storyboard frame the wait sees, polled or pushed, in the service's order.
     *
     * @param wait the wait, this frame counted in {@link ObservedWait#frames()}
     * @param frame the new frame
     */
    default void onFrame(ObservedWait wait, Frame frame) {
    }

    /**
     * Called once when the wait ends, however it ends: before the wait's future completes (so that whoever
     * waits on it finds the end observed), except when the caller ended it (a cancel), which comes first.
     *
     * @param wait the wait, with {@link ObservedWait#outcome()} and {@link ObservedWait#endedBy()} set
     */
    default void onWaitEnded(ObservedWait wait) {
    }
}
