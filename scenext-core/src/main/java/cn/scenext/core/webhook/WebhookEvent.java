package cn.scenext.core.webhook;

import cn.scenext.api.Frame;
import cn.scenext.api.ResultItem;
import cn.scenext.api.TaskId;
import cn.scenext.api.TaskState;
import cn.scenext.api.TaskStatus;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A verified webhook delivery: the task's status as the event tells it, and when the service sent the event.
 * Immutable.
 *
 * <pre>{@code
 * WebhookEvent event = verifier.verify(body, request.getHeader("X-Signature"));
 * if (event.state() == TaskState.COMPLETED) {
 *     event.toTaskStatus().videoUrl().ifPresent(url -> System.out.println("Video: " + url));
 * }
 * }</pre>
 *
 * <p>{@link #key()} identifies the event for duplicate detection: the service may deliver one event more than
 * once.
 */
public final class WebhookEvent {
    private final TaskStatus status;
    private final Instant timestamp;

    private WebhookEvent(TaskStatus status, Instant timestamp) {
        this.status = Objects.requireNonNull(status, "status");
        this.timestamp = Objects.requireNonNull(timestamp, "timestamp");
    }

    /**
     * An event, e.g. to test a listener without signing a body.
     *
     * @param status what the event tells of the task: id, status, and the frames, results, consumption and
     *     title it carries
     * @param timestamp when the service sent it
     * @return the event
     */
    public static WebhookEvent of(TaskStatus status, Instant timestamp) {
        return new WebhookEvent(status, timestamp);
    }

    /**
     * The task the event is about.
     *
     * @return the task's id
     */
    public TaskId taskId() {
        return status.taskId();
    }

    /**
     * The state the task reached.
     *
     * @return the state; {@link TaskState#UNKNOWN} for a status this SDK does not know
     */
    public TaskState state() {
        return status.state();
    }

    /**
     * The {@code status} string exactly as the service sent it.
     *
     * @return the raw status, e.g. {@code COMPLETED}
     */
    public String rawStatus() {
        return status.rawStatus();
    }

    /**
     * Whether the task has ended: the event is its last word.
     *
     * @return {@code true} when {@link #state()} is {@code COMPLETED} or {@code FAILED}
     */
    public boolean isTerminal() {
        return status.isTerminal();
    }

    /**
     * The storyboard frames the event carries ({@code progress}), in the service's order.
     *
     * @return the frames; empty when the event had none
     */
    public List<Frame> frames() {
        return status.frames();
    }

    /**
     * The result entries the event carries: the video when the task completed, the reason when it failed.
     * Both shapes the service documents are read: the array of {@code {type, content}} and the object with
     * {@code video_url} / {@code error}.
     *
     * @return the entries; empty when the event had none
     */
    public List<ResultItem> results() {
        return status.results();
    }

    /**
     * When the service sent the event ({@code timestamp}, Unix seconds).
     *
     * @return the instant
     */
    public Instant timestamp() {
        return timestamp;
    }

    /**
     * What identifies this event among repeated deliveries: task, status and timestamp.
     *
     * @return the key
     */
    public Key key() {
        return new Key(status.taskId(), status.rawStatus(), timestamp);
    }

    /**
     * The task's status as far as this event tells it: id, status, frames, results, and the consumption and
     * title when the event has them. It has no {@code created_at} / {@code finish_at}; a status request does.
     *
     * @return the status
     */
    public TaskStatus toTaskStatus() {
        return status;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof WebhookEvent)) {
            return false;
        }
        WebhookEvent that = (WebhookEvent) o;
        return status.equals(that.status) && timestamp.equals(that.timestamp);
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, timestamp);
    }

    @Override
    public String toString() {
        return "WebhookEvent{timestamp=" + timestamp + ", " + status + '}';
    }

    /**
     * The identity of an event for duplicate detection: (task id, status, timestamp). Two deliveries with equal
     * keys are the same event. Immutable.
     */
    public static final class Key {
        private final TaskId taskId;
        private final String rawStatus;
        private final Instant timestamp;

        private Key(TaskId taskId, String rawStatus, Instant timestamp) {
            this.taskId = Objects.requireNonNull(taskId, "taskId");
            this.rawStatus = Objects.requireNonNull(rawStatus, "rawStatus");
            this.timestamp = Objects.requireNonNull(timestamp, "timestamp");
        }

        /**
         * Creates a key.
         *
         * @param taskId the task's id
         * @param rawStatus the status as sent, e.g. {@code COMPLETED}
         * @param timestamp the event's timestamp
         * @return the key
         */
        public static Key of(TaskId taskId, String rawStatus, Instant timestamp) {
            return new Key(taskId, rawStatus, timestamp);
        }

        /**
         * The task's id.
         *
         * @return the id
         */
        public TaskId taskId() {
            return taskId;
        }

        /**
         * The status as the service sent it.
         *
         * @return the raw status
         */
        public String rawStatus() {
            return rawStatus;
        }

        /**
         * The event's timestamp.
         *
         * @return the instant
         */
        public Instant timestamp() {
            return timestamp;
        }

        /**
         * The key as one string, for a shared store (a Redis key, a unique SQL column):
         * {@code <task id>/<status>/<epoch seconds>[.<nanos>]}, with {@code %} and {@code /} inside the task id
         * and the status percent-encoded, so that different keys never give the same string.
         *
         * @return e.g. {@code 12345/COMPLETED/1672531200}
         */
        public String asString() {
            StringBuilder sb = new StringBuilder(taskId.value().length() + rawStatus.length() + 24);
            appendEncoded(sb, taskId.value());
            sb.append('/');
            appendEncoded(sb, rawStatus);
            sb.append('/').append(timestamp.getEpochSecond());
            if (timestamp.getNano() != 0) {
                sb.append('.').append(String.format("%09d", timestamp.getNano()));
            }
            return sb.toString();
        }

        private static void appendEncoded(StringBuilder sb, String s) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '%') {
                    sb.append("%25");
                } else if (c == '/') {
                    sb.append("%2F");
                } else {
                    sb.append(c);
                }
            }
        }

        @Override
        public boolean equals(Object o) {
            if (this == o) {
                return true;
            }
            if (!(o instanceof Key)) {
                return false;
            }
            Key that = (Key) o;
            return taskId.equals(that.taskId) && rawStatus.equals(that.rawStatus) && timestamp.equals(that.timestamp);
        }

        @Override
        public int hashCode() {
            return Objects.hash(taskId, rawStatus, timestamp);
        }

        /**
         * The key for logs.
         *
         * @return the same text as {@link #asString()}
         */
        @Override
        public String toString() {
            return asString();
        }
    }
}
