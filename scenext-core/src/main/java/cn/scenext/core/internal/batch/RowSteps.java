package cn.scenext.core.internal.batch;

import cn.scenext.api.TaskId;
import cn.scenext.api.TaskStatus;
import cn.scenext.api.exception.JournalException;
import cn.scenext.api.exception.ScenextException;
import cn.scenext.api.internal.Futures;
import cn.scenext.core.batch.BatchOptions;
import cn.scenext.core.batch.BatchRowResult;
import cn.scenext.core.batch.BatchRowResult.Status;
import cn.scenext.core.internal.client.ClientParts;
import cn.scenext.core.internal.download.SavedFile;
import cn.scenext.core.internal.webhook.Hex;
import cn.scenext.core.journal.TaskRecord;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;

/**
 * The steps of one row, chosen by what the journal holds for it: create (journaled, at the next creation slot),
 * wait, download, check. Each step ends in {@link BatchRunner#ended} exactly once.
 */
final class RowSteps {
    private final BatchRunner runner;
    private final ClientParts parts;
    private final BatchOptions options;

    RowSteps(BatchRunner runner, ClientParts parts, BatchOptions options) {
        this.runner = runner;
        this.parts = parts;
        this.options = options;
    }

    private static BatchRowResult.Builder result(RowState row, Status status) {
        return BatchRowResult.builder(row.reference(), status).journalReference(row.journalReference());
    }

    private void end(RowState row, BatchRowResult.Builder b) {
        runner.ended(row, b.build());
    }

    private void incomplete(RowState row, TaskId taskId, String detail) {
        end(row, result(row, Status.INCOMPLETE).taskId(taskId).detail(detail));
    }

    /** Starts a claimed row, on the batch's threads. */
    void start(RowState row) {
        try {
            Optional<TaskRecord> found = runner.journalOf().find(row.journalReference());
            if (!found.isPresent()) {
                create(row);
                return;
            }
            TaskRecord record = found.get();
            TaskId taskId = record.taskId().orElse(null);
            switch (record.status()) {
                case CREATING:
                case OUTCOME_UNKNOWN:
                    if (options.recreateUnknown()) {
                        row.generation++;
                        create(row);
                    } else {
                        end(row, result(row, Status.UNKNOWN).detail("the creation's outcome is unknown ("
                                + record.detail().orElse("the process stopped while it was being sent")
                                + "); the task may exist. Not created again unless recreateUnknown(true)."));
                    }
                    return;
                case REFUSED: // the service created nothing: trying again cannot create the task twice
                    create(row);
                    return;
                case FAILED:
                    end(row, result(row, Status.FAILED).taskId(taskId).detail("the task failed"));
                    return;
                case CREATED:
                    await(row, taskId);
                    return;
                case COMPLETED:
                    fetchThenDownload(row, taskId);
                    return;
                case SAVED:
                    if (!checkSaved(row, record)) {
                        fetchThenDownload(row, taskId);
                    }
                    return;
                default:
                    throw new AssertionError(record.status());
            }
        } catch (RuntimeException e) {
            incomplete(row, row.current.taskId().orElse(null), "the journal could not be read: "
                    + BatchRunner.describe(e));
        }
    }

    /** A saved video that is there whole, as recorded: completed without any request. */
    private boolean checkSaved(RowState row, TaskRecord record) {
        Path file = Paths.get(record.file().get());
        try {
            if (!Files.isRegularFile(file) || Files.size(file) != record.size()) {
                return false;
            }
            MessageDigest digest = SavedFile.newDigest();
            byte[] buffer = new byte[64 * 1024];
            try (InputStream in = Files.newInputStream(file)) {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    digest.update(buffer, 0, n);
                }
            }
            if (!Hex.encode(digest.digest()).equals(record.sha256().orElse(""))) {
                return false;
            }
        } catch (IOException e) {
            return false;
        }
        end(row, result(row, Status.COMPLETED).taskId(record.taskId().orElse(null)).file(file)
                .size(record.size()).sha256(record.sha256().get()));
        return true;
    }

    /** Creates the row's task at the next creation slot. */
    private void create(RowState row) {
        long delay = runner.creationDelayNanos();
        if (delay <= 0) {
            send(row);
            return;
        }
        try {
            runner.scheduler().schedule(() -> runner.execute(() -> send(row)), Duration.ofNanos(delay));
        } catch (RuntimeException e) {
            incomplete(row, null, "not created: the client's timer stopped (the client was closed)");
        }
    }

    private void send(RowState row) {
        if (runner.stopping() || !parts.state().isOpen()) {
            incomplete(row, null, "not created: " + (runner.stopping() ? runner.stopReason(row)
                    : "the client was closed"));
            return;
        }
        CompletableFuture<TaskId> creating;
        try {
            creating = parts.generateVideoAsync(row.journalReference(), row.row.request());
        } catch (JournalException e) {
            incomplete(row, null, "not created: " + (e.reason() == JournalException.Reason.ILLEGAL_STEP
                    ? "the journal already holds a creation under '" + row.journalReference() + "' (another "
                    + "process may be creating it): " : "") + e.getMessage());
            return;
        } catch (RuntimeException e) {
            recordCreationFailure(row, e);
            return;
        }
        // a creation is never stopped: its outcome must be recorded
        creating.whenComplete((taskId, failure) -> {
            if (failure != null) {
                recordCreationFailure(row, Futures.unwrap(failure));
                return;
            }
            runner.changed(row, result(row, Status.INCOMPLETE).taskId(taskId).detail("created").build());
            await(row, taskId);
        });
    }

    private void recordCreationFailure(RowState row, Throwable failure) {
        boolean refused = failure instanceof ScenextException
                && !((ScenextException) failure).taskMayHaveBeenCreated();
        if (refused) {
            end(row, result(row, Status.FAILED).detail("the service refused the creation: "
                    + BatchRunner.describe(failure) + "; nothing was created, and a later run tries again"));
        } else {
            end(row, result(row, Status.UNKNOWN).detail("the creation's outcome is unknown ("
                    + BatchRunner.describe(failure) + "); the task may exist. Not created again unless "
                    + "recreateUnknown(true)."));
        }
    }

    /** Waits for the row's task (recorded in the journal by the client), then downloads its video. */
    private void await(RowState row, TaskId taskId) {
        if (runner.stopping()) {
            incomplete(row, taskId, runner.stopReason(row));
            return;
        }
        CompletableFuture<TaskStatus> waiting = parts.waitForCompletionAsync(taskId, options.waitOptions());
        runner.stoppable(row, waiting);
        waiting.whenComplete((status, failure) -> {
            if (failure == null && status.isCompleted()) {
                download(row, status);
                return;
            }
            TaskStatus failed = failure == null ? status : BatchRunner.failedStatus(failure);
            if (failed != null && failed.isFailed()) {
                end(row, result(row, Status.FAILED).taskId(taskId).credits(BatchRunner.credits(failed))
                        .detail("the task failed: " + failed.failureMessage().orElse("no reason given")));
            } else if (failure instanceof CancellationException || Futures.unwrap(failure)
                    instanceof CancellationException) {
                incomplete(row, taskId, runner.stopReason(row));
            } else {
                incomplete(row, taskId, "the wait ended: " + (failure == null ? "task " + status.state()
                        : BatchRunner.describe(failure)));
            }
        });
    }

    /** The journal says completed but no file saved: reads the status (for its URL), then downloads. */
    private void fetchThenDownload(RowState row, TaskId taskId) {
        parts.getStatusAsync(taskId).whenComplete((status, failure) -> {
            if (failure != null) {
                incomplete(row, taskId, "its status could not be read: " + BatchRunner.describe(failure));
            } else if (status.isCompleted()) {
                download(row, status);
            } else {
                await(row, taskId);
            }
        });
    }

    /** Downloads the video on the batch's threads, atomically, with its SHA-256 computed as it is written. */
    private void download(RowState row, TaskStatus status) {
        TaskId taskId = status.taskId();
        if (runner.stopping()) {
            incomplete(row, taskId, runner.stopReason(row));
            return;
        }
        String fileName = options.fileNamer().fileName(row.row, taskId);
        Path target = fileName == null ? null : runner.directory().resolve(fileName).normalize();
        if (target == null || !runner.directory().equals(target.getParent())) {
            incomplete(row, taskId, "the file namer gave \"" + fileName + "\", not a plain file name");
            return;
        }
        runner.changed(row, result(row, Status.INCOMPLETE).taskId(taskId).credits(BatchRunner.credits(status))
                .detail("downloading").build());
        CompletableFuture<SavedFile> saving = runner.submit(() -> parts.saveVideo(status, target,
                runner.downloadOptions()));
        runner.stoppable(row, saving);
        saving.whenComplete((saved, failure) -> {
            if (failure == null) {
                end(row, result(row, Status.COMPLETED).taskId(taskId).file(saved.path()).size(saved.size())
                        .sha256(saved.sha256()).credits(BatchRunner.credits(status)));
            } else if (failure instanceof CancellationException) {
                incomplete(row, taskId, runner.stopReason(row));
            } else {
                incomplete(row, taskId, "the download failed: " + BatchRunner.describe(failure));
            }
        });
    }
}
