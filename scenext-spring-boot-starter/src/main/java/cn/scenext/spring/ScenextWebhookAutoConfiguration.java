package cn.scenext.spring;

import java.util.ArrayList;
import java.util.List;

import cn.scenext.core.ScenextClient;
import cn.scenext.core.webhook.WebhookDeduplicator;
import cn.scenext.core.webhook.WebhookEvent;
import cn.scenext.core.webhook.WebhookHandler;
import cn.scenext.core.webhook.WebhookVerifier;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The webhook endpoint, when {@code scenext.webhook.path} is set: a {@link WebhookVerifier} from
 * {@code scenext.webhook.*} (the API key unless {@code secrets} are given), a {@link WebhookDeduplicator} (in
 * memory unless the application defines one, e.g. a shared store), and a {@link WebhookHandler} that hands each
 * new event to {@code client.webhooks()} (ending the waits for its task) and then publishes it as an application
 * event, so that {@code @EventListener void on(WebhookEvent event)} receives it once. A listener that throws makes
 * the response 500 and the event is forgotten, so that the service's next delivery is handled as new.
 *
 * <p>On Spring MVC and, separately, on WebFlux, a {@code POST} route on the path reads the body's raw bytes (no
 * message converter touches them), lets the handler verify it, and answers with the handler's status and a short
 * {@code text/plain} message: 200 accepted or duplicate, 400, 401, 413, or 500. With Spring Security on a servlet
 * application, the route is exempted from it (see {@link ScenextWebhookSecurityConfiguration}).
 */
@AutoConfiguration(after = ScenextAutoConfiguration.class)
@ConditionalOnBean(ScenextClient.class)
@ConditionalOnProperty(prefix = "scenext.webhook", name = "path")
public class ScenextWebhookAutoConfiguration {
    /** Created by Spring. */
    public ScenextWebhookAutoConfiguration() {
    }

    /**
     * Checks signatures and timestamps as {@code scenext.webhook.*} says.
     *
     * @param properties the {@code scenext.*} properties
     * @return the verifier
     */
    @Bean
    @ConditionalOnMissingBean
    public WebhookVerifier scenextWebhookVerifier(ScenextProperties properties) {
        ScenextProperties.Webhook webhook = properties.getWebhook();
        List<String> secrets = new ArrayList<>();
        for (String secret : webhook.getSecrets()) {
            if (secret != null && !secret.trim().isEmpty()) {
                secrets.add(secret.trim());
            }
        }
        if (secrets.isEmpty()) {
            String key = properties.getApiKey();
            if (key == null || key.trim().isEmpty()) { // the application built its own client without the property
                throw new InvalidScenextPropertyException("scenext.webhook.secrets", "No webhook secret: the service"
                        + " signs webhooks with the API key; set 'scenext.api-key' or 'scenext.webhook.secrets'.", null);
            }
            secrets.add(key.trim());
        }
        WebhookVerifier.Builder builder = WebhookVerifier.builder();
        ScenextAutoConfiguration.set("scenext.webhook.secrets", () -> builder.secrets(secrets));
        ScenextAutoConfiguration.set("scenext.webhook.tolerance", () -> builder.tolerance(webhook.getTolerance()));
        ScenextAutoConfiguration.set("scenext.webhook.max-body-size",
                () -> builder.maxBodyBytes(maxBodyBytes(webhook)));
        return ScenextAutoConfiguration.get("scenext.webhook.*", builder::build);
    }

    /**
     * Remembers the events handled, in memory; define a bean of this type to share them between instances.
     *
     * @return the deduplicator
     */
    @Bean
    @ConditionalOnMissingBean
    public WebhookDeduplicator scenextWebhookDeduplicator() {
        return WebhookDeduplicator.inMemory();
    }

    /**
     * Verifies each delivery, drops repeats, ends the client's waits and publishes each new event.
     *
     * @param properties the {@code scenext.*} properties
     * @param client the client whose waits webhooks end
     * @param verifier checks signatures
     * @param deduplicator drops repeats
     * @param publisher publishes each new {@link WebhookEvent}
     * @return the handler
     */
    @Bean
    @ConditionalOnMissingBean
    public WebhookHandler scenextWebhookHandler(ScenextProperties properties, ScenextClient client,
            WebhookVerifier verifier, WebhookDeduplicator deduplicator, ApplicationEventPublisher publisher) {
        WebhookPaths.check(properties.getWebhook().getPath());
        return client.webhooks().handlerBuilder(verifier)
                .deduplicator(deduplicator)
                .onEvent(publisher::publishEvent)
                .build();
    }

    private static int maxBodyBytes(ScenextProperties.Webhook webhook) {
        if (webhook.getMaxBodySize() == null) {
            throw new IllegalArgumentException("the size is missing");
        }
        long bytes = webhook.getMaxBodySize().toBytes();
        if (bytes <= 0 || bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("must be from 1 byte to 2 GB, not " + webhook.getMaxBodySize());
        }
        return (int) bytes;
    }

    /** The route on Spring MVC. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass(name = "org.springframework.web.servlet.function.RouterFunction")
    static class Servlet {
        @Bean
        org.springframework.web.servlet.function.RouterFunction<org.springframework.web.servlet.function.ServerResponse>
                scenextWebhookRoute(ScenextProperties properties, WebhookHandler handler) {
            return WebMvcWebhookEndpoint.route(properties.getWebhook().getPath(), handler);
        }
    }

    /** The route on WebFlux. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
    @ConditionalOnClass(name = "org.springframework.web.reactive.function.server.RouterFunction")
    static class Reactive {
        @Bean
        org.springframework.web.reactive.function.server.RouterFunction<
                org.springframework.web.reactive.function.server.ServerResponse>
                scenextWebhookRoute(ScenextProperties properties, WebhookHandler handler, WebhookVerifier verifier) {
            return WebFluxWebhookEndpoint.route(properties.getWebhook().getPath(), handler, verifier.maxBodyBytes());
        }
    }
}
