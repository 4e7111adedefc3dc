package cn.scenext.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;

import cn.scenext.api.exception.ClientClosedException;
import cn.scenext.core.RetryPolicy;
import cn.scenext.core.ScenextClient;
import cn.scenext.core.poll.PollPolicy;
import cn.scenext.core.poll.WaitOptions;
import cn.scenext.core.webhook.WebhookHandler;
import cn.scenext.core.webhook.WebhookVerifier;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The client bean: properties bound and applied, backing off, and start-up failures that name the property. */
class ScenextAutoConfigurationTest {
    private static final String KEY = "sk-test-1234";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ScenextAutoConfiguration.class,
                    ScenextWebhookAutoConfiguration.class))
            .withPropertyValues("scenext.transport=jdk");

    @Test
    void aKeyIsEnoughForAClientWithTheSdkDefaults() {
        runner.withPropertyValues("scenext.api-key=" + KEY).run(context -> {
            assertThat(context).hasSingleBean(ScenextClient.class);
            ScenextClient client = context.getBean(ScenextClient.class);
            assertThat(client.baseUrl()).isEqualTo(ScenextClient.DEFAULT_BASE_URL);
            assertThat(client.transportName()).isEqualTo("jdk");
            assertThat(context.getBean(RetryPolicy.class)).isEqualTo(RetryPolicy.defaults());
            WaitOptions wait = context.getBean(WaitOptions.class);
            assertThat(wait.timeout()).isEqualTo(WaitOptions.DEFAULT_TIMEOUT);
            assertThat(wait.pollPolicy()).isEqualTo(PollPolicy.defaults());
            // No path: no webhook handler.
            assertThat(context).doesNotHaveBean(WebhookHandler.class);
        });
    }

    @Test
    void everyPropertyIsBoundAndApplied() {
        runner.withPropertyValues("scenext.api-key=" + KEY, "scenext.base-url=http://127.0.0.1:9/v2/",
                "scenext.connect-timeout=3s", "scenext.read-timeout=20s",
                "scenext.retry.max-retries=5", "scenext.retry.initial-backoff=250ms", "scenext.retry.max-backoff=4s",
                "scenext.retry.multiplier=3", "scenext.retry.jitter=0.1", "scenext.retry.max-retry-after=30s",
                "scenext.retry.max-elapsed=2m", "scenext.poll.interval=7s", "scenext.wait.timeout=15m",
                "scenext.webhook.path=/hooks/scenext", "scenext.webhook.secrets=old-secret,new-secret",
                "scenext.webhook.tolerance=2m", "scenext.webhook.max-body-size=64KB").run(context -> {
            ScenextProperties p = context.getBean(ScenextProperties.class);
            assertThat(p.getConnectTimeout()).isEqualTo(Duration.ofSeconds(3));
            assertThat(p.getReadTimeout()).isEqualTo(Duration.ofSeconds(20));
            assertThat(p.getWebhook().getSecrets()).containsExactly("old-secret", "new-secret");
            ScenextClient client = context.getBean(ScenextClient.class);
            assertThat(client.baseUrl()).isEqualTo(URI.create("http://127.0.0.1:9/v2/"));
            assertThat(context.getBean(RetryPolicy.class)).isEqualTo(RetryPolicy.builder().maxRetries(5)
                    .initialBackoff(Duration.ofMillis(250)).maxBackoff(Duration.ofSeconds(4)).multiplier(3)
                    .jitter(0.1).maxRetryAfter(Duration.ofSeconds(30)).maxElapsed(Duration.ofMinutes(2)).build());
            WaitOptions wait = context.getBean(WaitOptions.class);
            assertThat(wait.timeout()).isEqualTo(Duration.ofMinutes(15));
            assertThat(wait.pollPolicy()).isEqualTo(PollPolicy.fixed(Duration.ofSeconds(7)));
            WebhookVerifier verifier = context.getBean(WebhookVerifier.class);
            assertThat(verifier.tolerance()).isEqualTo(Duration.ofMinutes(2));
            assertThat(verifier.maxBodyBytes()).isEqualTo(64 * 1024);
        });
    }

    @Test
    void theDefaultsWrittenInThePropertiesAreTheSdks() {
        ScenextProperties p = new ScenextProperties();
        RetryPolicy retry = RetryPolicy.defaults();
        assertThat(p.getBaseUrl()).isEqualTo(ScenextClient.DEFAULT_BASE_URL);
        assertThat(p.getConnectTimeout()).isEqualTo(cn.scenext.api.transport.TransportOptions.DEFAULT_CONNECT_TIMEOUT);
        assertThat(p.getReadTimeout()).isEqualTo(cn.scenext.api.transport.TransportOptions.DEFAULT_READ_TIMEOUT);
        assertThat(p.getRetry().getMaxRetries()).isEqualTo(retry.maxRetries());
        assertThat(p.getRetry().getInitialBackoff()).isEqualTo(retry.initialBackoff());
        assertThat(p.getRetry().getMaxBackoff()).isEqualTo(retry.maxBackoff());
        assertThat(p.getRetry().getMultiplier()).isEqualTo(retry.multiplier());
        assertThat(p.getRetry().getJitter()).isEqualTo(retry.jitter());
        assertThat(p.getRetry().getMaxRetryAfter()).isEqualTo(retry.maxRetryAfter());
        assertThat(p.getRetry().getMaxElapsed()).isEqualTo(retry.maxElapsed());
        assertThat(p.getWait().getTimeout()).isEqualTo(WaitOptions.DEFAULT_TIMEOUT);
        assertThat(p.getWebhook().getTolerance()).isEqualTo(WebhookVerifier.DEFAULT_TOLERANCE);
        assertThat(p.getWebhook().getMaxBodySize().toBytes()).isEqualTo(WebhookVerifier.DEFAULT_MAX_BODY_BYTES);
        assertThat(p.toString()).contains("apiKey=unset");
        p.setApiKey(KEY);
        assertThat(p.toString()).doesNotContain(KEY);
    }

    @Test
    void backsOffWhenTheApplicationDefinesItsOwnBeans() {
        runner.withPropertyValues("scenext.api-key=" + KEY).withUserConfiguration(OwnBeans.class).run(context -> {
            assertThat(context).hasSingleBean(ScenextClient.class);
            assertThat(context.getBean(ScenextClient.class).baseUrl()).isEqualTo(URI.create("http://127.0.0.1:1/"));
            assertThat(context.getBean(RetryPolicy.class)).isSameAs(RetryPolicy.none());
            assertThat(context.getBean(WaitOptions.class).timeout()).isEqualTo(Duration.ofSeconds(42));
        });
    }

    @Test
    void theApplicationsOwnClientNeedsNoKeyProperty() {
        runner.withUserConfiguration(OwnBeans.class).run(context -> assertThat(context).hasNotFailed()
                .hasSingleBean(ScenextClient.class));
    }

    @Test
    void theApplicationsOwnClientWithAWebhookPathNeedsASecret() {
        runner.withUserConfiguration(OwnBeans.class).withPropertyValues("scenext.webhook.path=/hooks").run(context -> {
            FailureAnalysis analysis = new ScenextFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).contains("'scenext.webhook.secrets'");
        });
        runner.withUserConfiguration(OwnBeans.class)
                .withPropertyValues("scenext.webhook.path=/hooks", "scenext.webhook.secrets=whsec-1")
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(WebhookHandler.class));
    }

    @Test
    void customizersChangeTheBuilderInOrder() {
        runner.withPropertyValues("scenext.api-key=" + KEY).withUserConfiguration(Customizers.class).run(context -> {
            assertThat(context.getBean(ScenextClient.class).userAgent()).endsWith("first second");
        });
    }

    @Test
    void theClientIsClosedWithTheContext() {
        ScenextClient[] client = new ScenextClient[1];
        runner.withPropertyValues("scenext.api-key=" + KEY).run(context -> client[0] = context.getBean(ScenextClient.class));
        assertThatThrownBy(() -> client[0].getStatus("task-1")).isInstanceOf(ClientClosedException.class);
    }

    @Test
    void aMissingKeyFailsStartUpNamingTheProperty() {
        runner.run(context -> {
            assertThat(context).hasFailed();
            Throwable failure = context.getStartupFailure();
            assertThat(failure).rootCause().isInstanceOf(InvalidScenextPropertyException.class);
            FailureAnalysis analysis = new ScenextFailureAnalyzer().analyze(failure);
            assertThat(analysis.getDescription()).contains("'scenext.api-key' is not set");
            assertThat(analysis.getAction()).contains("scenext.api-key").contains("SCENEXT_API_KEY");
        });
        runner.withPropertyValues("scenext.api-key=   ").run(context -> assertThat(context).hasFailed());
    }

    @Test
    void aMalformedKeyFailsNamingThePropertyWithoutShowingTheKey() {
        runner.withPropertyValues("scenext.api-key=sk-secret with-space").run(context -> {
            FailureAnalysis analysis = new ScenextFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).contains("'scenext.api-key' is invalid").doesNotContain("secret");
            assertThat(analysis.getAction()).contains("scenext.api-key");
        });
    }

    @Test
    void aRefusedValueFailsNamingItsProperty() {
        assertFailsNaming("scenext.retry.max-retries", "scenext.retry.max-retries=-1");
        assertFailsNaming("scenext.read-timeout", "scenext.read-timeout=-5s");
        // Refused by the setter or, spanning settings, by build(): the property or its group is named.
        assertFailsNaming("scenext.wait", "scenext.wait.timeout=0s");
        assertFailsNaming("scenext.poll.interval", "scenext.poll.interval=-1s");
        assertFailsNaming("scenext.base-url", "scenext.base-url=ftp://example.com/");
        assertFailsNaming("scenext.transport", "scenext.transport=no-such-transport");
        assertFailsNaming("scenext.webhook.path", "scenext.webhook.path=hooks");
        assertFailsNaming("scenext.webhook.max-body-size", "scenext.webhook.path=/hooks",
                "scenext.webhook.max-body-size=0B");
        assertFailsNaming("scenext.webhook.tolerance", "scenext.webhook.path=/hooks", "scenext.webhook.tolerance=-1m");
    }

    private void assertFailsNaming(String property, String... values) {
        runner.withPropertyValues("scenext.api-key=" + KEY).withPropertyValues(values).run(context -> {
            assertThat(context).hasFailed();
            Throwable failure = context.getStartupFailure();
            FailureAnalysis analysis = new ScenextFailureAnalyzer().analyze(failure);
            assertThat(analysis).as("analysis of %s", failure).isNotNull();
            assertThat(analysis.getDescription()).as(property).contains("'" + property)
                    .doesNotContain(KEY);
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnBeans {
        @Bean
        ScenextClient myClient() {
            return ScenextClient.builder().apiKey("sk-own-5678").baseUrl("http://127.0.0.1:1/").transport("jdk").build();
        }

        @Bean
        RetryPolicy myRetries() {
            return RetryPolicy.none();
        }

        @Bean
        WaitOptions myWaits() {
            return WaitOptions.builder().timeout(Duration.ofSeconds(42)).build();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Customizers {
        @Bean
        @org.springframework.core.annotation.Order(2)
        ScenextClientBuilderCustomizer second() {
            return b -> b.userAgentSuffix("first second");
        }

        @Bean
        @org.springframework.core.annotation.Order(1)
        ScenextClientBuilderCustomizer first() {
            return b -> b.userAgentSuffix("first");
        }
    }
}
