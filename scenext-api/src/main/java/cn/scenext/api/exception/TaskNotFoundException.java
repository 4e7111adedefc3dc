package cn.scenext.api.exception;

/**
 * The service knows no task with the id asked for: it was never created with this API key, or the id is
 * mistyped. Whatever the HTTP status (the service reports it with HTTP 200), each of the service's ways of
 * saying so ends up here: {@code Server error:list index out of range} (a well-formed UUID that names no
 * task), {@code invalid input syntax for type uuid} (an id that is not a UUID at all), and the documented
 * {@code Task not found}. It is final: a status read, a wait and a download end at once on it.
 */
public class TaskNotFoundException extends ScenextException {
    private static final long serialVersionUID = 1L;

    private final String taskId;

    /**
     * Creates the exception.
     *
     * @param taskId the id that was asked for
     * @param message what went wrong
     * @param details the HTTP response's status, message and body snippet
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
