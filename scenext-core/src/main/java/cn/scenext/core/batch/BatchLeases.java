package cn.scenext.core.batch;

import cn.scenext.core.internal.batch.MemoryBatchLeases;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Who works on which row of a batch, so that several processes can share one batch and a process that dies
 * mid-row has its rows taken over by another. A row is named by its journal reference; a process (an
 * <em>owner</em>, e.g. a host name and process id) claims rows for a limited time (a <em>lease</em>), renews
 * its leases while it works, and finishes each row for good when it is done. A row whose lease ran out may be
 * claimed by anyone.
 *
 * <p>Leases only share out the work: they do not by themselves prevent a task from being created twice. That
 * is the {@link cn.scenext.core.journal.TaskJournal}'s job (a creation started twice is an illegal step), so an
 * owner that lost its lease while it was creating still cannot create the row's task a second time.
 *
 * <p>Lease expiry is measured on the implementation's clock (a database's own for a shared one, so that the
 * nodes' clocks need not agree). Implementations are thread-safe.
 */
public interface BatchLeases extends AutoCloseable {
    /**
     * Adds rows to a batch. Rows the batch already has are left as they are (finished rows stay finished), so
     * every node of a fleet, and every restart, may register the same rows.
     *
     * @param batch the batch's name (1 to 200 characters)
     * @param references the rows' journal references
     */
    void register(String batch, Collection<String> references);

    /**
     * Claims rows to work on: up to {@code max} rows of the batch that are not finished and that no unexpired
     * lease holds (rows whose holder's lease ran out are taken over), leased to {@code owner} for
     * {@code lease}. Rows the owner already holds are not returned again. Several owners claiming at once never
     * get the same row.
     *
     * @param batch the batch's name
     * @param owner who claims
     * @param max at most this many rows (at least 1)
     * @param lease how long the claim holds unless renewed
     * @return the claimed rows' references, in the order they were registered; empty when none is free
     */
    List<String> claim(String batch, String owner, int max, Duration lease);

    /**
     * Extends the owner's leases on rows it holds.
     *
     * @param batch the batch's name
     * @param owner the rows' holder
     * @param references the rows
     * @param lease the new lease, from now
     * @return the rows the owner still holds (a row whose lease ran out and was claimed by another is lost, and
     *     its work must stop)
     */
    Set<String> renew(String batch, String owner, Collection<String> references, Duration lease);

    /**
     * Marks a row finished for good: nobody claims it again.
     *
     * @param batch the batch's name
     * @param owner the row's holder
     * @param reference the row
     * @return {@code false} when the owner no longer held the row (nothing changed)
     */
    boolean finish(String batch, String owner, String reference);

    /**
     * Gives a row back unfinished, so that it may be claimed at once. Does nothing when the owner does not
     * hold it.
     *
     * @param batch the batch's name
     * @param owner the row's holder
     * @param reference the row
     */
    void release(String batch, String owner, String reference);

    /**
     * How many rows of the batch are not finished, leased or not.
     *
     * @param batch the batch's name
     * @return the count
     */
    int unfinished(String batch);

    /** Releases what the implementation holds (not the leases). Idempotent. */
    @Override
    void close();

    /**
     * Leases in this process's memory, for a batch that one process runs alone (the default of
     * {@link BatchOptions}): rows are shared between the runs of this JVM, and lost with it. Lease expiry is
     * measured on {@link System#nanoTime()}.
     *
     * @return the leases
     */
    static BatchLeases inMemory() {
        return new MemoryBatchLeases(System::nanoTime);
    }
}
