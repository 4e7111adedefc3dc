package cn.scenext.core;

import cn.scenext.api.TaskId;
import cn.scenext.api.exception.ScenextException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One attempt of one call, as {@link Interceptor}s see it. Immutable.
 *
 * <p>Every attempt of one call carries the same {@link #callId()}, so that an interceptor can join
 * {@link Interceptor#onRequest} to {@link Interceptor#onAttemptEnd} and the attempts to their call
 * ({@link Interceptor#onCallEnd}); so do the requests of one download. Once an attempt is decoded, {@link #statusCode()} and {@link #failure()} say
 * how it went: the service answers most errors at HTTP 200 with an error body, so the status alone does not.
 */
public final class Attempt {
    private static final AtomicLong CALL_IDS = new AtomicLong();
    private static final int NO_STATUS = -1;
    private static final long NO_WAIT = 0;
    private static final long NO_BYTES = -1;
    /** The transport of an attempt described without one. */
    public static final String UNKNOWN_TRANSPORT = "unknown";

    private final long callId;
    private final String transport;
    private final String operation;
    private final int number;
    private final TaskId taskId;
    private final long callStartNanos;
    private final long startNanos;
    private final long endNanos;
    private final int statusCode;
    private final ScenextException failure;
    private final long waitId;
    private final long bytes;

    private Attempt(long callId, String transport, String operation, int number, TaskId taskId, long callStartNanos,
            long startNanos, long endNanos, int statusCode, ScenextException failure) {
        this(callId, transport, operation, number, taskId, callStartNanos, startNanos, endNanos, statusCode, failure,
                NO_WAIT, NO_BYTES);
    }

    private Attempt(long callId, String transport, String operation, int number, TaskId taskId, long callStartNanos,
            long startNanos, long endNanos, int statusCode, ScenextException failure, long waitId, long bytes) {
        this.callId = callId;
        this.transport = Objects.requireNonNull(transport, "transport");
        this.operation = Objects.requireNonNull(operation, "operation");
        this.number = number;
        this.taskId = taskId;
        this.callStartNanos = callStartNanos;
        this.startNanos = startNanos;
        this.endNanos = endNanos;
        this.statusCode = statusCode;
        this.failure = failure;
        this.waitId = waitId;
        this.bytes = bytes;
    }

    /**
     * Describes an attempt that is starting, of a call of its own (a fresh {@link #callId()}).
     *
     * @param operation the call's name
     * @param number 1 for the first attempt
     * @param taskId the task concerned, or {@code null}
     * @param startNanos when it started, on the client's scheduler clock
     * @return the attempt
     */
    public static Attempt starting(String operation, int number, TaskId taskId, long startNanos) {
        return new Attempt(nextCallId(), UNKNOWN_TRANSPORT, operation, number, taskId, startNanos, startNanos,
                startNanos, NO_STATUS, null);
    }

    /**
     * Describes an attempt that is starting, of a given call. Used by the client's engine.
     *
     * @param callId the call's id, from {@link #nextCallId()}
     * @param transport the name of the transport that sends it, e.g. {@code okhttp}
     * @param operation the call's name
     * @param number 1 for the first attempt
     * @param taskId the task concerned, or {@code null}
     * @param callStartNanos when the call started, on the client's scheduler clock
     * @param startNanos when this attempt started, on the same clock
     * @return the attempt
     */
    public static Attempt starting(long callId, String transport, String operation, int number, TaskId taskId,
            long callStartNanos, long startNanos) {
        return new Attempt(callId, transport, operation, number, taskId, callStartNanos, startNanos, startNanos,
                NO_STATUS, null);
    }

    /**
     * A new call id, unique in this JVM.
     *
     * @return a positive number never returned before
     */
    public static long nextCallId() {
        return CALL_IDS.incrementAndGet();
    }

    /**
     * The same attempt, ended.
     *
     * @param endNanos when it ended, on the client's scheduler clock
     * @return the ended attempt
     */
    public Attempt endedAt(long endNanos) {
        return new Attempt(callId, transport, operation, number, taskId, callStartNanos, startNanos, endNanos,
                statusCode, failure, waitId, bytes);
    }

    /**
     * The same attempt with how it went. Used by the client's engine.
     *
     * @param statusCode the HTTP status of its response, or -1 when it got none
     * @param failure what it failed with, or {@code null} when it succeeded
     * @return the attempt with its result
     */
    public Attempt withResult(int statusCode, ScenextException failure) {
        return new Attempt(callId, transport, operation, number, taskId, callStartNanos, startNanos, endNanos,
                statusCode < 0 ? NO_STATUS : statusCode, failure, waitId, bytes);
    }

    /**
     * The same attempt, sent by a named transport. Used by the client's engine.
     *
     * @param transport the transport's name
     * @return the attempt
     */
    public Attempt onTransport(String transport) {
        return new Attempt(callId, transport, operation, number, taskId, callStartNanos, startNanos, endNanos,
                statusCode, failure, waitId, bytes);
    }

    /**
     * The same attempt, of a call made on behalf of a wait (a status request of {@code waitForCompletion} and
     * its kin). Used by the client's engine.
     *
     * @param waitId the wait's {@link cn.scenext.core.poll.ObservedWait#id()}, positive
     * @return the attempt
     */
    public Attempt forWait(long waitId) {
        if (waitId <= 0) {
            throw new IllegalArgumentException("waitId must be positive, was " + waitId);
        }
        return new Attempt(callId, transport, operation, number, taskId, callStartNanos, startNanos, endNanos,
                statusCode, failure, waitId, bytes);
    }

    /**
     * The same attempt, with the bytes a download received. Used by the client's engine.
     *
     * @param bytes the bytes received, 0 or more
     * @return the attempt
     */
    public Attempt withBytesTransferred(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes must not be negative, was " + bytes);
        }
        return new Attempt(callId, transport, operation, number, taskId, callStartNanos, startNanos, endNanos,
                statusCode, failure, waitId, bytes);
    }

    /**
     * The wait this call runs on behalf of: set on the status requests a wait sends (its polls, and the
     * status it reads when a webhook ended it but the full status is asked for), so that an observer can
     * place them under the wait ({@link cn.scenext.core.poll.ObservedWait#id()} is the same number).
     *
     * @return the wait's id; empty for a call the application made itself, and for downloads
     */
    public OptionalLong waitId() {
        return waitId == NO_WAIT ? OptionalLong.empty() : OptionalLong.of(waitId);
    }

    /**
     * The bytes a download received from the object store, over all its requests (a resumed transfer counts
     * each byte once; a transfer started over counts the bytes it received again), known when the download
     * ends ({@link Interceptor#onCallEnd}). For a download that succeeded without starting over, the size of
     * the file.
     *
     * @return the bytes; empty for API calls and for a download's single requests
     */
    public OptionalLong bytesTransferred() {
        return bytes == NO_BYTES ? OptionalLong.empty() : OptionalLong.of(bytes);
    }

    /**
     * The name of the transport that sends the attempt.
     *
     * @return e.g. {@code okhttp}, {@code jdk}; {@value #UNKNOWN_TRANSPORT} for an attempt described without one
     */
    public String transport() {
        return transport;
    }

    /**
     * The id shared by every attempt of one call.
     *
     * @return a positive number, unique in this JVM
     */
    public long callId() {
        return callId;
    }

    /**
     * The call's name.
     *
     * @return {@code gen_video}, {@code get_status}, {@code download}
     */
    public String operation() {
        return operation;
    }

    /**
     * Which attempt of the call this is.
     *
     * @return 1 for the first, 2 for the first retry, …
     */
    public int number() {
        return number;
    }

    /**
     * Whether this attempt is a retry.
     *
     * @return {@code true} from the second attempt on
     */
    public boolean isRetry() {
        return number > 1;
    }

    /**
     * The task the call concerns.
     *
     * @return the id, or empty for task creation
     */
    public Optional<TaskId> taskId() {
        return Optional.ofNullable(taskId);
    }

    /**
     * How long the attempt took, once ended.
     *
     * @return the duration; zero while it runs
     */
    public Duration elapsed() {
        return Duration.ofNanos(endNanos - startNanos);
    }

    /**
     * How long the call had run when this attempt ended, retry delays included.
     *
     * @return the duration from the call's start to this attempt's end; zero while the first attempt runs
     */
    public Duration callElapsed() {
        return Duration.ofNanos(Math.max(0, endNanos - callStartNanos));
    }

    /**
     * The HTTP status of the attempt's response, once it has one.
     *
     * @return the status; empty while the attempt runs and when it got no response (connection failure,
     *     timeout)
     */
    public OptionalInt statusCode() {
        return statusCode == NO_STATUS ? OptionalInt.empty() : OptionalInt.of(statusCode);
    }

    /**
     * What the attempt failed with, once decoded: a transport failure, or the typed error its response
     * carried (at HTTP 200 too). In {@link Interceptor#onCallEnd} it is what the call failed with.
     *
     * @return the failure; empty while the attempt runs and when it succeeded
     */
    public Optional<ScenextException> failure() {
        return Optional.ofNullable(failure);
    }

    @Override
    public String toString() {
        return "Attempt{" + operation + " #" + number + (taskId == null ? "" : " task " + taskId)
                + ", elapsed=" + elapsed().toMillis() + "ms"
                + (statusCode == NO_STATUS ? "" : ", status=" + statusCode)
                + (failure == null ? "" : ", failure=" + failure.getClass().getSimpleName())
                + (bytes == NO_BYTES ? "" : ", bytes=" + bytes) + '}';
    }
}
