package cn.scenext.core.internal.journal;

import cn.scenext.core.journal.JournalEntry;

/** {@code TaskJournal.inMemory()}: the journal's rules, no storage. */
public final class MemoryTaskJournal extends FoldingJournal {
    @Override
    protected void store(JournalEntry entry) {
        // nothing to keep beyond the records
    }

    @Override
    public String toString() {
        return "TaskJournal.inMemory()";
    }
}
