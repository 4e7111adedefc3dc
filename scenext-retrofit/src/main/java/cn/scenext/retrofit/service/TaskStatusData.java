package cn.scenext.retrofit.service;

import cn.scenext.api.Consumption;
import cn.scenext.api.Frame;
import cn.scenext.api.ResultItem;
import cn.scenext.api.TaskState;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** The data of a {@code get_status} response, in the API's own models where it has them. Immutable. */
public final class TaskStatusData implements ScenextData {
    private final String taskId;
    private final String status;
    private final List<Frame> progress;
    private final List<Consumption> consumption;
    private final List<ResultItem> results;
    private final String title;
    private final String createdAt;
    private final String finishAt;
    private final String messages;

    /**
     * Creates the data; called by a Jackson mapper that lacks {@link ScenextService#objectMapper()}'s module
     * (which reads statuses with the client's own, more tolerant, reader).
     *
     * @param taskId the task's id
     * @param status the task's status as sent
     * @param progress the storyboard frames so far
     * @param consumption the credits used
     * @param result the result, as an array of {@code {type, content}} or an object with {@code video_url} /
     *     {@code error}
     * @param title the video's title
     * @param createdAt when the task was created, as sent
     * @param finishAt when it finished, as sent
     * @param messages the service's message on an error response
     */
    @JsonCreator
    public TaskStatusData(@JsonProperty("task_id") String taskId, @JsonProperty("status") String status,
            @JsonProperty("progress") List<Frame> progress, @JsonProperty("consumption") List<Consumption> consumption,
            @JsonProperty("result") JsonNode result, @JsonProperty("title") String title,
            @JsonProperty("created_at") String createdAt, @JsonProperty("finish_at") String finishAt,
            @JsonProperty("messages") String messages) {
        this.taskId = taskId;
        this.status = status;
        this.progress = immutable(progress);
        this.consumption = immutable(consumption);
        this.results = results(result);
        this.title = title;
        this.createdAt = createdAt;
        this.finishAt = finishAt;
        this.messages = messages;
    }

    /** Creates the data from what the client's reader read (see {@code ServiceJson}). */
    TaskStatusData(String taskId, String status, List<Frame> progress, List<Consumption> consumption,
            List<ResultItem> results, String title, String createdAt, String finishAt, String messages) {
        this.taskId = taskId;
        this.status = status;
        this.progress = immutable(progress);
        this.consumption = immutable(consumption);
        this.results = immutable(results);
        this.title = title;
        this.createdAt = createdAt;
        this.finishAt = finishAt;
        this.messages = messages;
    }

    private static <T> List<T> immutable(List<T> list) {
        return list == null ? Collections.<T>emptyList() : Collections.unmodifiableList(new ArrayList<>(list));
    }

    private static List<ResultItem> results(JsonNode result) {
        List<ResultItem> items = new ArrayList<>();
        if (result != null && result.isArray()) {
            for (JsonNode item : result) {
                items.add(ResultItem.of(item.path("type").asText(""), item.path("content").asText("")));
            }
        } else if (result != null && result.isObject()) {
            if (result.hasNonNull("video_url")) {
                items.add(ResultItem.of(ResultItem.VIDEO, result.get("video_url").asText()));
            }
            if (result.hasNonNull("error")) {
                items.add(ResultItem.of(ResultItem.TEXT, result.get("error").asText()));
            }
        }
        return Collections.unmodifiableList(items);
    }

    /**
     * The task's id.
     *
     * @return the id, empty on an error response
     */
    public Optional<String> taskId() {
        return Optional.ofNullable(taskId);
    }

    /**
     * The task's state; a value the SDK does not know is {@link TaskState#UNKNOWN}, not an error.
     *
     * @return the state
     */
    public TaskState state() {
        return TaskState.fromWire(status);
    }

    /**
     * The storyboard frames produced so far.
     *
     * @return the frames, possibly none
     */
    public List<Frame> progress() {
        return progress;
    }

    /**
     * The credits used, once the task has ended.
     *
     * @return the entries, possibly none
     */
    public List<Consumption> consumption() {
        return consumption;
    }

    /**
     * The result: the video URL on completion, the reason on failure.
     *
     * @return the items, possibly none
     */
    public List<ResultItem> results() {
        return results;
    }

    /**
     * The video's title.
     *
     * @return the title, once completed
     */
    public Optional<String> title() {
        return Optional.ofNullable(title);
    }

    /**
     * When the task was created, as the service wrote it (ISO 8601).
     *
     * @return the time, once completed
     */
    public Optional<String> createdAt() {
        return Optional.ofNullable(createdAt);
    }

    /**
     * When the task finished, as the service wrote it (ISO 8601).
     *
     * @return the time, once completed
     */
    public Optional<String> finishAt() {
        return Optional.ofNullable(finishAt);
    }

    @Override
    public Optional<String> messages() {
        return Optional.ofNullable(messages);
    }

    @Override
    public String toString() {
        return "TaskStatusData{taskId=" + taskId + ", status=" + status + ", frames=" + progress.size() + '}';
    }
}
