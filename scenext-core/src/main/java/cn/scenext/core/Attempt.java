package cn.scenext.core;

import cn.scenext.api.TaskId;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** One attempt of one call, as {@link Interceptor}s see it. Immutable. */
public final class Attempt {
    private final String operation;
    private final int number;
    private final TaskId taskId;
    private final long startNanos;
    private final long endNanos;

    private Attempt(String operation, int number, TaskId taskId, long startNanos, long endNanos) {
        this.operation = Objects.requireNonNull(operation, "operation");
        this.number = number;
        this.taskId = taskId;
        this.startNanos = startNanos;
        this.endNanos = endNanos;
    }

    /**
     * Describes an attempt that is starting.
     *
     * @param operation the call's name
     * @param number 1 for the first attempt
     * @param taskId the task concerned, or {@code null}
     * @param startNanos when it started, on the client's scheduler clock
     * @return the attempt
     */
    public static Attempt starting(String operation, int number, TaskId taskId, long startNanos) {
        return new Attempt(operation, number, taskId, startNanos, startNanos);
    }

    /**
     * The same attempt, ended.
     *
     * @param endNanos when it ended, on the client's scheduler clock
     * @return the ended attempt
     */
    public Attempt endedAt(long endNanos) {
        return new Attempt(operation, number, taskId, startNanos, endNanos);
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

    @Override
    public String toString() {
        return "Attempt{" + operation + " #" + number + (taskId == null ? "" : " task " + taskId)
                + ", elapsed=" + elapsed().toMillis() + "ms}";
    }
}
