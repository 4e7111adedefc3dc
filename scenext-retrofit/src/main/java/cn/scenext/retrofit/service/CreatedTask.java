package cn.scenext.retrofit.service;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Optional;

/** The data of a {@code gen_video} response. Immutable. */
public final class CreatedTask implements ScenextData {
    private final String taskId;
    private final String messages;

    /**
     * Creates the data; called by Jackson.
     *
     * @param taskId the new task's id
     * @param messages the service's message on an error response
     */
    @JsonCreator
    public CreatedTask(@JsonProperty("task_id") String taskId, @JsonProperty("messages") String messages) {
        this.taskId = taskId;
        this.messages = messages;
    }

    /**
     * The new task's id.
     *
     * @return the id, empty on an error response
     */
    public Optional<String> taskId() {
        return Optional.ofNullable(taskId);
    }

    @Override
    public Optional<String> messages() {
        return Optional.ofNullable(messages);
    }

    @Override
    public String toString() {
        return "CreatedTask{taskId=" + taskId + ", messages=" + messages + '}';
    }
}
