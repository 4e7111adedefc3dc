package cn.scenext.core.testing;

import cn.scenext.api.exception.WebhookVerificationException;
import cn.scenext.core.webhook.WebhookEvent;
import cn.scenext.core.webhook.WebhookSigner;
import cn.scenext.core.webhook.WebhookVerifier;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Webhook deliveries of the fixtures' task ({@code 12345}) as the service sends them: bodies built from the
 * shared webhook fixtures with a chosen status, number of frames and timestamp, signed with {@link #SECRET},
 * and the events a verifier reads from them.
 */
public final class SignedEvents {
    /** The secret (API key) the bodies are signed with. */
    public static final String SECRET = "sk-test-1234567890";
    /** The fixtures' timestamp, Unix seconds. */
    public static final long SENT = 1672531200L;

    private SignedEvents() {
    }

    /**
     * A webhook body.
     *
     * @param status {@code IN_PROGRESS}, {@code COMPLETED} or {@code FAILED}
     * @param frames how many storyboard frames it carries: 0, 1 or 2
     * @param timestamp its {@code timestamp}, Unix seconds
     * @return the body's UTF-8 bytes
     */
    public static byte[] body(String status, int frames, long timestamp) {
        String json = Fixtures.read(status.equals("FAILED") ? "webhook-failed.json" : "webhook-completed.json");
        if (status.equals("IN_PROGRESS")) {
            json = json.replace("\"COMPLETED\"", "\"IN_PROGRESS\"");
            json = json.substring(0, json.indexOf('[', json.indexOf("\"result\"")) + 1)
                    + json.substring(json.indexOf(']', json.indexOf("\"result\"")));
        }
        json = json.replace("\"timestamp\": " + SENT, "\"timestamp\": " + timestamp);
        return Fixtures.keepFrames(json, frames).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The {@code X-Signature} of a body.
     *
     * @param body the body
     * @return the signature
     */
    public static String signature(byte[] body) {
        return WebhookSigner.of(SECRET).sign(body);
    }

    /**
     * A verifier of these bodies whose clock reads a given time.
     *
     * @param epochSecond the clock's time, Unix seconds
     * @return the verifier
     */
    public static WebhookVerifier verifierAt(long epochSecond) {
        return WebhookVerifier.builder().secret(SECRET)
                .clock(Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC)).build();
    }

    /**
     * The event a verifier reads from a signed body.
     *
     * @param status {@code IN_PROGRESS}, {@code COMPLETED} or {@code FAILED}
     * @param frames how many storyboard frames it carries: 0, 1 or 2
     * @param timestamp its timestamp, Unix seconds
     * @return the verified event
     * @throws WebhookVerificationException never, for these bodies
     */
    public static WebhookEvent event(String status, int frames, long timestamp) {
        byte[] body = body(status, frames, timestamp);
        return verifierAt(timestamp).verify(body, signature(body));
    }
}
