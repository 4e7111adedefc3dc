package cn.scenext.core.internal.batch;

import cn.scenext.api.exception.InvalidValueException;
import cn.scenext.core.batch.BatchRow;
import cn.scenext.core.batch.BatchRowResult;
import cn.scenext.core.batch.BatchRowResult.Status;
import cn.scenext.core.internal.client.ClientJournal;
import cn.scenext.core.journal.TaskJournal;
import cn.scenext.core.journal.TaskRecord;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the journal says of a batch's rows: each row's current journal reference (the row's own, or the last of
 * its re-creations {@code ref#2}, {@code ref#3}, ...), the check that the input did not change, and the result a
 * row's record stands for when this run does not work on it.
 */
final class JournalRows {
    private JournalRows() {
    }

    /** The journal reference of a row's {@code generation}-th creation: {@code ref}, then {@code ref#2}, ... */
    static String reference(String rowReference, int generation) {
        return generation == 1 ? rowReference : rowReference + "#" + generation;
    }

    /**
     * Checks the rows (unique references, requests as the journal recorded them) and finds each one's latest
     * creation, before anything is sent.
     *
     * @return per row, in input order, its state
     * @throws InvalidValueException when two rows share a reference or a row's request changed
     */
    static List<RowState> resolve(List<BatchRow> rows, TaskJournal journal) {
        Map<String, Integer> seen = new HashMap<>();
        List<RowState> out = new ArrayList<>(rows.size());
        List<String> changed = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            BatchRow row = rows.get(i);
            if (row == null) {
                throw new NullPointerException("rows[" + i + "]");
            }
            Integer before = seen.put(row.reference(), i);
            if (before != null) {
                throw new InvalidValueException("rows", "Rows " + (before + 1) + " and " + (i + 1) + " share the "
                        + "reference '" + row.reference() + "'; each row of a batch needs its own. Nothing was sent.");
            }
            String digest = ClientJournal.digest(row.request());
            int generation = 1;
            Optional<TaskRecord> record = journal.find(row.reference());
            // a refused creation created nothing: its row may come back with another request
            boolean differs = record.isPresent() && record.get().status() != TaskRecord.Status.REFUSED
                    && !digest.equals(record.get().requestDigest());
            while (!differs && record.isPresent() && record.get().isOutcomeUnknown()) {
                Optional<TaskRecord> next = journal.find(reference(row.reference(), generation + 1));
                if (!next.isPresent()) {
                    break;
                }
                generation++;
                record = next;
                differs = !digest.equals(record.get().requestDigest());
            }
            if (differs) {
                changed.add("'" + reference(row.reference(), generation) + "' (row " + (i + 1) + ")");
            }
            out.add(new RowState(row, digest, generation, record.orElse(null)));
        }
        if (!changed.isEmpty()) {
            throw new InvalidValueException("rows", "The journal recorded another request under " + changed.size()
                    + " of these rows' references: " + String.join(", ", changed.subList(0, Math.min(5,
                    changed.size()))) + (changed.size() > 5 ? ", ..." : "") + ". The input changed since the batch "
                    + "first ran: restore those rows, give changed rows new references, or use a new journal. "
                    + "Nothing was sent.");
        }
        return out;
    }

    /**
     * The result a row's record stands for, for a row this run did not (or not yet) work on.
     *
     * @param row the row
     * @param record its latest record, or {@code null}
     * @param generation its creation's generation
     * @return the result
     */
    static BatchRowResult derived(BatchRow row, TaskRecord record, int generation) {
        String journalReference = reference(row.reference(), generation);
        if (record == null) {
            return BatchRowResult.builder(row.reference(), Status.INCOMPLETE).journalReference(journalReference)
                    .detail("not started").build();
        }
        BatchRowResult.Builder b;
        switch (record.status()) {
            case SAVED:
                b = BatchRowResult.builder(row.reference(), Status.COMPLETED).file(Paths.get(record.file().get()))
                        .size(record.size()).sha256(record.sha256().orElse(null));
                break;
            case FAILED:
                b = BatchRowResult.builder(row.reference(), Status.FAILED).detail("the task failed");
                break;
            case REFUSED:
                b = BatchRowResult.builder(row.reference(), Status.FAILED)
                        .detail("the service refused the creation: " + record.detail().orElse("?")
                                + "; nothing was created, and a later run tries again");
                break;
            case CREATING:
            case OUTCOME_UNKNOWN:
                b = BatchRowResult.builder(row.reference(), Status.UNKNOWN).detail("the creation's outcome is "
                        + "unknown" + record.detail().map(d -> ": " + d).orElse(" (the process stopped while it "
                        + "was being sent)"));
                break;
            default:
                b = BatchRowResult.builder(row.reference(), Status.INCOMPLETE).detail(record.status() == TaskRecord
                        .Status.CREATED ? "the task is running" : "the video is not saved yet");
        }
        return b.journalReference(journalReference).taskId(record.taskId().orElse(null)).build();
    }
}
