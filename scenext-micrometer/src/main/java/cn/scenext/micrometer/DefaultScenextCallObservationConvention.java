package cn.scenext.micrometer;

import cn.scenext.api.exception.AuthenticationException;
import cn.scenext.api.exception.ClientClosedException;
import cn.scenext.api.exception.DownloadException;
import cn.scenext.api.exception.ProtocolException;
import cn.scenext.api.exception.RateLimitException;
import cn.scenext.api.exception.ScenextException;
import cn.scenext.api.exception.ServerException;
import cn.scenext.api.exception.TaskFailedException;
import cn.scenext.api.exception.TaskNotFoundException;
import cn.scenext.api.exception.TransportException;
import cn.scenext.api.exception.ValidationException;
import cn.scenext.core.Attempt;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

/**
 * The default names and keys of API calls and downloads ({@value #CALL_NAME}) and their attempts
 * ({@value #ATTEMPT_NAME}). Low-cardinality keys (on metrics and traces): {@code operation}, {@code outcome},
 * {@code status}, {@code transport}, and {@code attempts} for a call or {@code retry} for an attempt (a failure
 * is also the observation's error, which Micrometer's meter handler adds as the {@code error} tag); every
 * observation of one name has the same keys, as Prometheus requires. High-cardinality (traces only):
 * {@code scenext.task.id}, and {@value #BYTES_KEY} for a download. See {@code docs/observability.md}.
 */
public class DefaultScenextCallObservationConvention implements ScenextCallObservationConvention {
    /** The name of the observation of a whole API call, its retries included. */
    public static final String CALL_NAME = "scenext.client.call";
    /** The name of the observation of one attempt of a call (or of one download request). */
    public static final String ATTEMPT_NAME = "scenext.client.attempt";
    /** The high-cardinality key of the bytes a download received, on its call's observation. */
    public static final String BYTES_KEY = "scenext.download.bytes";
    /** The value of {@code status} for an attempt that got no response. */
    public static final String NONE = "NONE";

    /** The convention of whole calls, named {@value #CALL_NAME}. */
    public static final DefaultScenextCallObservationConvention CALL =
            new DefaultScenextCallObservationConvention(CALL_NAME);
    /** The convention of attempts, named {@value #ATTEMPT_NAME}. */
    public static final DefaultScenextCallObservationConvention ATTEMPT =
            new DefaultScenextCallObservationConvention(ATTEMPT_NAME);

    private final String name;

    /**
     * Creates the convention; subclass it to change a key or two.
     *
     * @param name the observations' name, e.g. {@value #CALL_NAME} or {@value #ATTEMPT_NAME}
     */
    public DefaultScenextCallObservationConvention(String name) {
        this.name = java.util.Objects.requireNonNull(name, "name");
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public String getContextualName(ScenextCallContext context) {
        String op = operation(context.attempt());
        return "scenext " + op + (context.isAttempt() && context.attempt().isRetry() ? " retry" : "");
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(ScenextCallContext context) {
        Attempt a = context.attempt();
        KeyValues kv = KeyValues.of(
                KeyValue.of("operation", operation(a)),
                KeyValue.of("outcome", outcome(a)),
                KeyValue.of("status", a.statusCode().isPresent() ? String.valueOf(a.statusCode().getAsInt()) : NONE),
                KeyValue.of("transport", a.transport()));
        return context.isAttempt() ? kv.and("retry", String.valueOf(Math.max(0, a.number() - 1)))
                : kv.and("attempts", String.valueOf(a.number()));
    }

    @Override
    public KeyValues getHighCardinalityKeyValues(ScenextCallContext context) {
        Attempt a = context.attempt();
        KeyValues kv = a.taskId().map(id -> KeyValues.of("scenext.task.id", id.value())).orElse(KeyValues.empty());
        return !context.isAttempt() && a.bytesTransferred().isPresent()
                ? kv.and(BYTES_KEY, String.valueOf(a.bytesTransferred().getAsLong())) : kv;
    }

    /**
     * The {@code operation} key: {@code create} for {@code gen_video}, {@code status} for {@code get_status},
     * {@code download} for a download (and each of its requests), the client's name for anything else.
     *
     * @param attempt the attempt
     * @return the value
     */
    public static String operation(Attempt attempt) {
        switch (attempt.operation()) {
            case "gen_video":
                return "create";
            case "get_status":
                return "status";
            default:
                return attempt.operation();
        }
    }

    /**
     * The {@code outcome} key: {@code SUCCESS}, or what kind of failure it was: {@code VALIDATION},
     * {@code AUTHENTICATION}, {@code TASK_NOT_FOUND}, {@code RATE_LIMITED}, {@code SERVER_ERROR},
     * {@code PROTOCOL_ERROR}, {@code TRANSPORT_ERROR}, {@code CANCELLED}, {@code CLOSED}, {@code ERROR}; for a
     * download, also {@code TASK_FAILED} (the task has no file, having failed) and {@code DOWNLOAD_} followed
     * by the {@link DownloadException.Reason} ({@code DOWNLOAD_HTTP_ERROR}, {@code DOWNLOAD_INCOMPLETE}, …).
     *
     * @param attempt the attempt, ended
     * @return the value
     */
    public static String outcome(Attempt attempt) {
        if (!attempt.failure().isPresent()) {
            return "SUCCESS";
        }
        ScenextException f = attempt.failure().get();
        if (f instanceof DownloadException) {
            return "DOWNLOAD_" + ((DownloadException) f).reason().name();
        }
        if (f instanceof TaskFailedException) {
            return "TASK_FAILED";
        }
        if (f instanceof TransportException) {
            return ((TransportException) f).reason() == TransportException.Reason.CANCELLED ? "CANCELLED"
                    : "TRANSPORT_ERROR";
        }
        if (f instanceof ClientClosedException) {
            return "CLOSED";
        }
        if (f instanceof ValidationException) {
            return "VALIDATION";
        }
        if (f instanceof AuthenticationException) {
            return "AUTHENTICATION";
        }
        if (f instanceof TaskNotFoundException) {
            return "TASK_NOT_FOUND";
        }
        if (f instanceof RateLimitException) {
            return "RATE_LIMITED";
        }
        if (f instanceof ServerException) {
            return "SERVER_ERROR";
        }
        if (f instanceof ProtocolException) {
            return "PROTOCOL_ERROR";
        }
        return "ERROR";
    }
}
