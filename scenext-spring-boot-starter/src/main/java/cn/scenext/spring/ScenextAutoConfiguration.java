package cn.scenext.spring;

import java.util.function.Supplier;

import cn.scenext.api.exception.ConfigurationException;
import cn.scenext.core.RetryPolicy;
import cn.scenext.core.ScenextClient;
import cn.scenext.core.poll.PollPolicy;
import cn.scenext.core.poll.WaitOptions;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configures one {@link ScenextClient} from the {@code scenext.*} properties ({@link ScenextProperties}),
 * closed when the context closes, with the {@link RetryPolicy} of {@code scenext.retry.*}, and the
 * {@link WaitOptions} that {@code scenext.poll.*} and
 * {@code scenext.wait.*} describe. Each backs off when the application defines a bean of its type. Every
 * {@link ScenextClientBuilderCustomizer} bean is applied to the builder. A missing key or a value the SDK
 * refuses fails start-up with an {@link InvalidScenextPropertyException} naming the property.
 */
@AutoConfiguration
@EnableConfigurationProperties(ScenextProperties.class)
public class ScenextAutoConfiguration {
    /** The property that holds the API key. */
    static final String API_KEY_PROPERTY = "scenext.api-key";

    /** Created by Spring. */
    public ScenextAutoConfiguration() {
    }

    /**
     * The client.
     *
     * @param properties the {@code scenext.*} properties
     * @param retryPolicy how failed calls are tried again
     * @param customizers applied in order after the properties
     * @param context whose class loader finds the transports
     * @return the client, closed with the context
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public ScenextClient scenextClient(ScenextProperties properties, RetryPolicy retryPolicy,
            ObjectProvider<ScenextClientBuilderCustomizer> customizers, ApplicationContext context) {
        String key = properties.getApiKey();
        if (key == null || key.trim().isEmpty()) {
            throw new InvalidScenextPropertyException(API_KEY_PROPERTY, "No Scenext API key: set '"
                    + API_KEY_PROPERTY + "' (or the environment variable SCENEXT_API_KEY).", null);
        }
        ScenextClient.Builder builder = ScenextClient.builder();
        set(API_KEY_PROPERTY, () -> builder.apiKey(key));
        if (properties.getBaseUrl() != null) {
            set("scenext.base-url", () -> builder.baseUrl(properties.getBaseUrl()));
        }
        if (properties.getTransport() != null && !properties.getTransport().trim().isEmpty()) {
            set("scenext.transport", () -> builder.transport(properties.getTransport().trim()));
        }
        set("scenext.connect-timeout", () -> builder.connectTimeout(properties.getConnectTimeout()));
        set("scenext.read-timeout", () -> builder.readTimeout(properties.getReadTimeout()));
        builder.retryPolicy(retryPolicy);
        if (context.getClassLoader() != null) {
            builder.classLoader(context.getClassLoader());
        }
        customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
        try {
            return builder.build();
        } catch (InvalidScenextPropertyException e) {
            throw e;
        } catch (ConfigurationException e) {
            String message = String.valueOf(e.getMessage());
            String property = message.contains("API key") ? API_KEY_PROPERTY
                    : message.contains("base URL") ? "scenext.base-url"
                    : message.contains("transport") ? "scenext.transport" : null;
            if (property == null) {
                throw e;
            }
            throw new InvalidScenextPropertyException(property, message, e);
        }
    }

    /**
     * The options of waits as {@code scenext.poll.interval} and {@code scenext.wait.timeout} say; pass them to
     * {@code client.waitForCompletion(taskId, waitOptions)} (or derive your own with {@code toBuilder()}).
     *
     * @param properties the {@code scenext.*} properties
     * @return the wait options
     */
    @Bean
    @ConditionalOnMissingBean
    public WaitOptions scenextWaitOptions(ScenextProperties properties) {
        WaitOptions.Builder builder = WaitOptions.builder();
        set("scenext.wait.timeout", () -> builder.timeout(properties.getWait().getTimeout()));
        if (properties.getPoll().getInterval() != null) {
            set("scenext.poll.interval", () -> builder.pollPolicy(PollPolicy.fixed(properties.getPoll().getInterval())));
        }
        return get("scenext.wait.*", builder::build);
    }

    /**
     * How the client's failed calls are tried again, as {@code scenext.retry.*} says.
     *
     * @param properties the {@code scenext.*} properties
     * @return the retry policy
     */
    @Bean
    @ConditionalOnMissingBean
    public RetryPolicy scenextRetryPolicy(ScenextProperties properties) {
        ScenextProperties.Retry retry = properties.getRetry();
        RetryPolicy.Builder b = RetryPolicy.builder();
        set("scenext.retry.max-retries", () -> b.maxRetries(retry.getMaxRetries()));
        set("scenext.retry.initial-backoff", () -> b.initialBackoff(retry.getInitialBackoff()));
        set("scenext.retry.max-backoff", () -> b.maxBackoff(retry.getMaxBackoff()));
        set("scenext.retry.multiplier", () -> b.multiplier(retry.getMultiplier()));
        set("scenext.retry.jitter", () -> b.jitter(retry.getJitter()));
        set("scenext.retry.max-retry-after", () -> b.maxRetryAfter(retry.getMaxRetryAfter()));
        set("scenext.retry.max-elapsed", () -> b.maxElapsed(retry.getMaxElapsed()));
        return get("scenext.retry.*", b::build);
    }

    /** Runs a setter, naming the property when the SDK refuses its value. */
    static void set(String property, Runnable setter) {
        get(property, () -> {
            setter.run();
            return null;
        });
    }

    /**
     * Runs a step, naming the property (or the group, e.g. {@code scenext.retry.*}, for a rule spanning several)
     * when the SDK refuses its value.
     */
    static <T> T get(String property, Supplier<T> step) {
        try {
            return step.get();
        } catch (InvalidScenextPropertyException e) {
            throw e;
        } catch (RuntimeException e) { // IllegalArgumentException, or the SDK's own exception for a bad value
            throw new InvalidScenextPropertyException(property, e.getMessage() != null ? e.getMessage()
                    : "the value is missing", e);
        }
    }
}
