package cn.scenext.core.internal.client;

import cn.scenext.api.GenerateVideoRequest;
import cn.scenext.api.TaskId;
import cn.scenext.api.TaskState;
import cn.scenext.api.TaskStatus;
import cn.scenext.api.exception.JournalException;
import cn.scenext.api.internal.Futures;
import cn.scenext.api.exception.ScenextException;
import cn.scenext.api.exception.TaskFailedException;
import cn.scenext.core.internal.canonical.CanonicalJson;
import cn.scenext.core.internal.download.SavedFile;
import cn.scenext.core.internal.json.ApiJson;
import cn.scenext.core.internal.webhook.Hex;
import cn.scenext.core.journal.JournalEntry;
import cn.scenext.core.journal.TaskJournal;
import cn.scenext.core.journal.TaskRecord;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the client writes into its {@link TaskJournal}, when it has one: a creation's start before its request
 * is sent (whose failure fails the call: nothing is sent), then its outcome, its task's end and its saved video
 * (whose failures are logged at ERROR and attached to the call's exception, if any, but never change the call's
 * result: each records a step that already happened, so a journal that missed one under-reports, and a
 * restarted process redoes a harmless step rather than skip a needed one). Thread-safe.
 */
public final class ClientJournal {
    private static final Logger LOG = LoggerFactory.getLogger(ClientJournal.class);

    private final TaskJournal journal;
    private final Clock clock;
    /** Task id to reference, for the tasks this journal knows; filled from the journal on first use. */
    private final Map<TaskId, String> references = new ConcurrentHashMap<>();
    private volatile boolean indexed;

    /**
     * Creates the recorder.
     *
     * @param journal the journal, or {@code null} for none (then only {@link #isPresent()} and the plain calls
     *     work)
     * @param clock the wall clock of the entries' times
     */
    public ClientJournal(TaskJournal journal, Clock clock) {
        this.journal = journal;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Whether the client has a journal.
     *
     * @return {@code true} when one was given to the builder
     */
    public boolean isPresent() {
        return journal != null;
    }

    /**
     * The journal.
     *
     * @return the journal
     * @throws IllegalStateException when the client has none
     */
    public TaskJournal journal() {
        if (journal == null) {
            throw new IllegalStateException("This Scenext client has no task journal; give it one with "
                    + "ScenextClient.builder().journal(TaskJournal.file(path)).");
        }
        return journal;
    }

    /**
     * The SHA-256, in hex, of a request's canonical JSON: the same request always has the same digest.
     *
     * @param request the request
     * @return 64 lower-case hexadecimal digits
     */
    public static String digest(GenerateVideoRequest request) {
        return sha256(CanonicalJson.canonicalize(ApiJson.writeGenerateVideoRequest(request)));
    }

    private static String sha256(byte[] bytes) {
        return Hex.encode(SavedFile.newDigest().digest(bytes));
    }

    /**
     * A fresh reference for a creation the caller did not name.
     *
     * @return a random reference
     */
    public static String randomReference() {
        return "auto-" + UUID.randomUUID();
    }

    /**
     * Records a creation's start, then sends it (synchronously) and records its outcome.
     *
     * @param reference the creation's reference
     * @param request the request
     * @param send sends the request and returns the new task's id
     * @return the new task's id
     * @throws JournalException when the start cannot be recorded (then nothing was sent)
     */
    public TaskId create(String reference, GenerateVideoRequest request, Supplier<TaskId> send) {
        start(reference, request);
        TaskId id;
        try {
            id = send.get();
        } catch (RuntimeException e) {
            recordFailure(reference, e);
            throw e;
        }
        recordCreated(reference, id);
        return id;
    }

    /**
     * Records a creation's start on the caller's thread, then sends it and records its outcome before the
     * returned future completes. Cancelling the returned future cancels the send (whose outcome is then
     * recorded as unknown unless it had completed).
     *
     * @param reference the creation's reference
     * @param request the request
     * @param send starts sending the request
     * @return the new task's id to come
     * @throws JournalException when the start cannot be recorded (then nothing was sent)
     */
    public CompletableFuture<TaskId> createAsync(String reference, GenerateVideoRequest request,
            Supplier<CompletableFuture<TaskId>> send) {
        start(reference, request);
        CompletableFuture<TaskId> sending;
        try {
            sending = send.get();
        } catch (RuntimeException e) {
            recordFailure(reference, e);
            throw e;
        }
        CompletableFuture<TaskId> out = new CompletableFuture<>();
        sending.whenComplete((id, failure) -> {
            if (failure == null) {
                recordCreated(reference, id);
                out.complete(id);
            } else {
                Throwable cause = Futures.unwrap(failure);
                recordFailure(reference, cause);
                out.completeExceptionally(cause);
            }
        });
        out.whenComplete((id, failure) -> {
            if (out.isCancelled()) {
                sending.cancel(true);
            }
        });
        return out;
    }

    private void start(String reference, GenerateVideoRequest request) {
        Objects.requireNonNull(request, "request");
        journal().append(JournalEntry.creationStarted(reference, digest(request), clock.instant()));
    }

    private void recordCreated(String reference, TaskId id) {
        references.put(id, reference);
        later(JournalEntry.taskCreated(reference, id, clock.instant()), null);
    }

    private void recordFailure(String reference, Throwable failure) {
        boolean refused = failure instanceof ScenextException && !((ScenextException) failure).taskMayHaveBeenCreated();
        String why = failure instanceof ScenextException ? failure.getMessage() : failure.toString();
        if (why == null) {
            why = failure.getClass().getName();
        }
        later(refused ? JournalEntry.creationRefused(reference, why, clock.instant())
                : JournalEntry.creationOutcomeUnknown(reference, why, clock.instant()), failure);
    }

    /**
     * Records a step that already happened: a failure is logged at ERROR and attached to the call's failure.
     *
     * @return whether the step was recorded
     */
    private boolean later(JournalEntry entry, Throwable callFailure) {
        try {
            journal.append(entry);
            return true;
        } catch (RuntimeException e) {
            LOG.error("The task journal could not record {} (the step happened all the same; the journal now "
                    + "under-reports it, and a restarted process will redo it): {}", entry, e.toString(), e);
            if (callFailure != null && callFailure != e) {
                callFailure.addSuppressed(e);
            }
            return false;
        }
    }

    /**
     * The record of a task the journal knows, by its id.
     *
     * @param taskId the task
     * @return its record, when the journal has one for it
     */
    public Optional<TaskRecord> recordOf(TaskId taskId) {
        if (journal == null) {
            return Optional.empty();
        }
        String reference = references.get(taskId);
        if (reference == null) {
            index();
            reference = references.get(taskId);
        }
        return reference == null ? Optional.empty() : journal.find(reference);
    }

    /** Reads the task ids the journal holds: once, then again when a task is not found (another process's). */
    private void index() {
        for (TaskRecord r : journal.records()) {
            if (r.taskId().isPresent()) {
                references.putIfAbsent(r.taskId().get(), r.reference());
            }
        }
        indexed = true;
    }

    /**
     * Records a wait's end, when the journal knows the task and the wait ended on a terminal state.
     *
     * @param status the status the wait returned, or {@code null}
     * @param failure what the wait threw, or {@code null}
     */
    public void recordEnd(TaskStatus status, Throwable failure) {
        if (journal == null) {
            return;
        }
        TaskStatus terminal = status;
        if (terminal == null && failure instanceof TaskFailedException) {
            terminal = ((TaskFailedException) failure).status();
        }
        if (terminal == null || !terminal.isTerminal()) {
            return;
        }
        TaskId taskId = terminal.taskId();
        try {
            Optional<TaskRecord> record = recordOf(taskId);
            if (record.isPresent() && record.get().status() == TaskRecord.Status.CREATED) {
                later(JournalEntry.taskEnded(record.get().reference(), taskId, terminal.state(), clock.instant()),
                        failure);
            }
        } catch (RuntimeException e) {
            LOG.error("The task journal could not be read to record the end of task {}: {}", taskId.value(),
                    e.toString(), e);
            if (failure != null) {
                failure.addSuppressed(e);
            }
        }
    }

    /**
     * Wraps a wait so that its end is recorded before the returned future completes; cancelling the returned
     * future cancels the wait.
     *
     * @param wait the wait
     * @return the wait's outcome, once recorded
     */
    public CompletableFuture<TaskStatus> recordingEnd(CompletableFuture<TaskStatus> wait) {
        if (journal == null) {
            return wait;
        }
        CompletableFuture<TaskStatus> out = new CompletableFuture<>();
        wait.whenComplete((status, failure) -> {
            Throwable cause = failure == null ? null : Futures.unwrap(failure);
            recordEnd(status, cause);
            if (cause == null) {
                out.complete(status);
            } else {
                out.completeExceptionally(cause);
            }
        });
        out.whenComplete((s, f) -> {
            if (out.isCancelled()) {
                wait.cancel(true);
            }
        });
        return out;
    }

    /**
     * Whether a downloaded video should be recorded: the journal knows its task, which completed. A task the
     * journal still holds as running is recorded as ended first.
     *
     * @param status the task's status, {@code COMPLETED}
     * @return the reference to record the file under, if any
     */
    public Optional<String> referenceToSave(TaskStatus status) {
        if (journal == null || status.state() != TaskState.COMPLETED) {
            return Optional.empty();
        }
        try {
            Optional<TaskRecord> record = recordOf(status.taskId());
            if (!record.isPresent()) {
                return Optional.empty();
            }
            if (record.get().status() == TaskRecord.Status.CREATED) {
                recordEnd(status, null);
            }
            return Optional.of(record.get().reference());
        } catch (RuntimeException e) {
            LOG.error("The task journal could not be read before saving the video of task {}: {}",
                    status.taskId().value(), e.toString(), e);
            return Optional.empty();
        }
    }

    /**
     * Records a saved video.
     *
     * @param reference the creation's reference
     * @param taskId the task
     * @param file the file, absolute
     * @param size its size
     * @param sha256 its SHA-256, computed while it was written
     * @return whether the journal recorded it
     */
    public boolean recordSaved(String reference, TaskId taskId, Path file, long size, String sha256) {
        return later(JournalEntry.fileSaved(reference, taskId, file.toString(), size, sha256, clock.instant()),
                null);
    }

    @Override
    public String toString() {
        return "ClientJournal{" + (journal == null ? "none" : journal.toString()) + (indexed ? ", indexed" : "")
                + '}';
    }
}
