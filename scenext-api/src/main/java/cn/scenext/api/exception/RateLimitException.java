package cn.scenext.api.exception;

import java.time.Duration;
import java.util.Optional;

/**
 * The service responded with HTTP 429 (too many requests) and the retry policy gave up, or did not allow a retry.
 */
public class RateLimitException extends ScenextException {
    private static final long serialVersionUID = 1L;

    private final Duration retryAfter;

    /**
     * Creates the exception.
     *
     * @param message what went wrong
     * @param details the HTTP response's status, message and body snippet
     * @param retryAfter how long the service asked to wait ({@code Retry-After}), or {@code null}
     */
    public RateLimitException(String message, ErrorDetails details, Duration retryAfter) {
        super(message, null, details);
        this.retryAfter = retryAfter;
    }

    /**
     * How long the service asked to wait before the next request.
     *
     * @return the {@code Retry-After} of the last response, or empty when it sent none
     */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
