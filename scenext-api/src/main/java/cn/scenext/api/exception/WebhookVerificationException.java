package cn.scenext.api.exception;

import java.util.Objects;

/**
 * A webhook delivery could not be verified, and nothing in it should be trusted. {@link #reason()} says why,
 * and maps to the HTTP status a receiver should respond with.
 */
public class WebhookVerificationException extends ScenextException {
    private static final long serialVersionUID = 1L;

    /** Why a delivery was rejected. */
    public enum Reason {
        /** No {@code X-Signature} header. */
        MISSING_SIGNATURE,
        /** The signature is not 64 hexadecimal characters. */
        MALFORMED_SIGNATURE,
        /** The signature matches neither the canonical form nor the raw body under any configured secret. */
        SIGNATURE_MISMATCH,
        /** The event's timestamp is older than the tolerance allows (a replay, or a very late delivery). */
        STALE_TIMESTAMP,
        /** The event's timestamp lies further in the future than the tolerance allows. */
        FUTURE_TIMESTAMP,
        /** The body is not a JSON object with the fields of a Scenext event. */
        MALFORMED_BODY,
        /** The body is larger than the verifier accepts. */
        BODY_TOO_LARGE
    }

    private final Reason reason;

    /**
     * Creates the exception.
     *
     * @param reason why the delivery was rejected
     * @param message a description for logs (never the secret)
     */
    public WebhookVerificationException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /**
     * Creates the exception with a cause.
     *
     * @param reason why the delivery was rejected
     * @param message a description for logs (never the secret)
     * @param cause the underlying failure
     */
    public WebhookVerificationException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /**
     * Why the delivery was rejected.
     *
     * @return the reason
     */
    public Reason reason() {
        return reason;
    }
}
