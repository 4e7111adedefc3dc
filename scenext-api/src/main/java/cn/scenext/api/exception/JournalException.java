package cn.scenext.api.exception;

import java.util.Objects;

/**
 * A task journal refused a step or could not keep its promise: the step contradicts what the journal holds
 * (a reference created twice, a task ended before it was created), the journal's storage failed, its file is
 * corrupt or was written by a newer version, or another process holds it. {@link #reason()} says which. When
 * a journal refuses a step, the step it guards is not taken: in particular no task is created.
 */
public class JournalException extends ScenextException {
    private static final long serialVersionUID = 1L;

    /** Why the journal refused. */
    public enum Reason {
        /** The step contradicts the journal: e.g. a creation started twice under one reference. */
        ILLEGAL_STEP,
        /** Reading or writing the journal's storage failed (the cause says how). */
        STORAGE_FAILED,
        /** The journal's content is damaged somewhere other than a torn last entry, which is repaired. */
        CORRUPT,
        /** The journal was written by a newer version of the SDK, whose format this version cannot read. */
        NEWER_VERSION,
        /** Another process (or another journal in this one) holds the journal. */
        LOCKED,
        /** The journal was closed. */
        CLOSED
    }

    private final Reason reason;

    /**
     * Creates the exception.
     *
     * @param reason why the journal refused
     * @param message what happened and what to do, in words
     * @param cause the underlying failure, or {@code null}
     */
    public JournalException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /**
     * Why the journal refused.
     *
     * @return the reason
     */
    public Reason reason() {
        return reason;
    }
}
