package cn.scenext.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.scenext.api.Frame;
import cn.scenext.api.ResultItem;
import cn.scenext.api.TaskId;
import cn.scenext.api.TaskState;
import cn.scenext.api.TaskStatus;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WebhookEventTest {
    private static final Instant TS = Instant.ofEpochSecond(1672531200L);

    private static TaskStatus.Builder status(String taskId, String rawStatus) {
        return TaskStatus.builder().taskId(taskId).rawStatus(rawStatus);
    }

    @Test
    void tellsTheTaskStatusItCarries() {
        TaskStatus status = status("12345", "COMPLETED")
                .addFrame(Frame.of("frame1", "https://f/1.png"))
                .addResult(ResultItem.of(ResultItem.VIDEO, "https://v/a.mp4"))
                .build();

        WebhookEvent event = WebhookEvent.of(status, TS);

        assertThat(event.taskId()).isEqualTo(TaskId.of("12345"));
        assertThat(event.state()).isEqualTo(TaskState.COMPLETED);
        assertThat(event.rawStatus()).isEqualTo("COMPLETED");
        assertThat(event.isTerminal()).isTrue();
        assertThat(event.frames()).containsExactly(Frame.of("frame1", "https://f/1.png"));
        assertThat(event.results()).containsExactly(ResultItem.of(ResultItem.VIDEO, "https://v/a.mp4"));
        assertThat(event.timestamp()).isEqualTo(TS);
        assertThat(event.toTaskStatus()).isSameAs(status);
        assertThat(event).isEqualTo(WebhookEvent.of(status, TS)).isNotEqualTo(WebhookEvent.of(status, TS.plusNanos(1)));
    }

    @Test
    void keyIsTaskStatusAndTimestamp() {
        WebhookEvent a = WebhookEvent.of(status("t", "COMPLETED").build(), TS);
        WebhookEvent sameEventMoreFrames = WebhookEvent.of(status("t", "COMPLETED").addFrame(Frame.of("f", "u")).build(),
                TS);
        WebhookEvent later = WebhookEvent.of(status("t", "COMPLETED").build(), TS.plusSeconds(1));

        assertThat(a.key()).isEqualTo(sameEventMoreFrames.key()).hasSameHashCodeAs(sameEventMoreFrames.key());
        assertThat(a.key()).isNotEqualTo(later.key());
        assertThat(a.key().asString()).isEqualTo("t/COMPLETED/1672531200");
    }

    @Test
    void keyStringsNeverCollide() {
        WebhookEvent.Key slashInId = WebhookEvent.Key.of(TaskId.of("a/b"), "C", TS);
        WebhookEvent.Key slashInStatus = WebhookEvent.Key.of(TaskId.of("a"), "b/C", TS);
        WebhookEvent.Key fraction = WebhookEvent.Key.of(TaskId.of("a%2F"), "C", TS.plusMillis(500));

        assertThat(slashInId.asString()).isEqualTo("a%2Fb/C/1672531200");
        assertThat(slashInStatus.asString()).isEqualTo("a/b%2FC/1672531200");
        assertThat(fraction.asString()).isEqualTo("a%252F/C/1672531200.500000000");
    }

    @Test
    void keepsAnUnknownStatusVerbatim() {
        WebhookEvent event = WebhookEvent.of(status("t", "PAUSED").build(), TS);

        assertThat(event.state()).isEqualTo(TaskState.UNKNOWN);
        assertThat(event.isTerminal()).isFalse();
        assertThat(event.key().rawStatus()).isEqualTo("PAUSED");
        assertThat(event.toString()).contains("UNKNOWN (PAUSED)").contains("2023-01-01T00:00:00Z");
    }

    @Test
    void requiresAStatusAndATimestamp() {
        assertThatThrownBy(() -> WebhookEvent.of(null, TS)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("status");
        assertThatThrownBy(() -> WebhookEvent.of(status("t", "COMPLETED").build(), null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("timestamp");
    }
}
