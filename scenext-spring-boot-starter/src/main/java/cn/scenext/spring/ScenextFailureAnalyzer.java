package cn.scenext.spring;

import cn.scenext.api.exception.ConfigurationException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a start-up that failed because the Scenext client could not be configured into Spring Boot's short
 * report: what is wrong, and which {@code scenext.*} property to set, instead of a stack trace.
 */
public final class ScenextFailureAnalyzer extends AbstractFailureAnalyzer<ConfigurationException> {
    /** Creates the analyzer; Spring Boot does, from {@code META-INF/spring.factories}. */
    public ScenextFailureAnalyzer() {
    }

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ConfigurationException cause) {
        if (cause instanceof InvalidScenextPropertyException) {
            String property = ((InvalidScenextPropertyException) cause).property();
            if (ScenextAutoConfiguration.API_KEY_PROPERTY.equals(property) && cause.getCause() == null) {
                return new FailureAnalysis("No Scenext API key: the property '" + property + "' is not set.",
                        "Set '" + property + "' in application.properties or application.yml, or set the"
                                + " environment variable SCENEXT_API_KEY, to the key from the Scenext console.",
                        cause);
            }
            return new FailureAnalysis("The property '" + property + "' is invalid: " + cause.getMessage(),
                    "Correct '" + property + "' in your configuration.", cause);
        }
        return new FailureAnalysis("The Scenext client could not be configured: " + cause.getMessage(),
                "Check the scenext.* properties (scenext.api-key, scenext.base-url, scenext.transport) and that a"
                        + " Scenext transport is on the classpath (scenext-jdk needs nothing else).",
                cause);
    }
}
