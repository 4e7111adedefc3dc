package cn.scenext.testkit.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import cn.scenext.api.GenerateVideoRequest;
import cn.scenext.api.TaskId;
import cn.scenext.api.TaskStatus;
import cn.scenext.api.exception.AuthenticationException;
import cn.scenext.api.exception.JournalException;
import cn.scenext.api.exception.ScenextException;
import cn.scenext.api.exception.TaskFailedException;
import cn.scenext.api.transport.HttpRequest;
import cn.scenext.core.Attempt;
import cn.scenext.core.Interceptor;
import cn.scenext.core.ScenextClient;
import cn.scenext.core.journal.JournalEntry;
import cn.scenext.core.journal.TaskJournal;
import cn.scenext.core.journal.TaskRecord;
import cn.scenext.testkit.Endpoint;
import cn.scenext.testkit.Fault;
import cn.scenext.testkit.ScenextSimulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ScenextClient.Builder.journal(...)}: what the client records, and when. */
class ClientJournalTest {
    private static final GenerateVideoRequest REQUEST = GenerateVideoRequest.ofQuestion("What is 1 + 1?");

    @TempDir
    Path dir;

    private final ScenextSimulator sim = ScenextSimulator.builder().taskDuration(Duration.ofMillis(200)).start();
    private final TaskJournal journal = TaskJournal.inMemory();
    /** The journal's record of reference "q1" at the moment each gen_video request was sent. */
    private final List<Optional<TaskRecord>> atSend = new ArrayList<>();
    private final ScenextClient client = sim.newClient().journal(journal).addInterceptor(new Interceptor() {
        @Override
        public HttpRequest onRequest(Attempt attempt, HttpRequest request) {
            if (request.uri().getPath().endsWith("gen_video")) {
                atSend.add(journal.find("q1"));
            }
            return request;
        }
    }).build();

    @AfterEach
    void close() {
        client.close();
        journal.close();
        sim.close();
    }

    @Test
    void theStartIsRecordedBeforeTheRequestIsSentThenTheTaskItsEndAndItsFile() throws Exception {
        TaskId id = client.generateVideo("q1", REQUEST);

        assertThat(atSend).hasSize(1);
        assertThat(atSend.get(0).get().status()).isEqualTo(TaskRecord.Status.CREATING);
        TaskRecord created = journal.find("q1").get();
        assertThat(created.status()).isEqualTo(TaskRecord.Status.CREATED);
        assertThat(created.taskId()).contains(id);
        assertThat(created.requestDigest()).matches("[0-9a-f]{64}");

        TaskStatus done = client.waitForCompletion(id, BatchTestSupport.FAST);
        assertThat(journal.find("q1").get().status()).isEqualTo(TaskRecord.Status.COMPLETED);

        Path file = client.download(done, dir.resolve("v.mp4"));
        TaskRecord saved = journal.find("q1").get();
        assertThat(saved.status()).isEqualTo(TaskRecord.Status.SAVED);
        assertThat(saved.file()).contains(file.toAbsolutePath().toString());
        assertThat(saved.size()).isEqualTo(Files.size(file));
        assertThat(saved.sha256()).contains(BatchTestSupport.sha256(file));
        assertThat(client.journal().pending()).isEmpty();
        assertThat(BatchTestSupport.files(dir, ".part")).isEmpty();
    }

    @Test
    void theAsynchronousFormRecordsTheStartBeforeSendingAndTheOutcomeBeforeCompleting() {
        TaskId id = client.generateVideoAsync("q1", REQUEST).join();

        assertThat(atSend.get(0).get().status()).isEqualTo(TaskRecord.Status.CREATING);
        assertThat(journal.find("q1").get().taskId()).contains(id);
        client.waitForCompletionAsync(id, BatchTestSupport.FAST).join();
        assertThat(journal.find("q1").get().status()).isEqualTo(TaskRecord.Status.COMPLETED);
    }

    @Test
    void aReferenceAlreadyCreatedIsRefusedAndNothingIsSent() {
        client.generateVideo("q1", REQUEST);

        JournalException e = catchThrowableOfType(JournalException.class, () -> client.generateVideo("q1", REQUEST));
        JournalException async = catchThrowableOfType(JournalException.class,
                () -> client.generateVideoAsync("q1", REQUEST));

        assertThat(e.reason()).isEqualTo(JournalException.Reason.ILLEGAL_STEP);
        assertThat(async.reason()).isEqualTo(JournalException.Reason.ILLEGAL_STEP);
        assertThat(sim.requests(Endpoint.GEN_VIDEO)).hasSize(1);
    }

    @Test
    void aRefusalIsRecordedAsRefusedAndALostResponseAsUnknown() {
        sim.inject(Endpoint.GEN_VIDEO, Fault.status(401), 1);
        catchThrowableOfType(AuthenticationException.class, () -> client.generateVideo("q1", REQUEST));
        assertThat(journal.find("q1").get().status()).isEqualTo(TaskRecord.Status.REFUSED);

        sim.inject(Endpoint.GEN_VIDEO, Fault.disconnect(), 1);
        java.util.concurrent.CompletionException lost = catchThrowableOfType(
                java.util.concurrent.CompletionException.class, () -> client.generateVideoAsync("q2", REQUEST).join());
        assertThat(lost.getCause()).isInstanceOf(ScenextException.class);
        assertThat(((ScenextException) lost.getCause()).taskMayHaveBeenCreated()).isTrue();
        TaskRecord unknown = journal.find("q2").get();
        assertThat(unknown.status()).isEqualTo(TaskRecord.Status.OUTCOME_UNKNOWN);
        assertThat(unknown.isOutcomeUnknown()).isTrue();
        assertThat(client.journal().pending()).extracting(TaskRecord::reference).containsExactly("q2");
    }

    @Test
    void withAJournalThePlainCreationIsRecordedUnderARandomReferenceAndAFailedTaskEnds() {
        sim.failNextTask("no");
        TaskId id = client.generateVideo(REQUEST);

        assertThat(journal.records()).hasSize(1);
        TaskRecord r = journal.records().get(0);
        assertThat(r.taskId()).contains(id);
        catchThrowableOfType(TaskFailedException.class, () -> client.waitForCompletion(id, BatchTestSupport.FAST));
        assertThat(journal.find(r.reference()).get().status()).isEqualTo(TaskRecord.Status.FAILED);
    }

    @Test
    void aJournalThatCannotRecordTheStartStopsTheCreationButOneThatMissesALaterStepDoesNotFailTheCall() {
        TaskJournal failing = new FailingJournal(JournalEntry.Kind.CREATION_STARTED);
        try (ScenextClient c = sim.newClient().journal(failing).build()) {
            JournalException e = catchThrowableOfType(JournalException.class, () -> c.generateVideo("a", REQUEST));
            assertThat(e.reason()).isEqualTo(JournalException.Reason.STORAGE_FAILED);
            assertThat(sim.requests(Endpoint.GEN_VIDEO)).isEmpty();
        }
        TaskJournal missing = new FailingJournal(JournalEntry.Kind.TASK_CREATED);
        try (ScenextClient c = sim.newClient().journal(missing).build()) {
            TaskId id = c.generateVideo("a", REQUEST);
            assertThat(id).isNotNull();
            // the journal under-reports: the creation stays "may have been sent", never silently re-sent
            assertThat(missing.find("a").get().isOutcomeUnknown()).isTrue();
        }
    }

    /** An in-memory journal whose storage fails for one kind of step. */
    static final class FailingJournal implements TaskJournal {
        private final TaskJournal inner = TaskJournal.inMemory();
        private final JournalEntry.Kind failing;

        FailingJournal(JournalEntry.Kind failing) {
            this.failing = failing;
        }

        @Override
        public TaskRecord append(JournalEntry entry) {
            if (entry.kind() == failing) {
                throw new JournalException(JournalException.Reason.STORAGE_FAILED, "disk full", null);
            }
            return inner.append(entry);
        }

        @Override
        public Optional<TaskRecord> find(String reference) {
            return inner.find(reference);
        }

        @Override
        public List<TaskRecord> records() {
            return inner.records();
        }

        @Override
        public void close() {
            inner.close();
        }
    }
}
