package cn.scenext.core.webhook;

import cn.scenext.api.Consumption;
import cn.scenext.api.Frame;
import cn.scenext.api.ResultItem;
import cn.scenext.api.TaskId;
import cn.scenext.api.TaskState;
import cn.scenext.api.TaskStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A verified webhook delivery: which task it is about, the state the task reached, what the service sent with
 * it, and when the service sent it. Immutable.
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
    private final TaskId taskId;
    private final String rawStatus;
    private final TaskState state;
    private final List<Frame> frames;
    private final List<ResultItem> results;
    private final List<Consumption> consumptions;
    private final String title;
    private final Instant timestamp;

    private WebhookEvent(Builder b) {
        this.taskId = Objects.requireNonNull(b.taskId, "taskId");
        this.rawStatus = Objects.requireNonNull(b.rawStatus, "rawStatus (set it with state(...) or rawStatus(...))");
        this.state = TaskState.fromWire(rawStatus);
        this.timestamp = Objects.requireNonNull(b.timestamp, "timestamp");
        this.frames = immutable(b.frames);
        this.results = immutable(b.results);
        this.consumptions = immutable(b.consumptions);
        this.title = b.title;
    }

    private static <T> List<T> immutable(List<T> list) {
        return list.isEmpty() ? Collections.<T>emptyList() : Collections.unmodifiableList(new ArrayList<>(list));
    }

    /**
     * Starts an event, e.g. to test a listener without signing a body.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The task the event is about.
     *
     * @return the task's id
     */
    public TaskId taskId() {
        return taskId;
    }

    /**
     * The state the task reached.
     *
     * @return the state; {@link TaskState#UNKNOWN} for a status this SDK does not know
     */
    public TaskState state() {
        return state;
    }

    /**
     * The {@code status} string exactly as the service sent it.
     *
     * @return the raw status, e.g. {@code COMPLETED}
     */
    public String rawStatus() {
        return rawStatus;
    }

    /**
     * Whether the task has ended: the event is its last word.
     *
     * @return {@code true} when {@link #state()} is {@code COMPLETED} or {@code FAILED}
     */
    public boolean isTerminal() {
        return state.isTerminal();
    }

    /**
     * The storyboard frames the event carries ({@code progress}), in the service's order.
     *
     * @return the frames; empty when the event had none
     */
    public List<Frame> frames() {
        return frames;
    }

    /**
     * The result entries the event carries: the video when the task completed, the reason when it failed.
     * Both shapes the service documents are read: the array of {@code {type, content}} and the object with
     * {@code video_url} / {@code error}.
     *
     * @return the entries; empty when the event had none
     */
    public List<ResultItem> results() {
        return results;
    }

    /**
     * The credits the task consumed, when the event carries them ({@code consumption}).
     *
     * @return the entries; empty when the event had none (the status answer has them)
     */
    public List<Consumption> consumptions() {
        return consumptions;
    }

    /**
     * The video's title, when the event carries one.
     *
     * @return the title, or empty
     */
    public Optional<String> title() {
        return Optional.ofNullable(title);
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
        return new Key(taskId, rawStatus, timestamp);
    }

    /**
     * The task's status as far as this event tells it: id, status, frames, results, and the consumption and
     * title when the event has them. It has no {@code created_at} / {@code finish_at}: a status request does.
     *
     * @return the status
     */
    public TaskStatus toTaskStatus() {
        return TaskStatus.builder()
                .taskId(taskId)
                .rawStatus(rawStatus)
                .frames(frames)
                .results(results)
                .consumptions(consumptions)
                .title(title)
                .build();
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
        return taskId.equals(that.taskId)
                && rawStatus.equals(that.rawStatus)
                && timestamp.equals(that.timestamp)
                && frames.equals(that.frames)
                && results.equals(that.results)
                && consumptions.equals(that.consumptions)
                && Objects.equals(title, that.title);
    }

    @Override
    public int hashCode() {
        return Objects.hash(taskId, rawStatus, timestamp, frames, results, consumptions, title);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("WebhookEvent{taskId=").append(taskId).append(", state=").append(state);
        if (state == TaskState.UNKNOWN) {
            sb.append(" (").append(rawStatus).append(')');
        }
        sb.append(", timestamp=").append(timestamp).append(", frames=").append(frames.size());
        if (!results.isEmpty()) {
            sb.append(", results=").append(results);
        }
        return sb.append('}').toString();
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

    /** Builds a {@link WebhookEvent}. Not thread-safe. */
    public static final class Builder {
        private TaskId taskId;
        private String rawStatus;
        private Instant timestamp;
        private final List<Frame> frames = new ArrayList<>();
        private final List<ResultItem> results = new ArrayList<>();
        private final List<Consumption> consumptions = new ArrayList<>();
        private String title;

        private Builder() {
        }

        /**
         * Sets the task id (required).
         *
         * @param taskId the id
         * @return this builder
         */
        public Builder taskId(TaskId taskId) {
            this.taskId = Objects.requireNonNull(taskId, "taskId");
            return this;
        }

        /**
         * Sets the task id (required).
         *
         * @param taskId the id
         * @return this builder
         */
        public Builder taskId(String taskId) {
            return taskId(TaskId.of(taskId));
        }

        /**
         * Sets the state (required, or {@link #rawStatus(String)}).
         *
         * @param state a known state; use {@link #rawStatus(String)} for an unknown one
         * @return this builder
         */
        public Builder state(TaskState state) {
            Objects.requireNonNull(state, "state");
            if (state == TaskState.UNKNOWN) {
                throw new IllegalArgumentException("Give an unknown state as rawStatus(\"...\") to keep its value");
            }
            this.rawStatus = state.name();
            return this;
        }

        /**
         * Sets the status string as the service sent it (required, or {@link #state(TaskState)}).
         *
         * @param rawStatus e.g. {@code COMPLETED}
         * @return this builder
         */
        public Builder rawStatus(String rawStatus) {
            this.rawStatus = Objects.requireNonNull(rawStatus, "rawStatus");
            return this;
        }

        /**
         * Sets when the service sent the event (required).
         *
         * @param timestamp the instant
         * @return this builder
         */
        public Builder timestamp(Instant timestamp) {
            this.timestamp = Objects.requireNonNull(timestamp, "timestamp");
            return this;
        }

        /**
         * Replaces the storyboard frames.
         *
         * @param frames the frames, in order
         * @return this builder
         */
        public Builder frames(Collection<Frame> frames) {
            return replace(this.frames, frames, "frame");
        }

        /**
         * Replaces the result entries.
         *
         * @param results the entries
         * @return this builder
         */
        public Builder results(Collection<ResultItem> results) {
            return replace(this.results, results, "result");
        }

        /**
         * Replaces the consumption entries.
         *
         * @param consumptions the entries
         * @return this builder
         */
        public Builder consumptions(Collection<Consumption> consumptions) {
            return replace(this.consumptions, consumptions, "consumption");
        }

        private <T> Builder replace(List<T> target, Collection<T> values, String what) {
            target.clear();
            for (T value : values) {
                target.add(Objects.requireNonNull(value, what));
            }
            return this;
        }

        /**
         * Sets the video's title.
         *
         * @param title the title, or {@code null} for none
         * @return this builder
         */
        public Builder title(String title) {
            this.title = title;
            return this;
        }

        /**
         * Builds the event.
         *
         * @return the event
         * @throws NullPointerException when the task id, the status or the timestamp is missing
         */
        public WebhookEvent build() {
            return new WebhookEvent(this);
        }
    }
}
