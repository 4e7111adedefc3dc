package cn.scenext.core.internal.http;

import cn.scenext.api.TaskId;
import cn.scenext.api.transport.HttpRequest;
import cn.scenext.core.internal.json.ApiJson;
import java.util.Objects;

/**
 * One call of the Scenext API, as the pipeline runs it: its name, whether it creates a task (which decides
 * what may be retried), the request without credentials, and how to read a successful response.
 *
 * @param <T> what the call returns
 */
public final class ApiCall<T> {
    /** Reads a successful (2xx, non-error-envelope) response. */
    @FunctionalInterface
    public interface Decoder<T> {
        /**
         * Reads the response.
         *
         * @param response the response, in memory
         * @param envelope its envelope, already parsed
         * @return the value
         * @throws cn.scenext.api.exception.ScenextException when the response is not what the call expects
         */
        T decode(BufferedResponse response, ApiJson.Envelope envelope);
    }

    private final String operation;
    private final boolean createsTask;
    private final TaskId taskId;
    private final HttpRequest request;
    private final Decoder<T> decoder;
    /** The wait the call runs on behalf of, 0 for none. */
    private final long waitId;

    private ApiCall(String operation, boolean createsTask, TaskId taskId, HttpRequest request, Decoder<T> decoder) {
        this(operation, createsTask, taskId, request, decoder, 0);
    }

    private ApiCall(String operation, boolean createsTask, TaskId taskId, HttpRequest request, Decoder<T> decoder,
            long waitId) {
        this.operation = Objects.requireNonNull(operation, "operation");
        this.createsTask = createsTask;
        this.taskId = taskId;
        this.request = Objects.requireNonNull(request, "request");
        this.decoder = Objects.requireNonNull(decoder, "decoder");
        this.waitId = waitId;
    }

    /**
     * A call that only reads, and may be retried after any transient failure.
     *
     * @param operation its name, e.g. {@code get_status}
     * @param taskId the task concerned, or {@code null}
     * @param request the request, without credentials
     * @param decoder reads a successful response
     * @param <T> what the call returns
     * @return the call
     */
    public static <T> ApiCall<T> read(String operation, TaskId taskId, HttpRequest request, Decoder<T> decoder) {
        return new ApiCall<>(operation, false, taskId, request, decoder);
    }

    /**
     * A call that creates a task: retried only when the request surely did not reach the service.
     *
     * @param operation its name, e.g. {@code gen_video}
     * @param request the request, without credentials
     * @param decoder reads a successful response
     * @param <T> what the call returns
     * @return the call
     */
    public static <T> ApiCall<T> create(String operation, HttpRequest request, Decoder<T> decoder) {
        return new ApiCall<>(operation, true, null, request, decoder);
    }

    /**
     * The call's name.
     *
     * @return e.g. {@code get_status}
     */
    public String operation() {
        return operation;
    }

    /**
     * Whether the call creates a task.
     *
     * @return {@code true} for task creation
     */
    public boolean createsTask() {
        return createsTask;
    }

    /**
     * The task concerned.
     *
     * @return the id, or {@code null}
     */
    public TaskId taskId() {
        return taskId;
    }

    /**
     * The request, without credentials.
     *
     * @return the request
     */
    public HttpRequest request() {
        return request;
    }

    /**
     * The reader of successful responses.
     *
     * @return the decoder
     */
    public Decoder<T> decoder() {
        return decoder;
    }

    /**
     * The same call, made on behalf of a wait: its attempts carry the wait's id ({@link
     * cn.scenext.core.Attempt#waitId()}), so that observers place the call under the wait.
     *
     * @param waitId the wait's id, positive
     * @return the call
     */
    public ApiCall<T> forWait(long waitId) {
        if (waitId <= 0) {
            throw new IllegalArgumentException("waitId must be positive, was " + waitId);
        }
        return new ApiCall<>(operation, createsTask, taskId, request, decoder, waitId);
    }

    /**
     * The wait the call runs on behalf of.
     *
     * @return the wait's id, or 0 for a call the application made itself
     */
    public long waitId() {
        return waitId;
    }

    /**
     * How the call is named in messages and logs.
     *
     * @return e.g. {@code get_status of task 12345}
     */
    public String describe() {
        return taskId == null ? operation : operation + " of task " + taskId;
    }
}
