package cn.scenext.core.journal;

import cn.scenext.api.TaskId;
import cn.scenext.api.TaskState;
import java.time.Instant;
import java.util.Objects;

/**
 * One step in the life of a task creation, as a {@link TaskJournal} records it. Entries are keyed by the
 * creation's <em>reference</em>: a name the caller gives each creation (a row number, a question's id, or a
 * random id), unique in one journal. Immutable.
 *
 * <p>The steps, in the order a journal accepts them ({@link TaskRecord#then(JournalEntry)} holds the rules):
 * {@link Kind#CREATION_STARTED} (written <em>before</em> the request is sent), then one of
 * {@link Kind#TASK_CREATED}, {@link Kind#CREATION_REFUSED} or {@link Kind#CREATION_OUTCOME_UNKNOWN}; after a
 * task is created, {@link Kind#TASK_ENDED}; after it completed, {@link Kind#FILE_SAVED}.
 */
public final class JournalEntry {
    /** What a journal entry records. */
    public enum Kind {
        /** A creation is about to be sent: its reference, a digest of its request, the time. */
        CREATION_STARTED,
        /** The service answered with the task's id. */
        TASK_CREATED,
        /** The service surely did not create the task (it refused the request before creating anything). */
        CREATION_REFUSED,
        /** The request may have reached the service but its response was lost: the task may exist. */
        CREATION_OUTCOME_UNKNOWN,
        /** The task reached a terminal state. */
        TASK_ENDED,
        /** The task's video was saved whole: its path, size and SHA-256. */
        FILE_SAVED
    }

    private final Kind kind;
    private final String reference;
    private final Instant time;
    private final String requestDigest;
    private final TaskId taskId;
    private final TaskState state;
    private final String file;
    private final long size;
    private final String sha256;
    private final String detail;

    private JournalEntry(Kind kind, String reference, Instant time, String requestDigest, TaskId taskId,
            TaskState state, String file, long size, String sha256, String detail) {
        this.kind = kind;
        this.reference = requireReference(reference);
        this.time = Objects.requireNonNull(time, "time");
        this.requestDigest = requestDigest;
        this.taskId = taskId;
        this.state = state;
        this.file = file;
        this.size = size;
        this.sha256 = sha256;
        this.detail = detail;
    }

    private static String requireReference(String reference) {
        Objects.requireNonNull(reference, "reference");
        if (reference.isEmpty() || reference.length() > 200) {
            throw new IllegalArgumentException("A journal reference has 1 to 200 characters, got "
                    + reference.length());
        }
        for (int i = 0; i < reference.length(); i++) {
            if (Character.isISOControl(reference.charAt(i))) {
                throw new IllegalArgumentException("A journal reference has no control characters");
            }
        }
        return reference;
    }

    /**
     * A creation is about to be sent. Write it before sending: a journal that holds it and nothing after it
     * says the request may have been sent.
     *
     * @param reference the creation's reference, unique in the journal
     * @param requestDigest a digest of the request (e.g. SHA-256 in hex), to tell a resumed row from another
     * @param time when
     * @return the entry
     */
    public static JournalEntry creationStarted(String reference, String requestDigest, Instant time) {
        Objects.requireNonNull(requestDigest, "requestDigest");
        return new JournalEntry(Kind.CREATION_STARTED, reference, time, requestDigest, null, null, null, -1, null,
                null);
    }

    /**
     * The service created the task.
     *
     * @param reference the creation's reference
     * @param taskId the id the service gave
     * @param time when
     * @return the entry
     */
    public static JournalEntry taskCreated(String reference, TaskId taskId, Instant time) {
        Objects.requireNonNull(taskId, "taskId");
        return new JournalEntry(Kind.TASK_CREATED, reference, time, null, taskId, null, null, -1, null, null);
    }

    /**
     * The service surely created nothing.
     *
     * @param reference the creation's reference
     * @param why what the service said, in words (never a key)
     * @param time when
     * @return the entry
     */
    public static JournalEntry creationRefused(String reference, String why, Instant time) {
        return new JournalEntry(Kind.CREATION_REFUSED, reference, time, null, null, null, null, -1, null,
                Objects.requireNonNull(why, "why"));
    }

    /**
     * The request may have reached the service, but its response was lost.
     *
     * @param reference the creation's reference
     * @param why what happened, in words (never a key)
     * @param time when
     * @return the entry
     */
    public static JournalEntry creationOutcomeUnknown(String reference, String why, Instant time) {
        return new JournalEntry(Kind.CREATION_OUTCOME_UNKNOWN, reference, time, null, null, null, null, -1, null,
                Objects.requireNonNull(why, "why"));
    }

    /**
     * The task reached a terminal state.
     *
     * @param reference the creation's reference
     * @param taskId the task
     * @param state {@link TaskState#COMPLETED} or {@link TaskState#FAILED}
     * @param time when
     * @return the entry
     */
    public static JournalEntry taskEnded(String reference, TaskId taskId, TaskState state, Instant time) {
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(state, "state");
        if (!state.isTerminal()) {
            throw new IllegalArgumentException("A task ends COMPLETED or FAILED, not " + state);
        }
        return new JournalEntry(Kind.TASK_ENDED, reference, time, null, taskId, state, null, -1, null, null);
    }

    /**
     * The task's video was saved whole.
     *
     * @param reference the creation's reference
     * @param taskId the task
     * @param file where (as given to the download, absolute or not)
     * @param size its size in bytes
     * @param sha256 its SHA-256, 64 lower-case hexadecimal digits
     * @param time when
     * @return the entry
     */
    public static JournalEntry fileSaved(String reference, TaskId taskId, String file, long size, String sha256,
            Instant time) {
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(sha256, "sha256");
        if (size < 0) {
            throw new IllegalArgumentException("A file's size is not negative: " + size);
        }
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("A SHA-256 is 64 lower-case hexadecimal digits");
        }
        return new JournalEntry(Kind.FILE_SAVED, reference, time, null, taskId, null, file, size, sha256, null);
    }

    /**
     * What the entry records.
     *
     * @return the kind
     */
    public Kind kind() {
        return kind;
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
     * When the step happened.
     *
     * @return the time
     */
    public Instant time() {
        return time;
    }

    /**
     * The request's digest ({@link Kind#CREATION_STARTED} only).
     *
     * @return the digest, or {@code null}
     */
    public String requestDigest() {
        return requestDigest;
    }

    /**
     * The task ({@link Kind#TASK_CREATED}, {@link Kind#TASK_ENDED}, {@link Kind#FILE_SAVED}).
     *
     * @return the task id, or {@code null}
     */
    public TaskId taskId() {
        return taskId;
    }

    /**
     * The terminal state ({@link Kind#TASK_ENDED} only).
     *
     * @return the state, or {@code null}
     */
    public TaskState state() {
        return state;
    }

    /**
     * The saved file ({@link Kind#FILE_SAVED} only).
     *
     * @return the path as given, or {@code null}
     */
    public String file() {
        return file;
    }

    /**
     * The saved file's size ({@link Kind#FILE_SAVED} only).
     *
     * @return the size in bytes, or -1
     */
    public long size() {
        return size;
    }

    /**
     * The saved file's SHA-256 ({@link Kind#FILE_SAVED} only).
     *
     * @return 64 hexadecimal digits, or {@code null}
     */
    public String sha256() {
        return sha256;
    }

    /**
     * Why ({@link Kind#CREATION_REFUSED}, {@link Kind#CREATION_OUTCOME_UNKNOWN}).
     *
     * @return the words, or {@code null}
     */
    public String detail() {
        return detail;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof JournalEntry)) {
            return false;
        }
        JournalEntry e = (JournalEntry) o;
        return kind == e.kind && size == e.size && reference.equals(e.reference) && time.equals(e.time)
                && Objects.equals(requestDigest, e.requestDigest) && Objects.equals(taskId, e.taskId)
                && state == e.state && Objects.equals(file, e.file) && Objects.equals(sha256, e.sha256)
                && Objects.equals(detail, e.detail);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, reference, time, taskId, state, file, size, sha256);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("JournalEntry{").append(kind).append(", reference=").append(reference);
        if (taskId != null) {
            b.append(", task=").append(taskId.value());
        }
        if (state != null) {
            b.append(", state=").append(state);
        }
        if (file != null) {
            b.append(", file=").append(file).append(", size=").append(size);
        }
        return b.append(", time=").append(time).append('}').toString();
    }
}
