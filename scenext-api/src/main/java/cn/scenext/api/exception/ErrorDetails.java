package cn.scenext.api.exception;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What is known about a failure beyond its message: what an HTTP response said (its status, the service's
 * message and a snippet of its body) and whether a task creation that failed may nevertheless have created
 * the task. Immutable.
 */
public final class ErrorDetails {
    private static final ErrorDetails NONE = new ErrorDetails(-1, null, null, false);

    private final int statusCode;
    private final String serviceMessage;
    private final String bodySnippet;
    private final boolean taskMayHaveBeenCreated;

    private ErrorDetails(int statusCode, String serviceMessage, String bodySnippet, boolean taskMayHaveBeenCreated) {
        this.statusCode = statusCode;
        this.serviceMessage = serviceMessage;
        this.bodySnippet = bodySnippet;
        this.taskMayHaveBeenCreated = taskMayHaveBeenCreated;
    }

    /**
     * Details for a failure that involved no HTTP response.
     *
     * @return the empty details
     */
    public static ErrorDetails none() {
        return NONE;
    }

    /**
     * Details of an HTTP response.
     *
     * @param statusCode the HTTP status, or a negative number when there was none
     * @param serviceMessage the service's message, or {@code null}
     * @param bodySnippet the beginning of the body, or {@code null}
     * @return the details
     */
    public static ErrorDetails of(int statusCode, String serviceMessage, String bodySnippet) {
        if (statusCode < 0 && serviceMessage == null && bodySnippet == null) {
            return NONE;
        }
        return new ErrorDetails(statusCode < 0 ? -1 : statusCode, serviceMessage, bodySnippet, false);
    }

    /**
     * The same details, marked as those of a task creation that may have created the task although it failed
     * (see {@link ScenextException#taskMayHaveBeenCreated()}).
     *
     * @return the marked details
     */
    public ErrorDetails withTaskMayHaveBeenCreated() {
        return new ErrorDetails(statusCode, serviceMessage, bodySnippet, true);
    }

    /**
     * Whether the failed call was a task creation that may nevertheless have created the task.
     *
     * @return {@code true} when a task may exist although no task id came back
     */
    public boolean taskMayHaveBeenCreated() {
        return taskMayHaveBeenCreated;
    }

    /**
     * The HTTP status.
     *
     * @return the status, or empty when there was no HTTP response
     */
    public OptionalInt statusCode() {
        return statusCode < 0 ? OptionalInt.empty() : OptionalInt.of(statusCode);
    }

    int statusCodeOrMinusOne() {
        return statusCode;
    }

    /**
     * The service's own message.
     *
     * @return the message, or empty
     */
    public Optional<String> serviceMessage() {
        return Optional.ofNullable(serviceMessage);
    }

    /**
     * The beginning of the body.
     *
     * @return the snippet, or empty
     */
    public Optional<String> bodySnippet() {
        return Optional.ofNullable(bodySnippet);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ErrorDetails)) {
            return false;
        }
        ErrorDetails that = (ErrorDetails) o;
        return statusCode == that.statusCode
                && taskMayHaveBeenCreated == that.taskMayHaveBeenCreated
                && Objects.equals(serviceMessage, that.serviceMessage)
                && Objects.equals(bodySnippet, that.bodySnippet);
    }

    @Override
    public int hashCode() {
        return Objects.hash(statusCode, serviceMessage, bodySnippet, taskMayHaveBeenCreated);
    }

    @Override
    public String toString() {
        return "ErrorDetails{statusCode=" + statusCode + ", serviceMessage=" + serviceMessage
                + ", bodySnippet=" + bodySnippet + ", taskMayHaveBeenCreated=" + taskMayHaveBeenCreated + '}';
    }
}
