package cn.scenext.api.exception;

/**
 * The client cannot be built as configured: no API key, a base URL that is not absolute, no transport on
 * the classpath, or a transport name that is not there. The message says what to add or set.
 */
public class ConfigurationException extends ScenextException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what is missing and how to provide it
     */
    public ConfigurationException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message what is missing and how to provide it
     * @param cause the underlying failure
     */
    public ConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
