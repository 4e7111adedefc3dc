package cn.scenext.core.internal.json;

/**
 * A body that is not the JSON the API speaks. The caller turns it into a
 * {@link cn.scenext.api.exception.ProtocolException} with the HTTP details it knows.
 */
public final class MalformedJsonException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was wrong
     */
    public MalformedJsonException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message what was wrong
     * @param cause the parser's failure
     */
    public MalformedJsonException(String message, Throwable cause) {
        super(message, cause);
    }
}
