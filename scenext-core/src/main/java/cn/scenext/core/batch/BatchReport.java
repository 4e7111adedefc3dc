package cn.scenext.core.batch;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * What a batch run did: one {@link BatchRowResult} per input row, in input order. Immutable.
 */
public final class BatchReport {
    private final List<BatchRowResult> rows;

    private BatchReport(List<BatchRowResult> rows) {
        this.rows = Collections.unmodifiableList(new ArrayList<>(rows));
    }

    /**
     * A report. Used by the batch runner; handy in tests.
     *
     * @param rows the rows' results, in input order
     * @return the report
     */
    public static BatchReport of(List<BatchRowResult> rows) {
        for (BatchRowResult r : Objects.requireNonNull(rows, "rows")) {
            Objects.requireNonNull(r, "row");
        }
        return new BatchReport(rows);
    }

    /**
     * The rows' results.
     *
     * @return one per input row, in input order
     */
    public List<BatchRowResult> rows() {
        return rows;
    }

    /**
     * How many rows ended with a status.
     *
     * @param status the status
     * @return the count
     */
    public int count(BatchRowResult.Status status) {
        Objects.requireNonNull(status, "status");
        int n = 0;
        for (BatchRowResult r : rows) {
            if (r.status() == status) {
                n++;
            }
        }
        return n;
    }

    /**
     * Whether every row completed with its video saved.
     *
     * @return {@code true} when every row is {@link BatchRowResult.Status#COMPLETED}
     */
    public boolean allCompleted() {
        return count(BatchRowResult.Status.COMPLETED) == rows.size();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BatchReport && rows.equals(((BatchReport) o).rows);
    }

    @Override
    public int hashCode() {
        return rows.hashCode();
    }

    @Override
    public String toString() {
        return "BatchReport{rows=" + rows.size() + ", completed=" + count(BatchRowResult.Status.COMPLETED)
                + ", failed=" + count(BatchRowResult.Status.FAILED) + ", unknown="
                + count(BatchRowResult.Status.UNKNOWN) + ", incomplete=" + count(BatchRowResult.Status.INCOMPLETE)
                + '}';
    }
}
