package cn.scenext.testkit;

import cn.scenext.api.Quality;
import cn.scenext.api.TaskId;
import cn.scenext.api.TaskState;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A task as the simulator holds it, at the moment it was read. Immutable. */
public final class SimulatedTask {
    private final TaskId id;
    private final String question;
    private final List<String> questionImages;
    private final String answer;
    private final Quality quality;
    private final URI notifyUrl;
    private final Instant createdAt;
    private final TaskState state;
    private final int frames;
    private final int webhooksDelivered;

    SimulatedTask(TaskId id, String question, List<String> questionImages, String answer, Quality quality,
            URI notifyUrl, Instant createdAt, TaskState state, int frames, int webhooksDelivered) {
        this.id = id;
        this.question = question;
        this.questionImages = questionImages;
        this.answer = answer;
        this.quality = quality;
        this.notifyUrl = notifyUrl;
        this.createdAt = createdAt;
        this.state = state;
        this.frames = frames;
        this.webhooksDelivered = webhooksDelivered;
    }

    /**
     * The task's id.
     *
     * @return the id
     */
    public TaskId id() {
        return id;
    }

    /**
     * The question's text as received.
     *
     * @return the text, or empty
     */
    public Optional<String> question() {
        return Optional.ofNullable(question);
    }

    /**
     * The question images as received (URLs or base64 data).
     *
     * @return the images
     */
    public List<String> questionImages() {
        return questionImages;
    }

    /**
     * The reference answer as received.
     *
     * @return the text, or empty
     */
    public Optional<String> answer() {
        return Optional.ofNullable(answer);
    }

    /**
     * The quality asked for.
     *
     * @return the quality
     */
    public Quality quality() {
        return quality;
    }

    /**
     * The URL notified when the task ends.
     *
     * @return the URL, or empty
     */
    public Optional<URI> notifyUrl() {
        return Optional.ofNullable(notifyUrl);
    }

    /**
     * When the task was created.
     *
     * @return the time
     */
    public Instant createdAt() {
        return createdAt;
    }

    /**
     * The task's state now.
     *
     * @return the state
     */
    public TaskState state() {
        return state;
    }

    /**
     * How many storyboard frames it has now.
     *
     * @return the count
     */
    public int frames() {
        return frames;
    }

    /**
     * How many webhook deliveries the receiver took with a 2xx response.
     *
     * @return the count, duplicates included
     */
    public int webhooksDelivered() {
        return webhooksDelivered;
    }

    @Override
    public String toString() {
        return "SimulatedTask{" + id + ", " + state + ", frames=" + frames + '}';
    }
}
