package cn.scenext.testkit;

import cn.scenext.api.TaskId;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** One webhook delivery attempt the simulator made: what it sent, where, and how the receiver responded. */
public final class WebhookDelivery {
    private final TaskId taskId;
    private final String status;
    private final Instant timestamp;
    private final URI url;
    private final byte[] body;
    private final String signature;
    private final int attempt;
    private final boolean duplicate;
    private final int responseStatus;

    WebhookDelivery(TaskId taskId, String status, Instant timestamp, URI url, byte[] body, String signature,
            int attempt, boolean duplicate, int responseStatus) {
        this.taskId = taskId;
        this.status = status;
        this.timestamp = timestamp;
        this.url = url;
        this.body = body;
        this.signature = signature;
        this.attempt = attempt;
        this.duplicate = duplicate;
        this.responseStatus = responseStatus;
    }

    /**
     * The task the event is about.
     *
     * @return its id
     */
    public TaskId taskId() {
        return taskId;
    }

    /**
     * The event's status.
     *
     * @return {@code COMPLETED} or {@code FAILED}
     */
    public String status() {
        return status;
    }

    /**
     * The event's {@code timestamp}.
     *
     * @return the time the event was made
     */
    public Instant timestamp() {
        return timestamp;
    }

    /**
     * Where it was sent.
     *
     * @return the task's {@code notify_url}
     */
    public URI url() {
        return url;
    }

    /**
     * The body as sent: Python's {@code json.dumps} form, keys in the service's order, not sorted.
     *
     * @return a copy of the bytes
     */
    public byte[] body() {
        return body.clone();
    }

    /**
     * The body as text.
     *
     * @return the UTF-8 text
     */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * The {@code X-Signature} sent: HMAC-SHA256 with the API key over the body's canonical form.
     *
     * @return 64 lowercase hexadecimal characters
     */
    public String signature() {
        return signature;
    }

    /**
     * Which attempt of this event it was: 1 for the first; more after the receiver failed to take it.
     *
     * @return the attempt number
     */
    public int attempt() {
        return attempt;
    }

    /**
     * Whether this was a deliberate repeat of an event already delivered.
     *
     * @return {@code true} for a duplicate delivery
     */
    public boolean isDuplicate() {
        return duplicate;
    }

    /**
     * The receiver's HTTP status.
     *
     * @return the status, or 0 when the connection failed
     */
    public int responseStatus() {
        return responseStatus;
    }

    @Override
    public String toString() {
        return "WebhookDelivery{" + taskId + " " + status + " → " + url + ", attempt " + attempt
                + (duplicate ? ", duplicate" : "") + ", responded " + responseStatus + '}';
    }
}
