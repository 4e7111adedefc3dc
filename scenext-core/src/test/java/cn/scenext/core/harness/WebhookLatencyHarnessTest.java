package cn.scenext.core.harness;

import static org.assertj.core.api.Assertions.assertThat;

import cn.scenext.api.TaskId;
import cn.scenext.api.TaskState;
import cn.scenext.api.TaskStatus;
import cn.scenext.core.ScenextClient;
import cn.scenext.core.testing.LoopbackTransport;
import cn.scenext.core.testing.SignedEvents;
import cn.scenext.core.webhook.WebhookEvent;
import cn.scenext.core.webhook.WebhookHandler;
import cn.scenext.core.webhook.WebhookResponse;
import cn.scenext.core.webhook.WebhookVerifier;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * How soon a wait ends after its task's webhook arrives, on real threads and clocks: waits polling a fake API
 * every 30 s, each ended by a signed delivery to the JDK's HTTP server on loopback (verified, then handed to
 * {@code client.webhooks()}), and by a direct {@code accept}. Tagged {@code harness}, left out of ordinary
 * builds; the figures are printed, not asserted:
 *
 * <pre>
 * ./mvnw -B -q verify -pl scenext-core -am -Dtest=WebhookLatencyHarnessTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dscenext.excludedGroups=
 * # output: scenext-core/target/surefire-reports/cn.scenext.core.harness.WebhookLatencyHarnessTest-output.txt
 * </pre>
 */
@Tag("harness")
class WebhookLatencyHarnessTest {
    private static final int WARMUP = 200;
    private static final int ROUNDS = 1000;

    @Test
    void waitsEndWithinMicrosecondsOfTheirWebhook() throws Exception {
        try (FakeStatusServer api = new FakeStatusServer(Integer.MAX_VALUE, 2);
                LoopbackTransport transport = LoopbackTransport.create();
                ScenextClient client = ScenextClient.builder().apiKey(SignedEvents.SECRET).baseUrl(api.baseUrl())
                        .transport(transport).build()) {
            AtomicLong handlerEntered = new AtomicLong();
            WebhookHandler handler = client.webhooks().handler(WebhookVerifier.of(SignedEvents.SECRET));
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/scenext/webhook", exchange -> {
                handlerEntered.set(System.nanoTime());
                WebhookResponse r = handler.handle(exchange.getRequestHeaders(), exchange.getRequestBody());
                exchange.sendResponseHeaders(r.statusCode(), -1);
                exchange.close();
            });
            server.start();
            URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/scenext/webhook");
            HttpClient http = HttpClient.newHttpClient();
            try {
                long[] fromHandler = new long[ROUNDS];
                long[] fromSend = new long[ROUNDS];
                long[] fromAccept = new long[ROUNDS];
                for (int i = -WARMUP; i < ROUNDS; i++) {
                    String id = "latency-" + i;
                    CompletableFuture<Long> ended = startPolledWait(client, api, id);
                    byte[] body = bodyFor(id);
                    long sent = System.nanoTime();
                    HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(endpoint)
                            .header("X-Signature", SignedEvents.signature(body))
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                            HttpResponse.BodyHandlers.discarding());
                    long end = ended.get(10, TimeUnit.SECONDS);
                    assertThat(answer.statusCode()).isEqualTo(200);

                    String direct = "direct-" + i;
                    CompletableFuture<Long> endedDirectly = startPolledWait(client, api, direct);
                    WebhookEvent event = WebhookVerifier.of(SignedEvents.SECRET).verify(bodyFor(direct),
                            SignedEvents.signature(bodyFor(direct)));
                    long accepted = System.nanoTime();
                    client.webhooks().accept(event);
                    long endDirect = endedDirectly.get(10, TimeUnit.SECONDS);
                    if (i >= 0) {
                        fromHandler[i] = end - handlerEntered.get();
                        fromSend[i] = end - sent;
                        fromAccept[i] = endDirect - accepted;
                    }
                }
                assertThat(api.statusRequests()).as("one poll per wait, none after its webhook")
                        .isEqualTo(2L * (ROUNDS + WARMUP));
                System.out.println("Webhook-to-completion latency over " + ROUNDS + " waits (after " + WARMUP
                        + " warm-up), polling every 30 s, on " + Runtime.getRuntime().availableProcessors()
                        + " cores:\n"
                        + "  accept(event) called -> future completed:           " + summary(fromAccept) + "\n"
                        + "  HTTP handler entered -> future completed (verify):  " + summary(fromHandler) + "\n"
                        + "  POST sent by the test -> future completed:          " + summary(fromSend));
            } finally {
                server.stop(0);
            }
        }
    }

    /** Starts a wait on a real timer, lets its first poll answer, and gives the time its future completes. */
    private static CompletableFuture<Long> startPolledWait(ScenextClient client, FakeStatusServer api, String id)
            throws InterruptedException {
        long before = api.statusRequests();
        CompletableFuture<TaskStatus> wait = client.waitForCompletionAsync(TaskId.of(id));
        CompletableFuture<Long> ended = wait.thenApply(status -> {
            long at = System.nanoTime();
            assertThat(status.state()).isEqualTo(TaskState.COMPLETED);
            return at;
        });
        while (api.statusRequests() == before) {
            Thread.sleep(1);
        }
        Thread.sleep(2); // let the first answer be taken in: the wait now sits on its 30 s timer
        return ended;
    }

    private static byte[] bodyFor(String id) {
        long now = System.currentTimeMillis() / 1000;
        String json = new String(SignedEvents.body("COMPLETED", 2, now), StandardCharsets.UTF_8)
                .replace("\"12345\"", "\"" + id + "\"");
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static String summary(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return String.format("median %s, p90 %s, p99 %s, max %s", micros(sorted[sorted.length / 2]),
                micros(sorted[sorted.length * 9 / 10]), micros(sorted[sorted.length * 99 / 100]),
                micros(sorted[sorted.length - 1]));
    }

    private static String micros(long nanos) {
        return String.format("%.0f us", nanos / 1000.0);
    }
}
