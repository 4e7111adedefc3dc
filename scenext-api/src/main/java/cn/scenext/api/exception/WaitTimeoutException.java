package cn.scenext.api.exception;

import cn.scenext.api.TaskId;
import cn.scenext.api.TaskStatus;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A wait for a task ended because its total timeout passed. The task may still be running on the server:
 * wait again with its {@link #taskId()}, or receive its webhook, rather than creating it again.
 *
 * <p>When polls failed during the wait, the last of those failures is the {@linkplain #getCause() cause} (and
 * is named in the message): a wait that timed out while the service kept responding with errors says so.
 */
public class WaitTimeoutException extends ScenextException {
    private static final long serialVersionUID = 1L;

    private final TaskId taskId;
    private final Duration waited;
    private final transient TaskStatus lastStatus;

    /**
     * Creates the exception.
     *
     * @param taskId the task waited for
     * @param waited how long the wait lasted
     * @param lastStatus the last status seen, or {@code null} when none arrived
     */
    public WaitTimeoutException(TaskId taskId, Duration waited, TaskStatus lastStatus) {
        this(taskId, waited, lastStatus, null);
    }

    /**
     * Creates the exception with the last failure the wait met.
     *
     * @param taskId the task waited for
     * @param waited how long the wait lasted
     * @param lastStatus the last status seen, or {@code null} when none arrived
     * @param lastFailure the exception of the wait's last failed poll (the cause), or {@code null} when no
     *     poll failed
     */
    public WaitTimeoutException(TaskId taskId, Duration waited, TaskStatus lastStatus, Throwable lastFailure) {
        super("Gave up waiting for task " + Objects.requireNonNull(taskId, "taskId") + " after " + format(waited)
                + (lastStatus == null ? "" : " (last seen " + lastStatus.state() + ", "
                        + lastStatus.frames().size() + " frames)")
                + (lastFailure == null ? "" : "; its last failed poll: " + lastFailure.getMessage())
                + ". The task may still be running on the server: wait again for " + taskId
                + " instead of creating it again.", lastFailure);
        this.taskId = taskId;
        this.waited = Objects.requireNonNull(waited, "waited");
        this.lastStatus = lastStatus;
    }

    private static String format(Duration d) {
        if (d == null) {
            return "?";
        }
        long seconds = d.getSeconds();
        if (seconds >= 60) {
            return (seconds / 60) + "m" + (seconds % 60 == 0 ? "" : (seconds % 60) + "s");
        }
        if (seconds > 0) {
            return seconds + "s";
        }
        return d.toMillis() + "ms";
    }

    /**
     * The task that was waited for.
     *
     * @return its id
     */
    public TaskId taskId() {
        return taskId;
    }

    /**
     * How long the wait lasted before it gave up.
     *
     * @return the elapsed time
     */
    public Duration waited() {
        return waited;
    }

    /**
     * The last status received before the timeout.
     *
     * @return the status, or empty when no status arrived
     */
    public Optional<TaskStatus> lastStatus() {
        return Optional.ofNullable(lastStatus);
    }
}
