package cn.scenext.testkit;

import java.time.Duration;
import java.util.Objects;

/**
 * A misbehaviour the simulator plays instead of (or before) its normal response, to test how an integration
 * copes: error statuses, rate limiting, dropped connections, slow or malformed responses, cut downloads.
 * Inject with {@link ScenextSimulator#inject(Endpoint, Fault, int)}.
 */
public final class Fault {
    enum Kind { STATUS, DISCONNECT, DELAY, MALFORMED, CUT_BODY }

    private final Kind kind;
    private final int status;
    private final Duration duration;
    private final long bytes;

    private Fault(Kind kind, int status, Duration duration, long bytes) {
        this.kind = kind;
        this.status = status;
        this.duration = duration;
        this.bytes = bytes;
    }

    /**
     * Responds with an HTTP status and, for 4xx/5xx, an error envelope.
     *
     * @param status e.g. 500, 502, 503
     * @return the fault
     */
    public static Fault status(int status) {
        if (status < 200 || status > 599) {
            throw new IllegalArgumentException("Not an HTTP status to respond with: " + status);
        }
        return new Fault(Kind.STATUS, status, null, 0);
    }

    /**
     * Responds 503 Service Unavailable: the request was not processed.
     *
     * @return the fault
     */
    public static Fault serviceUnavailable() {
        return status(503);
    }

    /**
     * Responds 429 Too Many Requests with a {@code Retry-After}.
     *
     * @param retryAfter the wait to ask for, in whole seconds
     * @return the fault
     */
    public static Fault rateLimited(Duration retryAfter) {
        Objects.requireNonNull(retryAfter, "retryAfter");
        return new Fault(Kind.STATUS, 429, retryAfter, 0);
    }

    /**
     * Closes the connection without responding, after reading the request (so a task creation is processed
     * first: the client cannot know whether it was).
     *
     * @return the fault
     */
    public static Fault disconnect() {
        return new Fault(Kind.DISCONNECT, 0, null, 0);
    }

    /**
     * Waits before responding normally.
     *
     * @param delay how long
     * @return the fault
     */
    public static Fault delay(Duration delay) {
        Objects.requireNonNull(delay, "delay");
        return new Fault(Kind.DELAY, 0, delay, 0);
    }

    /**
     * Responds 200 with a body that is not valid JSON.
     *
     * @return the fault
     */
    public static Fault malformedBody() {
        return new Fault(Kind.MALFORMED, 200, null, 0);
    }

    /**
     * For {@link Endpoint#FILES}: announces the whole file, sends only its first bytes, then closes the
     * connection, as a network cut would.
     *
     * @param bytes how many bytes to send before the cut
     * @return the fault
     */
    public static Fault cutBodyAfter(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes must not be negative");
        }
        return new Fault(Kind.CUT_BODY, 0, null, bytes);
    }

    Kind kind() {
        return kind;
    }

    int statusCode() {
        return status;
    }

    Duration duration() {
        return duration;
    }

    long bytes() {
        return bytes;
    }

    @Override
    public String toString() {
        switch (kind) {
            case STATUS:
                return "Fault{HTTP " + status + (duration == null ? "" : ", Retry-After " + duration.getSeconds() + "s")
                        + "}";
            case DELAY:
                return "Fault{delay " + duration.toMillis() + "ms}";
            case CUT_BODY:
                return "Fault{cut body after " + bytes + " bytes}";
            default:
                return "Fault{" + kind.name().toLowerCase(java.util.Locale.ROOT) + "}";
        }
    }
}
