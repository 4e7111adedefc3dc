package cn.scenext.core.poll;

import static org.assertj.core.api.Assertions.assertThat;

import cn.scenext.api.Frame;
import cn.scenext.api.TaskState;
import cn.scenext.api.TaskStatus;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressListenerTest {
    private final TaskStatus status = TaskStatus.builder().taskId("t").state(TaskState.IN_PROGRESS)
            .addFrame(Frame.of("frame1", "https://x/1.png")).build();

    @Test
    void combinesListenersInOrderForEveryCall() {
        List<String> calls = new ArrayList<>();
        ProgressListener both = ProgressListener.onFrame((frame, n) -> calls.add("frame " + n))
                .andThen(ProgressListener.onStateChanged(s -> calls.add("state " + s.state())));

        both.onFrame(status, status.frames().get(0), 1);
        both.onStateChanged(status);
        both.onStatus(status);

        assertThat(calls).containsExactly("frame 1", "state IN_PROGRESS");
    }
}
