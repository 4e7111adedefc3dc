package cn.scenext.core.internal.token;

import cn.scenext.api.TaskId;
import cn.scenext.api.TaskState;
import java.time.Instant;
import java.util.Objects;

/**
 * What a {@link cn.scenext.core.poll.WaitToken} holds: the task, the wait's deadline (to the millisecond), how
 * many polls it sent (its position in the poll policy), the last state it saw, and the frames it reported
 * (their number and the {@link FrameDigest} of their ids in the order reported). Immutable.
 */
public final class TokenState {
    private final TaskId taskId;
    private final long deadlineMillis;
    private final int polls;
    private final TaskState lastState;
    private final int frames;
    private final long framesDigest;

    /**
     * Creates the state.
     *
     * @param taskId the task
     * @param deadline the wait's deadline; kept to the millisecond (rounded down), saturated at the range of
     *     epoch milliseconds
     * @param polls the polls sent so far, 0 or more
     * @param lastState the last state seen, or {@code null} for none
     * @param frames the frames reported so far, 0 or more
     * @param framesDigest the digest of their ids ({@link FrameDigest#EMPTY} for none)
     */
    public TokenState(TaskId taskId, Instant deadline, int polls, TaskState lastState, int frames,
            long framesDigest) {
        this(taskId, toMillis(deadline), polls, lastState, frames, framesDigest);
    }

    TokenState(TaskId taskId, long deadlineMillis, int polls, TaskState lastState, int frames, long framesDigest) {
        if (polls < 0 || frames < 0) {
            throw new IllegalArgumentException("negative count: polls " + polls + ", frames " + frames);
        }
        this.taskId = Objects.requireNonNull(taskId, "taskId");
        this.deadlineMillis = deadlineMillis;
        this.polls = polls;
        this.lastState = lastState;
        this.frames = frames;
        this.framesDigest = frames == 0 ? FrameDigest.EMPTY : framesDigest;
    }

    /** An instant in epoch milliseconds, rounded down, saturated at the range of a {@code long}. */
    static long toMillis(Instant instant) {
        Objects.requireNonNull(instant, "deadline");
        try {
            return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1000L), instant.getNano() / 1_000_000);
        } catch (ArithmeticException e) {
            return instant.getEpochSecond() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    /**
     * The task waited for.
     *
     * @return its id
     */
    public TaskId taskId() {
        return taskId;
    }

    /**
     * The wait's deadline.
     *
     * @return the instant, to the millisecond
     */
    public Instant deadline() {
        return Instant.ofEpochMilli(deadlineMillis);
    }

    long deadlineMillis() {
        return deadlineMillis;
    }

    /**
     * The polls sent so far.
     *
     * @return 0 or more
     */
    public int polls() {
        return polls;
    }

    /**
     * The last state seen.
     *
     * @return the state, or {@code null} before the first status
     */
    public TaskState lastState() {
        return lastState;
    }

    /**
     * The frames reported so far.
     *
     * @return 0 or more
     */
    public int frames() {
        return frames;
    }

    /**
     * The digest of the reported frames' ids, in the order reported.
     *
     * @return the digest; {@link FrameDigest#EMPTY} for none
     */
    public long framesDigest() {
        return framesDigest;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof TokenState)) {
            return false;
        }
        TokenState that = (TokenState) o;
        return deadlineMillis == that.deadlineMillis && polls == that.polls && frames == that.frames
                && framesDigest == that.framesDigest && lastState == that.lastState && taskId.equals(that.taskId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(taskId, deadlineMillis, polls, lastState, frames, framesDigest);
    }
}
