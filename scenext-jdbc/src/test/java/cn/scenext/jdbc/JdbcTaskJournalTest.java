package cn.scenext.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.scenext.api.TaskId;
import cn.scenext.api.TaskState;
import cn.scenext.api.exception.JournalException;
import cn.scenext.core.journal.JournalEntry;
import cn.scenext.core.journal.TaskJournal;
import cn.scenext.core.journal.TaskRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class JdbcTaskJournalTest {
    private static final Instant T = Instant.parse("2026-12-01T10:00:00.123456789Z");
    private static final String SHA = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    @ParameterizedTest
    @EnumSource(Databases.class)
    void everyStepIsReadBackByAnotherProcessesJournal(Databases database) {
        Supplier<DataSource> db = database.newDatabaseWithSchema();
        TaskJournal one = JdbcTaskJournal.create(db.get());
        TaskId id = TaskId.of("task-1");
        one.append(JournalEntry.creationStarted("row-1", "digest", T));
        one.append(JournalEntry.taskCreated("row-1", id, T.plusSeconds(1)));
        one.append(JournalEntry.taskEnded("row-1", id, TaskState.COMPLETED, T.plusSeconds(2)));
        TaskRecord saved = one.append(JournalEntry.fileSaved("row-1", id, "out/\u4e2d 1.mp4", 42, SHA, T));
        one.append(JournalEntry.creationStarted("row-2", "digest-2", T));
        one.append(JournalEntry.creationOutcomeUnknown("row-2", "read timed out; the task may exist", T));
        one.append(JournalEntry.creationStarted("row-3", "digest-3", T));
        one.append(JournalEntry.creationRefused("row-3", "422: question is required", T));

        TaskJournal other = JdbcTaskJournal.create(db.get());   // another pool, as another JVM would have
        assertThat(other.find("row-1")).contains(saved);
        assertThat(other.records()).extracting(TaskRecord::reference).containsExactly("row-1", "row-2", "row-3");
        assertThat(other.pending()).extracting(TaskRecord::reference).containsExactly("row-2");
        assertThat(other.find("row-2").get().isOutcomeUnknown()).isTrue();
        assertThat(other.find("nope")).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void aRefusedStepWritesNothing(Databases database) {
        Supplier<DataSource> db = database.newDatabaseWithSchema();
        TaskJournal journal = JdbcTaskJournal.create(db.get());
        journal.append(JournalEntry.creationStarted("row-1", "digest", T));
        assertThatThrownBy(() -> journal.append(JournalEntry.creationStarted("row-1", "digest", T)))
                .isInstanceOfSatisfying(JournalException.class,
                        e -> assertThat(e.reason()).isEqualTo(JournalException.Reason.ILLEGAL_STEP));
        assertThatThrownBy(() -> journal.append(JournalEntry.taskCreated("row-9", TaskId.of("t"), T)))
                .isInstanceOf(JournalException.class);
        assertThat(journal.records()).hasSize(1);
        assertThat(journal.find("row-1").get().status()).isEqualTo(TaskRecord.Status.CREATING);
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void twoProcessesStartingTheSameCreationsGetOneSuccessEach(Databases database) throws Exception {
        Supplier<DataSource> db = database.newDatabaseWithSchema();
        TaskJournal a = JdbcTaskJournal.create(db.get());
        TaskJournal b = JdbcTaskJournal.create(db.get());
        int rows = 60;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (TaskJournal j : new TaskJournal[] {a, b, a, b}) {
                results.add(pool.submit(race(j, rows, go)));
            }
            go.countDown();
            int won = 0;
            for (Future<Integer> f : results) {
                won += f.get();
            }
            assertThat(won).as("creations started, over four racers").isEqualTo(rows);
        } finally {
            pool.shutdownNow();
        }
        assertThat(a.records()).hasSize(rows).allSatisfy(r -> assertThat(r.status())
                .isEqualTo(TaskRecord.Status.CREATING));
    }

    private static Callable<Integer> race(TaskJournal journal, int rows, CountDownLatch go) {
        return () -> {
            go.await();
            int won = 0;
            for (int i = 0; i < rows; i++) {
                try {
                    journal.append(JournalEntry.creationStarted("row-" + i, "digest-" + i, T));
                    won++;
                } catch (JournalException e) {
                    assertThat(e.reason()).isEqualTo(JournalException.Reason.ILLEGAL_STEP);
                }
            }
            return won;
        };
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void aClosedJournalSaysSo(Databases database) {
        TaskJournal journal = JdbcTaskJournal.create(database.newDatabaseWithSchema().get());
        journal.close();
        assertThatThrownBy(journal::records).isInstanceOfSatisfying(JournalException.class,
                e -> assertThat(e.reason()).isEqualTo(JournalException.Reason.CLOSED));
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void withoutTheTablesTheErrorSaysSo(Databases database) {
        TaskJournal journal = JdbcTaskJournal.create(database.newDatabase().get());
        assertThatThrownBy(() -> journal.append(JournalEntry.creationStarted("row-1", "d", T)))
                .isInstanceOfSatisfying(JournalException.class,
                        e -> assertThat(e.reason()).isEqualTo(JournalException.Reason.STORAGE_FAILED))
                .hasMessageContaining("could not record CREATION_STARTED");
    }
}
