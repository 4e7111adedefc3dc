package cn.scenext.examples.cli;

import cn.scenext.api.Image;
import cn.scenext.api.Quality;
import cn.scenext.api.exception.JournalException;
import cn.scenext.api.exception.ScenextException;
import cn.scenext.core.ScenextClient;
import cn.scenext.core.batch.BatchListener;
import cn.scenext.core.batch.BatchOptions;
import cn.scenext.core.batch.BatchProgress;
import cn.scenext.core.batch.BatchReport;
import cn.scenext.core.batch.BatchRow;
import cn.scenext.core.batch.BatchRowResult;
import cn.scenext.core.journal.TaskJournal;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code scenext batch FILE --out-dir DIR}: every request of FILE made into a video saved in DIR, recorded in a
 * journal so that the same command run again (after a crash, a kill, a timeout) resumes where the last run
 * stopped and never creates a row's task twice. Progress on stderr, {@code DIR/report.jsonl} at the end, exit
 * code 0 only when every row's video is saved.
 */
final class BatchCommand {
    /** The directory inside DIR holding the default journal and the report's temporary file. */
    static final String WORK_DIR = ".scenext";
    /** The default journal's name inside {@link #WORK_DIR}. */
    static final String JOURNAL = "journal";
    /** A download's temporary file as the SDK names it, for a video named by its row's line: group 1 is the line. */
    private static final Pattern PART = Pattern.compile("\\.(\\d+)-.*\\.[0-9a-f]+\\.part");
    /** How long a stopped run (Ctrl-C, SIGTERM) waits for the batch to stop before the process ends. */
    private static final long STOP_GRACE_SECONDS = 5;

    private final PrintStream out;
    private final PrintStream err;
    private final boolean interactive;

    BatchCommand(PrintStream out, PrintStream err, boolean interactive) {
        this.out = out;
        this.err = err;
        this.interactive = interactive;
    }

    /** The options {@code scenext batch} accepts. */
    static CommandLine.Spec spec() {
        return new CommandLine.Spec()
                .value("--out-dir", "--journal", "--concurrency", "--poll-interval", "--wait-timeout", "--quality",
                        "--creations-per-second", "--max-image-size")
                .flag("--recreate-unknown")
                .positionals(1);
    }

    /**
     * Runs the batch.
     *
     * @param cl the parsed command line
     * @param clients a client builder with the global options applied
     * @return the exit code
     */
    int run(CommandLine cl, Supplier<ScenextClient.Builder> clients) {
        Path file = Paths.get(cl.positional(0, "FILE"));
        Path outDir = Paths.get(cl.required("--out-dir")).toAbsolutePath().normalize();
        Quality quality = cl.value("--quality") == null ? null : Quality.fromCode(cl.value("--quality"));
        int concurrency = positiveInt(cl, "--concurrency", BatchOptions.DEFAULT_CONCURRENCY);
        double rate = BatchOptions.DEFAULT_CREATIONS_PER_SECOND;
        if (cl.value("--creations-per-second") != null) {
            try {
                rate = Double.parseDouble(cl.value("--creations-per-second"));
            } catch (NumberFormatException e) {
                rate = Double.NaN;
            }
            if (!(rate > 0) || Double.isInfinite(rate)) {
                throw new UsageException("--creations-per-second takes a number above zero, such as 2 or 0.5; got \""
                        + cl.value("--creations-per-second") + "\"");
            }
        }
        long maxImageBytes = cl.value("--max-image-size") == null ? Image.DEFAULT_MAX_FILE_BYTES
                : Sizes.parse("--max-image-size", cl.value("--max-image-size"));
        if (maxImageBytes > Integer.MAX_VALUE - 8) {
            throw new UsageException("--max-image-size can be at most 2GiB less 8 bytes: an image is held in memory");
        }
        BatchOptions.Builder options = BatchOptions.builder()
                .concurrency(concurrency)
                .creationsPerSecond(rate)
                .recreateUnknown(cl.flag("--recreate-unknown"))
                .waitOptions(ScenextCli.waitOptions(cl).build());

        BatchInput input = BatchInput.read(file, quality, maxImageBytes);
        if (!input.problems.isEmpty()) {
            StringBuilder message = new StringBuilder(file + ": " + input.problems.size() + " bad line"
                    + (input.problems.size() == 1 ? "" : "s") + "; nothing was sent.");
            for (BatchInput.Problem p : input.problems) {
                message.append("\n  ").append(p);
            }
            throw new UsageException(message.toString());
        }
        if (input.rows.isEmpty()) {
            throw new UsageException(file + " has no request: it is empty or holds only blank lines");
        }
        List<BatchRow> rows = new ArrayList<>(input.rows.size());
        Set<Integer> lines = new HashSet<>();
        for (BatchInput.Row row : input.rows) {
            rows.add(BatchRow.of(Integer.toString(row.line), row.request));
            lines.add(row.line);
        }

        Path workDir = outDir.resolve(WORK_DIR);
        Path journalFile = cl.value("--journal") == null ? workDir.resolve(JOURNAL)
                : Paths.get(cl.value("--journal")).toAbsolutePath();
        try {
            Files.createDirectories(outDir);
            Files.createDirectories(workDir);
            if (journalFile.getParent() != null) {
                Files.createDirectories(journalFile.getParent());
            }
        } catch (IOException e) {
            throw LocalProblemException.of("Cannot create " + outDir, e);
        }
        ScenextClient.Builder builder = clients.get();      // the key is checked before the journal is opened
        try (TaskJournal journal = openJournal(journalFile)) {
            // This run holds the journal: nothing else writes this batch's files now, so what a killed run left
            // half-written is garbage (the journal knows which videos were saved whole).
            BatchReportFile.removeLeftovers(workDir);
            removePartialDownloads(outDir, lines);
            err.println("Batch of " + rows.size() + " row" + (rows.size() == 1 ? "" : "s") + " from " + file
                    + " (" + (input.format == BatchInput.Format.JSON_LINES ? "JSON Lines" : "one question a line")
                    + "), videos in " + outDir + ", journal " + journalFile + ".");
            ProgressBar bar = new ProgressBar(err, interactive, System::nanoTime);
            options.outputDirectory(outDir).listener(new BatchListener() {
                @Override
                public void onProgress(BatchProgress progress) {
                    bar.onBatch(progress);
                }
            });
            BatchReport report = runStoppably(builder.journal(journal), rows, options.build(), bar);
            Path written = BatchReportFile.write(report, outDir, workDir);
            return summarize(report, written, bar);
        }
    }

    private static TaskJournal openJournal(Path file) {
        try {
            return TaskJournal.file(file);
        } catch (JournalException e) {
            if (e.reason() == JournalException.Reason.LOCKED) {
                throw new LocalProblemException("The journal " + file + " is in use: another `scenext batch` runs on "
                        + "it now. Wait for it to end (one run at a time per journal).", e);
            }
            throw new LocalProblemException("Cannot open the journal " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Runs the batch; Ctrl-C or SIGTERM stops it (rows stay resumable) and the client is closed, so that the
     * downloads under way remove their temporary files, before the process ends.
     */
    private static BatchReport runStoppably(ScenextClient.Builder builder, List<BatchRow> rows, BatchOptions options,
            ProgressBar bar) {
        AtomicReference<CompletableFuture<BatchReport>> running = new AtomicReference<>();
        CountDownLatch closed = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            CompletableFuture<BatchReport> batch = running.get();
            if (batch != null) {
                batch.cancel(false);
            }
            try {
                closed.await(STOP_GRACE_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "scenext-cli-batch-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try (ScenextClient client = builder.build()) {
            CompletableFuture<BatchReport> batch = client.runBatchAsync(rows, options);
            running.set(batch);
            return withCredits(client, batch.get());
        } catch (CancellationException e) {
            bar.end();
            throw new LocalProblemException("Stopped; run the same command again to resume.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            CompletableFuture<BatchReport> batch = running.get();
            if (batch != null) {
                batch.cancel(false);
            }
            throw new LocalProblemException("Interrupted; run the same command again to resume.", e);
        } catch (ExecutionException e) {
            bar.end();
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw new IllegalStateException(cause);
        } finally {
            closed.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // shutting down: the hook is running
            }
        }
    }

    /**
     * Fills in the credits of COMPLETED rows that a previous run finished (the journal keeps no credits): one
     * status read each; a read that fails leaves the credits unknown ({@code null} in the report).
     */
    private static BatchReport withCredits(ScenextClient client, BatchReport report) {
        List<BatchRowResult> rows = new ArrayList<>(report.rows().size());
        boolean changed = false;
        for (BatchRowResult row : report.rows()) {
            if (row.status() == BatchRowResult.Status.COMPLETED && !row.credits().isPresent()
                    && row.taskId().isPresent()) {
                try {
                    rows.add(row.toBuilder().credits(client.getStatus(row.taskId().get()).creditsConsumed()).build());
                    changed = true;
                    continue;
                } catch (ScenextException e) {
                    // the report says null: the video is saved, only the figure is missing
                }
            }
            rows.add(row);
        }
        return changed ? BatchReport.of(rows) : report;
    }

    /** Removes the temporary files of downloads a killed run left beside the rows' videos. */
    static void removePartialDownloads(Path outDir, Set<Integer> lines) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(outDir, ".*.part")) {
            for (Path p : entries) {
                Matcher m = PART.matcher(p.getFileName().toString());
                if (m.matches() && lines.contains(Integer.parseInt(m.group(1))) && Files.isRegularFile(p)) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException | NumberFormatException e) {
            throw new LocalProblemException("Cannot clean the partial downloads in " + outDir + ": " + e.getMessage(),
                    e);
        }
    }

    private int summarize(BatchReport report, Path written, ProgressBar bar) {
        bar.end();
        int completed = report.count(BatchRowResult.Status.COMPLETED);
        int failed = report.count(BatchRowResult.Status.FAILED);
        int unknown = report.count(BatchRowResult.Status.UNKNOWN);
        int incomplete = report.count(BatchRowResult.Status.INCOMPLETE);
        err.println(completed + " completed, " + failed + " failed, " + unknown + " unknown, " + incomplete
                + " incomplete, in " + Durations.format(bar.elapsed()) + ". Report: " + written);
        for (BatchRowResult row : report.rows()) {
            if (row.status() != BatchRowResult.Status.COMPLETED) {
                err.println("  line " + row.reference() + ": " + row.status()
                        + row.taskId().map(id -> " (task " + id.value() + ")").orElse("")
                        + ": " + row.detail().orElse(why(row.status())));
            }
        }
        out.println(written);
        if (incomplete > 0) {
            err.println("Run the same command again to resume the INCOMPLETE rows.");
        }
        if (unknown > 0) {
            err.println("An UNKNOWN row's creation was cut before its response arrived: its task may exist (and cost "
                    + "credits) but cannot be found. Add --recreate-unknown to create it again anyway.");
        }
        if (incomplete > 0) {
            return ExitCode.BATCH_INCOMPLETE.code;
        }
        if (unknown > 0) {
            return ExitCode.BATCH_UNKNOWN.code;
        }
        return failed > 0 ? ExitCode.FAILED.code : 0;
    }

    private static String why(BatchRowResult.Status status) {
        switch (status) {
            case FAILED:
                return "the task failed or the service refused the request";
            case UNKNOWN:
                return "the creation's outcome is unknown";
            default:
                return "not finished in this run";
        }
    }

    private static int positiveInt(CommandLine cl, String option, int otherwise) {
        String v = cl.value(option);
        if (v == null) {
            return otherwise;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(option + " takes a whole number of at least 1; got \"" + v + "\"");
    }
}
