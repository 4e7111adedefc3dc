package cn.scenext.core.poll;

import cn.scenext.api.TaskId;
import cn.scenext.api.TaskStatus;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One wait as {@link WaitObserver}s see it at one moment: which wait, how long it has run, how many polls it
 * sent and frames it saw and, once it ended, how and why. Immutable: each observer call gets a fresh one.
 */
public final class ObservedWait {

    /** What ended a wait. */
    public enum EndedBy {
        /** A status read by a poll: the task's end, or a failure of the poll that ends the wait. */
        POLL,
        /** A webhook event handed to the client ({@code client.webhooks()}) told the task's end. */
        WEBHOOK,
        /** The wait's timeout passed first. */
        TIMEOUT,
        /** The caller cancelled the wait (its future, or an interrupt of a blocking wait). */
        CANCEL,
        /** The client was closed during the wait. */
        CLOSE
    }

    /** How a wait ended. */
    public enum Outcome {
        /** The task completed. */
        COMPLETED,
        /** The task failed (whether or not the wait threw {@link cn.scenext.api.exception.TaskFailedException}). */
        FAILED,
        /** The wait's timeout passed before the task ended. */
        TIMEOUT,
        /** The caller cancelled the wait. */
        CANCELLED,
        /** The client was closed during the wait. */
        CLOSED,
        /** A poll failed in a way that ends the wait (task unknown, key refused, the same error repeated). */
        ERROR
    }

    private final long id;
    private final TaskId taskId;
    private final Duration elapsed;
    private final int polls;
    private final int frames;
    private final EndedBy endedBy;
    private final Outcome outcome;
    private final Duration webhookLag;
    private final TaskStatus status;
    private final Throwable failure;

    private ObservedWait(Builder b) {
        this.id = b.id;
        this.taskId = Objects.requireNonNull(b.taskId, "taskId");
        this.elapsed = Objects.requireNonNull(b.elapsed, "elapsed");
        this.polls = b.polls;
        this.frames = b.frames;
        this.endedBy = b.endedBy;
        this.outcome = b.outcome;
        this.webhookLag = b.webhookLag;
        this.status = b.status;
        this.failure = b.failure;
        if ((endedBy == null) != (outcome == null)) {
            throw new IllegalArgumentException("endedBy and outcome go together");
        }
    }

    /**
     * Starts a snapshot. Used by the client's engine, and by tests of observers.
     *
     * @param id the wait's id
     * @param taskId the task waited for
     * @return a builder
     */
    public static Builder builder(long id, TaskId taskId) {
        return new Builder(id, taskId);
    }

    /**
     * The wait's id: the same in every call about one wait, different for two waits (even for one task).
     *
     * @return a positive number, unique in this JVM
     */
    public long id() {
        return id;
    }

    /**
     * The task waited for.
     *
     * @return the task's id
     */
    public TaskId taskId() {
        return taskId;
    }

    /**
     * How long the wait has run, on the client's scheduler clock.
     *
     * @return the time from the wait's start to this snapshot (to its end, once ended)
     */
    public Duration elapsed() {
        return elapsed;
    }

    /**
     * How many status requests the wait sent so far (polls, and the read of the full status after a
     * webhook when the options ask for it); each counts once whatever its retries.
     *
     * @return 0 or more
     */
    public int polls() {
        return polls;
    }

    /**
     * How many distinct storyboard frames the wait saw so far, polled or from webhook events.
     *
     * @return 0 or more
     */
    public int frames() {
        return frames;
    }

    /**
     * Whether the wait has ended.
     *
     * @return {@code true} in {@link WaitObserver#onWaitEnded}
     */
    public boolean isEnded() {
        return outcome != null;
    }

    /**
     * What ended the wait.
     *
     * @return empty while it runs
     */
    public Optional<EndedBy> endedBy() {
        return Optional.ofNullable(endedBy);
    }

    /**
     * How the wait ended.
     *
     * @return empty while it runs
     */
    public Optional<Outcome> outcome() {
        return Optional.ofNullable(outcome);
    }

    /**
     * For a wait a webhook ended, the time from the event's timestamp (its sender's clock) to its receipt by
     * the client (the client's clock): negative when the sender's clock runs ahead.
     *
     * @return the lag; empty unless {@link #endedBy()} is {@link EndedBy#WEBHOOK}
     */
    public Optional<Duration> webhookLag() {
        return Optional.ofNullable(webhookLag);
    }

    /**
     * The latest status the wait took in: polled or pushed, the terminal one once the task ended.
     *
     * @return empty before the first
     */
    public Optional<TaskStatus> status() {
        return Optional.ofNullable(status);
    }

    /**
     * What the wait failed with, once ended by a failure (a timeout, a cancel, the client's close, a final
     * poll error, or a {@link cn.scenext.api.exception.TaskFailedException}).
     *
     * @return empty while it runs and when it ended with a status
     */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    @Override
    public String toString() {
        return "ObservedWait{#" + id + " task " + taskId + ", elapsed=" + elapsed.toMillis() + "ms, polls=" + polls
                + ", frames=" + frames + (outcome == null ? "" : ", " + outcome + " by " + endedBy)
                + (webhookLag == null ? "" : ", webhookLag=" + webhookLag.toMillis() + "ms") + '}';
    }

    /** Builds an {@link ObservedWait}. Not thread-safe. */
    public static final class Builder {
        private final long id;
        private final TaskId taskId;
        private Duration elapsed = Duration.ZERO;
        private int polls;
        private int frames;
        private EndedBy endedBy;
        private Outcome outcome;
        private Duration webhookLag;
        private TaskStatus status;
        private Throwable failure;

        private Builder(long id, TaskId taskId) {
            this.id = id;
            this.taskId = taskId;
        }

        /**
         * Sets how long the wait has run.
         *
         * @param elapsed the duration
         * @return this builder
         */
        public Builder elapsed(Duration elapsed) {
            this.elapsed = Objects.requireNonNull(elapsed, "elapsed");
            return this;
        }

        /**
         * Sets the polls sent and frames seen so far.
         *
         * @param polls the status requests sent
         * @param frames the distinct frames seen
         * @return this builder
         */
        public Builder counts(int polls, int frames) {
            this.polls = polls;
            this.frames = frames;
            return this;
        }

        /**
         * Sets the latest status taken in.
         *
         * @param status the status, or {@code null} for none yet
         * @return this builder
         */
        public Builder status(TaskStatus status) {
            this.status = status;
            return this;
        }

        /**
         * Marks the wait ended.
         *
         * @param endedBy what ended it
         * @param outcome how
         * @param failure what it failed with, or {@code null} when it ended with a status
         * @param webhookLag the ending webhook's lag, or {@code null} when no webhook ended it
         * @return this builder
         */
        public Builder ended(EndedBy endedBy, Outcome outcome, Throwable failure, Duration webhookLag) {
            this.endedBy = Objects.requireNonNull(endedBy, "endedBy");
            this.outcome = Objects.requireNonNull(outcome, "outcome");
            this.failure = failure;
            this.webhookLag = webhookLag;
            return this;
        }

        /**
         * Builds the snapshot.
         *
         * @return the snapshot
         */
        public ObservedWait build() {
            return new ObservedWait(this);
        }
    }
}
