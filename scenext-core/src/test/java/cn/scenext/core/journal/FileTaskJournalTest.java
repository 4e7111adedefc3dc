package cn.scenext.core.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.scenext.api.TaskId;
import cn.scenext.api.TaskState;
import cn.scenext.api.exception.JournalException;
import cn.scenext.core.internal.journal.FileTaskJournal;
import cn.scenext.core.internal.journal.JournalLines;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTaskJournalTest {
    private static final Instant T = Instant.parse("2026-12-01T10:00:00Z");
    private static final String SHA = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    @TempDir
    Path dir;

    private static void fullLife(TaskJournal j, int i) {
        String ref = "row-" + i;
        TaskId id = TaskId.of("task-" + i);
        j.append(JournalEntry.creationStarted(ref, "digest-" + i, T.plusSeconds(i)));
        j.append(JournalEntry.taskCreated(ref, id, T.plusSeconds(i)));
        j.append(JournalEntry.taskEnded(ref, id, TaskState.COMPLETED, T.plusSeconds(i)));
        j.append(JournalEntry.fileSaved(ref, id, "out/" + i + ".mp4", i, SHA, T.plusSeconds(i)));
    }

    @Test
    void whatWasAppendedIsThereAfterReopening() {
        Path file = dir.resolve("journal");
        List<TaskRecord> before;
        try (TaskJournal j = TaskJournal.file(file)) {
            fullLife(j, 1);
            j.append(JournalEntry.creationStarted("row-2", "digest-2", T));
            j.append(JournalEntry.creationStarted("quote \" and \u00e9 \u4e2d", "d", T));
            j.append(JournalEntry.creationOutcomeUnknown("quote \" and \u00e9 \u4e2d", "read timed out", T));
            before = j.records();
        }
        try (TaskJournal j = TaskJournal.file(file)) {
            assertThat(j.records()).isEqualTo(before);
            assertThat(j.pending()).extracting(TaskRecord::reference)
                    .containsExactly("row-2", "quote \" and \u00e9 \u4e2d");
            assertThat(j.find("row-1").get().status()).isEqualTo(TaskRecord.Status.SAVED);
            assertThat(j.find("nope")).isEmpty();
        }
    }

    @Test
    void aRefusedStepIsNotWritten() throws IOException {
        Path file = dir.resolve("journal");
        try (TaskJournal j = TaskJournal.file(file)) {
            j.append(JournalEntry.creationStarted("row-1", "d", T));
            long size = Files.size(file);
            assertThatThrownBy(() -> j.append(JournalEntry.creationStarted("row-1", "d", T)))
                    .isInstanceOfSatisfying(JournalException.class,
                            e -> assertThat(e.reason()).isEqualTo(JournalException.Reason.ILLEGAL_STEP));
            assertThat(Files.size(file)).isEqualTo(size);
        }
    }

    @Test
    void aTornLastLineIsDroppedAndTheJournalGoesOn() throws IOException {
        Path file = dir.resolve("journal");
        try (TaskJournal j = TaskJournal.file(file)) {
            j.append(JournalEntry.creationStarted("row-1", "d", T));
        }
        byte[] line = JournalLines.encode(JournalEntry.taskCreated("row-1", TaskId.of("t1"), T));
        for (int cut : new int[] {1, 8, 9, line.length / 2, line.length - 1}) {
            byte[] whole = Files.readAllBytes(file);
            Files.write(file, Arrays.copyOf(line, cut), StandardOpenOption.APPEND);
            try (TaskJournal j = TaskJournal.file(file)) {
                assertThat(j.find("row-1").get().status()).isEqualTo(TaskRecord.Status.CREATING);
            }
            assertThat(Files.readAllBytes(file)).isEqualTo(whole);
        }
        // a whole last line whose bytes were damaged (a crash while the page was written) is torn too
        byte[] damaged = line.clone();
        damaged[20] ^= 1;
        Files.write(file, damaged, StandardOpenOption.APPEND);
        try (TaskJournal j = TaskJournal.file(file)) {
            assertThat(j.find("row-1").get().status()).isEqualTo(TaskRecord.Status.CREATING);
            j.append(JournalEntry.taskCreated("row-1", TaskId.of("t1"), T));
        }
        try (TaskJournal j = TaskJournal.file(file)) {
            assertThat(j.find("row-1").get().taskId()).contains(TaskId.of("t1"));
        }
    }

    @Test
    void damageBeforeTheLastLineIsRefusedAndTheFileKept() throws IOException {
        Path file = dir.resolve("journal");
        try (TaskJournal j = TaskJournal.file(file)) {
            fullLife(j, 1);
        }
        byte[] bytes = Files.readAllBytes(file);
        int secondLine = new String(bytes, StandardCharsets.UTF_8).indexOf('\n') + 1;
        bytes[secondLine + 30] ^= 4;
        Files.write(file, bytes);
        assertThatThrownBy(() -> TaskJournal.file(file))
                .isInstanceOfSatisfying(JournalException.class,
                        e -> assertThat(e.reason()).isEqualTo(JournalException.Reason.CORRUPT))
                .hasMessageContaining("Line 2").hasMessageContaining("left as it is");
        assertThat(Files.readAllBytes(file)).isEqualTo(bytes);
        // and the lock was released: once repaired, it opens
        Files.write(file, JournalLines.header());
        TaskJournal.file(file).close();
    }

    @Test
    void aFileOfAnotherFormatOrANewerVersionIsRefused() throws IOException {
        Path other = dir.resolve("other");
        Files.write(other, "hello\nworld\n".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> TaskJournal.file(other)).isInstanceOfSatisfying(JournalException.class,
                e -> assertThat(e.reason()).isEqualTo(JournalException.Reason.CORRUPT))
                .hasMessageContaining("not a task journal");
        Path newer = dir.resolve("newer");
        Files.write(newer, "scenext-task-journal 2\n".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> TaskJournal.file(newer)).isInstanceOfSatisfying(JournalException.class,
                e -> assertThat(e.reason()).isEqualTo(JournalException.Reason.NEWER_VERSION))
                .hasMessageContaining("newer SDK");
    }

    @Test
    void oneWriterAtATime() {
        Path file = dir.resolve("journal");
        try (TaskJournal j = TaskJournal.file(file)) {
            assertThatThrownBy(() -> TaskJournal.file(file)).isInstanceOfSatisfying(JournalException.class,
                    e -> assertThat(e.reason()).isEqualTo(JournalException.Reason.LOCKED));
        }
        TaskJournal.file(file).close();   // free again once closed
    }

    @Test
    void aClosedJournalSaysSo() {
        TaskJournal j = TaskJournal.file(dir.resolve("journal"));
        j.close();
        j.close();
        assertThatThrownBy(() -> j.append(JournalEntry.creationStarted("r", "d", T)))
                .isInstanceOfSatisfying(JournalException.class,
                        e -> assertThat(e.reason()).isEqualTo(JournalException.Reason.CLOSED));
        assertThatThrownBy(j::records).isInstanceOf(JournalException.class);
    }

    @Test
    void aGrownFileIsCompactedAndKeepsEveryRecord() throws IOException {
        Path file = dir.resolve("journal");
        List<TaskRecord> before;
        try (TaskJournal j = FileTaskJournal.open(file, 10)) {
            for (int i = 0; i < 30; i++) {
                String ref = "row-" + i;
                j.append(JournalEntry.creationStarted(ref, "d", T));
                j.append(JournalEntry.creationOutcomeUnknown(ref, "cut", T));
                j.append(JournalEntry.creationStarted(ref, "d", T));   // explicitly re-created
                j.append(JournalEntry.creationOutcomeUnknown(ref, "cut again", T));
                j.append(JournalEntry.taskCreated(ref, TaskId.of("t" + i), T));
            }
            before = j.records();
            assertThat(Files.readAllLines(file)).hasSizeLessThan(1 + 30 * 5);
        }
        try (TaskJournal j = TaskJournal.file(file)) {
            assertThat(j.records()).isEqualTo(before);
        }
        assertThat(dir.resolve("journal.tmp")).doesNotExist();
    }

    @Test
    void aCompactionCutShortLeavesTheJournalWhole() throws IOException {
        Path file = dir.resolve("journal");
        try (TaskJournal j = TaskJournal.file(file)) {
            fullLife(j, 1);
        }
        Files.write(dir.resolve("journal.tmp"), "scenext-task-journal 1\n0000".getBytes(StandardCharsets.UTF_8));
        try (TaskJournal j = TaskJournal.file(file)) {
            assertThat(j.records()).hasSize(1);
        }
        assertThat(dir.resolve("journal.tmp")).doesNotExist();
    }

    @Test
    void theInMemoryJournalHasTheSameRules() {
        TaskJournal j = TaskJournal.inMemory();
        fullLife(j, 7);
        assertThat(j.pending()).isEmpty();
        assertThatThrownBy(() -> j.append(JournalEntry.creationStarted("row-7", "d", T)))
                .isInstanceOf(JournalException.class);
        j.close();
    }
}
