package cn.scenext.api.exception;

/**
 * The service (or something between it and the client, such as a proxy) responded with something that is
 * not the Scenext API: a body that is not JSON, an envelope without the expected fields, or a value of the
 * wrong type. The body snippet shows what arrived.
 */
public class ProtocolException extends ScenextException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was expected and what arrived
     * @param cause the parser's failure, or {@code null}
     * @param details the HTTP response's status and body snippet
     */
    public ProtocolException(String message, Throwable cause, ErrorDetails details) {
        super(message, cause, details);
    }
}
