package cn.scenext.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import cn.scenext.api.TaskId;
import cn.scenext.core.ScenextClient;
import cn.scenext.core.webhook.WebhookSigner;
import cn.scenext.testkit.ScenextSimulator;
import cn.scenext.testkit.ScenextSimulatorExtension;
import cn.scenext.testkit.WebhookDelivery;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class WebhookReceiverTest {
    @RegisterExtension
    static ScenextSimulatorExtension scenext = ScenextSimulatorExtension.create()
            .simulator(sim -> sim.taskDuration(Duration.ofSeconds(1)).framesPerTask(ExampleTesting.FRAMES)
                    .webhookDuplicates(1));                              // every event arrives twice

    private final ExampleTesting.Console console = new ExampleTesting.Console();
    private HttpServer receiver;
    private URI receiverUrl;

    @BeforeEach
    void startReceiver(ScenextSimulator simulator) throws IOException {
        receiver = WebhookReceiver.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                simulator.apiKey(), console.out);
        receiverUrl = URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + WebhookReceiver.PATH);
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    @Test
    void printsTheEventOfATaskThatEndedOnceThoughItArrivedTwice(ScenextClient client, ScenextSimulator simulator)
            throws InterruptedException {
        TaskId id = WebhookReceiver.createTaskThatCallsBack(client, console.out, "What is 1 + 1?", receiverUrl);

        List<WebhookDelivery> deliveries = awaitDeliveries(simulator, 2);

        assertThat(deliveries).extracting(WebhookDelivery::responseStatus).containsExactly(200, 200);
        assertThat(deliveries).extracting(WebhookDelivery::isDuplicate).containsExactly(false, true);
        assertThat(console.lines()).contains("Created " + id + "; its webhook will come to " + receiverUrl)
                .filteredOn(line -> line.startsWith(id + " is "))
                .singleElement().asString().startsWith(id + " is COMPLETED (").contains("video at http://localhost:");
        assertThat(console.lines()).contains("(a repeat of " + id + "'s event, ignored)");
    }

    @Test
    void refusesForgedUnsignedAndNonPostDeliveries() throws Exception {
        byte[] body = ("{\"task_id\": \"forged-1\", \"status\": \"COMPLETED\", \"progress\": [], \"result\": [], "
                + "\"timestamp\": " + Instant.now().getEpochSecond() + "}").getBytes(StandardCharsets.UTF_8);
        String forged = WebhookSigner.of("sk-someone-else").sign(body);

        assertThat(post(body, forged)).isEqualTo(401);
        assertThat(post(body, null)).isEqualTo(400);
        assertThat(send(HttpRequest.newBuilder(receiverUrl).GET())).isEqualTo(405);
        assertThat(console.lines()).hasSize(2).allSatisfy(line -> assertThat(line)
                .startsWith("Refused a delivery from 127.0.0.1: ").doesNotContain("forged-1 is"));
    }

    @Test
    void acceptsASignedDeliveryAndAcknowledgesItsReplayWithoutActingAgain(ScenextSimulator simulator)
            throws Exception {
        byte[] body = ("{\"task_id\": \"t-42\", \"status\": \"FAILED\", \"progress\": [], "
                + "\"result\": [{\"type\": \"text\", \"content\": \"The question could not be read\"}], "
                + "\"timestamp\": " + Instant.now().getEpochSecond() + "}").getBytes(StandardCharsets.UTF_8);
        String signature = WebhookSigner.of(simulator.apiKey()).sign(body);

        assertThat(post(body, signature)).isEqualTo(200);
        assertThat(post(body, signature)).isEqualTo(200);

        assertThat(console.lines()).hasSize(2);
        assertThat(console.lines().get(0)).startsWith("t-42 is FAILED (").endsWith("): The question could not be read");
        assertThat(console.lines().get(1)).isEqualTo("(a repeat of t-42's event, ignored)");
    }

    private int post(byte[] body, String signature) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(receiverUrl)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", "application/json");
        if (signature != null) {
            request.header("X-Signature", signature);
        }
        return send(request);
    }

    private static int send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** Waits until the simulator has made this many deliveries; the deadline only guards against a hang. */
    private static List<WebhookDelivery> awaitDeliveries(ScenextSimulator simulator, int count)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (simulator.webhookDeliveries().size() < count) {
            if (System.nanoTime() > deadline) {
                fail("Expected " + count + " webhook deliveries, got " + simulator.webhookDeliveries());
            }
            Thread.sleep(20);
        }
        return simulator.webhookDeliveries();
    }
}
