package cn.scenext.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import cn.scenext.api.GenerateVideoRequest;
import cn.scenext.api.TaskId;
import cn.scenext.api.TaskState;
import cn.scenext.core.webhook.WebhookEvent;
import cn.scenext.core.webhook.WebhookSigner;
import cn.scenext.testkit.ScenextSimulator;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The endpoint on Spring MVC (Tomcat), with Spring Security's defaults on: the contract, the raw bytes, and
 * security still guarding everything else.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"scenext.transport=jdk", "scenext.webhook.path=" + WebhookEndpointContract.PATH})
class WebMvcWebhookEndpointTest extends WebhookEndpointContract {
    static final ScenextSimulator SIM = startSimulator();

    @Autowired
    ApplicationContext context;

    @DynamicPropertySource
    static void simulator(DynamicPropertyRegistry registry) {
        pointAt(SIM, registry);
    }

    @AfterAll
    static void stopSimulator() {
        SIM.close();
    }

    @Override
    ScenextSimulator sim() {
        return SIM;
    }

    @Test
    void aFailedTasksWebhookIsPublishedToo() throws Exception {
        TaskId id = client.generateVideo(GenerateVideoRequest.builder().question("q").notifyUrl(hookUrl()).build());
        SIM.failTask(id, "no credits");
        Eventually.until("the event published", () -> !received.events.isEmpty());
        assertRepeatsAreAcknowledgedAndNotPublished(id);
        assertThat(received.events).extracting(WebhookEvent::state).containsExactly(TaskState.FAILED);
    }

    @Test
    void theRawBytesAreVerifiedNotAReencodingOfThem() throws Exception {
        // Unusual spacing and key order: a body re-serialized by a message converter would fail the signature.
        byte[] body = ("{ \"timestamp\":" + (System.currentTimeMillis() / 1000)
                + ",   \"status\" : \"COMPLETED\", \"task_id\":\"raw-task\" }").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = post(body, WebhookSigner.of(SIM.apiKey()).signRaw(body));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("accepted");
        assertThat(received.events).extracting(e -> e.taskId().value()).containsExactly("raw-task");
    }

    @Test
    void springSecurityStillGuardsEverythingElse() throws Exception {
        HttpResponse<String> other = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/scenext/other")).POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertThat(other.statusCode()).isIn(401, 403);
        HttpResponse<String> get = send(HttpRequest.newBuilder(hookUrl()).GET().build());
        assertThat(get.statusCode()).isIn(401, 403);
    }

    @Test
    void bootsOwnJsonIsThereBesideTheCoresJackson2() throws Exception {
        // Boot 4 configures Jackson 3 (tools.jackson), Boot 3 Jackson 2 databind; the client parsed every response
        // of these tests with its own jackson-core 2 streaming parser either way.
        String mapper = org.springframework.boot.SpringBootVersion.getVersion().startsWith("4.")
                ? "tools.jackson.databind.json.JsonMapper" : "com.fasterxml.jackson.databind.ObjectMapper";
        assertThat(context.getBeanNamesForType(Class.forName(mapper))).isNotEmpty();
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
        @Bean
        Received received() {
            return new Received();
        }
    }
}
