package cn.scenext.core.internal.journal;

import cn.scenext.api.exception.JournalException;
import cn.scenext.core.journal.JournalEntry;
import cn.scenext.core.journal.TaskJournal;
import cn.scenext.core.journal.TaskRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A journal that keeps every record in memory, folded from its entries, and hands each new entry to its
 * storage before taking it in: a step the storage could not keep is not in the journal.
 */
public abstract class FoldingJournal implements TaskJournal {
    private final Map<String, TaskRecord> records = new LinkedHashMap<>();
    private boolean closed;

    /** An empty journal. */
    protected FoldingJournal() {
    }

    @Override
    public final synchronized TaskRecord append(JournalEntry entry) {
        Objects.requireNonNull(entry, "entry");
        requireOpen();
        TaskRecord next = fold(records.get(entry.reference()), entry);
        store(entry);
        records.put(entry.reference(), next);
        afterStore();
        return next;
    }

    /**
     * Takes an entry read back from storage, checked like a new one.
     *
     * @param entry the entry
     */
    protected final void load(JournalEntry entry) {
        records.put(entry.reference(), fold(records.get(entry.reference()), entry));
    }

    private static TaskRecord fold(TaskRecord current, JournalEntry entry) {
        return current == null ? TaskRecord.start(entry) : current.then(entry);
    }

    /**
     * Makes the entry durable, or throws.
     *
     * @param entry the entry, already checked against the journal
     */
    protected abstract void store(JournalEntry entry);

    /** Called, still holding the journal's lock, after an entry was stored and taken in. */
    protected void afterStore() {
    }

    /**
     * The number of entries needed to rebuild every record.
     *
     * @return the count
     */
    protected final int minimalEntries() {
        int n = 0;
        for (TaskRecord r : records.values()) {
            n += r.entries().size();
        }
        return n;
    }

    @Override
    public final synchronized Optional<TaskRecord> find(String reference) {
        requireOpen();
        return Optional.ofNullable(records.get(Objects.requireNonNull(reference, "reference")));
    }

    @Override
    public final synchronized List<TaskRecord> records() {
        requireOpen();
        return new ArrayList<>(records.values());
    }

    @Override
    public final synchronized void close() {
        if (!closed) {
            closed = true;
            release();
        }
    }

    /** Releases the storage; called once, by {@link #close()}. */
    protected void release() {
    }

    private void requireOpen() {
        if (closed) {
            throw new JournalException(JournalException.Reason.CLOSED, "The task journal is closed.", null);
        }
    }
}
