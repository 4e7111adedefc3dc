package cn.scenext.api.exception;

import java.util.Objects;

/**
 * The HTTP exchange itself failed: the connection could not be made, was reset, timed out, or the response
 * was cut or garbled on the wire. Transports throw it for every I/O failure, and the client rethrows it
 * once its retry policy gives up.
 *
 * <p>{@link #requestMayHaveBeenSent()} tells whether the server may have received the request. The client
 * relies on it to retry a task creation only when the task surely was not created; when it gives up on a
 * task creation whose request may have been sent, the exception it throws also says
 * {@link #taskMayHaveBeenCreated()}.
 */
public class TransportException extends ScenextException {
    private static final long serialVersionUID = 1L;

    /** What kind of failure it was. */
    public enum Reason {
        /** No connection could be made (refused, unknown host, no route): the request was not sent. */
        CONNECT_FAILED(false),
        /** The connection was not established within the connect timeout: the request was not sent. */
        CONNECT_TIMEOUT(false),
        /** No response, or no further bytes of it, arrived within the read timeout. */
        READ_TIMEOUT(true),
        /** The connection failed after it was made: reset, closed early, or a malformed response. */
        IO_ERROR(true),
        /** The call was cancelled or its thread interrupted before it completed. */
        CANCELLED(true),
        /**
         * The exchange did not complete within its call timeout ({@link
         * cn.scenext.api.transport.TransportOptions#callTimeout()}): the response was late, or its body trickled
         * in too slowly, however steadily bytes arrived.
         */
        CALL_TIMEOUT(true);

        private final boolean requestMayHaveBeenSent;

        Reason(boolean requestMayHaveBeenSent) {
            this.requestMayHaveBeenSent = requestMayHaveBeenSent;
        }

        /**
         * Whether a failure of this kind leaves open that the server received the request.
         *
         * @return {@code false} only for failures before the connection was made
         */
        public boolean requestMayHaveBeenSent() {
            return requestMayHaveBeenSent;
        }
    }

    private final Reason reason;

    /**
     * Creates the exception.
     *
     * @param reason what kind of failure it was
     * @param message what failed, naming the host (never the API key)
     * @param cause the HTTP library's exception, or {@code null}
     */
    public TransportException(Reason reason, String message, Throwable cause) {
        this(reason, message, cause, ErrorDetails.none());
    }

    /**
     * Creates the exception with details, e.g. the mark of a task creation that may have created the task
     * ({@link ErrorDetails#withTaskMayHaveBeenCreated()}).
     *
     * @param reason what kind of failure it was
     * @param message what failed, naming the host (never the API key)
     * @param cause the HTTP library's exception, or {@code null}
     * @param details the details, or {@code null} for none
     */
    public TransportException(Reason reason, String message, Throwable cause, ErrorDetails details) {
        super(message, cause, details);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /**
     * What kind of failure it was.
     *
     * @return the reason
     */
    public Reason reason() {
        return reason;
    }

    /**
     * Whether the server may have received the request before the failure.
     *
     * @return {@code false} when the connection was never made, {@code true} otherwise
     */
    public boolean requestMayHaveBeenSent() {
        return reason.requestMayHaveBeenSent();
    }

    /**
     * Whether the failure was a connect, read or call timeout.
     *
     * @return {@code true} for {@link Reason#CONNECT_TIMEOUT}, {@link Reason#READ_TIMEOUT} and
     *     {@link Reason#CALL_TIMEOUT}
     */
    public boolean isTimeout() {
        return reason == Reason.CONNECT_TIMEOUT || reason == Reason.READ_TIMEOUT || reason == Reason.CALL_TIMEOUT;
    }
}
