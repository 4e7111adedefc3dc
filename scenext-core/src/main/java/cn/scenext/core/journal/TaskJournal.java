package cn.scenext.core.journal;

import cn.scenext.api.exception.JournalException;
import cn.scenext.core.internal.journal.FileTaskJournal;
import cn.scenext.core.internal.journal.MemoryTaskJournal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A durable record of task creations, so that nothing paid for is lost when a process stops: each creation
 * is recorded <em>before</em> its request is sent, then its task's id once known (or that its outcome was
 * lost), its end, and its saved video. A restarted process reads {@link #pending()} to pick up what is left,
 * and a creation whose outcome nobody can know is reported ({@link TaskRecord#isOutcomeUnknown()}), never
 * silently sent again.
 *
 * <p>Implementations: {@link #file(Path)} (one append-only file, no dependency), {@link #inMemory()} (for
 * tests), and {@code scenext-jdbc}'s for a database shared by many processes. An implementation stores
 * {@link JournalEntry entries}, folds them with {@link TaskRecord#start} and {@link TaskRecord#then} (which
 * refuse impossible steps, such as a creation started twice), and has made an entry durable when
 * {@link #append} returns. Thread-safe.
 */
public interface TaskJournal extends AutoCloseable {
    /**
     * Records a step, durably: when this returns, the entry survives a crash of the process (and, for a file
     * journal, of the machine, as far as the storage keeps its promises).
     *
     * @param entry the step
     * @return the creation's record after the step
     * @throws JournalException {@code ILLEGAL_STEP} when the step cannot follow what the journal holds (then
     *     nothing is recorded, and the step it guards must not be taken), {@code STORAGE_FAILED} when it could
     *     not be made durable, {@code CLOSED} after {@link #close()}
     */
    TaskRecord append(JournalEntry entry);

    /**
     * The record of one creation.
     *
     * @param reference the creation's reference
     * @return its record, if the journal has one
     */
    Optional<TaskRecord> find(String reference);

    /**
     * Every record, in the order their creations first started.
     *
     * @return the records
     */
    List<TaskRecord> records();

    /**
     * What a restarted process must pick up: every record that is {@link TaskRecord#isPending() pending}
     * (outcome unknown, task running, or video not saved yet), in the order their creations started.
     *
     * @return the pending records
     */
    default List<TaskRecord> pending() {
        List<TaskRecord> out = new ArrayList<>();
        for (TaskRecord r : records()) {
            if (r.isPending()) {
                out.add(r);
            }
        }
        return out;
    }

    /** Releases the journal (its file and lock); later calls fail with {@code CLOSED}. Idempotent. */
    @Override
    void close();

    /**
     * A journal in one append-only file, created if missing: every entry is written and forced to the disk
     * before {@link #append} returns, a torn last entry (the process died while writing it) is dropped when
     * the file is opened, and the file is rewritten compactly (atomically) when it has grown. One process at a
     * time: a second one gets {@code LOCKED}.
     *
     * @param path the journal file
     * @return the journal
     * @throws JournalException {@code LOCKED}, {@code CORRUPT}, {@code NEWER_VERSION} or {@code STORAGE_FAILED}
     */
    static TaskJournal file(Path path) {
        return FileTaskJournal.open(path, FileTaskJournal.DEFAULT_COMPACT_AFTER_LINES);
    }

    /**
     * A journal in memory, lost with the process: for tests, and for code that wants the journal's rules
     * without its durability.
     *
     * @return the journal
     */
    static TaskJournal inMemory() {
        return new MemoryTaskJournal();
    }
}
