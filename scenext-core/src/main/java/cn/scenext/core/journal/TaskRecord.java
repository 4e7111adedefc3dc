package cn.scenext.core.journal;

import cn.scenext.api.TaskId;
import cn.scenext.api.TaskState;
import cn.scenext.api.exception.JournalException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link TaskJournal} knows of one creation: the fold of its {@link JournalEntry entries}, and the one
 * place that says which step may follow which. Immutable; {@link #then(JournalEntry)} gives the next record.
 * Journal implementations (a file, a database) store entries and rebuild records with {@link #start} and
 * {@link #then}, so every journal enforces the same rules.
 */
public final class TaskRecord {
    /** Where a creation stands. */
    public enum Status {
        /**
         * The creation was about to be sent and nothing was recorded after: the request may have been sent.
         * Found after a restart, it means the same as {@link #OUTCOME_UNKNOWN}.
         */
        CREATING,
        /** The task exists and has not ended yet (as far as the journal knows). */
        CREATED,
        /** The service surely created nothing. Final. */
        REFUSED,
        /** The request may have reached the service but its response was lost: the task may exist. */
        OUTCOME_UNKNOWN,
        /** The task completed; its video is not saved yet. */
        COMPLETED,
        /** The task failed. Final. */
        FAILED,
        /** The task completed and its video was saved whole. Final. */
        SAVED
    }

    private final String reference;
    private final String requestDigest;
    private final Status status;
    private final TaskId taskId;
    private final Instant startedAt;
    private final Instant createdAt;
    private final Instant endedAt;
    private final Instant savedAt;
    private final String file;
    private final long size;
    private final String sha256;
    private final String detail;
    private final Instant detailAt;

    private TaskRecord(String reference, String requestDigest, Status status, TaskId taskId, Instant startedAt,
            Instant createdAt, Instant endedAt, Instant savedAt, String file, long size, String sha256,
            String detail, Instant detailAt) {
        this.reference = reference;
        this.requestDigest = requestDigest;
        this.status = status;
        this.taskId = taskId;
        this.startedAt = startedAt;
        this.createdAt = createdAt;
        this.endedAt = endedAt;
        this.savedAt = savedAt;
        this.file = file;
        this.size = size;
        this.sha256 = sha256;
        this.detail = detail;
        this.detailAt = detailAt;
    }

    /**
     * The record a creation starts with.
     *
     * @param entry a {@link JournalEntry.Kind#CREATION_STARTED} entry
     * @return the record, {@link Status#CREATING}
     * @throws JournalException ({@code ILLEGAL_STEP}) for any other kind of entry
     */
    public static TaskRecord start(JournalEntry entry) {
        Objects.requireNonNull(entry, "entry");
        if (entry.kind() != JournalEntry.Kind.CREATION_STARTED) {
            throw illegal(entry, "nothing was recorded for this reference before");
        }
        return new TaskRecord(entry.reference(), entry.requestDigest(), Status.CREATING, null, entry.time(), null,
                null, null, null, -1, null, null, null);
    }

    /**
     * The record after one more step.
     *
     * <p>The rules: a creation that is {@link Status#CREATING} is followed by the task's id, a refusal, or an
     * unknown outcome; a creation whose outcome is unknown may be resolved (the task's id found) or started
     * again, which only a caller who explicitly chose to re-create does; a refused creation may be started
     * again, with the same request or another (the service created nothing, so trying again cannot create a
     * task twice); a created task ends; a completed
     * task's file is saved (and may be saved again, elsewhere). Every other step is refused, and in particular
     * a second start of a creation whose task exists or may exist: that is what keeps a task from being
     * created twice.
     *
     * @param entry the step, for this record's reference
     * @return the next record
     * @throws JournalException ({@code ILLEGAL_STEP}) when the step cannot follow this record
     */
    public TaskRecord then(JournalEntry entry) {
        Objects.requireNonNull(entry, "entry");
        if (!entry.reference().equals(reference)) {
            throw new IllegalArgumentException("Entry for " + entry.reference() + " given to the record of "
                    + reference);
        }
        switch (entry.kind()) {
            case CREATION_STARTED:
                if (status != Status.OUTCOME_UNKNOWN && status != Status.REFUSED) {
                    throw illegal(entry, status == Status.CREATING
                            ? "its creation was already started and may have been sent"
                            : "its creation already has an outcome (" + status + ")");
                }
                return new TaskRecord(reference, entry.requestDigest(), Status.CREATING, null, entry.time(), null,
                        null, null, null, -1, null, detail, detailAt);
            case TASK_CREATED:
                if (status != Status.CREATING && status != Status.OUTCOME_UNKNOWN) {
                    throw illegal(entry, "it is " + status + (taskId == null ? "" : " as task " + taskId.value()));
                }
                return with(Status.CREATED, entry.taskId(), entry.time(), null, null, null, -1, null, detail,
                        detailAt);
            case CREATION_REFUSED:
            case CREATION_OUTCOME_UNKNOWN:
                if (status != Status.CREATING) {
                    throw illegal(entry, "it is " + status + ", not being created");
                }
                return with(entry.kind() == JournalEntry.Kind.CREATION_REFUSED ? Status.REFUSED
                        : Status.OUTCOME_UNKNOWN, null, null, null, null, null, -1, null, entry.detail(),
                        entry.time());
            case TASK_ENDED:
                if (status != Status.CREATED) {
                    throw illegal(entry, "it is " + status + ", not a running task");
                }
                requireSameTask(entry);
                return with(entry.state() == TaskState.COMPLETED ? Status.COMPLETED : Status.FAILED, taskId,
                        createdAt, entry.time(), null, null, -1, null, detail, detailAt);
            case FILE_SAVED:
                if (status != Status.COMPLETED && status != Status.SAVED) {
                    throw illegal(entry, "it is " + status + ", not a completed task");
                }
                requireSameTask(entry);
                return with(Status.SAVED, taskId, createdAt, endedAt, entry.time(), entry.file(), entry.size(),
                        entry.sha256(), detail, detailAt);
            default:
                throw new AssertionError(entry.kind());
        }
    }

    private TaskRecord with(Status next, TaskId id, Instant created, Instant ended, Instant saved, String path,
            long bytes, String digest, String why, Instant whyAt) {
        return new TaskRecord(reference, requestDigest, next, id, startedAt, created, ended, saved, path, bytes,
                digest, why, whyAt);
    }

    private void requireSameTask(JournalEntry entry) {
        if (!entry.taskId().equals(taskId)) {
            throw illegal(entry, "its task is " + taskId.value() + ", not " + entry.taskId().value());
        }
    }

    private static JournalException illegal(JournalEntry entry, String why) {
        return new JournalException(JournalException.Reason.ILLEGAL_STEP, "The journal cannot record "
                + entry.kind() + " for reference '" + entry.reference() + "': " + why + ".", null);
    }

    /**
     * The fewest entries that rebuild this record with {@link #start} and {@link #then}: what a journal keeps
     * when it compacts.
     *
     * @return the entries, in order
     */
    public List<JournalEntry> entries() {
        List<JournalEntry> out = new ArrayList<>(4);
        out.add(JournalEntry.creationStarted(reference, requestDigest, startedAt));
        switch (status) {
            case CREATING:
                break;
            case REFUSED:
                out.add(JournalEntry.creationRefused(reference, detail, detailAt));
                break;
            case OUTCOME_UNKNOWN:
                out.add(JournalEntry.creationOutcomeUnknown(reference, detail, detailAt));
                break;
            default:
                out.add(JournalEntry.taskCreated(reference, taskId, createdAt));
                if (status != Status.CREATED) {
                    out.add(JournalEntry.taskEnded(reference, taskId,
                            status == Status.FAILED ? TaskState.FAILED : TaskState.COMPLETED, endedAt));
                }
                if (status == Status.SAVED) {
                    out.add(JournalEntry.fileSaved(reference, taskId, file, size, sha256, savedAt));
                }
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * Whether a process must still do something for this creation: learn its outcome, wait for its task, or
     * save its video. False once it is {@link Status#REFUSED}, {@link Status#FAILED} or {@link Status#SAVED}.
     *
     * @return whether it is pending
     */
    public boolean isPending() {
        return status != Status.REFUSED && status != Status.FAILED && status != Status.SAVED;
    }

    /**
     * Whether nobody can know if the service created the task ({@link Status#CREATING} found after a restart,
     * or {@link Status#OUTCOME_UNKNOWN}): such a creation is reported, never silently sent again.
     *
     * @return whether its outcome is unknown
     */
    public boolean isOutcomeUnknown() {
        return status == Status.CREATING || status == Status.OUTCOME_UNKNOWN;
    }

    /**
     * The creation's reference.
     *
     * @return the reference
     */
    public String reference() {
        return reference;
    }

    /**
     * The digest of the request, as recorded when the creation started.
     *
     * @return the digest
     */
    public String requestDigest() {
        return requestDigest;
    }

    /**
     * Where the creation stands.
     *
     * @return the status
     */
    public Status status() {
        return status;
    }

    /**
     * The task, once created.
     *
     * @return its id, if known
     */
    public Optional<TaskId> taskId() {
        return Optional.ofNullable(taskId);
    }

    /**
     * When the creation (last) started.
     *
     * @return the time
     */
    public Instant startedAt() {
        return startedAt;
    }

    /**
     * The saved file's path, once {@link Status#SAVED}.
     *
     * @return the path as recorded, if saved
     */
    public Optional<String> file() {
        return Optional.ofNullable(file);
    }

    /**
     * The saved file's size.
     *
     * @return the size in bytes, or -1 before {@link Status#SAVED}
     */
    public long size() {
        return size;
    }

    /**
     * The saved file's SHA-256.
     *
     * @return 64 hexadecimal digits, if saved
     */
    public Optional<String> sha256() {
        return Optional.ofNullable(sha256);
    }

    /**
     * What was said when the creation was refused or its outcome was lost.
     *
     * @return the words, if any
     */
    public Optional<String> detail() {
        return Optional.ofNullable(detail);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof TaskRecord)) {
            return false;
        }
        return entries().equals(((TaskRecord) o).entries());
    }

    @Override
    public int hashCode() {
        return entries().hashCode();
    }

    @Override
    public String toString() {
        return "TaskRecord{reference=" + reference + ", status=" + status
                + (taskId == null ? "" : ", task=" + taskId.value()) + (file == null ? "" : ", file=" + file) + '}';
    }
}
