package cn.scenext.api.exception;

/**
 * The service did not accept the API key (HTTP 401 or 403). Retrying will not help; check the key the client
 * was built with ({@code SCENEXT_API_KEY}).
 */
public class AuthenticationException extends ScenextException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong and what to check
     * @param details the HTTP response's status, message and body snippet
     */
    public AuthenticationException(String message, ErrorDetails details) {
        super(message, null, details);
    }
}
