package cn.scenext.core.poll;

/**
 * What a status handed to the client from outside (a verified webhook event) did to the waits for its task.
 * Listed from the strongest: when several waits follow one task, the strongest effect is reported.
 */
public enum WaitUpdate {
    /**
     * The status is terminal and ended a wait for the task: its future completes with it at once (or, with
     * {@link WaitOptions#refreshStatusOnWebhook()}, after one status request).
     */
    ENDED,
    /** A wait for the task took the status in: its listener was told the new frames and state; it goes on. */
    UPDATED,
    /**
     * No wait follows the task yet: the terminal status is kept for a short while, so that a wait started
     * soon after ends at once.
     */
    KEPT,
    /**
     * Nothing changed: no wait follows the task and the status is not terminal, or every wait had already
     * seen it (a repeat, an older event, progress after the end), or the client is closed.
     */
    IGNORED
}
