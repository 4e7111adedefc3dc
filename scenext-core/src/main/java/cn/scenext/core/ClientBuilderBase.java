package cn.scenext.core;

import cn.scenext.core.poll.WaitObserver;
import cn.scenext.core.webhook.WebhookObserver;
import cn.scenext.api.transport.Transport;
import cn.scenext.core.internal.client.ClientSettings;
import cn.scenext.core.journal.TaskJournal;
import cn.scenext.core.schedule.Scheduler;
import cn.scenext.core.webhook.ClientWebhooks;
import java.net.Proxy;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;

/**
 * The settings of {@link ScenextClient.Builder}, which users call only through it: this class is package-private
 * and exists so that the client's source stays readable (its methods are documented as the builder's). Each
 * setter checks its value and refuses a bad one at once with an
 * {@link cn.scenext.api.exception.InvalidValueException} (an {@link IllegalArgumentException}) naming the
 * setting, whose message never holds the API key; a {@code null} where a value is required raises a
 * {@link NullPointerException}.
 */
abstract class ClientBuilderBase {
    /** What the builder holds, each value checked when set. */
    final ClientSettings settings = new ClientSettings();

    ClientBuilderBase() {
    }

    /** This builder, as the type the setters return. */
    private ScenextClient.Builder self() {
        return (ScenextClient.Builder) this;
    }

    /**
     * Sets the API key. It goes only to the base URL's origin and appears in no message or log.
     *
     * @param apiKey the key from the Scenext console: printable ASCII, no space, at least 4 characters
     * @return this builder
     * @throws cn.scenext.api.exception.InvalidValueException when blank or malformed
     */
    public ScenextClient.Builder apiKey(String apiKey) {
        settings.apiKey(apiKey);
        return self();
    }

    /**
     * Sets the base URL, e.g. a simulator's or a proxy's.
     *
     * @param baseUrl an absolute http(s) URL with no query, fragment or user info; default
     *     {@code https://api.scenext.cn}
     * @return this builder
     * @throws cn.scenext.api.exception.InvalidValueException when it is not such a URL
     */
    public ScenextClient.Builder baseUrl(String baseUrl) {
        settings.baseUrl(baseUrl);
        return self();
    }

    /**
     * Sets the base URL, e.g. a simulator's or a proxy's.
     *
     * @param baseUrl an absolute http(s) URL with no query, fragment or user info; default
     *     {@code https://api.scenext.cn}
     * @return this builder
     * @throws cn.scenext.api.exception.InvalidValueException when it is not such a URL
     */
    public ScenextClient.Builder baseUrl(URI baseUrl) {
        settings.baseUrl(baseUrl);
        return self();
    }

    /**
     * Reads {@code SCENEXT_API_KEY} and {@code SCENEXT_BASE_URL} from the environment, where set;
     * {@code SCENEXT_TRANSPORT} is read by transport discovery in any case.
     *
     * @return this builder
     * @throws cn.scenext.api.exception.ConfigurationException when a variable holds a bad value; the message
     *     names the variable
     */
    public ScenextClient.Builder fromEnv() {
        settings.fromEnv();
        return self();
    }

    /**
     * Uses this transport instead of discovering one. The client does not close it.
     *
     * @param transport the transport
     * @return this builder
     */
    public ScenextClient.Builder transport(Transport transport) {
        settings.transport(transport);
        return self();
    }

    /**
     * Chooses the transport by name among those on the classpath.
     *
     * @param name {@code okhttp}, {@code apache}, {@code retrofit}, {@code jdk}, or another provider's name
     * @return this builder
     * @throws cn.scenext.api.exception.InvalidValueException when blank
     */
    public ScenextClient.Builder transport(String name) {
        settings.transportName(name);
        return self();
    }

    /**
     * Sets how long to wait for a connection.
     *
     * @param timeout positive; default 10 s
     * @return this builder
     * @throws cn.scenext.api.exception.InvalidValueException when not positive
     */
    public ScenextClient.Builder connectTimeout(Duration timeout) {
        settings.transportOptions().connectTimeout(timeout);
        return self();
    }

    /**
     * Sets how long to wait for a response's first byte, and between its bytes.
     *
     * @param timeout positive; default 60 s
     * @return this builder
     * @throws cn.scenext.api.exception.InvalidValueException when not positive
     */
    public ScenextClient.Builder readTimeout(Duration timeout) {
        settings.transportOptions().readTimeout(timeout);
        return self();
    }

    /**
     * Sets the most requests the discovered transport keeps in flight at once (and its connection pool's
     * size); further asynchronous calls wait in a queue, costing neither a thread nor a socket. Bounds the
     * transport's threads whatever the number of waits and bursts of calls.
     *
     * @param maxConcurrentRequests at least 1; default 16
     * @return this builder
     * @throws cn.scenext.api.exception.InvalidValueException when less than 1
     */
    public ScenextClient.Builder maxConcurrentRequests(int maxConcurrentRequests) {
        settings.transportOptions().maxConcurrentRequests(maxConcurrentRequests);
        return self();
    }

    /**
     * Sets the proxy of a discovered transport.
     *
     * @param proxy the proxy, {@link Proxy#NO_PROXY} for none, {@code null} for the JVM's default
     * @return this builder
     */
    public ScenextClient.Builder proxy(Proxy proxy) {
        settings.transportOptions().proxy(proxy);
        return self();
    }

    /**
     * Sets the longest one attempt of an API call may take, from sending the request to the last byte of
     * the response: unlike the read timeout, it cuts a response that trickles in a byte at a time. A timed-out
     * attempt fails with a {@link cn.scenext.api.exception.TransportException} of reason
     * {@code CALL_TIMEOUT}, retried like a read timeout. Downloads are bounded by their stall limit
     * instead ({@link cn.scenext.core.download.DownloadOptions.Builder#minSpeed(long, Duration)}).
     *
     * @param timeout positive; default 30 s
     * @return this builder
     * @throws cn.scenext.api.exception.InvalidValueException when not positive
     */
    public ScenextClient.Builder callTimeout(Duration timeout) {
        settings.transportOptions().callTimeout(timeout);
        return self();
    }

    /**
     * Sets the longest an API call may take, all its attempts and the waits between them included: no retry
     * starts that would begin after it, and the attempt in flight is cut at it. The same bound as
     * {@link RetryPolicy#maxElapsed()}: this overrides the policy's, whichever is set first.
     *
     * @param timeout positive; default 60 s
     * @return this builder
     * @throws cn.scenext.api.exception.InvalidValueException when not positive
     */
    public ScenextClient.Builder totalTimeout(Duration timeout) {
        settings.totalTimeout(timeout);
        return self();
    }

    /**
     * Sets the retry policy.
     *
     * @param retryPolicy the policy; {@link RetryPolicy#none()} to turn retries off
     * @return this builder
     */
    public ScenextClient.Builder retryPolicy(RetryPolicy retryPolicy) {
        settings.retryPolicy(retryPolicy);
        return self();
    }

    /**
     * Appends a product token to the {@code User-Agent}, e.g. {@code my-app/1.2}.
     *
     * @param suffix the token; {@code null} or blank for none
     * @return this builder
     * @throws cn.scenext.api.exception.InvalidValueException when it holds a control or non-ASCII character
     */
    public ScenextClient.Builder userAgentSuffix(String suffix) {
        settings.userAgentSuffix(suffix);
        return self();
    }

    /**
     * Adds an interceptor that sees every attempt, after those added before it.
     *
     * @param interceptor the interceptor
     * @return this builder
     */
    public ScenextClient.Builder addInterceptor(Interceptor interceptor) {
        settings.addInterceptor(interceptor);
        return self();
    }

    /**
     * Adds an observer that sees every wait of the client from its start to its end (polls, frames, how it
     * ended), after the observers added before it.
     *
     * @param observer the observer
     * @return this builder
     */
    public ScenextClient.Builder addWaitObserver(WaitObserver observer) {
        settings.addWaitObserver(observer);
        return self();
    }

    /**
     * Adds an observer told of every delivery handled by the webhook handlers the client builds
     * ({@code client.webhooks().handler(...)} and {@code handlerBuilder(...)}): accepted, duplicate,
     * rejected or failed.
     *
     * @param observer the observer
     * @return this builder
     */
    public ScenextClient.Builder addWebhookObserver(WebhookObserver observer) {
        settings.addWebhookObserver(observer);
        return self();
    }

    /**
     * Sets the timer and clock of retries and waits; for tests that run long waits in virtual time. The
     * client does not close it.
     *
     * @param scheduler the scheduler
     * @return this builder
     */
    public ScenextClient.Builder scheduler(Scheduler scheduler) {
        settings.scheduler(scheduler);
        return self();
    }

    /**
     * Sets the wall clock, used for {@code Retry-After} dates, URL expiry and the age of kept webhook events.
     *
     * @param clock the clock; default UTC system clock
     * @return this builder
     */
    public ScenextClient.Builder clock(Clock clock) {
        settings.clock(clock);
        return self();
    }

    /**
     * Limits the status polls of all this client's waits to a rate, spreading them evenly instead of in
     * bursts: thousands of waits started together then poll one after another. A poll due while the limit
     * is reached waits for the next free slot on the client's timer (no thread is blocked).
     *
     * @param maxPerSecond the most polls per second, e.g. {@code 20}; {@code 0} (the default) for no limit
     * @return this builder
     * @throws cn.scenext.api.exception.InvalidValueException when the rate is negative or not a number
     */
    public ScenextClient.Builder maxStatusRequestsPerSecond(double maxPerSecond) {
        settings.maxStatusRequestsPerSecond(maxPerSecond);
        return self();
    }

    /**
     * Sets how many terminal webhook events for tasks nobody waits on yet the client keeps, and how long,
     * so that a wait started just after its task's webhook arrived ends at once (see
     * {@link ClientWebhooks}). Events are aged on the client's {@link #clock(Clock) clock}; when the limit
     * is reached, the event that arrived first is dropped first. An event holds the task's frames and
     * result URLs, a few kilobytes.
     *
     * @param maxEvents how many events at most, default {@value ClientWebhooks#DEFAULT_KEPT_EVENTS}; 0 to
     *     keep none
     * @param maxAge how long each is kept, positive; default {@link ClientWebhooks#DEFAULT_KEPT_FOR}
     * @return this builder
     * @throws cn.scenext.api.exception.InvalidValueException when a limit is out of range
     */
    public ScenextClient.Builder keptWebhookEvents(int maxEvents, Duration maxAge) {
        settings.keptWebhookEvents(maxEvents, maxAge, "keptWebhookEvents");
        return self();
    }

    /**
     * Sets how many terminal webhook events for tasks nobody waits on yet the client keeps, and how long.
     *
     * @param maxEvents how many events at most; 0 to keep none
     * @param maxAge how long each is kept, positive
     * @return this builder
     * @throws cn.scenext.api.exception.InvalidValueException when a limit is out of range
     * @deprecated renamed {@link #keptWebhookEvents(int, Duration)}, the name {@link ClientWebhooks} uses
     *     ({@code DEFAULT_KEPT_EVENTS}, {@code WaitUpdate.KEPT}); this delegates to it
     */
    @Deprecated
    public ScenextClient.Builder recentWebhookEvents(int maxEvents, Duration maxAge) {
        settings.keptWebhookEvents(maxEvents, maxAge, "recentWebhookEvents");
        return self();
    }

    /**
     * Sets the class loader searched for transports.
     *
     * @param classLoader the loader; default the thread's context class loader
     * @return this builder
     */
    public ScenextClient.Builder classLoader(ClassLoader classLoader) {
        settings.classLoader(classLoader);
        return self();
    }

    /**
     * Records the client's task creations in a journal, so that nothing paid for is lost when the process
     * stops: each creation is recorded before its request is sent, then its task's id (or that its outcome is
     * unknown, or that the service refused it), the end of each wait on a task the journal knows, and each
     * video of such a task saved to a file (path, size, SHA-256). Needed by {@link ScenextClient#runBatch}. The
     * client does not close the journal: its caller owns it, as a {@code DataSource}.
     *
     * @param journal e.g. {@code TaskJournal.file(Paths.get("scenext.journal"))}
     * @return this builder
     */
    public ScenextClient.Builder journal(TaskJournal journal) {
        settings.journal(journal);
        return self();
    }

    /** For tests: the environment variables {@link #fromEnv()} and discovery read. */
    ScenextClient.Builder environment(Function<String, String> environment) {
        settings.environment(environment);
        return self();
    }
}
