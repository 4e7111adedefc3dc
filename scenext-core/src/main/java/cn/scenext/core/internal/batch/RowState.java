package cn.scenext.core.internal.batch;

import cn.scenext.core.batch.BatchRow;
import cn.scenext.core.batch.BatchRowResult;
import cn.scenext.core.journal.TaskRecord;
import java.util.concurrent.Future;

/** One row of a running batch, guarded by the runner's lock. */
final class RowState {
    final BatchRow row;
    final String digest;
    /** Which creation of the row the journal follows: 1 for the row's own reference, 2 for {@code ref#2}... */
    int generation;
    /** The latest record when the run started (later ones are read from the journal). */
    final TaskRecord initialRecord;
    /** How the row stands now. */
    BatchRowResult current;
    /** Worked on by this run now. */
    boolean active;
    /** Worked on and ended in this run: not started again by it. */
    boolean ended;
    /** Its lease was lost while it ran: its end neither finishes nor releases it. */
    boolean leaseLost;
    /** The step that may be stopped (a wait or a download), or {@code null}. */
    Future<?> stoppable;

    RowState(BatchRow row, String digest, int generation, TaskRecord initialRecord) {
        this.row = row;
        this.digest = digest;
        this.generation = generation;
        this.initialRecord = initialRecord;
        this.current = JournalRows.derived(row, initialRecord, generation);
    }

    String journalReference() {
        return JournalRows.reference(row.reference(), generation);
    }

    String reference() {
        return row.reference();
    }
}
