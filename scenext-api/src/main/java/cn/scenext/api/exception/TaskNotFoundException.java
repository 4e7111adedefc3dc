package cn.scenext.api.exception;

/**
 * The service knows no task with the id asked for: it was never created with this API key, or the id is
 * mistyped. Whatever the HTTP status, an error envelope saying {@code Task not found} ends up here.
 */
public class TaskNotFoundException extends ScenextException {
    private static final long serialVersionUID = 1L;

    private final String taskId;

    /**
     * Creates the exception.
     *
     * @param taskId the id that was asked for
     * @param message what went wrong
     * @param details the HTTP answer's status, message and body snippet
     */
    public TaskNotFoundException(String taskId, String message, ErrorDetails details) {
        super(message, null, details);
        this.taskId = taskId;
    }

    /**
     * The task id the service did not know.
     *
     * @return the id as it was asked for
     */
    public String taskId() {
        return taskId;
    }
}
