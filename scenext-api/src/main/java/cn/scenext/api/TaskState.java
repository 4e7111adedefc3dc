package cn.scenext.api;

/**
 * Where a task is in its life. A value the service may add later arrives as {@link #UNKNOWN}; the raw
 * value stays available from {@link TaskStatus#rawStatus()}.
 */
public enum TaskState {
    /** The video is being made; storyboard frames appear as it goes. */
    IN_PROGRESS,
    /** The video is ready. */
    COMPLETED,
    /** The task ended without a video; its credits are refunded. */
    FAILED,
    /** A state this version of the SDK does not know. Not terminal: waiting goes on. */
    UNKNOWN;

    /**
     * Whether the task has ended and will not change again.
     *
     * @return {@code true} for {@link #COMPLETED} and {@link #FAILED}
     */
    public boolean isTerminal() {
        return this == COMPLETED || this == FAILED;
    }

    /**
     * The state for the API's status string.
     *
     * @param raw the {@code status} field as sent ({@code IN_PROGRESS}, {@code COMPLETED}, {@code FAILED})
     * @return the state, {@link #UNKNOWN} for any other value or {@code null}
     */
    public static TaskState fromWire(String raw) {
        if (raw == null) {
            return UNKNOWN;
        }
        switch (raw) {
            case "IN_PROGRESS":
                return IN_PROGRESS;
            case "COMPLETED":
                return COMPLETED;
            case "FAILED":
                return FAILED;
            default:
                return UNKNOWN;
        }
    }
}
