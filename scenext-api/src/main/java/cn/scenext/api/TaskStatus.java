package cn.scenext.api;

import cn.scenext.api.internal.StatusRawJson;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.RandomAccess;

/**
 * What the service knows of a task at one moment: its state, the storyboard frames so far and, once it
 * ended, the credits it consumed and its result. Immutable.
 *
 * <pre>{@code
 * TaskStatus status = client.getStatus(taskId);
 * if (status.isTerminal()) {
 *     status.videoUrl().ifPresent(url -> System.out.println("Video: " + url));
 *     status.failureMessage().ifPresent(reason -> System.out.println("Failed: " + reason));
 * }
 * }</pre>
 */
public final class TaskStatus {
    static {
        StatusRawJson.install((builder, utf8, start, end) -> builder.rawJson = new Utf8Slice(utf8, start, end));
    }

    private final TaskId taskId;
    private final TaskState state;
    private final String rawStatus;
    private final List<Frame> frames;
    private final List<Consumption> consumptions;
    private final List<ResultItem> results;
    private final String title;
    private final OffsetDateTime createdAt;
    private final OffsetDateTime finishAt;
    /**
     * {@code null}, the {@code String}, or the {@link Utf8Slice} of the body it was read from until {@link #rawJson()}
     * first decodes it (then the {@code String}, and the body is let go). Volatile: the decoded text is published
     * safely to every thread; two threads that decode at once store equal texts.
     */
    private volatile Object rawJson;

    private TaskStatus(Builder b) {
        this.taskId = Objects.requireNonNull(b.taskId, "taskId");
        this.rawStatus = Objects.requireNonNull(b.rawStatus, "rawStatus (set it with state(...) or rawStatus(...))");
        this.state = TaskState.fromWire(rawStatus);
        this.frames = immutable(b.frames);
        this.consumptions = immutable(b.consumptions);
        this.results = immutable(b.results);
        this.title = b.title;
        this.createdAt = b.createdAt;
        this.finishAt = b.finishAt;
        this.rawJson = b.rawJson;
    }

    /** An unmodifiable copy: one object for none or one element, one array and one wrapper for more. */
    private static <T> List<T> immutable(List<T> list) {
        switch (list == null ? 0 : list.size()) {
            case 0:
                return Collections.emptyList();
            case 1:
                return Collections.singletonList(list.get(0));
            default:
                return new ArrayView<>(list.toArray());
        }
    }

    private static <T> List<T> mutableCopy(List<T> list) {
        return list.isEmpty() ? null : new ArrayList<>(list);
    }

    private static <T> List<T> added(List<T> list, T element) {
        List<T> l = list != null ? list : new ArrayList<T>(4);
        l.add(element);
        return l;
    }

    /** An unmodifiable list over an array nobody else holds. */
    private static final class ArrayView<T> extends AbstractList<T> implements RandomAccess {
        private final Object[] elements;

        ArrayView(Object[] elements) {
            this.elements = elements;
        }

        @Override
        @SuppressWarnings("unchecked")
        public T get(int index) {
            return (T) elements[index];
        }

        @Override
        public int size() {
            return elements.length;
        }
    }

    /** The raw JSON as the body's bytes, not yet decoded. */
    private static final class Utf8Slice {
        private final byte[] utf8;
        private final int start;
        private final int end;

        Utf8Slice(byte[] utf8, int start, int end) {
            this.utf8 = utf8;
            this.start = start;
            this.end = end;
        }

        String decode() {
            return new String(utf8, start, end - start, StandardCharsets.UTF_8);
        }
    }

    /**
     * Starts a status, e.g. for a test double.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding this status's values, to derive a changed copy. The {@linkplain #rawJson() raw JSON}
     * is not carried over: the copy may differ from what the service sent.
     *
     * @return a builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.taskId = taskId;
        b.rawStatus = rawStatus;
        b.frames = mutableCopy(frames);
        b.consumptions = mutableCopy(consumptions);
        b.results = mutableCopy(results);
        b.title = title;
        b.createdAt = createdAt;
        b.finishAt = finishAt;
        return b;
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
     * The task's state.
     *
     * @return the state; {@link TaskState#UNKNOWN} for a value this SDK does not know
     */
    public TaskState state() {
        return state;
    }

    /**
     * The {@code status} string exactly as the service sent it, useful when {@link #state()} is
     * {@link TaskState#UNKNOWN}.
     *
     * @return the raw status
     */
    public String rawStatus() {
        return rawStatus;
    }

    /**
     * The storyboard frames produced so far, in the service's order.
     *
     * @return the frames; empty before the first one
     */
    public List<Frame> frames() {
        return frames;
    }

    /**
     * The credits the task consumed; reported once the task ended.
     *
     * @return the entries; empty while the task runs
     */
    public List<Consumption> consumptions() {
        return consumptions;
    }

    /**
     * The task's result entries: the video when it completed, the reason when it failed.
     *
     * @return the entries; empty while the task runs
     */
    public List<ResultItem> results() {
        return results;
    }

    /**
     * The video's title, given once the task completed.
     *
     * @return the title, or empty
     */
    public Optional<String> title() {
        return Optional.ofNullable(title);
    }

    /**
     * When the task was created, as the service reports it once the task completed.
     *
     * @return the time, or empty
     */
    public Optional<OffsetDateTime> createdAt() {
        return Optional.ofNullable(createdAt);
    }

    /**
     * When the task finished, as the service reports it once the task completed.
     *
     * @return the time, or empty
     */
    public Optional<OffsetDateTime> finishAt() {
        return Optional.ofNullable(finishAt);
    }

    /**
     * The {@code data} object of the {@code get_status} response this status was read from, exactly as the service
     * sent it: every field (those this SDK does not model too), numbers as written, empty arrays kept; only the
     * envelope around it removed. For tools that print or store the service's own JSON.
     *
     * <p>A status read from a response keeps the response's body (its bytes, about the size of the text) and
     * decodes the text from it on the first call only, so that reading statuses costs nothing for this method
     * until it is used; the first call lets the body go and keeps the text. Thread-safe: every call returns equal
     * text.
     *
     * @return the JSON text of one object; empty for a status not read from a status response (a webhook
     *     event's, a test double's, or one derived with {@link #toBuilder()})
     */
    public Optional<String> rawJson() {
        Object raw = rawJson;
        if (raw instanceof Utf8Slice) {
            String text = ((Utf8Slice) raw).decode();
            rawJson = text;
            return Optional.of(text);
        }
        return Optional.ofNullable((String) raw);
    }

    /**
     * Whether the task has ended and will not change again.
     *
     * @return {@code true} when {@link #state()} is {@code COMPLETED} or {@code FAILED}
     */
    public boolean isTerminal() {
        return state.isTerminal();
    }

    /**
     * Whether the task completed with a video.
     *
     * @return {@code true} when {@link #state()} is {@code COMPLETED}
     */
    public boolean isCompleted() {
        return state == TaskState.COMPLETED;
    }

    /**
     * Whether the task failed.
     *
     * @return {@code true} when {@link #state()} is {@code FAILED}
     */
    public boolean isFailed() {
        return state == TaskState.FAILED;
    }

    /**
     * The signed URL of the video, once the task completed. It expires; a fresh status has a fresh one.
     *
     * @return the URL of the first {@code video} result, or empty
     */
    public Optional<String> videoUrl() {
        return firstContent(ResultItem.VIDEO);
    }

    /**
     * Why the task failed.
     *
     * @return the text of the first {@code text} result of a failed task, or empty when it did not fail
     */
    public Optional<String> failureMessage() {
        return isFailed() ? firstContent(ResultItem.TEXT) : Optional.<String>empty();
    }

    /**
     * The credits the task consumed, summed over the {@value Consumption#SCORE} entries. The sum is exact to
     * 34 significant digits ({@link MathContext#DECIMAL128}), rounded beyond: so that values of wildly
     * different magnitudes cost no more to add than ordinary ones.
     *
     * @return the total; zero while the task runs and for a failed (refunded) task
     */
    public BigDecimal creditsConsumed() {
        BigDecimal total = BigDecimal.ZERO;
        for (Consumption c : consumptions) {
            if (Consumption.SCORE.equals(c.type())) {
                total = total.add(c.value(), MathContext.DECIMAL128);
            }
        }
        return total;
    }

    private Optional<String> firstContent(String type) {
        for (ResultItem r : results) {
            if (type.equals(r.type())) {
                return Optional.of(r.content());
            }
        }
        return Optional.empty();
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof TaskStatus)) {
            return false;
        }
        TaskStatus that = (TaskStatus) o;
        return taskId.equals(that.taskId)
                && rawStatus.equals(that.rawStatus)
                && frames.equals(that.frames)
                && consumptions.equals(that.consumptions)
                && results.equals(that.results)
                && Objects.equals(title, that.title)
                && Objects.equals(createdAt, that.createdAt)
                && Objects.equals(finishAt, that.finishAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(taskId, rawStatus, frames, consumptions, results, title, createdAt, finishAt);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("TaskStatus{taskId=").append(taskId)
                .append(", state=").append(state);
        if (state == TaskState.UNKNOWN) {
            sb.append(" (").append(rawStatus).append(')');
        }
        sb.append(", frames=").append(frames.size());
        if (!consumptions.isEmpty()) {
            sb.append(", credits=").append(Consumption.format(creditsConsumed()));
        }
        if (!results.isEmpty()) {
            sb.append(", results=").append(results);
        }
        if (title != null) {
            sb.append(", title=").append(title);
        }
        if (createdAt != null) {
            sb.append(", createdAt=").append(createdAt);
        }
        if (finishAt != null) {
            sb.append(", finishAt=").append(finishAt);
        }
        return sb.append('}').toString();
    }

    /** Builds a {@link TaskStatus}. Not thread-safe. */
    public static final class Builder {
        private TaskId taskId;
        private String rawStatus;
        // null until the first entry: most statuses have few entries, many none
        private List<Frame> frames;
        private List<Consumption> consumptions;
        private List<ResultItem> results;
        private String title;
        private OffsetDateTime createdAt;
        private OffsetDateTime finishAt;
        /** {@code null}, a {@code String} or a {@link Utf8Slice} (set through {@link StatusRawJson}). */
        private Object rawJson;

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
                throw new cn.scenext.api.exception.InvalidValueException("state",
                        "Give an unknown state as rawStatus(\"...\") to keep its value");
            }
            this.rawStatus = state.name();
            return this;
        }

        /**
         * Sets the status string as the service sent it (required, or {@link #state(TaskState)}).
         *
         * @param rawStatus e.g. {@code IN_PROGRESS}
         * @return this builder
         */
        public Builder rawStatus(String rawStatus) {
            this.rawStatus = Objects.requireNonNull(rawStatus, "rawStatus");
            return this;
        }

        /**
         * Adds a storyboard frame.
         *
         * @param frame the frame
         * @return this builder
         */
        public Builder addFrame(Frame frame) {
            frames = added(frames, Objects.requireNonNull(frame, "frame"));
            return this;
        }

        /**
         * Replaces the storyboard frames.
         *
         * @param frames the frames, in order
         * @return this builder
         */
        public Builder frames(Collection<Frame> frames) {
            this.frames = null;
            for (Frame f : frames) {
                addFrame(f);
            }
            return this;
        }

        /**
         * Adds a consumption entry.
         *
         * @param consumption the entry
         * @return this builder
         */
        public Builder addConsumption(Consumption consumption) {
            consumptions = added(consumptions, Objects.requireNonNull(consumption, "consumption"));
            return this;
        }

        /**
         * Replaces the consumption entries.
         *
         * @param consumptions the entries
         * @return this builder
         */
        public Builder consumptions(Collection<Consumption> consumptions) {
            this.consumptions = null;
            for (Consumption c : consumptions) {
                addConsumption(c);
            }
            return this;
        }

        /**
         * Adds a result entry.
         *
         * @param result the entry
         * @return this builder
         */
        public Builder addResult(ResultItem result) {
            results = added(results, Objects.requireNonNull(result, "result"));
            return this;
        }

        /**
         * Replaces the result entries.
         *
         * @param results the entries
         * @return this builder
         */
        public Builder results(Collection<ResultItem> results) {
            this.results = null;
            for (ResultItem r : results) {
                addResult(r);
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
         * Sets the creation time.
         *
         * @param createdAt the time, or {@code null} for none
         * @return this builder
         */
        public Builder createdAt(OffsetDateTime createdAt) {
            this.createdAt = createdAt;
            return this;
        }

        /**
         * Sets the finish time.
         *
         * @param finishAt the time, or {@code null} for none
         * @return this builder
         */
        public Builder finishAt(OffsetDateTime finishAt) {
            this.finishAt = finishAt;
            return this;
        }

        /**
         * Sets the {@code data} object's JSON text as the service sent it; see {@link TaskStatus#rawJson()}.
         * The caller vouches that it is the JSON of this status: it is not checked against the other values.
         *
         * @param rawJson the JSON text, or {@code null} for none
         * @return this builder
         */
        public Builder rawJson(String rawJson) {
            this.rawJson = rawJson;
            return this;
        }

        /**
         * Builds the status.
         *
         * @return the status
         * @throws NullPointerException when the task id or the status is missing
         */
        public TaskStatus build() {
            return new TaskStatus(this);
        }
    }
}
