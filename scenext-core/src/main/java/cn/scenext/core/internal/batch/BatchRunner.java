package cn.scenext.core.internal.batch;

import cn.scenext.api.TaskStatus;
import cn.scenext.api.exception.DownloadException;
import cn.scenext.api.exception.ErrorDetails;
import cn.scenext.api.exception.JournalException;
import cn.scenext.api.exception.ScenextException;
import cn.scenext.api.exception.TaskFailedException;
import cn.scenext.api.internal.Futures;
import cn.scenext.core.batch.BatchLeases;
import cn.scenext.core.batch.BatchOptions;
import cn.scenext.core.batch.BatchProgress;
import cn.scenext.core.batch.BatchReport;
import cn.scenext.core.batch.BatchRow;
import cn.scenext.core.batch.BatchRowResult;
import cn.scenext.core.batch.BatchRowResult.Status;
import cn.scenext.core.download.DownloadOptions;
import cn.scenext.core.download.OverwritePolicy;
import cn.scenext.core.internal.client.ClientParts;
import cn.scenext.core.internal.poll.PollRateLimiter;
import cn.scenext.core.internal.poll.TaskWaiter;
import cn.scenext.core.journal.TaskJournal;
import cn.scenext.core.schedule.Scheduler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one batch for a client. Rows are claimed from the leases up to the free slots; each claimed row goes,
 * by what the journal holds for it, through creation (journaled, rate-limited on the client's timer),
 * wait (asynchronous: no thread), download (on one of the batch's own threads, at most one per slot) and
 * check, and ends finished (completed or failed: finished in the leases) or not (unknown outcome, or
 * incomplete in this run: given back at the end). Blocking work (the leases, the journal's first entry, the
 * downloads) runs on the batch's threads, never on the client's timer. The run ends when no row is in flight
 * and none is left to claim; rows that another owner holds are claimed again when their lease runs out.
 */
public final class BatchRunner {
    private static final Logger LOG = LoggerFactory.getLogger(BatchRunner.class);
    private static final AtomicInteger RUN_NUMBER = new AtomicInteger();

    private final ClientParts parts;
    private final TaskJournal journal;
    private final BatchOptions options;
    private final BatchLeases leases;
    private final String name;
    private final String owner;
    private final Path directory;
    private final List<RowState> rows;
    private final Map<String, RowState> byReference = new LinkedHashMap<>();
    private final PollRateLimiter limiter;
    private final Scheduler scheduler;
    private final ExecutorService work;
    private final DownloadOptions downloadOptions;
    private final CompletableFuture<BatchReport> result = new CompletableFuture<>();
    private final RowSteps steps;
    private final Object lock = new Object();
    private final Object listenerLock = new Object();
    private int inFlight;
    private boolean stopping;
    private boolean pumping;
    private boolean pumpAgain;
    private boolean done;
    /** Rows this run holds without working on them: foreign to its input, or ended in it. */
    private final List<String> heldIdle = new ArrayList<>();
    private Scheduler.Cancellable renewTimer;
    private Scheduler.Cancellable reclaimTimer;

    private BatchRunner(ClientParts parts, List<BatchRow> input, BatchOptions options) {
        this.parts = parts;
        this.journal = parts.journal().journal();
        this.options = options;
        this.leases = options.leases();
        this.name = options.name();
        this.owner = options.owner();
        this.directory = options.outputDirectory().toAbsolutePath();
        this.rows = JournalRows.resolve(input, journal);
        for (RowState r : rows) {
            byReference.put(r.reference(), r);
        }
        this.limiter = PollRateLimiter.of(options.creationsPerSecond());
        this.scheduler = parts.scheduler();
        int threads = options.concurrency() + 1;
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), daemonThreads("scenext-batch-" + RUN_NUMBER.incrementAndGet() + "-"));
        pool.allowCoreThreadTimeOut(true);
        this.work = pool;
        this.downloadOptions = options.downloadOptions().toBuilder().overwrite(OverwritePolicy.REPLACE)
                .syncToDisk(true).build();
        this.steps = new RowSteps(this, parts, options);
    }

    private static java.util.concurrent.ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /**
     * Starts a batch: checks the rows against the journal and registers them, all before anything is sent.
     *
     * @param parts the client
     * @param rows the rows
     * @param options how to run them
     * @return the report to come; cancelling it stops the batch
     * @throws IllegalStateException when the client has no journal
     * @throws cn.scenext.api.exception.InvalidValueException when the rows are refused
     */
    public static CompletableFuture<BatchReport> start(ClientParts parts, List<BatchRow> rows,
            BatchOptions options) {
        Objects.requireNonNull(rows, "rows");
        Objects.requireNonNull(options, "options");
        parts.journal().journal();
        BatchRunner runner = new BatchRunner(parts, new ArrayList<>(rows), options);
        runner.begin();
        return runner.result;
    }

    /**
     * Runs a batch, blocking; an interrupt cancels it.
     *
     * @param parts the client
     * @param rows the rows
     * @param options how to run them
     * @return the report
     */
    public static BatchReport runBlocking(ClientParts parts, List<BatchRow> rows, BatchOptions options) {
        CompletableFuture<BatchReport> f = start(parts, rows, options);
        try {
            return f.get();
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            throw new CancellationException("The batch was interrupted; its unfinished rows stay resumable");
        } catch (ExecutionException e) {
            throw TaskWaiter.rethrow(e.getCause());
        }
    }

    private void begin() {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            work.shutdown();
            throw new DownloadException(DownloadException.Reason.WRITE_FAILED, "The batch's output directory "
                    + directory + " cannot be created: " + e, e, ErrorDetails.none());
        }
        List<String> references = new ArrayList<>(byReference.keySet());
        leases.register(name, references);
        // rows an earlier run under the same owner name left held (it died): give them back, to claim at once
        for (String held : leases.renew(name, owner, references, options.lease())) {
            leases.release(name, owner, held);
        }
        result.whenComplete((report, failure) -> {
            if (result.isCancelled()) {
                stop();
            }
        });
        scheduleRenewal();
        pump();
    }

    // ---- claiming -------------------------------------------------------------------------------------------

    /** Claims and starts rows, on the batch's threads. */
    void pump() {
        execute(this::pumpNow);
    }

    private void pumpNow() {
        synchronized (lock) {
            if (pumping) {
                pumpAgain = true;
                return;
            }
            pumping = true;
        }
        try {
            boolean again = true;
            while (again) {
                int free;
                synchronized (lock) {
                    pumpAgain = false;
                    free = stopping || done ? 0 : options.concurrency() - inFlight;
                }
                if (free > 0 && !parts.state().isOpen()) {
                    synchronized (lock) {
                        stopping = true;
                    }
                    free = 0;
                }
                if (free > 0) {
                    for (String reference : leases.claim(name, owner, free, options.lease())) {
                        RowState row = byReference.get(reference);
                        boolean start;
                        synchronized (lock) {
                            start = row != null && !row.ended && !row.active && !stopping;
                            if (start) {
                                row.active = true;
                                row.leaseLost = false;
                                inFlight++;
                            } else {
                                heldIdle.add(reference);
                            }
                        }
                        if (start) {
                            changed(row, row.current);
                            steps.start(row);
                        }
                    }
                }
                maybeEnd();
                synchronized (lock) {
                    again = pumpAgain;
                    if (!again) {
                        pumping = false;
                    }
                }
            }
        } catch (RuntimeException | Error e) {
            synchronized (lock) {
                pumping = false;
                stopping = true;
            }
            LOG.error("Batch {}: the leases failed; stopping the batch: {}", name, e.toString(), e);
            result.completeExceptionally(e);
            stop();
        }
    }

    /** Ends the run when nothing is in flight and nothing is left to claim, or waits for others' leases. */
    private void maybeEnd() {
        boolean stop;
        int ownUnfinished = 0;
        synchronized (lock) {
            if (inFlight > 0 || done) {
                return;
            }
            stop = stopping;
            for (RowState r : rows) {
                if (r.ended && !isFinal(r.current.status())) {
                    ownUnfinished++;
                }
            }
        }
        if (!stop) {
            int othersHold = leases.unfinished(name) - ownUnfinished - foreignHeld();
            if (othersHold > 0) {
                scheduleReclaim();
                return;
            }
        }
        end();
    }

    private int foreignHeld() {
        int n = 0;
        synchronized (lock) {
            for (String reference : heldIdle) {
                if (!byReference.containsKey(reference)) {
                    n++;
                }
            }
        }
        return n;
    }

    private void scheduleReclaim() {
        Duration delay = options.lease().dividedBy(3);
        synchronized (lock) {
            if (done) {
                return;
            }
            reclaimTimer = scheduleQuietly(this::pump, delay);
        }
    }

    private void scheduleRenewal() {
        synchronized (lock) {
            if (!done) {
                renewTimer = scheduleQuietly(() -> execute(this::renew), options.lease().dividedBy(3));
            }
        }
    }

    private Scheduler.Cancellable scheduleQuietly(Runnable action, Duration delay) {
        try {
            return scheduler.schedule(action, delay);
        } catch (RejectedExecutionException e) {
            // the client's timer stopped (the client was closed): the rows in flight end with it
            return null;
        }
    }

    /** Renews the leases of the rows in flight; a row whose lease was lost stops. */
    private void renew() {
        List<String> active = new ArrayList<>();
        synchronized (lock) {
            for (RowState r : rows) {
                if (r.active) {
                    active.add(r.reference());
                }
            }
        }
        if (!active.isEmpty()) {
            try {
                Set<String> held = leases.renew(name, owner, active, options.lease());
                for (String reference : active) {
                    if (!held.contains(reference)) {
                        RowState r = byReference.get(reference);
                        LOG.warn("Batch {}: the lease on row {} was lost to another owner; this run stops it",
                                name, reference);
                        synchronized (lock) {
                            r.leaseLost = true;
                        }
                        cancelStep(r);
                    }
                }
            } catch (RuntimeException e) {
                LOG.warn("Batch {}: renewing the leases failed (tried again in {}): {}", name,
                        options.lease().dividedBy(3), e.toString());
            }
        }
        scheduleRenewal();
    }

    // ---- rows' ends -----------------------------------------------------------------------------------------

    /** Tells the listener a row changed. */
    void changed(RowState row, BatchRowResult now) {
        BatchProgress progress;
        synchronized (lock) {
            row.current = now;
            progress = progress();
        }
        synchronized (listenerLock) {
            try {
                options.listener().onRowChanged(now);
                options.listener().onProgress(progress);
            } catch (RuntimeException | Error e) {
                LOG.warn("Batch {}: its listener threw (ignored): {}", name, e.toString(), e);
            }
        }
    }

    /**
     * Ends a row's work in this run: finished in the leases when its result is final, otherwise given back at
     * the end of the run.
     */
    void ended(RowState row, BatchRowResult end) {
        boolean lost;
        synchronized (lock) {
            if (!row.active) {
                return;
            }
            row.active = false;
            row.ended = true;
            row.stoppable = null;
            inFlight--;
            lost = row.leaseLost;
        }
        changed(row, end);
        execute(() -> {
            if (!lost && isFinal(end.status())) {
                try {
                    leases.finish(name, owner, row.reference());
                } catch (RuntimeException e) {
                    LOG.warn("Batch {}: row {} could not be marked finished in the leases (a later run will see "
                            + "it done in the journal): {}", name, row.reference(), e.toString());
                }
            }
            pumpNow();
        });
    }

    private static boolean isFinal(Status status) {
        return status == Status.COMPLETED || status == Status.FAILED;
    }

    /** Whether rows must stop: the batch was cancelled, or failed. */
    boolean stopping() {
        synchronized (lock) {
            return stopping;
        }
    }

    /** Sets the step of a row that {@link #stop()} and a lost lease stop. */
    void stoppable(RowState row, java.util.concurrent.Future<?> step) {
        boolean stopNow;
        synchronized (lock) {
            row.stoppable = step;
            stopNow = stopping || row.leaseLost;
        }
        if (stopNow) {
            step.cancel(true);
        }
    }

    private void cancelStep(RowState row) {
        java.util.concurrent.Future<?> step;
        synchronized (lock) {
            step = row.stoppable;
        }
        if (step != null) {
            step.cancel(true);
        }
    }

    /** Why a row stopped without ending, in words. */
    String stopReason(RowState row) {
        synchronized (lock) {
            if (row.leaseLost) {
                return "its lease was lost to another owner";
            }
            return result.isCancelled() ? "the batch was cancelled" : "the batch stopped";
        }
    }

    /** Stops the batch: no row starts, waits and downloads stop; creations in flight end and are recorded. */
    private void stop() {
        List<RowState> active = new ArrayList<>();
        synchronized (lock) {
            stopping = true;
            for (RowState r : rows) {
                if (r.active) {
                    active.add(r);
                }
            }
        }
        for (RowState r : active) {
            cancelStep(r);
        }
        pump();
    }

    private void end() {
        List<String> release = new ArrayList<>();
        synchronized (lock) {
            if (done) {
                return;
            }
            done = true;
            cancelTimer(renewTimer);
            cancelTimer(reclaimTimer);
            for (RowState r : rows) {
                if (r.ended && !isFinal(r.current.status()) && !r.leaseLost) {
                    release.add(r.reference());
                }
            }
            release.addAll(heldIdle);
        }
        for (String reference : release) {
            try {
                leases.release(name, owner, reference);
            } catch (RuntimeException e) {
                LOG.warn("Batch {}: row {} could not be given back (its lease will run out): {}", name, reference,
                        e.toString());
            }
        }
        List<BatchRowResult> out = new ArrayList<>(rows.size());
        synchronized (lock) {
            for (RowState r : rows) {
                out.add(r.current);
            }
        }
        work.shutdown();
        result.complete(BatchReport.of(out));
    }

    private static void cancelTimer(Scheduler.Cancellable timer) {
        if (timer != null) {
            timer.cancel();
        }
    }

    /** The counts now; under the lock. */
    private BatchProgress progress() {
        int created = 0;
        int completed = 0;
        int failed = 0;
        int unknown = 0;
        for (RowState r : rows) {
            if (r.current.taskId().isPresent()) {
                created++;
            }
            if (!r.active) {
                Status s = r.current.status();
                completed += s == Status.COMPLETED ? 1 : 0;
                failed += s == Status.FAILED ? 1 : 0;
                unknown += s == Status.UNKNOWN ? 1 : 0;
            }
        }
        return BatchProgress.of(rows.size(), created, inFlight, completed, failed, unknown);
    }

    /** Runs blocking work on the batch's threads; once the batch ended, nothing more. */
    void execute(Runnable action) {
        try {
            work.execute(action);
        } catch (RejectedExecutionException e) {
            LOG.debug("Batch {} ended; dropped {}", name, action);
        }
    }

    /** Runs a download on the batch's threads. */
    <T> CompletableFuture<T> submit(java.util.function.Supplier<T> action) {
        CompletableFuture<T> f = new CompletableFuture<>();
        try {
            java.util.concurrent.Future<?> task = work.submit(() -> {
                try {
                    f.complete(action.get());
                } catch (RuntimeException | Error e) {
                    f.completeExceptionally(e);
                }
            });
            f.whenComplete((v, e) -> {
                if (f.isCancelled()) {
                    task.cancel(true);
                }
            });
        } catch (RejectedExecutionException e) {
            f.completeExceptionally(new CancellationException("the batch ended"));
        }
        return f;
    }

    /** Reserves the next creation slot: how long to wait for it, in nanoseconds of the client's timer. */
    long creationDelayNanos() {
        if (limiter == null) {
            return 0;
        }
        long now = scheduler.nanoTime();
        return limiter.reserve(now) - now;
    }

    Scheduler scheduler() {
        return scheduler;
    }

    Path directory() {
        return directory;
    }

    DownloadOptions downloadOptions() {
        return downloadOptions;
    }

    TaskJournal journalOf() {
        return journal;
    }

    /** The failure, unwrapped, in words for a row's detail. */
    static String describe(Throwable failure) {
        Throwable t = Futures.unwrap(failure);
        if (t instanceof ScenextException || t instanceof JournalException) {
            return t.getMessage();
        }
        return t.toString();
    }

    /** The credits of a terminal status. */
    static java.math.BigDecimal credits(TaskStatus status) {
        return status == null ? null : status.creditsConsumed();
    }

    /** A task's failure reason, from the failure a wait ended with. */
    static TaskStatus failedStatus(Throwable failure) {
        Throwable t = Futures.unwrap(failure);
        return t instanceof TaskFailedException ? ((TaskFailedException) t).status() : null;
    }
}
