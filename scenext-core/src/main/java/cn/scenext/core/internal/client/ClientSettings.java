package cn.scenext.core.internal.client;

import cn.scenext.core.poll.WaitObserver;
import cn.scenext.core.webhook.WebhookObserver;
import cn.scenext.api.exception.ConfigurationException;
import cn.scenext.api.exception.InvalidValueException;
import cn.scenext.api.transport.Transport;
import cn.scenext.api.transport.TransportOptions;
import cn.scenext.core.Interceptor;
import cn.scenext.core.RetryPolicy;
import cn.scenext.core.internal.options.Checks;
import cn.scenext.core.journal.TaskJournal;
import cn.scenext.core.schedule.Scheduler;
import cn.scenext.core.webhook.ClientWebhooks;
import java.net.Proxy;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * The settings of a {@code ScenextClient.Builder}, each checked where it is set: a bad value throws an
 * {@link InvalidValueException} naming the builder method, and never repeats the API key. What only the whole
 * can tell (no key at all, no transport on the classpath) is {@link ClientParts}'s to raise, as a
 * {@link ConfigurationException}. Not thread-safe, like the builder.
 */
public final class ClientSettings {
    /** The service's address unless another is set. */
    public static final URI DEFAULT_BASE_URL = URI.create("https://api.scenext.cn/");
    /** The environment variable holding the API key. */
    public static final String ENV_API_KEY = "SCENEXT_API_KEY";
    /** The environment variable holding a base URL other than the default. */
    public static final String ENV_BASE_URL = "SCENEXT_BASE_URL";

    String apiKey;
    URI baseUrl = DEFAULT_BASE_URL;
    Transport transport;
    String transportName;
    final TransportOptions.Builder transportOptions = TransportOptions.builder();
    RetryPolicy retryPolicy = RetryPolicy.defaults();
    Duration totalTimeout;
    String userAgentSuffix;
    final List<Interceptor> interceptors = new ArrayList<>();
    final List<WaitObserver> waitObservers = new ArrayList<>();
    final List<WebhookObserver> webhookObservers = new ArrayList<>();
    Scheduler scheduler;
    Clock clock = Clock.systemUTC();
    double maxStatusRequestsPerSecond;
    int keptWebhookEvents = ClientWebhooks.DEFAULT_KEPT_EVENTS;
    Duration keptWebhookEventsFor = ClientWebhooks.DEFAULT_KEPT_FOR;
    ClassLoader classLoader;
    Function<String, String> environment = System::getenv;
    TaskJournal journal;

    /**
     * Sets the API key, checked as a key: printable ASCII without spaces, at least 4 characters.
     *
     * @param key the key
     * @throws InvalidValueException when the key is blank or malformed; the message never holds the key
     */
    public void apiKey(String key) {
        Objects.requireNonNull(key, "apiKey");
        if (key.trim().isEmpty()) {
            throw new InvalidValueException("apiKey", "The Scenext API key is blank; copy it again from the "
                    + "console, or set " + ENV_API_KEY + " and use ScenextClient.fromEnv().");
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c <= ' ' || c >= 0x7F) {
                throw new InvalidValueException("apiKey", "The Scenext API key contains a space, a control or a "
                        + "non-ASCII character at position " + i + "; copy it again from the console.");
            }
        }
        if (key.length() < 4) {
            throw new InvalidValueException("apiKey", "The Scenext API key is too short (" + key.length()
                    + " characters) to be a real key; copy it again from the console.");
        }
        this.apiKey = key;
    }

    /**
     * Sets the base URL from text.
     *
     * @param text an absolute http(s) URL
     * @throws InvalidValueException when it is not one, or has a query, a fragment or user info
     */
    public void baseUrl(String text) {
        Objects.requireNonNull(text, "baseUrl");
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (URISyntaxException e) {
            throw new InvalidValueException("baseUrl", "The base URL \"" + withoutSecrets(text) + "\" is not a "
                    + "valid URL: " + e.getReason());
        }
        baseUrl(uri);
    }

    /**
     * Sets the base URL, normalized to end with {@code /}.
     *
     * @param uri an absolute http(s) URL
     * @throws InvalidValueException when it is not one, or has a query, a fragment or user info
     */
    public void baseUrl(URI uri) {
        Objects.requireNonNull(uri, "baseUrl");
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new InvalidValueException("baseUrl", "The base URL must be an absolute http(s) URL such as "
                    + DEFAULT_BASE_URL + ", got \"" + withoutSecrets(uri.toString()) + "\".");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new InvalidValueException("baseUrl", "The base URL must not have a query, a fragment or user "
                    + "info: \"" + uri.getScheme() + "://" + uri.getHost() + "...\".");
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        this.baseUrl = URI.create(scheme + "://" + uri.getRawAuthority() + (path.endsWith("/") ? path : path + "/"));
    }

    /**
     * Reads the key and the base URL from the environment, where set. A bad value there is a configuration
     * problem, named by its variable.
     *
     * @throws ConfigurationException when a variable holds a bad value
     */
    public void fromEnv() {
        String key = environment.apply(ENV_API_KEY);
        if (key != null && !key.trim().isEmpty()) {
            fromVariable(ENV_API_KEY, () -> apiKey(key.trim()));
        }
        String url = environment.apply(ENV_BASE_URL);
        if (url != null && !url.trim().isEmpty()) {
            fromVariable(ENV_BASE_URL, () -> baseUrl(url.trim()));
        }
    }

    private static void fromVariable(String variable, Runnable set) {
        try {
            set.run();
        } catch (InvalidValueException e) {
            throw new ConfigurationException("The environment variable " + variable + " is invalid: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Sets the transport to use instead of discovering one.
     *
     * @param transport the transport
     */
    public void transport(Transport transport) {
        this.transport = Objects.requireNonNull(transport, "transport");
    }

    /**
     * Sets the name of the transport to discover.
     *
     * @param name the provider's name
     * @throws InvalidValueException when blank
     */
    public void transportName(String name) {
        if (Objects.requireNonNull(name, "transport").trim().isEmpty()) {
            throw new InvalidValueException("transport", "A transport name must not be blank; leave it unset to "
                    + "use the one on the classpath.");
        }
        this.transportName = name.trim();
    }

    /**
     * The options given to a discovered transport, set through it (its setters check their values).
     *
     * @return the transport options' builder
     */
    public TransportOptions.Builder transportOptions() {
        return transportOptions;
    }

    /**
     * Sets the total timeout of a call, retries included.
     *
     * @param timeout positive
     * @throws InvalidValueException when not positive
     */
    public void totalTimeout(Duration timeout) {
        this.totalTimeout = Checks.positive(timeout, "totalTimeout");
    }

    /**
     * Sets the retry policy.
     *
     * @param policy the policy
     */
    public void retryPolicy(RetryPolicy policy) {
        this.retryPolicy = Objects.requireNonNull(policy, "retryPolicy");
    }

    /**
     * Sets the product token appended to the {@code User-Agent}.
     *
     * @param suffix the token, or {@code null} or blank for none
     * @throws InvalidValueException when it holds a control or a non-ASCII character, which no header may
     */
    public void userAgentSuffix(String suffix) {
        if (suffix != null) {
            for (int i = 0; i < suffix.length(); i++) {
                char c = suffix.charAt(i);
                if (c < ' ' || c >= 0x7F) {
                    throw new InvalidValueException("userAgentSuffix", "A User-Agent token may hold only printable "
                            + "ASCII; found a control or non-ASCII character at position " + i + ".");
                }
            }
        }
        this.userAgentSuffix = suffix;
    }

    /**
     * Adds an interceptor.
     *
     * @param interceptor the interceptor
     */
    public void addInterceptor(Interceptor interceptor) {
        interceptors.add(Objects.requireNonNull(interceptor, "interceptor"));
    }

    /**
     * Sets the timer of retries and waits.
     *
     * @param scheduler the scheduler, which the client does not close
     */
    public void scheduler(Scheduler scheduler) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    }

    /**
     * Sets the wall clock.
     *
     * @param clock the clock
     */
    public void clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Sets the most status polls per second of all the client's waits.
     *
     * @param perSecond 0 for no limit, else positive
     * @throws InvalidValueException when negative or NaN
     */
    public void maxStatusRequestsPerSecond(double perSecond) {
        if (!(perSecond >= 0)) {
            throw new InvalidValueException("maxStatusRequestsPerSecond", "maxStatusRequestsPerSecond must be "
                    + "positive (or 0 for no limit), got " + perSecond + ".");
        }
        this.maxStatusRequestsPerSecond = perSecond;
    }

    /**
     * Sets how many terminal webhook events for tasks nobody waits on yet are kept, and for how long.
     *
     * @param maxEvents 0 or more
     * @param maxAge positive
     * @param method the builder method the values were given to, named in a refusal
     * @throws InvalidValueException when a value is out of range
     */
    public void keptWebhookEvents(int maxEvents, Duration maxAge, String method) {
        Objects.requireNonNull(maxAge, "maxAge");
        if (maxEvents < 0) {
            throw new InvalidValueException(method, "The number of webhook events to keep must be 0 or more, got "
                    + maxEvents + ".");
        }
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new InvalidValueException(method, "Webhook events must be kept for a positive time, got "
                    + maxAge + ".");
        }
        this.keptWebhookEvents = maxEvents;
        this.keptWebhookEventsFor = maxAge;
    }

    /**
     * Sets the class loader searched for transports.
     *
     * @param loader the loader, or {@code null} for the thread's context class loader
     */
    public void classLoader(ClassLoader loader) {
        this.classLoader = loader;
    }

    /**
     * Sets where {@link #fromEnv()} and transport discovery read the environment; for tests.
     *
     * @param environment the variables by name
     */
    public void environment(Function<String, String> environment) {
        this.environment = Objects.requireNonNull(environment, "environment");
    }

    /** The retry policy, with the total timeout when one was set. */
    RetryPolicy effectiveRetryPolicy() {
        return totalTimeout == null ? retryPolicy : retryPolicy.toBuilder().maxElapsed(totalTimeout).build();
    }

    /**
     * Adds a client-wide wait observer.
     *
     * @param observer the observer
     */
    public void addWaitObserver(WaitObserver observer) {
        waitObservers.add(Objects.requireNonNull(observer, "observer"));
    }

    /**
     * Adds a client-wide webhook delivery observer.
     *
     * @param observer the observer
     */
    public void addWebhookObserver(WebhookObserver observer) {
        webhookObservers.add(Objects.requireNonNull(observer, "observer"));
    }

    /** The wait observers, in the order added. */
    List<WaitObserver> waitObservers() {
        return Collections.unmodifiableList(new ArrayList<>(waitObservers));
    }

    /** The webhook observers, in the order added. */
    List<WebhookObserver> webhookObservers() {
        return Collections.unmodifiableList(new ArrayList<>(webhookObservers));
    }

    /** The interceptors, in the order added. */
    List<Interceptor> interceptors() {
        return Collections.unmodifiableList(new ArrayList<>(interceptors));
    }

    /**
     * A URL as messages may show it: user info (a password) and the query (a token) replaced by {@code ***},
     * however malformed the rest.
     *
     * @param url the URL's text, or {@code null}
     * @return the text without its secrets
     */
    public static String withoutSecrets(String url) {
        if (url == null) {
            return null;
        }
        String s = url;
        int query = s.indexOf('?');
        if (query >= 0) {
            int fragment = s.indexOf('#', query);
            s = s.substring(0, query) + "?***" + (fragment >= 0 ? s.substring(fragment) : "");
        }
        int scheme = s.indexOf("://");
        int authorityStart = scheme >= 0 ? scheme + 3 : 0;
        int authorityEnd = s.length();
        for (int i = authorityStart; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '/' || c == '?' || c == '#') {
                authorityEnd = i;
                break;
            }
        }
        int at = s.lastIndexOf('@', authorityEnd - 1);
        if (at >= authorityStart) {
            s = s.substring(0, authorityStart) + "***" + s.substring(at);
        }
        return s;
    }

    /**
     * Sets the task journal the client records its creations, waits' ends and saved videos in.
     *
     * @param journal the journal, which the client does not close
     */
    public void journal(TaskJournal journal) {
        this.journal = Objects.requireNonNull(journal, "journal");
    }
}
