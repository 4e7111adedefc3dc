package cn.scenext.retrofit.service;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Optional;

/**
 * The envelope of every Scenext response: {@code {"status": "success" | "error", "data": {...}}}. Immutable.
 *
 * @param <T> what {@code data} holds on success
 */
public final class ScenextEnvelope<T extends ScenextData> {
    private final String status;
    private final T data;

    /**
     * Creates the envelope; called by Jackson.
     *
     * @param status {@code success} or {@code error}
     * @param data the data, possibly absent
     */
    @JsonCreator
    public ScenextEnvelope(@JsonProperty("status") String status, @JsonProperty("data") T data) {
        this.status = status == null ? "" : status;
        this.data = data;
    }

    /**
     * The envelope's status.
     *
     * @return {@code success}, {@code error}, or empty when absent
     */
    public String status() {
        return status;
    }

    /**
     * Whether the service reported success.
     *
     * @return {@code true} for status {@code success}
     */
    public boolean isSuccess() {
        return "success".equals(status);
    }

    /**
     * The data.
     *
     * @return the data, empty when the response had none
     */
    public Optional<T> data() {
        return Optional.ofNullable(data);
    }

    /**
     * The service's message on an error response ({@code data.messages}).
     *
     * @return the message, empty when there is none
     */
    public Optional<String> messages() {
        return data == null ? Optional.<String>empty() : data.messages();
    }

    @Override
    public String toString() {
        return "ScenextEnvelope{status=" + status + ", data=" + data + '}';
    }
}
