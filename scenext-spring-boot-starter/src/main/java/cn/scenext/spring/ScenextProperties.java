package cn.scenext.spring;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The {@code scenext.*} properties: the client's key, endpoint, transport, timeouts and retries, how waits poll,
 * and the webhook endpoint. Every default is the SDK's own.
 *
 * <pre>{@code
 * scenext:
 *   api-key: ${SCENEXT_API_KEY}
 *   read-timeout: 30s
 *   retry:
 *     max-retries: 3
 *   webhook:
 *     path: /scenext/webhook
 * }</pre>
 */
@ConfigurationProperties("scenext")
public class ScenextProperties {
    /**
     * The API key from the Scenext console. Required; the environment variable SCENEXT_API_KEY sets it too. It
     * is sent only to the base URL and appears in no log or message.
     */
    private String apiKey;

    /** The API's base URL. */
    private URI baseUrl = URI.create("https://api.scenext.cn/");

    /**
     * The transport to use by name (okhttp, apache, retrofit, jdk, or another provider's); unset, the one found
     * on the classpath. The starter brings none: add scenext-jdk for nothing extra.
     */
    private String transport;

    /** How long to wait for a connection. */
    private Duration connectTimeout = Duration.ofSeconds(10);

    /** How long to wait for a response's first byte, and between its bytes. */
    private Duration readTimeout = Duration.ofSeconds(60);

    /** How failed calls are tried again. */
    private final Retry retry = new Retry();

    /** How waits poll the task's status. */
    private final Poll poll = new Poll();

    /** How long waits last. */
    private final Wait wait = new Wait();

    /** The webhook endpoint. */
    private final Webhook webhook = new Webhook();

    /** The health indicator. */
    private final Health health = new Health();

    /**
     * The API key.
     *
     * @return the key, or {@code null} when not set
     */
    public String getApiKey() {
        return apiKey;
    }

    /**
     * Sets the API key.
     *
     * @param apiKey the key
     */
    public void setApiKey(String apiKey) {
        this.apiKey = apiKey;
    }

    /**
     * The API's base URL.
     *
     * @return the base URL
     */
    public URI getBaseUrl() {
        return baseUrl;
    }

    /**
     * Sets the API's base URL.
     *
     * @param baseUrl an absolute http(s) URL
     */
    public void setBaseUrl(URI baseUrl) {
        this.baseUrl = baseUrl;
    }

    /**
     * The transport's name.
     *
     * @return the name, or {@code null} to use the one on the classpath
     */
    public String getTransport() {
        return transport;
    }

    /**
     * Chooses the transport by name.
     *
     * @param transport e.g. {@code jdk}
     */
    public void setTransport(String transport) {
        this.transport = transport;
    }

    /**
     * How long to wait for a connection.
     *
     * @return the timeout
     */
    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    /**
     * Sets how long to wait for a connection.
     *
     * @param connectTimeout positive
     */
    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    /**
     * How long to wait for a response's first byte, and between its bytes.
     *
     * @return the timeout
     */
    public Duration getReadTimeout() {
        return readTimeout;
    }

    /**
     * Sets how long to wait for a response's first byte, and between its bytes.
     *
     * @param readTimeout positive
     */
    public void setReadTimeout(Duration readTimeout) {
        this.readTimeout = readTimeout;
    }

    /**
     * How failed calls are tried again.
     *
     * @return the retry settings
     */
    public Retry getRetry() {
        return retry;
    }

    /**
     * How waits poll.
     *
     * @return the poll settings
     */
    public Poll getPoll() {
        return poll;
    }

    /**
     * How long waits last.
     *
     * @return the wait settings
     */
    public Wait getWait() {
        return wait;
    }

    /**
     * The webhook endpoint.
     *
     * @return the webhook settings
     */
    public Webhook getWebhook() {
        return webhook;
    }

    /**
     * The health indicator.
     *
     * @return the health settings
     */
    public Health getHealth() {
        return health;
    }

    @Override
    public String toString() {
        // Never the key itself.
        return "ScenextProperties{apiKey=" + (apiKey == null ? "unset" : "(set)") + ", baseUrl=" + baseUrl
                + ", transport=" + transport + ", webhook.path=" + webhook.path + '}';
    }

    /** {@code scenext.retry.*}: the SDK's {@code RetryPolicy}. */
    public static class Retry {
        /** How many times a failed call is tried again; 0 for never. */
        private int maxRetries = 2;

        /** The delay before the first retry. */
        private Duration initialBackoff = Duration.ofMillis(500);

        /** The longest delay between two retries. */
        private Duration maxBackoff = Duration.ofSeconds(8);

        /** What each delay is multiplied by for the next retry. */
        private double multiplier = 2.0;

        /** How much each delay varies at random, as a fraction of it (0 to 1). */
        private double jitter = 0.2;

        /** The longest Retry-After the client honours; a longer one ends the call. */
        private Duration maxRetryAfter = Duration.ofSeconds(60);

        /** The longest a call may last, its retries included. */
        private Duration maxElapsed = Duration.ofSeconds(60);

        /**
         * How many times a failed call is tried again.
         *
         * @return 0 or more
         */
        public int getMaxRetries() {
            return maxRetries;
        }

        /**
         * Sets how many times a failed call is tried again.
         *
         * @param maxRetries 0 or more
         */
        public void setMaxRetries(int maxRetries) {
            this.maxRetries = maxRetries;
        }

        /**
         * The delay before the first retry.
         *
         * @return the delay
         */
        public Duration getInitialBackoff() {
            return initialBackoff;
        }

        /**
         * Sets the delay before the first retry.
         *
         * @param initialBackoff the delay
         */
        public void setInitialBackoff(Duration initialBackoff) {
            this.initialBackoff = initialBackoff;
        }

        /**
         * The longest delay between two retries.
         *
         * @return the delay
         */
        public Duration getMaxBackoff() {
            return maxBackoff;
        }

        /**
         * Sets the longest delay between two retries.
         *
         * @param maxBackoff the delay
         */
        public void setMaxBackoff(Duration maxBackoff) {
            this.maxBackoff = maxBackoff;
        }

        /**
         * What each delay is multiplied by.
         *
         * @return the multiplier
         */
        public double getMultiplier() {
            return multiplier;
        }

        /**
         * Sets what each delay is multiplied by.
         *
         * @param multiplier 1 or more
         */
        public void setMultiplier(double multiplier) {
            this.multiplier = multiplier;
        }

        /**
         * How much each delay varies at random.
         *
         * @return a fraction from 0 to 1
         */
        public double getJitter() {
            return jitter;
        }

        /**
         * Sets how much each delay varies at random.
         *
         * @param jitter a fraction from 0 to 1
         */
        public void setJitter(double jitter) {
            this.jitter = jitter;
        }

        /**
         * The longest Retry-After honoured.
         *
         * @return the duration
         */
        public Duration getMaxRetryAfter() {
            return maxRetryAfter;
        }

        /**
         * Sets the longest Retry-After honoured.
         *
         * @param maxRetryAfter the duration
         */
        public void setMaxRetryAfter(Duration maxRetryAfter) {
            this.maxRetryAfter = maxRetryAfter;
        }

        /**
         * The longest a call may last, retries included.
         *
         * @return the duration
         */
        public Duration getMaxElapsed() {
            return maxElapsed;
        }

        /**
         * Sets the longest a call may last, retries included.
         *
         * @param maxElapsed the duration
         */
        public void setMaxElapsed(Duration maxElapsed) {
            this.maxElapsed = maxElapsed;
        }
    }

    /** {@code scenext.poll.*}: the {@code PollPolicy} of the {@code WaitOptions} bean. */
    public static class Poll {
        /**
         * The fixed time between two status reads of a wait; unset, the service's advice (at once, then every
         * 30 s).
         */
        private Duration interval;

        /**
         * The fixed time between two polls.
         *
         * @return the interval, or {@code null} for the SDK's default policy
         */
        public Duration getInterval() {
            return interval;
        }

        /**
         * Sets the fixed time between two polls.
         *
         * @param interval positive
         */
        public void setInterval(Duration interval) {
            this.interval = interval;
        }
    }

    /** {@code scenext.wait.*}: the {@code WaitOptions} bean. */
    public static class Wait {
        /** The longest a whole wait may last, from its start to the task's end. */
        private Duration timeout = Duration.ofHours(1);

        /**
         * The longest a whole wait may last.
         *
         * @return the timeout
         */
        public Duration getTimeout() {
            return timeout;
        }

        /**
         * Sets the longest a whole wait may last.
         *
         * @param timeout positive
         */
        public void setTimeout(Duration timeout) {
            this.timeout = timeout;
        }
    }

    /** {@code scenext.webhook.*}: the endpoint that receives the service's webhooks. */
    public static class Webhook {
        /**
         * The path of the webhook endpoint, e.g. /scenext/webhook; unset, no endpoint is registered. Give the
         * service this URL as notify_url.
         */
        private String path;

        /**
         * The secrets a delivery may be signed with; several during a rotation. Unset, the API key.
         */
        private List<String> secrets = new ArrayList<>();

        /** How far a delivery's timestamp may be from now. */
        private Duration tolerance = Duration.ofMinutes(5);

        /** The largest body accepted; a larger delivery is answered 413 unread. */
        private DataSize maxBodySize = DataSize.ofMegabytes(1);

        /**
         * Whether the starter exempts the endpoint (POST on the path only) from Spring Security, which would
         * otherwise refuse it for want of a CSRF token and a login. The signature authenticates each delivery.
         */
        private boolean securityExempt = true;

        /**
         * The endpoint's path.
         *
         * @return the path, or {@code null} when there is no endpoint
         */
        public String getPath() {
            return path;
        }

        /**
         * Sets the endpoint's path.
         *
         * @param path starting with {@code /}
         */
        public void setPath(String path) {
            this.path = path;
        }

        /**
         * The signing secrets.
         *
         * @return the secrets; empty means the API key
         */
        public List<String> getSecrets() {
            return secrets;
        }

        /**
         * Sets the signing secrets.
         *
         * @param secrets one or more
         */
        public void setSecrets(List<String> secrets) {
            this.secrets = secrets;
        }

        /**
         * How far a delivery's timestamp may be from now.
         *
         * @return the tolerance
         */
        public Duration getTolerance() {
            return tolerance;
        }

        /**
         * Sets how far a delivery's timestamp may be from now.
         *
         * @param tolerance positive
         */
        public void setTolerance(Duration tolerance) {
            this.tolerance = tolerance;
        }

        /**
         * The largest body accepted.
         *
         * @return the size
         */
        public DataSize getMaxBodySize() {
            return maxBodySize;
        }

        /**
         * Sets the largest body accepted.
         *
         * @param maxBodySize positive, at most 2 GB
         */
        public void setMaxBodySize(DataSize maxBodySize) {
            this.maxBodySize = maxBodySize;
        }

        /**
         * Whether the endpoint is exempted from Spring Security.
         *
         * @return {@code true} unless turned off
         */
        public boolean isSecurityExempt() {
            return securityExempt;
        }

        /**
         * Sets whether the endpoint is exempted from Spring Security.
         *
         * @param securityExempt {@code false} to configure it in your own security chain
         */
        public void setSecurityExempt(boolean securityExempt) {
            this.securityExempt = securityExempt;
        }
    }

    /** {@code scenext.health.*}: the opt-in health indicator. */
    public static class Health {
        /**
         * Whether to contribute the "scenext" health indicator (the client's state, with no API call).
         */
        private boolean enabled;

        /**
         * Whether the health indicator is on.
         *
         * @return {@code false} unless turned on
         */
        public boolean isEnabled() {
            return enabled;
        }

        /**
         * Turns the health indicator on or off.
         *
         * @param enabled {@code true} to contribute it
         */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }
    }
}
