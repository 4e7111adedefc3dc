package cn.scenext.core.batch;

/**
 * A batch's counts at one moment. Immutable. Every row is counted in at most one of {@link #running()},
 * {@link #completed()}, {@link #failed()} and {@link #unknown()}; rows counted in none of them are waiting for
 * a slot (or ended this run unfinished).
 */
public final class BatchProgress {
    private final int total;
    private final int created;
    private final int running;
    private final int completed;
    private final int failed;
    private final int unknown;

    private BatchProgress(int total, int created, int running, int completed, int failed, int unknown) {
        this.total = total;
        this.created = created;
        this.running = running;
        this.completed = completed;
        this.failed = failed;
        this.unknown = unknown;
    }

    /**
     * Counts. Used by the batch runner; handy in tests of listeners.
     *
     * @param total the rows of the batch
     * @param created the rows whose task exists (created in this run or an earlier one)
     * @param running the rows being worked on now
     * @param completed the rows whose video is saved
     * @param failed the rows that failed
     * @param unknown the rows whose creation's outcome is unknown
     * @return the counts
     */
    public static BatchProgress of(int total, int created, int running, int completed, int failed, int unknown) {
        return new BatchProgress(total, created, running, completed, failed, unknown);
    }

    /**
     * The rows of the batch.
     *
     * @return the count
     */
    public int total() {
        return total;
    }

    /**
     * The rows whose task is known to exist, created in this run or an earlier one.
     *
     * @return the count
     */
    public int created() {
        return created;
    }

    /**
     * The rows being worked on now (creating, waiting or downloading): at most the batch's concurrency.
     *
     * @return the count
     */
    public int running() {
        return running;
    }

    /**
     * The rows whose video is saved.
     *
     * @return the count
     */
    public int completed() {
        return completed;
    }

    /**
     * The rows that failed: their task failed, or the service refused their creation.
     *
     * @return the count
     */
    public int failed() {
        return failed;
    }

    /**
     * The rows whose creation's outcome is unknown and that are not re-created.
     *
     * @return the count
     */
    public int unknown() {
        return unknown;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof BatchProgress)) {
            return false;
        }
        BatchProgress p = (BatchProgress) o;
        return total == p.total && created == p.created && running == p.running && completed == p.completed
                && failed == p.failed && unknown == p.unknown;
    }

    @Override
    public int hashCode() {
        return ((((total * 31 + created) * 31 + running) * 31 + completed) * 31 + failed) * 31 + unknown;
    }

    @Override
    public String toString() {
        return "BatchProgress{total=" + total + ", created=" + created + ", running=" + running + ", completed="
                + completed + ", failed=" + failed + ", unknown=" + unknown + '}';
    }
}
