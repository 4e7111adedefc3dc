package cn.scenext.core.batch;

import cn.scenext.api.TaskId;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where one row of a batch stands: at the end of a run (in {@link BatchReport#rows()}), or as it changes (told to
 * {@link BatchListener#onRowChanged(BatchRowResult)}). Immutable.
 */
public final class BatchRowResult {
    /** How a row ended in a run. */
    public enum Status {
        /** The task completed and its video is saved (and checked). Final. */
        COMPLETED,
        /** The task failed, or the service refused to create it. Final. */
        FAILED,
        /**
         * The creation's request may have reached the service but its response was lost, so the task may exist
         * (and may be paid for); it is not re-created unless {@link BatchOptions.Builder#recreateUnknown(boolean)}
         * says so.
         */
        UNKNOWN,
        /**
         * Not finished in this run (still running: the wait timed out, the download failed, the lease was lost,
         * the run was cancelled or the client closed); a later run with the same journal picks it up.
         */
        INCOMPLETE
    }

    private final String reference;
    private final String journalReference;
    private final Status status;
    private final TaskId taskId;
    private final Path file;
    private final String sha256;
    private final long size;
    private final BigDecimal credits;
    private final String detail;

    private BatchRowResult(Builder b) {
        this.reference = Objects.requireNonNull(b.reference, "reference");
        this.journalReference = b.journalReference == null ? b.reference : b.journalReference;
        this.status = Objects.requireNonNull(b.status, "status");
        this.taskId = b.taskId;
        this.file = b.file;
        this.sha256 = b.sha256;
        this.size = b.size;
        this.credits = b.credits;
        this.detail = b.detail;
    }

    /**
     * Starts a row's result. Used by the batch runner; handy in tests of listeners and reports.
     *
     * @param reference the row's reference
     * @param status how it stands
     * @return a builder
     */
    public static Builder builder(String reference, Status status) {
        return new Builder(reference, status);
    }

    /**
     * The row's reference, as given in {@link BatchRow#of}.
     *
     * @return the reference
     */
    public String reference() {
        return reference;
    }

    /**
     * The reference of the row's creation in the journal: the row's reference, or a derived one such as
     * {@code 3#2} when the row was re-created after an unknown outcome.
     *
     * @return the journal reference
     */
    public String journalReference() {
        return journalReference;
    }

    /**
     * How the row stands.
     *
     * @return the status
     */
    public Status status() {
        return status;
    }

    /**
     * The row's task, once created.
     *
     * @return the task's id, if known
     */
    public Optional<TaskId> taskId() {
        return Optional.ofNullable(taskId);
    }

    /**
     * The saved video.
     *
     * @return its path, when {@link Status#COMPLETED}
     */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    /**
     * The saved video's SHA-256, computed while it was downloaded.
     *
     * @return 64 lower-case hexadecimal digits, when {@link Status#COMPLETED}
     */
    public Optional<String> sha256() {
        return Optional.ofNullable(sha256);
    }

    /**
     * The saved video's size.
     *
     * @return the size in bytes, or -1 when no video is saved
     */
    public long size() {
        return size;
    }

    /**
     * The credits the task consumed, from its terminal status ({@code TaskStatus.creditsConsumed()}).
     *
     * @return the credits, when the terminal status was read in this run
     */
    public Optional<BigDecimal> credits() {
        return Optional.ofNullable(credits);
    }

    /**
     * Why the row is not {@link Status#COMPLETED}, in words: the service's reason for a failure, what made the
     * outcome unknown, what stopped the row in this run.
     *
     * @return the words, if any
     */
    public Optional<String> detail() {
        return Optional.ofNullable(detail);
    }

    /**
     * A builder with this result's values.
     *
     * @return the builder
     */
    public Builder toBuilder() {
        return new Builder(reference, status).journalReference(journalReference).taskId(taskId).file(file)
                .sha256(sha256).size(size).credits(credits).detail(detail);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof BatchRowResult)) {
            return false;
        }
        BatchRowResult r = (BatchRowResult) o;
        return reference.equals(r.reference) && journalReference.equals(r.journalReference) && status == r.status
                && Objects.equals(taskId, r.taskId) && Objects.equals(file, r.file)
                && Objects.equals(sha256, r.sha256) && size == r.size && Objects.equals(credits, r.credits)
                && Objects.equals(detail, r.detail);
    }

    @Override
    public int hashCode() {
        return Objects.hash(reference, journalReference, status, taskId, file, sha256, size, credits, detail);
    }

    @Override
    public String toString() {
        return "BatchRowResult{" + reference + (journalReference.equals(reference) ? "" : " as " + journalReference)
                + ", " + status + (taskId == null ? "" : ", task=" + taskId.value())
                + (file == null ? "" : ", file=" + file + ", size=" + size)
                + (detail == null ? "" : ", detail=" + detail) + '}';
    }

    /** Builds a {@link BatchRowResult}. Not thread-safe. */
    public static final class Builder {
        private final String reference;
        private final Status status;
        private String journalReference;
        private TaskId taskId;
        private Path file;
        private String sha256;
        private long size = -1;
        private BigDecimal credits;
        private String detail;

        private Builder(String reference, Status status) {
            this.reference = Objects.requireNonNull(reference, "reference");
            this.status = Objects.requireNonNull(status, "status");
        }

        /**
         * Sets the reference of the row's creation in the journal.
         *
         * @param journalReference the reference, or {@code null} for the row's own
         * @return this builder
         */
        public Builder journalReference(String journalReference) {
            this.journalReference = journalReference;
            return this;
        }

        /**
         * Sets the task.
         *
         * @param taskId the task, or {@code null}
         * @return this builder
         */
        public Builder taskId(TaskId taskId) {
            this.taskId = taskId;
            return this;
        }

        /**
         * Sets the saved file.
         *
         * @param file the path, or {@code null}
         * @return this builder
         */
        public Builder file(Path file) {
            this.file = file;
            return this;
        }

        /**
         * Sets the saved file's SHA-256.
         *
         * @param sha256 the digest, or {@code null}
         * @return this builder
         */
        public Builder sha256(String sha256) {
            this.sha256 = sha256;
            return this;
        }

        /**
         * Sets the saved file's size.
         *
         * @param size the size in bytes, or -1
         * @return this builder
         */
        public Builder size(long size) {
            this.size = size;
            return this;
        }

        /**
         * Sets the credits consumed.
         *
         * @param credits the credits, or {@code null}
         * @return this builder
         */
        public Builder credits(BigDecimal credits) {
            this.credits = credits;
            return this;
        }

        /**
         * Sets the words saying why the row is not completed.
         *
         * @param detail the words, or {@code null}
         * @return this builder
         */
        public Builder detail(String detail) {
            this.detail = detail;
            return this;
        }

        /**
         * Builds the result.
         *
         * @return the result
         */
        public BatchRowResult build() {
            return new BatchRowResult(this);
        }
    }
}
