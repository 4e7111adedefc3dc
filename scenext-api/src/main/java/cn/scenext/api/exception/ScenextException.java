package cn.scenext.api.exception;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * The root of every exception this SDK throws. It is unchecked: catch it (or one of its subclasses)
 * where you can do something about the failure.
 *
 * <p>When the failure came from an HTTP answer, the exception carries the HTTP status, the service's own
 * message (the {@code data.messages} of the error envelope) and a short snippet of the body. None of these,
 * nor the message, ever contains the API key.
 */
public class ScenextException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int statusCode;
    private final String serviceMessage;
    private final String bodySnippet;

    /**
     * Creates an exception that did not come from an HTTP answer.
     *
     * @param message what went wrong and, where it helps, what to do about it
     */
    public ScenextException(String message) {
        this(message, null, ErrorDetails.none());
    }

    /**
     * Creates an exception with a cause that did not come from an HTTP answer.
     *
     * @param message what went wrong and, where it helps, what to do about it
     * @param cause the underlying failure, or {@code null}
     */
    public ScenextException(String message, Throwable cause) {
        this(message, cause, ErrorDetails.none());
    }

    /**
     * Creates an exception with the details of the HTTP answer that caused it.
     *
     * @param message what went wrong and, where it helps, what to do about it
     * @param cause the underlying failure, or {@code null}
     * @param details the HTTP status, service message and body snippet of the answer
     */
    public ScenextException(String message, Throwable cause, ErrorDetails details) {
        super(message, cause);
        ErrorDetails d = details == null ? ErrorDetails.none() : details;
        this.statusCode = d.statusCodeOrMinusOne();
        this.serviceMessage = d.serviceMessage().orElse(null);
        this.bodySnippet = d.bodySnippet().orElse(null);
    }

    /**
     * The HTTP status of the answer that caused this exception.
     *
     * @return the status, or empty when no HTTP answer was involved
     */
    public OptionalInt statusCode() {
        return statusCode < 0 ? OptionalInt.empty() : OptionalInt.of(statusCode);
    }

    /**
     * The service's own description of the problem ({@code data.messages} of its error envelope).
     *
     * @return the message, or empty when the answer had none
     */
    public Optional<String> serviceMessage() {
        return Optional.ofNullable(serviceMessage);
    }

    /**
     * The beginning of the answer's body, for diagnosis.
     *
     * @return up to a few hundred characters of the body, or empty when there was no body
     */
    public Optional<String> bodySnippet() {
        return Optional.ofNullable(bodySnippet);
    }
}
