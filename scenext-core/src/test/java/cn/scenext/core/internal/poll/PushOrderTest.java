package cn.scenext.core.internal.poll;

import static org.assertj.core.api.Assertions.assertThat;

import cn.scenext.api.TaskId;
import cn.scenext.api.TaskState;
import cn.scenext.api.TaskStatus;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PushOrderTest {
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
    private final PushOrder order = new PushOrder();

    @Test
    void takesTheFirstAndEachLaterPush() {
        assertThat(order.takeIn(status(TaskState.UNKNOWN), T)).isTrue();
        assertThat(order.takeIn(status(TaskState.IN_PROGRESS), T.plusSeconds(1))).isTrue();
        assertThat(order.takeIn(status(TaskState.IN_PROGRESS), T.plusSeconds(2))).as("same state, later").isTrue();
    }

    @Test
    void refusesARepeatAndAnOlderPush() {
        order.takeIn(status(TaskState.IN_PROGRESS), T);

        assertThat(order.takeIn(status(TaskState.IN_PROGRESS), T)).isFalse();
        assertThat(order.takeIn(status(TaskState.COMPLETED), T.minusMillis(1))).isFalse();
    }

    @Test
    void takesAnotherStateSentAtTheSameInstant() {
        order.takeIn(status(TaskState.IN_PROGRESS), T);

        assertThat(order.takeIn(status(TaskState.COMPLETED), T)).isTrue();
        assertThat(order.takeIn(status(TaskState.IN_PROGRESS), T)).as("the latest is now COMPLETED").isTrue();
    }

    private static TaskStatus status(TaskState state) {
        TaskStatus.Builder b = TaskStatus.builder().taskId(TaskId.of("1"));
        // A state the SDK does not know comes as a raw value only.
        return (state == TaskState.UNKNOWN ? b.rawStatus("queued") : b.state(state)).build();
    }
}
