package cn.scenext.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import cn.scenext.api.GenerateVideoRequest;
import cn.scenext.api.TaskId;
import cn.scenext.api.TaskState;
import cn.scenext.api.TaskStatus;
import cn.scenext.core.ScenextClient;
import cn.scenext.core.poll.PollPolicy;
import cn.scenext.core.poll.WaitOptions;
import cn.scenext.core.webhook.WebhookEvent;
import cn.scenext.core.webhook.WebhookSigner;
import cn.scenext.testkit.Endpoint;
import cn.scenext.testkit.ScenextSimulator;
import cn.scenext.testkit.WebhookDelivery;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * What the webhook endpoint does on every web stack, against an application on a random port whose client
 * talks to the subclass's simulator (tasks that never end by themselves: the tests end them, and each end sends
 * its signed webhook to the endpoint).
 */
abstract class WebhookEndpointContract {
    static final String PATH = "/scenext/webhook";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Value("${local.server.port}")
    int port;

    @Autowired
    ScenextClient client;

    @Autowired
    WaitOptions waitOptions;

    @Autowired
    Received received;

    /** The subclass's simulator. */
    abstract ScenextSimulator sim();

    static ScenextSimulator startSimulator() {
        return ScenextSimulator.builder().taskDuration(Duration.ofHours(1)).start();
    }

    static void pointAt(ScenextSimulator sim, DynamicPropertyRegistry registry) {
        registry.add("scenext.base-url", () -> sim.baseUrl().toString());
        registry.add("scenext.api-key", sim::apiKey);
    }

    @BeforeEach
    void forget() {
        received.events.clear();
    }

    @Test
    void aWebhookEndsTheWaitAndIsPublishedOncePerNewDelivery() throws Exception {
        TaskId id = client.generateVideo(GenerateVideoRequest.builder().question("What is 1 + 1?")
                .notifyUrl(hookUrl()).build());
        // The wait never polls: only the webhook can end it.
        WaitOptions onlyWebhooks = waitOptions.toBuilder()
                .pollPolicy(PollPolicy.fixed(Duration.ofHours(1)).withFirstPollAfter(Duration.ofHours(1))).build();
        CompletableFuture<TaskStatus> done = client.waitForCompletionAsync(id, onlyWebhooks);

        sim().completeTask(id);

        assertThat(done.get(2, TimeUnit.MINUTES).state()).isEqualTo(TaskState.COMPLETED);
        assertThat(sim().requests(Endpoint.GET_STATUS)).isEmpty();
        assertRepeatsAreAcknowledgedAndNotPublished(id);
        assertThat(received.events).hasSize(1).allSatisfy(e -> {
            assertThat(e.taskId()).isEqualTo(id);
            assertThat(e.state()).isEqualTo(TaskState.COMPLETED);
        });
    }

    @Test
    void aForgedDeliveryIsRefusedWith401AndPublishesNothing() throws Exception {
        byte[] body = ScenextWebhookAutoConfigurationTest.event("forged-task", "COMPLETED");
        HttpResponse<String> response = post(body, WebhookSigner.of("sk-not-the-key").sign(body));
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).isEqualTo("rejected: SIGNATURE_MISMATCH");
        assertThat(received.events).isEmpty();
    }

    @Test
    void anUnsignedDeliveryIs400AndAnOversizedOne413() throws Exception {
        byte[] body = ScenextWebhookAutoConfigurationTest.event("unsigned", "COMPLETED");
        assertThat(post(body, null).statusCode()).isEqualTo(400);
        byte[] huge = new byte[1024 * 1024 + 1];
        java.util.Arrays.fill(huge, (byte) ' ');
        String signature = WebhookSigner.of(sim().apiKey()).signRaw(huge);
        assertThat(post(huge, signature).statusCode()).isEqualTo(413);
        // Chunked, with no Content-Length: found too large while reading, at one byte over the limit.
        HttpResponse<String> chunked = send(HttpRequest.newBuilder(hookUrl())
                .header("Content-Type", "application/json").header("X-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(huge))).build());
        assertThat(chunked.statusCode()).isEqualTo(413);
        assertThat(chunked.body()).isEqualTo("rejected: BODY_TOO_LARGE");
        assertThat(received.events).isEmpty();
    }

    /**
     * Sends the simulator's delivery of the task twice more, as the service may: both acknowledged as repeats.
     * (The simulator records a delivery once its POST returns, which under load may be after its own read
     * timeout; so the copies go from here, waiting as long as the response takes.)
     */
    void assertRepeatsAreAcknowledgedAndNotPublished(TaskId id) throws Exception {
        Eventually.until("the simulator's delivery recorded", () -> !deliveriesOf(id).isEmpty());
        WebhookDelivery first = deliveriesOf(id).get(0);
        int before = received.events.size();
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> repeat = post(first.body(), first.signature());
            assertThat(repeat.statusCode()).isEqualTo(200);
            assertThat(repeat.body()).isEqualTo("duplicate");
        }
        assertThat(received.events).hasSize(before);
    }

    List<WebhookDelivery> deliveriesOf(TaskId id) {
        return sim().webhookDeliveries().stream().filter(d -> d.taskId().equals(id)).collect(Collectors.toList());
    }

    URI hookUrl() {
        return URI.create("http://127.0.0.1:" + port + PATH);
    }

    HttpResponse<String> post(byte[] body, String signature) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(hookUrl())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (signature != null) {
            request.header("X-Signature", signature);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> send(HttpRequest request) throws Exception {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** The application's listener: every event published to it. */
    static class Received {
        final List<WebhookEvent> events = new CopyOnWriteArrayList<>();

        @EventListener
        void on(WebhookEvent event) {
            events.add(event);
        }
    }
}
