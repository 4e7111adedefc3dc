package cn.scenext.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import cn.scenext.testkit.Endpoint;
import cn.scenext.testkit.ScenextSimulator;
import cn.scenext.testkit.SimulatedTask;
import cn.scenext.testkit.WebhookDelivery;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Runs the sample application as its {@code main} does, on a random port, against the simulator: a video asked
 * for through the service ends when the simulator's signed webhook reaches the application's endpoint, and the
 * listener logs the event once.
 */
@ExtendWith(OutputCaptureExtension.class)
class SampleApplicationTest {
    @Test
    void theApplicationReceivesTheSimulatorsWebhookAndTheWaitEnds(CapturedOutput output) throws Exception {
        try (ScenextSimulator sim = ScenextSimulator.builder().taskDuration(Duration.ofHours(1)).start();
             ConfigurableApplicationContext app = SpringApplication.run(SampleApplication.class,
                     "--server.port=0", "--server.address=127.0.0.1",
                     "--scenext.api-key=" + sim.apiKey(), "--scenext.base-url=" + sim.baseUrl(),
                     "--app.public-url=http://127.0.0.1:${local.server.port}")) {
            // As a user would: POST /videos, which responds once the task ended.
            String appUrl = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
            CompletableFuture<HttpResponse<String>> video = HttpClient.newHttpClient().sendAsync(HttpRequest
                    .newBuilder(java.net.URI.create(appUrl + "/videos?question=What%20is%201%20%2B%201%3F"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            await("a task created", () -> !sim.tasks().isEmpty() || video.isDone());
            assertThat(sim.tasks()).as("tasks; POST /videos ended with %s", video.isDone() ? video.join().body() : "")
                    .isNotEmpty();
            SimulatedTask task = sim.tasks().get(0);
            // After the wait's first poll (the task still running), as a real task ends minutes later: its
            // webhook then ends the wait, 30 s before the next poll would.
            await("the wait's first poll", () -> !sim.requests(Endpoint.GET_STATUS).isEmpty());
            sim.completeTask(task.id());

            HttpResponse<String> response = video.get(2, TimeUnit.MINUTES);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).startsWith("{\"taskId\":\"" + task.id().value() + "\",\"state\":\"COMPLETED\"")
                    .contains("\"video\":\"");
            String logged = "Task " + task.id() + " is COMPLETED";
            await("logged: " + logged, () -> output.getOut().contains(logged));
            // The simulator records its delivery once the POST returns (after the wait ended): then the same
            // delivery again, as the service may repeat it, is acknowledged and not logged a second time.
            await("the simulator's delivery recorded", () -> !sim.webhookDeliveries().isEmpty());
            WebhookDelivery delivery = sim.webhookDeliveries().get(0);
            assertThat(delivery.url().toString()).endsWith("/scenext/webhook");
            HttpResponse<String> repeat = HttpClient.newHttpClient().send(HttpRequest.newBuilder(delivery.url())
                    .header("X-Signature", delivery.signature())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(delivery.body())).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(repeat.statusCode()).isEqualTo(200);
            assertThat(repeat.body()).isEqualTo("duplicate");
            assertThat(output.getOut().split("Task " + task.id() + " is COMPLETED", -1)).hasSize(2);

            // What the application exposes: the wait and the deliveries as metrics, the client in its health.
            String base = delivery.url().resolve("/actuator/").toString();
            String waits = get(base + "metrics/scenext.task.wait");
            assertThat(waits).contains("\"name\":\"scenext.task.wait\"")
                    .contains("{\"statistic\":\"COUNT\",\"value\":1.0}")
                    .contains("{\"tag\":\"ended.by\",\"values\":[\"WEBHOOK\"]}")
                    .contains("{\"tag\":\"outcome\",\"values\":[\"COMPLETED\"]}");
            String deliveries = get(base + "metrics/scenext.webhook.deliveries");
            assertThat(deliveries).contains("\"name\":\"scenext.webhook.deliveries\"")
                    .contains("{\"statistic\":\"COUNT\",\"value\":2.0}").contains("\"tag\":\"result\"")
                    .contains("\"accepted\"").contains("\"duplicate\"")
                    .contains("{\"tag\":\"reason\",\"values\":[\"NONE\"]}");
            assertThat(get(base + "metrics/scenext.webhook.deliveries?tag=result:accepted"))
                    .contains("{\"statistic\":\"COUNT\",\"value\":1.0}");
            String calls = get(base + "metrics/scenext.client.call");
            assertThat(calls).contains("\"tag\":\"operation\"").contains("\"create\"").contains("\"status\"")
                    .contains("{\"tag\":\"transport\",\"values\":[\"jdk\"]}").contains("\"tag\":\"attempts\"");
            assertThat(get(base + "metrics/scenext.task.wait.polls"))
                    .contains("{\"tag\":\"ended.by\",\"values\":[\"WEBHOOK\"]}");
            for (String gauge : new String[] {"scenext.client.calls.in.flight", "scenext.client.downloads.in.flight",
                "scenext.task.waits.in.flight"}) {
                assertThat(get(base + "metrics/" + gauge)).contains("{\"statistic\":\"VALUE\",\"value\":0.0}");
            }
            String health = get(base + "health");
            assertThat(health).contains("\"scenext\"").contains("\"waitsInFlight\":0")
                    .contains("\"downloadsInFlight\":0");
            System.out.println("Exposed: " + waits + "\n" + deliveries + "\n" + calls + "\n" + health);
            assertThat(output.getAll()).doesNotContain(sim.apiKey());
        }
    }

    @Test
    void theReadmeShowsThisApplicationsCode() throws IOException {
        Path root = Paths.get("").toAbsolutePath();
        while (!Files.exists(root.resolve("README.md"))) {
            root = root.getParent();
        }
        String readme = Files.readString(root.resolve("README.md"), StandardCharsets.UTF_8);
        Matcher blocks = Pattern.compile("```java spring-boot-sample\n(.*?)```\n", Pattern.DOTALL).matcher(readme);
        List<String> shown = new ArrayList<>();
        while (blocks.find()) {
            shown.add(blocks.group(1));
        }
        assertThat(shown).hasSize(2);
        Path sources = root.resolve("scenext-spring-boot-sample/src/main/java/cn/scenext/sample");
        String code = Files.readString(sources.resolve("Videos.java")) + Files.readString(sources.resolve("VideoEvents.java"));
        for (String block : shown) {
            assertThat(code).as("README block %s", block.lines().findFirst().orElse("")).contains(block.strip());
        }
    }

    private static String get(String url) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(java.net.URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url).isEqualTo(200);
        return response.body();
    }

    /** Waits for what another thread does; the bound is only against a hang, nothing asserts on time. */
    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long start = System.nanoTime();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - start > TimeUnit.MINUTES.toNanos(2)) {
                throw new AssertionError("Still not true after two minutes: " + what);
            }
            Thread.sleep(10);
        }
    }
}
