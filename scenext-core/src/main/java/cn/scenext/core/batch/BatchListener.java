package cn.scenext.core.batch;

/**
 * Told of a batch's progress, for a progress bar or a log. Calls come from the threads that run the batch (the
 * client's timer, a transport's, the download executor), one at a time per batch; a listener must be quick and
 * must not block. Anything it throws is logged and ignored: it never stops the batch.
 */
public interface BatchListener {
    /**
     * A row changed: it was created, started waiting, was saved, failed, or ended this run unfinished.
     *
     * @param row the row as it stands now
     */
    default void onRowChanged(BatchRowResult row) {
    }

    /**
     * The batch's counts changed.
     *
     * @param progress the counts now
     */
    default void onProgress(BatchProgress progress) {
    }

    /**
     * A listener that is told nothing.
     *
     * @return the listener
     */
    static BatchListener none() {
        return new BatchListener() {
        };
    }
}
