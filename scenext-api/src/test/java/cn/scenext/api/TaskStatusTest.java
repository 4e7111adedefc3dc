package cn.scenext.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class TaskStatusTest {

    @Test
    void completedStatusOffersItsVideoAndCredits() {
        TaskStatus s = TaskStatus.builder().taskId("t1").state(TaskState.COMPLETED)
                .addFrame(Frame.of("frame1", "https://x/1.png"))
                .addConsumption(Consumption.of("score", new BigDecimal("20"), "deduction"))
                .addConsumption(Consumption.of("other", new BigDecimal("5"), null))
                .addResult(ResultItem.of("text", "note"))
                .addResult(ResultItem.of("video", "https://x/v.mp4"))
                .title("Fourier")
                .build();

        assertThat(s.isTerminal()).isTrue();
        assertThat(s.isCompleted()).isTrue();
        assertThat(s.videoUrl()).contains("https://x/v.mp4");
        assertThat(s.failureMessage()).isEmpty();
        assertThat(s.creditsConsumed()).isEqualByComparingTo("20");
        assertThat(s.toString()).contains("t1").contains("COMPLETED").contains("credits=20").contains("Fourier");
        assertThat(s).isEqualTo(s.toBuilder().build());
    }

    @Test
    void failedStatusOffersItsReason() {
        TaskStatus s = TaskStatus.builder().taskId("t1").state(TaskState.FAILED)
                .addResult(ResultItem.of("text", "Task execution failed")).build();
        assertThat(s.failureMessage()).contains("Task execution failed");
        assertThat(s.videoUrl()).isEmpty();
    }

    @Test
    void unknownStatusKeepsItsRawValueAndIsNotTerminal() {
        TaskStatus s = TaskStatus.builder().taskId("t1").rawStatus("PAUSED").build();
        assertThat(s.state()).isEqualTo(TaskState.UNKNOWN);
        assertThat(s.rawStatus()).isEqualTo("PAUSED");
        assertThat(s.isTerminal()).isFalse();
        assertThat(s.toString()).contains("UNKNOWN (PAUSED)");
        assertThatThrownBy(() -> TaskStatus.builder().state(TaskState.UNKNOWN))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void equalConsumptionsIgnoreScale() {
        assertThat(Consumption.of("score", new BigDecimal("20"), null))
                .isEqualTo(Consumption.of("score", new BigDecimal("20.0"), null))
                .hasSameHashCodeAs(Consumption.of("score", new BigDecimal("20.0"), null));
    }

    @Test
    void taskIdsMustNotBeBlankAndPrintAsThemselves() {
        assertThat(TaskId.of("12345").toString()).isEqualTo("12345");
        assertThatThrownBy(() -> TaskId.of(" ")).isInstanceOf(cn.scenext.api.exception.InvalidValueException.class);
        assertThatThrownBy(() -> TaskId.of(null)).isInstanceOf(cn.scenext.api.exception.InvalidValueException.class);
        assertThatThrownBy(() -> TaskId.of("..")).isInstanceOf(cn.scenext.api.exception.InvalidValueException.class)
                .hasMessageContaining("another path");
        assertThat(TaskId.of("..a").value()).isEqualTo("..a");
    }
}
