package cn.scenext.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.scenext.api.Consumption;
import cn.scenext.api.Frame;
import cn.scenext.api.ResultItem;
import cn.scenext.api.TaskId;
import cn.scenext.api.TaskState;
import cn.scenext.api.TaskStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import org.junit.jupiter.api.Test;

class WebhookEventTest {
    private static final Instant TS = Instant.ofEpochSecond(1672531200L);

    @Test
    void turnsIntoTheTaskStatusItCarries() {
        WebhookEvent event = WebhookEvent.builder()
                .taskId("12345")
                .state(TaskState.COMPLETED)
                .timestamp(TS)
                .frames(Arrays.asList(Frame.of("frame1", "https://f/1.png"), Frame.of("frame2", "https://f/2.png")))
                .results(Collections.singletonList(ResultItem.of(ResultItem.VIDEO, "https://v/a.mp4")))
                .consumptions(Collections.singletonList(Consumption.of("score", new BigDecimal("20"), null)))
                .title("Fourier")
                .build();

        TaskStatus status = event.toTaskStatus();

        assertThat(status.taskId()).isEqualTo(TaskId.of("12345"));
        assertThat(status.state()).isEqualTo(TaskState.COMPLETED);
        assertThat(status.frames()).isEqualTo(event.frames());
        assertThat(status.videoUrl()).hasValue("https://v/a.mp4");
        assertThat(status.creditsConsumed()).isEqualByComparingTo("20");
        assertThat(status.title()).hasValue("Fourier");
        assertThat(status.createdAt()).isEmpty();
    }

    @Test
    void keyIsTaskStatusAndTimestamp() {
        WebhookEvent a = WebhookEvent.builder().taskId("t").rawStatus("COMPLETED").timestamp(TS).build();
        WebhookEvent sameEventMoreFrames = WebhookEvent.builder().taskId("t").rawStatus("COMPLETED").timestamp(TS)
                .frames(Collections.singletonList(Frame.of("f", "u"))).build();
        WebhookEvent later = WebhookEvent.builder().taskId("t").rawStatus("COMPLETED").timestamp(TS.plusSeconds(1))
                .build();

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
        WebhookEvent event = WebhookEvent.builder().taskId("t").rawStatus("PAUSED").timestamp(TS).build();

        assertThat(event.state()).isEqualTo(TaskState.UNKNOWN);
        assertThat(event.toTaskStatus().rawStatus()).isEqualTo("PAUSED");
        assertThat(event.toString()).contains("UNKNOWN (PAUSED)");
        assertThatThrownBy(() -> WebhookEvent.builder().state(TaskState.UNKNOWN))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void requiresTaskStatusAndTimestamp() {
        assertThatThrownBy(() -> WebhookEvent.builder().rawStatus("COMPLETED").timestamp(TS).build())
                .isInstanceOf(NullPointerException.class).hasMessageContaining("taskId");
        assertThatThrownBy(() -> WebhookEvent.builder().taskId("t").timestamp(TS).build())
                .isInstanceOf(NullPointerException.class).hasMessageContaining("rawStatus");
        assertThatThrownBy(() -> WebhookEvent.builder().taskId("t").rawStatus("COMPLETED").build())
                .isInstanceOf(NullPointerException.class).hasMessageContaining("timestamp");
    }
}
