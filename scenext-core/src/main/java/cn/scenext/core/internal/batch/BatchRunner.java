package cn.scenext.core.internal.batch;

import cn.scenext.core.batch.BatchOptions;
import cn.scenext.core.batch.BatchReport;
import cn.scenext.core.batch.BatchRow;
import cn.scenext.core.internal.client.ClientParts;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Runs one batch for a client. */
public final class BatchRunner {
    private BatchRunner() {
    }

    /**
     * Starts a batch.
     *
     * @param parts the client
     * @param rows the rows
     * @param options how to run them
     * @return the report to come
     */
    public static CompletableFuture<BatchReport> start(ClientParts parts, List<BatchRow> rows, BatchOptions options) {
        throw new UnsupportedOperationException("batch runner: being written");
    }

    /**
     * Runs a batch, blocking.
     *
     * @param parts the client
     * @param rows the rows
     * @param options how to run them
     * @return the report
     */
    public static BatchReport runBlocking(ClientParts parts, List<BatchRow> rows, BatchOptions options) {
        return start(parts, rows, options).join();
    }
}
