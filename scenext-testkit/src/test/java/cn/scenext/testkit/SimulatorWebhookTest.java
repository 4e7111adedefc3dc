package cn.scenext.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import cn.scenext.api.GenerateVideoRequest;
import cn.scenext.api.TaskId;
import cn.scenext.api.TaskState;
import cn.scenext.core.ScenextClient;
import cn.scenext.core.internal.canonical.CanonicalJson;
import cn.scenext.core.webhook.WebhookEvent;
import cn.scenext.core.webhook.WebhookVerifier;
import cn.scenext.testsupport.server.MockResponse;
import cn.scenext.testsupport.server.MockServer;
import cn.scenext.testsupport.server.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.AbstractList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SimulatorWebhookTest {
    /** What the receiver got: body and signature. */
    record Received(byte[] body, String signature) {
    }

    private final AtomicInteger failuresToPlay = new AtomicInteger();
    /** The webhook receiver: the shared loopback server, which logs each delivery before answering it. */
    private final MockServer receiver = MockServer.start();
    /** What the receiver got, in order: a live view of its request log. */
    private final List<Received> received = new AbstractList<>() {
        @Override
        public Received get(int index) {
            RecordedRequest r = receiver.requests().get(index);
            return new Received(r.body(), r.header("X-Signature"));
        }

        @Override
        public int size() {
            return receiver.requestCount();
        }
    };
    private ScenextSimulator sim;

    SimulatorWebhookTest() {
        receiver.route().on(r -> r.path().equals("/hook"),
                r -> MockResponse.status(failuresToPlay.getAndDecrement() > 0 ? 500 : 200));
    }

    @AfterEach
    void stop() {
        receiver.close();
        if (sim != null) {
            sim.close();
        }
    }

    private String hookUrl() {
        return receiver.url("/hook");
    }

    private void awaitDeliveries(int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (received.size() < n && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(received).hasSizeGreaterThanOrEqualTo(n);
        // The simulator records a delivery once the receiver's response is in, just after the receiver saw it.
        while (sim.webhookDeliveries().size() < n && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(sim.webhookDeliveries()).hasSizeGreaterThanOrEqualTo(n);
    }

    @Test
    void deliversASignedUnsortedEventWhenATaskCompletes() throws Exception {
        sim = ScenextSimulator.builder().taskDuration(Duration.ofMillis(300)).framesPerTask(2).start();
        TaskId id;
        try (ScenextClient client = sim.newClient().build()) {
            id = client.generateVideo(GenerateVideoRequest.builder().question("q").notifyUrl(hookUrl()).build());
        }

        awaitDeliveries(1);

        Received r = received.get(0);
        String body = new String(r.body(), StandardCharsets.UTF_8);
        assertThat(body).startsWith("{\"task_id\": \"" + id + "\", \"status\": \"COMPLETED\", \"progress\": [{\"id\": ")
                .contains("\"result\": [{\"type\": \"video\", \"content\": \"http://localhost:")
                .containsPattern("\"timestamp\": \\d+}$");
        assertThat(CanonicalJson.canonicalize(body)).isNotEqualTo(body);
        WebhookEvent event = WebhookVerifier.of(sim.apiKey()).verify(r.body(), r.signature());
        assertThat(event.taskId()).isEqualTo(id);
        assertThat(event.state()).isEqualTo(TaskState.COMPLETED);
        assertThat(event.frames()).hasSize(2);
        assertThat(event.toTaskStatus().videoUrl()).isPresent();
        assertThat(sim.webhookDeliveries()).singleElement().satisfies(d -> {
            assertThat(d.responseStatus()).isEqualTo(200);
            assertThat(d.signature()).isEqualTo(r.signature());
        });
        Thread.sleep(300);
        assertThat(received).hasSize(1);
    }

    @Test
    void repeatsDeliveriesWhenAskedAndRetriesOnesNotTaken() throws Exception {
        sim = ScenextSimulator.builder().taskDuration(Duration.ofHours(1)).webhookDuplicates(2)
                .webhookRetries(3, Duration.ofMillis(50)).start();
        failuresToPlay.set(2);
        TaskId id;
        try (ScenextClient client = sim.newClient().build()) {
            id = client.generateVideo(GenerateVideoRequest.builder().question("q").notifyUrl(hookUrl()).build());
        }

        sim.failTask(id, "Task execution failed");
        awaitDeliveries(5);

        assertThat(received).extracting(Received::signature).containsOnly(received.get(0).signature());
        assertThat(sim.webhookDeliveries()).extracting(WebhookDelivery::responseStatus)
                .containsExactly(500, 500, 200, 200, 200);
        assertThat(sim.webhookDeliveries()).filteredOn(WebhookDelivery::isDuplicate).hasSize(2);
        WebhookEvent event = WebhookVerifier.of(sim.apiKey()).verify(received.get(4).body(), received.get(4).signature());
        assertThat(event.state()).isEqualTo(TaskState.FAILED);
        assertThat(event.toTaskStatus().failureMessage()).contains("Task execution failed");
        assertThat(sim.findTask(id).get().webhooksDelivered()).isEqualTo(3);
    }

    @Test
    void writesTheBodyExactlyAsPythonsJsonDumps() throws Exception {
        sim = ScenextSimulator.builder().taskDuration(Duration.ofHours(1)).start();
        TaskId id;
        try (ScenextClient client = sim.newClient().build()) {
            id = client.generateVideo(GenerateVideoRequest.builder().question("q").notifyUrl(hookUrl()).build());
        }
        String reason = "é\u007f🚀\"\\\n\t/\u0001 ok";

        sim.failTask(id, reason);
        awaitDeliveries(1);

        String escaped = "\\u00e9\\u007f\\ud83d\\ude80\\\"\\\\\\n\\t/\\u0001 ok";
        WebhookDelivery d = sim.webhookDeliveries().get(0);
        assertThat(d.bodyText()).isEqualTo("{\"task_id\": \"" + id + "\", \"status\": \"FAILED\", \"progress\": [], "
                + "\"result\": [{\"type\": \"text\", \"content\": \"" + escaped + "\", \"score\": 0, \"scoreDetail\": \""
                + escaped + "\"}], \"timestamp\": " + d.timestamp().getEpochSecond() + "}");
        assertThat(received.get(0).body()).isEqualTo(d.body());
        WebhookEvent event = WebhookVerifier.of(sim.apiKey()).verify(d.body(), d.signature());
        assertThat(event.toTaskStatus().failureMessage()).contains(reason);
    }

    @Test
    void theRealServerSendsOnceWithoutRetryingAFailedDelivery() throws Exception {
        sim = ScenextSimulator.builder().taskDuration(Duration.ofHours(1)).start();
        failuresToPlay.set(1);
        TaskId id;
        try (ScenextClient client = sim.newClient().build()) {
            id = client.generateVideo(GenerateVideoRequest.builder().question("q").notifyUrl(hookUrl()).build());
            sim.completeTask(id);
            awaitDeliveries(1);
            assertThat(client.getStatus(id).isCompleted()).isTrue(); // a read of the ended task sends nothing more
        }
        Thread.sleep(300);

        assertThat(sim.webhookDeliveries()).singleElement().satisfies(d -> {
            assertThat(d.responseStatus()).isEqualTo(500);
            assertThat(d.attempt()).isEqualTo(1);
        });
        assertThat(received).hasSize(1);
        assertThat(sim.findTask(id).get().webhooksDelivered()).isZero();
    }

    @Test
    void theDocumentedStyleRetriesADeliveryNotTaken() throws Exception {
        sim = ScenextSimulator.builder().responseStyle(ResponseStyle.DOCUMENTED).taskDuration(Duration.ofHours(1))
                .start();
        failuresToPlay.set(1);
        try (ScenextClient client = sim.newClient().build()) {
            TaskId id = client.generateVideo(GenerateVideoRequest.builder().question("q").notifyUrl(hookUrl()).build());
            sim.completeTask(id);
        }

        awaitDeliveries(2);

        assertThat(sim.webhookDeliveries()).extracting(WebhookDelivery::responseStatus).containsExactly(500, 200);
        assertThat(received.get(1).body()).isEqualTo(received.get(0).body());
        assertThat(new String(received.get(0).body(), StandardCharsets.UTF_8)).contains("\"id\": \"frame");
    }

    @Test
    void onFailureOnlyAnnouncesFailedTasksAndNeverCompletedOnes() throws Exception {
        sim = ScenextSimulator.builder().taskDuration(Duration.ofHours(1)).webhooksOnFailureOnly(true).start();
        TaskId completed;
        TaskId failed;
        try (ScenextClient client = sim.newClient().build()) {
            completed = client.generateVideo(GenerateVideoRequest.builder().question("q").notifyUrl(hookUrl()).build());
            failed = client.generateVideo(GenerateVideoRequest.builder().question("q").notifyUrl(hookUrl()).build());
            sim.completeTask(completed);
            assertThat(client.getStatus(completed).isCompleted()).isTrue();
            sim.failTask(failed, "Task execution failed");
        }

        awaitDeliveries(1);
        Thread.sleep(300);

        assertThat(sim.webhookDeliveries()).singleElement().satisfies(d -> {
            assertThat(d.taskId()).isEqualTo(failed);
            assertThat(d.status()).isEqualTo("FAILED");
        });
        assertThat(sim.findTask(completed).get().webhooksDelivered()).isZero();
    }

    @Test
    void sendsNothingForTasksWithoutANotifyUrl() throws Exception {
        sim = ScenextSimulator.builder().taskDuration(Duration.ZERO).start();
        try (ScenextClient client = sim.newClient().build()) {
            TaskId id = client.generateVideo(GenerateVideoRequest.ofQuestion("q"));
            assertThat(client.getStatus(id).isCompleted()).isTrue();
        }
        Thread.sleep(200);

        assertThat(sim.webhookDeliveries()).isEmpty();
    }
}
