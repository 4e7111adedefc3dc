package cn.scenext.api.exception;

/**
 * The service failed to answer the request: HTTP 5xx (or 408), or an error envelope the SDK has no more
 * specific type for. For idempotent calls the SDK has already retried as its policy allows.
 */
public class ServerException extends ScenextException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong
     * @param details the HTTP answer's status, message and body snippet
     */
    public ServerException(String message, ErrorDetails details) {
        super(message, null, details);
    }
}
