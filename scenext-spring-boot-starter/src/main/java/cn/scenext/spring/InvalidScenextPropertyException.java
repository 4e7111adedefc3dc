package cn.scenext.spring;

import cn.scenext.api.exception.ConfigurationException;

/**
 * A {@code scenext.*} property is missing or has a value the SDK refuses. Start-up fails with it, and
 * {@link ScenextFailureAnalyzer} reports the property by name instead of a stack trace. The message never holds
 * the API key or a webhook secret.
 */
public class InvalidScenextPropertyException extends ConfigurationException {
    private static final long serialVersionUID = 1L;

    /** The property's name, e.g. {@code scenext.api-key}. */
    private final String property;

    /**
     * Creates the exception.
     *
     * @param property the property's name, e.g. {@code scenext.retry.max-retries}
     * @param message what is wrong with it
     * @param cause what the SDK threw, or {@code null}
     */
    public InvalidScenextPropertyException(String property, String message, Throwable cause) {
        super(message, cause);
        this.property = property;
    }

    /**
     * The property at fault.
     *
     * @return its name, e.g. {@code scenext.api-key}
     */
    public String property() {
        return property;
    }
}
