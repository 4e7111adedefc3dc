package cn.scenext.core.webhook;

import static cn.scenext.core.testing.Fixtures.inProgress;
import static cn.scenext.core.testing.ScriptedServer.ok;
import static cn.scenext.core.testing.SignedEvents.SENT;
import static cn.scenext.core.testing.SignedEvents.body;
import static cn.scenext.core.testing.SignedEvents.signature;
import static cn.scenext.core.testing.SignedEvents.verifierAt;
import static org.assertj.core.api.Assertions.assertThat;

import cn.scenext.api.TaskId;
import cn.scenext.api.TaskState;
import cn.scenext.api.TaskStatus;
import cn.scenext.core.ScenextClient;
import cn.scenext.core.poll.WaitOptions;
import cn.scenext.core.poll.WaitUpdate;
import cn.scenext.core.schedule.VirtualScheduler;
import cn.scenext.core.testing.ScriptedServer;
import cn.scenext.core.testing.VirtualTimeApi;
import cn.scenext.core.testing.WebhookEndpoint;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The handler wired to a client, behind the JDK's HTTP server on loopback: a signed delivery ends a running
 * asynchronous wait before its HTTP answer goes back, with no further status request.
 */
class ClientWebhooksHttpTest {
    private static final TaskId ID = TaskId.of("12345");
    private static final String STATUS_PATH = "/api/get_status/12345";

    private final VirtualTimeApi env = new VirtualTimeApi();
    private final ScriptedServer api = env.api();
    private final VirtualScheduler time = env.time();
    private final List<String> seenByLaterListener = new CopyOnWriteArrayList<>();
    private ScenextClient client;
    private WebhookEndpoint endpoint;
    private CompletableFuture<TaskStatus> wait;

    @BeforeEach
    void start() throws IOException {
        client = env.client(b -> { });
        endpoint = WebhookEndpoint.serve(client.webhooks().handlerBuilder(verifierAt(SENT + 30))
                .onEvent(event -> seenByLaterListener.add(event.state() + " done=" + (wait != null && wait.isDone())))
                .build());
    }

    @AfterEach
    void stop() {
        endpoint.close();
        env.close();
    }

    private int post(byte[] body, String signature) throws Exception {
        return endpoint.post(body, signature);
    }

    @Test
    void signedDeliveryEndsARunningAsyncWaitBeforeItsAnswer() throws Exception {
        api.script(STATUS_PATH, ok(inProgress(1)));
        wait = client.waitForCompletionAsync(ID);
        time.advanceBy(Duration.ZERO);
        assertThat(api.gets(STATUS_PATH)).hasSize(1);
        byte[] completed = body("COMPLETED", 2, SENT);
        byte[] forged = body("FAILED", 2, SENT);

        int forgedAnswer = post(forged, signature(completed));
        boolean doneAfterForged = wait.isDone();
        int genuineAnswer = post(completed, signature(completed));
        boolean doneAfterGenuine = wait.isDone();
        int repeatAnswer = post(completed, signature(completed));

        assertThat(forgedAnswer).isEqualTo(401);
        assertThat(doneAfterForged).isFalse();
        assertThat(genuineAnswer).isEqualTo(200);
        assertThat(doneAfterGenuine).isTrue();
        assertThat(repeatAnswer).isEqualTo(200);
        TaskStatus done = wait.join();
        assertThat(done.state()).isEqualTo(TaskState.COMPLETED);
        assertThat(done.videoUrl()).hasValueSatisfying(url -> assertThat(url).contains("/Video/"));
        assertThat(seenByLaterListener).containsExactly("COMPLETED done=true");
        time.advanceBy(Duration.ofHours(2));
        assertThat(api.gets(STATUS_PATH)).hasSize(1);
    }

    @Test
    void deliveryForATaskNotYetWaitedOnIsKeptForItsWait() throws Exception {
        api.script(STATUS_PATH, ok(inProgress(1)));
        byte[] failed = body("FAILED", 2, SENT);

        assertThat(post(failed, signature(failed))).isEqualTo(200);
        TaskStatus status = client.waitForCompletionAsync(ID, WaitOptions.builder()
                .throwOnTaskFailure(false).build()).join();

        assertThat(status.failureMessage()).contains("Task execution failed");
        assertThat(api.gets(STATUS_PATH)).isEmpty();
        assertThat(client.webhooks().accept(verifierAt(SENT).verify(failed, signature(failed))))
                .isEqualTo(WaitUpdate.IGNORED);
    }
}
