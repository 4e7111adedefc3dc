package cn.scenext.api.exception;

/**
 * The service failed to handle the request: HTTP 5xx (or 408), or an error envelope the SDK has no more
 * specific type for (the service reports its own errors with HTTP 200). For idempotent calls the SDK has
 * already retried a 5xx or 408 as its policy allows; an error envelope at HTTP 200 is not retried at once,
 * but a wait polls again on its schedule (e.g. {@code An exception occurred while obtaining the task
 * status(3).}, a task in a state the API does not name), up to its bound on consecutive failures. For a
 * task creation, see {@link #taskMayHaveBeenCreated()}.
 */
public class ServerException extends ScenextException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong
     * @param details the HTTP response's status, message and body snippet
     */
    public ServerException(String message, ErrorDetails details) {
        super(message, null, details);
    }
}
