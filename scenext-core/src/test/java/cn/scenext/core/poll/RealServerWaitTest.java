package cn.scenext.core.poll;

import static cn.scenext.core.testing.Failures.failureOf;
import static cn.scenext.core.testing.Fixtures.inProgress;
import static cn.scenext.core.testing.Fixtures.read;
import static cn.scenext.core.testing.ScriptedServer.ok;
import static org.assertj.core.api.Assertions.assertThat;

import cn.scenext.api.TaskId;
import cn.scenext.api.TaskState;
import cn.scenext.api.TaskStatus;
import cn.scenext.api.exception.ServerException;
import cn.scenext.core.ScenextClient;
import cn.scenext.core.schedule.VirtualScheduler;
import cn.scenext.core.testing.ScriptedServer;
import cn.scenext.core.testing.VirtualTimeApi;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Waits through the whole client against responses shaped as the real server writes them, in virtual time. */
class RealServerWaitTest {
    private static final TaskId ID = TaskId.of("12345");
    private static final String STATUS_PATH = "/api/get_status/12345";

    private final VirtualTimeApi env = new VirtualTimeApi();
    private final ScriptedServer api = env.api();
    private final VirtualScheduler time = env.time();
    private final ScenextClient client = env.client(b -> { });

    @AfterEach
    void stop() {
        env.close();
    }

    @Test
    void anErrorEnvelopeAt200ThatKeepsComingEndsTheWaitAfterThreePollsNotAnHour() {
        api.script(STATUS_PATH, ok(inProgress(1)), ok("{\"status\":\"error\",\"data\":{\"messages\":"
                + "\"An exception occurred while obtaining the task status(3).\"}}"));

        Throwable failure = failureOf(() -> time.runUntilDone(client.waitForCompletionAsync(ID)));

        assertThat(failure).isInstanceOf(ServerException.class)
                .hasMessageContaining("An exception occurred while obtaining the task status(3).");
        assertThat(((ServerException) failure).statusCode()).hasValue(200);
        assertThat(time.elapsed()).isLessThan(Duration.ofMinutes(3));
    }

    @Test
    void theBackendsStatusesAreWaitedToTheirEnd() {
        api.script(STATUS_PATH, ok(inProgress(1)), ok(read("get_status-failed-backend.json")));

        TaskStatus failed = time.runUntilDone(client.waitForCompletionAsync(ID,
                WaitOptions.builder().throwOnTaskFailure(false).build()));

        assertThat(failed.state()).isEqualTo(TaskState.FAILED);
        assertThat(failed.failureMessage()).contains("任务执行失败，不消耗积分");
        assertThat(failed.rawJson()).hasValueSatisfying(raw -> assertThat(raw).contains("\"scoreDetail\""));
    }

    @Test
    void aConsumptionOfAnUnexpectedShapeNoLongerKeepsTheWaitPolling() {
        api.script(STATUS_PATH, ok(inProgress(1)), ok("{\"status\":\"success\",\"data\":{\"task_id\":\"12345\","
                + "\"status\":\"COMPLETED\",\"consumption\":{\"type\":\"score\",\"value\":12},"
                + "\"result\":[{\"type\":\"video\",\"content\":\"https://oss.example/v.mp4\"}]}}"));

        TaskStatus done = time.runUntilDone(client.waitForCompletionAsync(ID));

        assertThat(done.videoUrl()).contains("https://oss.example/v.mp4");
        assertThat(done.consumptions()).isEmpty();
    }
}
