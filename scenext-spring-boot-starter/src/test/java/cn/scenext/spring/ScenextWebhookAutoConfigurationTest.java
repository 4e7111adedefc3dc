package cn.scenext.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import cn.scenext.core.webhook.WebhookDeduplicator;
import cn.scenext.core.webhook.WebhookEvent;
import cn.scenext.core.webhook.WebhookHandler;
import cn.scenext.core.webhook.WebhookResponse;
import cn.scenext.core.webhook.WebhookSigner;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;

/** When the webhook endpoint is registered, and what its handler does with a delivery. */
class ScenextWebhookAutoConfigurationTest {
    private static final String KEY = "sk-test-1234";
    private static final AutoConfigurations CONFIG = AutoConfigurations.of(ScenextAutoConfiguration.class,
            ScenextWebhookAutoConfiguration.class, ScenextWebhookSecurityConfiguration.class);
    private static final String[] PROPERTIES = {"scenext.api-key=" + KEY, "scenext.transport=jdk",
        "scenext.webhook.path=/scenext/webhook"};

    @Test
    void springMvcGetsAServletRoute() {
        new WebApplicationContextRunner().withConfiguration(CONFIG).withPropertyValues(PROPERTIES).run(context -> {
            assertThat(context).hasSingleBean(WebhookHandler.class);
            assertThat(context.getBeansOfType(org.springframework.web.servlet.function.RouterFunction.class))
                    .containsOnlyKeys("scenextWebhookRoute");
            assertThat(context.getBeansOfType(org.springframework.web.reactive.function.server.RouterFunction.class))
                    .isEmpty();
            assertThat(context).hasSingleBean(WebSecurityCustomizer.class);
        });
    }

    @Test
    void webFluxGetsAReactiveRoute() {
        new ReactiveWebApplicationContextRunner().withConfiguration(CONFIG).withPropertyValues(PROPERTIES)
                .run(context -> {
                    assertThat(context).hasSingleBean(WebhookHandler.class);
                    assertThat(context.getBeansOfType(
                            org.springframework.web.reactive.function.server.RouterFunction.class))
                            .containsOnlyKeys("scenextWebhookRoute");
                    assertThat(context.getBeansOfType(org.springframework.web.servlet.function.RouterFunction.class))
                            .isEmpty();
                    assertThat(context).doesNotHaveBean(WebSecurityCustomizer.class);
                });
    }

    @Test
    void outsideAWebApplicationTheHandlerIsThereWithoutARoute() {
        new ApplicationContextRunner().withConfiguration(CONFIG).withPropertyValues(PROPERTIES).run(context -> {
            assertThat(context).hasSingleBean(WebhookHandler.class);
            assertThat(context.getBeansOfType(org.springframework.web.servlet.function.RouterFunction.class)).isEmpty();
            assertThat(context.getBeansOfType(org.springframework.web.reactive.function.server.RouterFunction.class))
                    .isEmpty();
        });
    }

    @Test
    void withoutAPathThereIsNoEndpoint() {
        new WebApplicationContextRunner().withConfiguration(CONFIG)
                .withPropertyValues("scenext.api-key=" + KEY, "scenext.transport=jdk").run(context -> {
                    assertThat(context).doesNotHaveBean(WebhookHandler.class);
                    assertThat(context.getBeansOfType(org.springframework.web.servlet.function.RouterFunction.class))
                            .isEmpty();
                    assertThat(context).doesNotHaveBean(WebSecurityCustomizer.class);
                });
    }

    @Test
    void theSecurityExemptionCanBeTurnedOff() {
        new WebApplicationContextRunner().withConfiguration(CONFIG).withPropertyValues(PROPERTIES)
                .withPropertyValues("scenext.webhook.security-exempt=false")
                .run(context -> assertThat(context).hasSingleBean(WebhookHandler.class)
                        .doesNotHaveBean(WebSecurityCustomizer.class));
    }

    @Test
    void theExemptionMatchesOnlyPostOnThePath() {
        ScenextWebhookSecurityConfiguration.WebhookRequestMatcher matcher =
                new ScenextWebhookSecurityConfiguration.WebhookRequestMatcher("/scenext/webhook");
        assertThat(matcher.matches(request("POST", "/app", "/app/scenext/webhook"))).isTrue();
        assertThat(matcher.matches(request("GET", "/app", "/app/scenext/webhook"))).isFalse();
        assertThat(matcher.matches(request("POST", "", "/scenext/webhook/more"))).isFalse();
        assertThat(matcher.matches(request("POST", "", "/scenext/webhookx"))).isFalse();
        assertThat(matcher.matches(request("POST", "", "/admin"))).isFalse();
    }

    @Test
    void theHandlerEndsWaitsThenPublishesEachNewEventOnce() {
        new ApplicationContextRunner().withConfiguration(CONFIG).withPropertyValues(PROPERTIES)
                .withUserConfiguration(Events.class).run(context -> {
                    WebhookHandler handler = context.getBean(WebhookHandler.class);
                    byte[] body = event("task-1", "COMPLETED");
                    String signature = WebhookSigner.of(KEY).sign(body);
                    assertThat(handler.handle(signature, body).outcome()).isEqualTo(WebhookResponse.Outcome.ACCEPTED);
                    assertThat(handler.handle(signature, body).outcome()).isEqualTo(WebhookResponse.Outcome.DUPLICATE);
                    assertThat(context.getBean(Events.class).received).hasSize(1)
                            .allSatisfy(e -> assertThat(e.taskId().value()).isEqualTo("task-1"));
                });
    }

    @Test
    void rotatedSecretsAreAllAccepted() {
        new ApplicationContextRunner().withConfiguration(CONFIG).withPropertyValues(PROPERTIES)
                .withPropertyValues("scenext.webhook.secrets=old-secret,new-secret").run(context -> {
                    WebhookHandler handler = context.getBean(WebhookHandler.class);
                    byte[] first = event("task-1", "COMPLETED");
                    byte[] second = event("task-2", "COMPLETED");
                    byte[] third = event("task-3", "COMPLETED");
                    assertThat(handler.handle(WebhookSigner.of("old-secret").sign(first), first).statusCode())
                            .isEqualTo(200);
                    assertThat(handler.handle(WebhookSigner.of("new-secret").sign(second), second).statusCode())
                            .isEqualTo(200);
                    // Secrets given: the API key is no longer one of them.
                    assertThat(handler.handle(WebhookSigner.of(KEY).sign(third), third).statusCode()).isEqualTo(401);
                });
    }

    @Test
    void aDeduplicatorBeanOfTheApplicationIsUsed() {
        new ApplicationContextRunner().withConfiguration(CONFIG).withPropertyValues(PROPERTIES)
                .withUserConfiguration(SharedStore.class).run(context -> {
                    RecordingDeduplicator store = context.getBean(RecordingDeduplicator.class);
                    assertThat(context).hasSingleBean(WebhookDeduplicator.class);
                    byte[] body = event("task-9", "FAILED");
                    context.getBean(WebhookHandler.class).handle(WebhookSigner.of(KEY).sign(body), body);
                    assertThat(store.seen).hasSize(1).allSatisfy(k -> assertThat(k.taskId().value()).isEqualTo("task-9"));
                });
    }

    @Test
    void aListenerThatThrowsMakesTheDeliveryFailAndForgetsTheEvent() {
        new ApplicationContextRunner().withConfiguration(CONFIG).withPropertyValues(PROPERTIES)
                .withUserConfiguration(FailingListener.class).run(context -> {
                    WebhookHandler handler = context.getBean(WebhookHandler.class);
                    byte[] body = event("task-5", "COMPLETED");
                    String signature = WebhookSigner.of(KEY).sign(body);
                    assertThat(handler.handle(signature, body).statusCode()).isEqualTo(500);
                    // Forgotten: the redelivery is handled as new (and fails again), not taken for a repeat.
                    assertThat(handler.handle(signature, body).statusCode()).isEqualTo(500);
                    assertThat(context.getBean(FailingListener.class).calls).isEqualTo(2);
                });
    }

    static byte[] event(String taskId, String status) {
        String json = "{\"task_id\": \"" + taskId + "\", \"status\": \"" + status + "\", \"timestamp\": "
                + Instant.now().getEpochSecond() + "}";
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static jakarta.servlet.http.HttpServletRequest request(String method, String contextPath, String uri) {
        org.springframework.mock.web.MockHttpServletRequest request =
                new org.springframework.mock.web.MockHttpServletRequest(method, uri);
        request.setContextPath(contextPath);
        return request;
    }

    @Configuration(proxyBeanMethods = false)
    static class Events {
        final List<WebhookEvent> received = new ArrayList<>();

        @EventListener
        void on(WebhookEvent event) {
            received.add(event);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class FailingListener {
        int calls;

        @EventListener
        void on(WebhookEvent event) {
            calls++;
            throw new IllegalStateException("the database is down");
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class SharedStore {
        @Bean
        RecordingDeduplicator sharedStore() {
            return new RecordingDeduplicator();
        }
    }

    static final class RecordingDeduplicator implements WebhookDeduplicator {
        final List<WebhookEvent.Key> seen = new ArrayList<>();

        @Override
        public synchronized boolean firstDelivery(WebhookEvent.Key key) {
            boolean first = !seen.contains(key);
            seen.add(key);
            return first;
        }

        @Override
        public synchronized void forget(WebhookEvent.Key key) {
            seen.remove(key);
        }
    }
}
