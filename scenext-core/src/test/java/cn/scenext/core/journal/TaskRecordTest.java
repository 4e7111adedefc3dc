package cn.scenext.core.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.scenext.api.TaskId;
import cn.scenext.api.TaskState;
import cn.scenext.api.exception.JournalException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TaskRecordTest {
    private static final Instant T = Instant.parse("2026-12-01T10:00:00Z");
    private static final TaskId ID = TaskId.of("task-1");
    private static final String SHA = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    private static TaskRecord started() {
        return TaskRecord.start(JournalEntry.creationStarted("row-1", "digest", T));
    }

    @Test
    void aCreationGoesFromStartToSavedFile() {
        TaskRecord r = started();
        assertThat(r.status()).isEqualTo(TaskRecord.Status.CREATING);
        assertThat(r.isPending()).isTrue();
        assertThat(r.isOutcomeUnknown()).isTrue();
        r = r.then(JournalEntry.taskCreated("row-1", ID, T.plusSeconds(1)));
        assertThat(r.status()).isEqualTo(TaskRecord.Status.CREATED);
        assertThat(r.taskId()).contains(ID);
        assertThat(r.isOutcomeUnknown()).isFalse();
        r = r.then(JournalEntry.taskEnded("row-1", ID, TaskState.COMPLETED, T.plusSeconds(60)));
        assertThat(r.status()).isEqualTo(TaskRecord.Status.COMPLETED);
        assertThat(r.isPending()).isTrue();   // the video is still to be saved
        r = r.then(JournalEntry.fileSaved("row-1", ID, "out/1.mp4", 1234, SHA, T.plusSeconds(61)));
        assertThat(r.status()).isEqualTo(TaskRecord.Status.SAVED);
        assertThat(r.isPending()).isFalse();
        assertThat(r.file()).contains("out/1.mp4");
        assertThat(r.size()).isEqualTo(1234);
        assertThat(r.sha256()).contains(SHA);
    }

    @Test
    void aSecondStartOfACreationThatMayHaveBeenSentIsRefused() {
        TaskRecord r = started();
        assertThatThrownBy(() -> r.then(JournalEntry.creationStarted("row-1", "digest", T)))
                .isInstanceOfSatisfying(JournalException.class,
                        e -> assertThat(e.reason()).isEqualTo(JournalException.Reason.ILLEGAL_STEP))
                .hasMessageContaining("already started and may have been sent");
        TaskRecord created = r.then(JournalEntry.taskCreated("row-1", ID, T));
        assertThatThrownBy(() -> created.then(JournalEntry.creationStarted("row-1", "digest", T)))
                .isInstanceOf(JournalException.class).hasMessageContaining("already has an outcome (CREATED)");
    }

    @Test
    void anUnknownOutcomeMayBeResolvedOrExplicitlyStartedAgain() {
        TaskRecord unknown = started().then(JournalEntry.creationOutcomeUnknown("row-1", "read timed out", T));
        assertThat(unknown.status()).isEqualTo(TaskRecord.Status.OUTCOME_UNKNOWN);
        assertThat(unknown.isOutcomeUnknown()).isTrue();
        assertThat(unknown.detail()).contains("read timed out");
        assertThat(unknown.then(JournalEntry.taskCreated("row-1", ID, T)).status())
                .isEqualTo(TaskRecord.Status.CREATED);
        assertThat(unknown.then(JournalEntry.creationStarted("row-1", "digest", T)).status())
                .isEqualTo(TaskRecord.Status.CREATING);
    }

    @Test
    void stepsOutOfOrderAreRefused() {
        assertThatThrownBy(() -> TaskRecord.start(JournalEntry.taskCreated("row-1", ID, T)))
                .isInstanceOf(JournalException.class).hasMessageContaining("nothing was recorded");
        assertThatThrownBy(() -> started().then(JournalEntry.taskEnded("row-1", ID, TaskState.COMPLETED, T)))
                .isInstanceOf(JournalException.class).hasMessageContaining("not a running task");
        TaskRecord created = started().then(JournalEntry.taskCreated("row-1", ID, T));
        assertThatThrownBy(() -> created.then(JournalEntry.taskEnded("row-1", TaskId.of("other"),
                TaskState.COMPLETED, T))).isInstanceOf(JournalException.class).hasMessageContaining("not other");
        TaskRecord failed = created.then(JournalEntry.taskEnded("row-1", ID, TaskState.FAILED, T));
        assertThat(failed.isPending()).isFalse();
        assertThatThrownBy(() -> failed.then(JournalEntry.fileSaved("row-1", ID, "f", 1, SHA, T)))
                .isInstanceOf(JournalException.class).hasMessageContaining("not a completed task");
        TaskRecord refused = started().then(JournalEntry.creationRefused("row-1", "422 bad question", T));
        assertThat(refused.isPending()).isFalse();
        assertThatThrownBy(() -> refused.then(JournalEntry.taskCreated("row-1", ID, T)))
                .isInstanceOf(JournalException.class);
        TaskRecord triedAgain = refused.then(JournalEntry.creationStarted("row-1", "another-digest", T));
        assertThat(triedAgain.status()).isEqualTo(TaskRecord.Status.CREATING);
        assertThat(triedAgain.requestDigest()).isEqualTo("another-digest");
        assertThatThrownBy(() -> started().then(JournalEntry.taskCreated("row-2", ID, T)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theMinimalEntriesRebuildTheSameRecord() {
        TaskRecord r = started().then(JournalEntry.creationOutcomeUnknown("row-1", "cut", T))
                .then(JournalEntry.taskCreated("row-1", ID, T.plusSeconds(5)))
                .then(JournalEntry.taskEnded("row-1", ID, TaskState.COMPLETED, T.plusSeconds(9)))
                .then(JournalEntry.fileSaved("row-1", ID, "a.mp4", 10, SHA, T.plusSeconds(10)))
                .then(JournalEntry.fileSaved("row-1", ID, "b.mp4", 10, SHA, T.plusSeconds(11)));
        TaskRecord rebuilt = null;
        for (JournalEntry e : r.entries()) {
            rebuilt = rebuilt == null ? TaskRecord.start(e) : rebuilt.then(e);
        }
        assertThat(r.entries()).hasSize(4);
        assertThat(rebuilt).isEqualTo(r);
        assertThat(rebuilt.file()).contains("b.mp4");
    }

    @Test
    void entriesCheckTheirValues() {
        assertThatThrownBy(() -> JournalEntry.creationStarted("", "d", T)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JournalEntry.creationStarted("a\nb", "d", T))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JournalEntry.taskEnded("r", ID, TaskState.IN_PROGRESS, T))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JournalEntry.fileSaved("r", ID, "f", -1, SHA, T))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JournalEntry.fileSaved("r", ID, "f", 1, "ABC", T))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
