package cn.scenext.core.webhook;

import cn.scenext.core.internal.canonical.CanonicalJson;
import cn.scenext.core.internal.canonical.CanonicalWriter;
import cn.scenext.core.internal.webhook.EventCapture;
import cn.scenext.core.internal.webhook.Hex;
import cn.scenext.core.internal.webhook.HmacKeys;
import cn.scenext.core.internal.webhook.VerifierPool;
import cn.scenext.api.exception.WebhookVerificationException;
import cn.scenext.api.exception.WebhookVerificationException.Reason;
import cn.scenext.core.internal.json.MalformedJsonException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import javax.crypto.Mac;

/**
 * Checks that a webhook delivery comes from Scenext and is fresh, and reads its event.
 *
 * <p>The service signs each event with HMAC-SHA256, keyed with your API key, over the event serialized as
 * Python's {@code json.dumps(payload, sort_keys=True)} prints it, and sends the lowercase hex digest in the
 * {@code X-Signature} header. The body it sends need not be in that form, so the verifier rebuilds the form
 * from the body ({@link CanonicalJson}) and accepts a signature over either that form or the exact body bytes.
 * Digests are compared in constant time. Only once the signature matches is anything in the body used: then
 * the event's {@code timestamp} must lie within the tolerance of the clock (replay protection).
 *
 * <p>Work before authentication is bounded: the canonical form is built in time linear in the body whatever
 * it holds (floats are parsed and written with table-driven 64-bit algorithms, not big-number arithmetic;
 * integers are limited to Python's 4,300 digits), so that a forged delivery costs about as much as reading it
 * and two MACs.
 *
 * <pre>{@code
 * WebhookVerifier verifier = WebhookVerifier.builder()
 *         .secret(System.getenv("SCENEXT_API_KEY"))
 *         .build();
 * try {
 *     WebhookEvent event = verifier.verify(body, signatureHeader);
 *     // trusted: event.taskId(), event.state(), event.toTaskStatus() ...
 * } catch (WebhookVerificationException e) {
 *     // reject: e.reason() says why (400 / 401 / 413)
 * }
 * }</pre>
 *
 * <p>Thread-safe; build one and share it. Whatever the input, {@link #verify} returns an event or throws
 * {@link WebhookVerificationException}; no message or {@code toString} contains a secret.
 */
public final class WebhookVerifier {
    /** The tolerance unless another is set: five minutes either way, as the service recommends. */
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);
    /** The largest body accepted unless another limit is set: 1 MiB. */
    public static final int DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

    private final HmacKeys keys;
    private final Duration tolerance;
    private final Clock clock;
    private final int maxBodyBytes;
    private final VerifierPool pool;

    private WebhookVerifier(Builder b) {
        this.keys = HmacKeys.of(b.secrets);
        this.tolerance = b.tolerance;
        this.clock = b.clock;
        this.maxBodyBytes = b.maxBodyBytes;
        this.pool = new VerifierPool(keys);
    }

    /**
     * Starts a verifier.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A verifier for one secret with the default tolerance, clock and body limit.
     *
     * @param secret your Scenext API key
     * @return the verifier
     */
    public static WebhookVerifier of(String secret) {
        return builder().secret(secret).build();
    }

    /**
     * Verifies a delivery and reads its event.
     *
     * @param body the request body exactly as received
     * @param signature the value of the {@code X-Signature} header, or {@code null} when there was none
     * @return the verified event
     * @throws WebhookVerificationException when the delivery must be rejected; its {@link
     *     WebhookVerificationException#reason() reason} says why
     */
    public WebhookEvent verify(byte[] body, String signature) {
        byte[] expected = expectedDigest(signature);
        if (body == null) {
            throw reject(Reason.MALFORMED_BODY, "The webhook request has no body.");
        }
        if (body.length > maxBodyBytes) {
            throw reject(Reason.BODY_TOO_LARGE, "The webhook body has " + body.length
                    + " bytes, more than the " + maxBodyBytes + " this verifier accepts.");
        }
        VerifierPool.Worker w = pool.acquire(body.length);
        try {
            EventCapture capture = w.capture;
            // Canonical form first: the service signs it, so a genuine delivery costs one MAC. Comparing the raw
            // bytes' MAC first would add a MAC to every genuine delivery (a sixth of the verify time for the
            // documented event) and save a forged one nothing: to be refused it must fail both, and what bounds
            // its cost is that canonicalization is linear in the body for every input.
            canonicalize(w, body, capture);
            if (!signatureMatches(w, expected, body)) {
                throw reject(Reason.SIGNATURE_MISMATCH, "The webhook signature matches neither the canonical form nor"
                        + " the raw body under the configured " + keys + ".");
            }
            WebhookEvent event;
            try {
                event = capture.toEvent();
            } catch (MalformedJsonException e) {
                throw reject(Reason.MALFORMED_BODY, "The signed webhook body is not a Scenext event: "
                        + e.getMessage() + ".");
            }
            checkTimestamp(event.timestamp());
            return event;
        } finally {
            pool.release(w);
        }
    }

    private static byte[] expectedDigest(String signature) {
        if (signature == null || signature.trim().isEmpty()) {
            throw reject(Reason.MISSING_SIGNATURE, "The webhook request has no X-Signature header.");
        }
        byte[] expected = Hex.decode(signature.trim(), HmacKeys.SIGNATURE_BYTES);
        if (expected == null) {
            throw reject(Reason.MALFORMED_SIGNATURE, "The X-Signature header is not 64 hexadecimal characters"
                    + " (it has " + signature.trim().length() + " characters).");
        }
        return expected;
    }

    private static void canonicalize(VerifierPool.Worker w, byte[] body, EventCapture capture) {
        try {
            w.writer.canonicalize(body, capture.root());
        } catch (MalformedJsonException e) {
            throw reject(Reason.MALFORMED_BODY, "The webhook body is not JSON as the service sends it: "
                    + CanonicalJson.firstLine(e.getMessage()), e);
        }
        if (!capture.isObject()) {
            throw reject(Reason.MALFORMED_BODY, "The webhook body is JSON but not a JSON object.");
        }
    }

    /** The canonical form under each secret, then the raw bytes when they differ from it. */
    private static boolean signatureMatches(VerifierPool.Worker w, byte[] expected, byte[] body) {
        CanonicalWriter canonical = w.writer;
        if (anyMacMatches(w, expected, canonical, null)) {
            return true;
        }
        return !canonical.contentEquals(body) && anyMacMatches(w, expected, null, body);
    }

    /** Whether a MAC under any key of the canonical form ({@code canonical}) or else of {@code raw} is expected. */
    private static boolean anyMacMatches(VerifierPool.Worker w, byte[] expected, CanonicalWriter canonical,
            byte[] raw) {
        for (Mac mac : w.macs) {
            if (canonical != null) {
                canonical.update(mac);
            } else {
                mac.update(raw, 0, raw.length);
            }
            try {
                mac.doFinal(w.digest, 0);
            } catch (javax.crypto.ShortBufferException e) {
                throw new IllegalStateException(e); // the digest buffer has the MAC's length
            }
            if (MessageDigest.isEqual(w.digest, expected)) {
                return true;
            }
        }
        return false;
    }

    private void checkTimestamp(Instant timestamp) {
        Instant now = clock.instant();
        if (timestamp.equals(Instant.MAX) || Duration.between(now, timestamp).compareTo(tolerance) > 0) {
            throw reject(Reason.FUTURE_TIMESTAMP, "The webhook event's timestamp " + describe(timestamp)
                    + " lies more than " + tolerance.getSeconds() + " s after this host's clock (" + now + ").");
        }
        if (timestamp.equals(Instant.MIN) || Duration.between(timestamp, now).compareTo(tolerance) > 0) {
            throw reject(Reason.STALE_TIMESTAMP, "The webhook event's timestamp " + describe(timestamp)
                    + " lies more than " + tolerance.getSeconds() + " s before this host's clock (" + now
                    + "): a replay, or a delivery that came too late.");
        }
    }

    private static String describe(Instant timestamp) {
        return timestamp.equals(Instant.MAX) || timestamp.equals(Instant.MIN) ? "(out of range)" : timestamp.toString();
    }

    private static WebhookVerificationException reject(Reason reason, String message) {
        return new WebhookVerificationException(reason, message);
    }

    private static WebhookVerificationException reject(Reason reason, String message, Throwable cause) {
        return new WebhookVerificationException(reason, message, cause);
    }

    /**
     * How far an event's timestamp may lie from the clock, either way.
     *
     * @return the tolerance
     */
    public Duration tolerance() {
        return tolerance;
    }

    /**
     * The largest body this verifier accepts.
     *
     * @return the limit in bytes
     */
    public int maxBodyBytes() {
        return maxBodyBytes;
    }

    /**
     * Describes the verifier without its secrets.
     *
     * @return e.g. {@code WebhookVerifier{2 secrets, tolerance=PT5M, maxBodyBytes=1048576}}
     */
    @Override
    public String toString() {
        return "WebhookVerifier{" + keys + ", tolerance=" + tolerance + ", maxBodyBytes=" + maxBodyBytes + '}';
    }

    /** Builds a {@link WebhookVerifier}. Not thread-safe. */
    public static final class Builder {
        private final List<String> secrets = new ArrayList<>();
        private Duration tolerance = DEFAULT_TOLERANCE;
        private Clock clock = Clock.systemUTC();
        private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;

        private Builder() {
        }

        /**
         * Adds a secret: the API key the service signs with. Add the old and the new key while rotating keys; a
         * signature under any of them is accepted.
         *
         * @param secret the API key
         * @return this builder
         */
        public Builder secret(String secret) {
            secrets.add(Objects.requireNonNull(secret, "secret"));
            return this;
        }

        /**
         * Adds several secrets, as {@link #secret(String)} does.
         *
         * @param secrets the API keys
         * @return this builder
         */
        public Builder secrets(Collection<String> secrets) {
            for (String secret : secrets) {
                secret(secret);
            }
            return this;
        }

        /**
         * Sets how far an event's timestamp may lie from the clock, in the past or the future (default five
         * minutes).
         *
         * @param tolerance zero or more
         * @return this builder
         */
        public Builder tolerance(Duration tolerance) {
            Objects.requireNonNull(tolerance, "tolerance");
            if (tolerance.isNegative()) {
                throw new IllegalArgumentException("tolerance must not be negative, got " + tolerance);
            }
            this.tolerance = tolerance;
            return this;
        }

        /**
         * Sets the clock that timestamps are compared with (default: the system clock).
         *
         * @param clock the clock, e.g. a fixed one in tests
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Sets the largest body accepted (default 1 MiB); larger ones are rejected unread.
         *
         * @param maxBodyBytes a positive number of bytes
         * @return this builder
         */
        public Builder maxBodyBytes(int maxBodyBytes) {
            if (maxBodyBytes <= 0) {
                throw new IllegalArgumentException("maxBodyBytes must be positive, got " + maxBodyBytes);
            }
            this.maxBodyBytes = maxBodyBytes;
            return this;
        }

        /**
         * Builds the verifier.
         *
         * @return the verifier
         * @throws cn.scenext.api.exception.ConfigurationException when no secret was given, or one is empty
         */
        public WebhookVerifier build() {
            return new WebhookVerifier(this);
        }
    }
}
