package cn.scenext.api.exception;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * The root of every exception this SDK throws. It is unchecked: catch it (or one of its subclasses)
 * where you can do something about the failure.
 *
 * <p>When the failure came from an HTTP response, the exception carries the HTTP status, the service's own
 * message (the {@code data.messages} of the error envelope) and a short snippet of the body. None of these,
 * nor the message, ever contains the API key.
 *
 * <p>{@link #taskMayHaveBeenCreated()} settles the one question that matters after a failed task creation:
 * may the task exist (and cost credits) although no task id came back? It is {@code true} whatever the
 * exception's type (an error envelope, an unreadable response, a proxy's 5xx, a connection lost after the
 * request was sent), so one check covers them all; such a failure is never retried by the SDK.
 */
public class ScenextException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int statusCode;
    private final String serviceMessage;
    private final String bodySnippet;
    private final boolean taskMayHaveBeenCreated;

    /**
     * Creates an exception that did not come from an HTTP response.
     *
     * @param message what went wrong and, where it helps, what to do about it
     */
    public ScenextException(String message) {
        this(message, null, ErrorDetails.none());
    }

    /**
     * Creates an exception with a cause that did not come from an HTTP response.
     *
     * @param message what went wrong and, where it helps, what to do about it
     * @param cause the underlying failure, or {@code null}
     */
    public ScenextException(String message, Throwable cause) {
        this(message, cause, ErrorDetails.none());
    }

    /**
     * Creates an exception with the details of the HTTP response that caused it.
     *
     * @param message what went wrong and, where it helps, what to do about it
     * @param cause the underlying failure, or {@code null}
     * @param details the HTTP status, service message and body snippet of the response
     */
    public ScenextException(String message, Throwable cause, ErrorDetails details) {
        super(message, cause);
        ErrorDetails d = details == null ? ErrorDetails.none() : details;
        this.statusCode = d.statusCodeOrMinusOne();
        this.serviceMessage = d.serviceMessage().orElse(null);
        this.bodySnippet = d.bodySnippet().orElse(null);
        this.taskMayHaveBeenCreated = d.taskMayHaveBeenCreated();
    }

    /**
     * Whether this failure of a task creation ({@code generateVideo}) leaves open that the task was created
     * nonetheless: the request may have reached the service, which may have written the task before the call
     * failed (an error envelope such as {@code The video generation interface response is abnormal}, an
     * response that could not be read, a 5xx from a proxy, a connection lost after the request was sent). The
     * SDK does not retry such a call, so as not to create the task twice; check before creating it again
     * (a webhook to the request's {@code notify_url}, if any, will name it).
     *
     * <p>For a {@link TransportException} of a task creation this is its
     * {@link TransportException#requestMayHaveBeenSent()}. For every other call (status reads, downloads)
     * it is {@code false}.
     *
     * @return {@code true} when a task may exist although the creation failed
     */
    public boolean taskMayHaveBeenCreated() {
        return taskMayHaveBeenCreated;
    }

    /**
     * The HTTP status of the response that caused this exception.
     *
     * @return the status, or empty when no HTTP response was involved
     */
    public OptionalInt statusCode() {
        return statusCode < 0 ? OptionalInt.empty() : OptionalInt.of(statusCode);
    }

    /**
     * The service's own description of the problem ({@code data.messages} of its error envelope).
     *
     * @return the message, or empty when the response had none
     */
    public Optional<String> serviceMessage() {
        return Optional.ofNullable(serviceMessage);
    }

    /**
     * The beginning of the response's body, for diagnosis.
     *
     * @return up to a few hundred characters of the body, or empty when there was no body
     */
    public Optional<String> bodySnippet() {
        return Optional.ofNullable(bodySnippet);
    }
}
