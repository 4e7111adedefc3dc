package cn.scenext.api.exception;

import cn.scenext.api.TaskStatus;
import java.util.Objects;

/**
 * A task the client waited for ended in {@code FAILED}. The status carries the service's reason and the
 * credits consumed (a failed task is refunded).
 */
public class TaskFailedException extends ScenextException {
    private static final long serialVersionUID = 1L;

    private final transient TaskStatus status;

    /**
     * Creates the exception.
     *
     * @param status the task's final status, in state {@code FAILED}
     */
    public TaskFailedException(TaskStatus status) {
        super(messageFor(Objects.requireNonNull(status, "status")));
        this.status = status;
    }

    private static String messageFor(TaskStatus status) {
        return "Task " + status.taskId() + " failed: "
                + status.failureMessage().orElse("the service gave no reason");
    }

    /**
     * The task's final status.
     *
     * @return the status, in state {@code FAILED}
     */
    public TaskStatus status() {
        return status;
    }

    /**
     * The service's reason for the failure.
     *
     * @return the reason, or a generic text when the service gave none
     */
    public String reason() {
        return status.failureMessage().orElse("the service gave no reason");
    }
}
