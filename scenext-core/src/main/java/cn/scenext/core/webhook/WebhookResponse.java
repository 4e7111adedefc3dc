package cn.scenext.core.webhook;

import cn.scenext.api.exception.WebhookVerificationException;
import cn.scenext.api.exception.WebhookVerificationException.Reason;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link WebhookHandler} made of one delivery, and the HTTP status to respond to it with. Immutable.
 *
 * <table>
 * <caption>Outcomes and status codes</caption>
 * <tr><th>outcome</th><th>status</th><th>when</th></tr>
 * <tr><td>{@link Outcome#ACCEPTED}</td><td>200</td><td>a new, verified event; the listeners ran</td></tr>
 * <tr><td>{@link Outcome#DUPLICATE}</td><td>200</td><td>a verified event handled before, or a copy that arrived
 *     while the first was in the listeners and they succeeded; nothing ran</td></tr>
 * <tr><td>{@link Outcome#REJECTED}</td><td>400</td><td>no signature, or a body that is not a JSON object
 *     (or, signed, not an event)</td></tr>
 * <tr><td>{@link Outcome#REJECTED}</td><td>401</td><td>a malformed or wrong signature, or a timestamp outside
 *     the tolerance</td></tr>
 * <tr><td>{@link Outcome#REJECTED}</td><td>413</td><td>a body over the verifier's limit</td></tr>
 * <tr><td>{@link Outcome#FAILED}</td><td>500</td><td>a listener or the deduplicator threw (or, for a copy that
 *     waited for the first, the first failed); the event is forgotten and the service will deliver it
 *     again</td></tr>
 * </table>
 */
public final class WebhookResponse {
    /** What became of a delivery. */
    public enum Outcome {
        /** A new, verified event: the listeners ran. */
        ACCEPTED,
        /** A verified event that was handled before: acknowledged, nothing ran. */
        DUPLICATE,
        /** The delivery failed verification: nothing in it was used. */
        REJECTED,
        /** The event was verified but acting on it failed: the service should deliver it again. */
        FAILED
    }

    private final Outcome outcome;
    private final int statusCode;
    private final WebhookEvent event;
    private final WebhookVerificationException rejection;
    private final Throwable failure;

    private WebhookResponse(Outcome outcome, int statusCode, WebhookEvent event,
            WebhookVerificationException rejection, Throwable failure) {
        this.outcome = outcome;
        this.statusCode = statusCode;
        this.event = event;
        this.rejection = rejection;
        this.failure = failure;
    }

    static WebhookResponse accepted(WebhookEvent event) {
        return new WebhookResponse(Outcome.ACCEPTED, 200, Objects.requireNonNull(event, "event"), null, null);
    }

    static WebhookResponse duplicate(WebhookEvent event) {
        return new WebhookResponse(Outcome.DUPLICATE, 200, Objects.requireNonNull(event, "event"), null, null);
    }

    static WebhookResponse rejected(WebhookVerificationException rejection) {
        return new WebhookResponse(Outcome.REJECTED, statusCodeFor(rejection.reason()), null, rejection, null);
    }

    static WebhookResponse failed(WebhookEvent event, Throwable failure) {
        return new WebhookResponse(Outcome.FAILED, 500, Objects.requireNonNull(event, "event"), null,
                Objects.requireNonNull(failure, "failure"));
    }

    /**
     * The HTTP status a receiver responds to a rejected delivery with.
     *
     * @param reason why the delivery was rejected
     * @return 400 for a missing signature or a malformed body, 413 for a body too large, else 401
     */
    public static int statusCodeFor(Reason reason) {
        switch (reason) {
            case MISSING_SIGNATURE:
            case MALFORMED_BODY:
                return 400;
            case BODY_TOO_LARGE:
                return 413;
            default:
                return 401;
        }
    }

    /**
     * What became of the delivery.
     *
     * @return the outcome
     */
    public Outcome outcome() {
        return outcome;
    }

    /**
     * The HTTP status to respond to the delivery with.
     *
     * @return 200, 400, 401, 413 or 500
     */
    public int statusCode() {
        return statusCode;
    }

    /**
     * The verified event.
     *
     * @return the event, or empty when the delivery was rejected
     */
    public Optional<WebhookEvent> event() {
        return Optional.ofNullable(event);
    }

    /**
     * Whether the event had been handled before.
     *
     * @return {@code true} for {@link Outcome#DUPLICATE}
     */
    public boolean isDuplicate() {
        return outcome == Outcome.DUPLICATE;
    }

    /**
     * Why the delivery was rejected.
     *
     * @return the verification failure, or empty when the delivery was verified
     */
    public Optional<WebhookVerificationException> rejection() {
        return Optional.ofNullable(rejection);
    }

    /**
     * What a listener or the deduplicator threw ({@link Error}s included), or, for a copy that waited for the
     * first delivery of its event, what made that one fail.
     *
     * @return the exception or error, or empty unless the outcome is {@link Outcome#FAILED}
     */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    /**
     * A short text for the response body or a log line; it holds no secret and nothing from the body.
     *
     * @return e.g. {@code accepted}, {@code duplicate}, {@code rejected: SIGNATURE_MISMATCH}
     */
    public String message() {
        switch (outcome) {
            case REJECTED:
                return "rejected: " + rejection.reason();
            case FAILED:
                return "failed: the event could not be handled";
            default:
                return outcome.name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("WebhookResponse{").append(statusCode).append(' ').append(message());
        if (event != null) {
            sb.append(", key=").append(event.key());
        }
        return sb.append('}').toString();
    }
}
