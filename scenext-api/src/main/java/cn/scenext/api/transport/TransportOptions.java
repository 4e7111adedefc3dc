package cn.scenext.api.transport;

import cn.scenext.api.exception.InvalidValueException;
import java.net.Proxy;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What a client asks of the transport it creates: timeouts, a proxy, the {@code User-Agent}, and how much of a
 * response body it may hold in memory. Immutable.
 *
 * <p>Three timeouts bound an exchange: the connect timeout, the read timeout (silence: no byte for that long)
 * and the call timeout (the whole exchange, however steadily bytes trickle in). Retries, and the total time
 * they may take, are the client's business, not the transport's: see {@code RetryPolicy.maxElapsed()}.
 *
 * <p>Each setter checks its value and refuses a bad one with an {@link InvalidValueException} (an
 * {@link IllegalArgumentException}); {@link #toBuilder()} gives a builder holding these options.
 */
public final class TransportOptions {
    /** The connect timeout unless set: 10 seconds. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** The read timeout unless set: 60 seconds. */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(60);
    /** The most requests in flight at once unless set: 16. */
    public static final int DEFAULT_MAX_CONCURRENT_REQUESTS = 16;
    /** The call timeout unless set: 30 seconds. */
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(30);
    /** The largest body buffered in memory unless set: 16 MiB. */
    public static final int DEFAULT_MAX_BUFFERED_BODY_BYTES = 16 * 1024 * 1024;
    /** The largest value {@link Builder#maxBufferedBodyBytes(int)} takes: the largest array a JVM allocates. */
    public static final int MAX_BUFFERED_BODY_BYTES_LIMIT = Integer.MAX_VALUE - 8;

    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Proxy proxy;
    private final String userAgent;
    private final int maxConcurrentRequests;
    private final Duration callTimeout;
    private final int maxBufferedBodyBytes;

    private TransportOptions(Builder b) {
        this.callTimeout = b.callTimeout;
        this.maxBufferedBodyBytes = b.maxBufferedBodyBytes;
        this.connectTimeout = b.connectTimeout;
        this.readTimeout = b.readTimeout;
        this.proxy = b.proxy;
        this.userAgent = b.userAgent;
        this.maxConcurrentRequests = b.maxConcurrentRequests;
    }

    /**
     * Starts a set of options.
     *
     * @return a builder with the defaults
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The default options.
     *
     * @return options with default timeouts, the JVM's proxy settings and no user agent of its own
     */
    public static TransportOptions defaults() {
        return builder().build();
    }

    /**
     * How long to wait for a connection to be established.
     *
     * @return the connect timeout
     */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /**
     * How long to wait for the response's first byte, and between its bytes.
     *
     * @return the read timeout
     */
    public Duration readTimeout() {
        return readTimeout;
    }

    /**
     * The proxy to connect through.
     *
     * @return the proxy ({@link Proxy#NO_PROXY} to connect directly); empty to follow the JVM's
     *     {@link java.net.ProxySelector#getDefault() default proxy selector}, which honours the
     *     {@code http(s).proxyHost} system properties
     */
    public Optional<Proxy> proxy() {
        return Optional.ofNullable(proxy);
    }

    /**
     * The {@code User-Agent} the client sends. Transports set it on every request that has none.
     *
     * @return the user agent
     */
    public Optional<String> userAgent() {
        return Optional.ofNullable(userAgent);
    }

    /**
     * The most requests a transport keeps in flight at once, and the size of its connection pool. Further
     * asynchronous requests wait in a queue, so a burst of calls costs neither threads nor sockets beyond this.
     *
     * @return the limit, at least 1
     */
    public int maxConcurrentRequests() {
        return maxConcurrentRequests;
    }

    /**
     * The longest one exchange may take, from sending the request until its response is complete: for an
     * asynchronous call until the body is in memory, for a blocking call until the caller has read the body
     * it streams. Unlike the read timeout, it cuts a response that trickles in, a byte now and then. A request
     * may carry its own limit, or none ({@link HttpRequest#timeout()}), as downloads do.
     *
     * @return the call timeout, positive
     */
    public Duration callTimeout() {
        return callTimeout;
    }

    /**
     * The largest response body a transport holds in memory: every body of an asynchronous call, and the
     * bodies a library buffers on its own (Retrofit's error bodies). A larger one, announced or as it arrives,
     * fails the exchange with a {@link cn.scenext.api.exception.ResponseTooLargeException} and releases its
     * connection; bodies streamed to a blocking caller are the caller's to bound.
     *
     * @return the limit in bytes, at least 1
     */
    public int maxBufferedBodyBytes() {
        return maxBufferedBodyBytes;
    }

    /**
     * A builder holding these options.
     *
     * @return a builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.connectTimeout = connectTimeout;
        b.readTimeout = readTimeout;
        b.proxy = proxy;
        b.userAgent = userAgent;
        b.maxConcurrentRequests = maxConcurrentRequests;
        b.callTimeout = callTimeout;
        b.maxBufferedBodyBytes = maxBufferedBodyBytes;
        return b;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof TransportOptions)) {
            return false;
        }
        TransportOptions that = (TransportOptions) o;
        return connectTimeout.equals(that.connectTimeout) && readTimeout.equals(that.readTimeout)
                && Objects.equals(proxy, that.proxy) && Objects.equals(userAgent, that.userAgent)
                && maxConcurrentRequests == that.maxConcurrentRequests && callTimeout.equals(that.callTimeout)
                && maxBufferedBodyBytes == that.maxBufferedBodyBytes;
    }

    @Override
    public int hashCode() {
        return Objects.hash(connectTimeout, readTimeout, proxy, userAgent, maxConcurrentRequests, callTimeout,
                maxBufferedBodyBytes);
    }

    @Override
    public String toString() {
        return "TransportOptions{connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout
                + ", proxy=" + (proxy == null ? "jvm-default" : proxy) + ", userAgent=" + userAgent
                + ", maxConcurrentRequests=" + maxConcurrentRequests + ", callTimeout=" + callTimeout
                + ", maxBufferedBodyBytes=" + maxBufferedBodyBytes + '}';
    }

    /** Builds {@link TransportOptions}. Not thread-safe. */
    public static final class Builder {
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration readTimeout = DEFAULT_READ_TIMEOUT;
        private Proxy proxy;
        private String userAgent;
        private int maxConcurrentRequests = DEFAULT_MAX_CONCURRENT_REQUESTS;
        private Duration callTimeout = DEFAULT_CALL_TIMEOUT;
        private int maxBufferedBodyBytes = DEFAULT_MAX_BUFFERED_BODY_BYTES;

        private Builder() {
        }

        /**
         * Sets the call timeout: the longest one exchange may take, body included.
         *
         * @param timeout a positive duration; default 30 seconds
         * @return this builder
         * @throws InvalidValueException when out of range
         */
        public Builder callTimeout(Duration timeout) {
            this.callTimeout = positive(timeout, "callTimeout");
            return this;
        }

        /**
         * Sets the largest response body held in memory.
         *
         * @param maxBytes from 1 to {@link #MAX_BUFFERED_BODY_BYTES_LIMIT}; default 16 MiB
         * @return this builder
         * @throws InvalidValueException when out of range
         */
        public Builder maxBufferedBodyBytes(int maxBytes) {
            if (maxBytes < 1 || maxBytes > MAX_BUFFERED_BODY_BYTES_LIMIT) {
                throw new InvalidValueException("maxBufferedBodyBytes", "maxBufferedBodyBytes must be from 1 to "
                        + MAX_BUFFERED_BODY_BYTES_LIMIT + ", got " + maxBytes);
            }
            this.maxBufferedBodyBytes = maxBytes;
            return this;
        }

        /**
         * Sets the connect timeout.
         *
         * @param timeout a positive duration
         * @return this builder
         * @throws InvalidValueException when out of range
         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connectTimeout");
            return this;
        }

        /**
         * Sets the read timeout.
         *
         * @param timeout a positive duration
         * @return this builder
         * @throws InvalidValueException when out of range
         */
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = positive(timeout, "readTimeout");
            return this;
        }

        /**
         * Sets the proxy.
         *
         * @param proxy the proxy, {@link Proxy#NO_PROXY} for none, or {@code null} for the JVM's default
         * @return this builder
         */
        public Builder proxy(Proxy proxy) {
            this.proxy = proxy;
            return this;
        }

        /**
         * Sets the {@code User-Agent}.
         *
         * @param userAgent the user agent, or {@code null} for the library's own
         * @return this builder
         */
        public Builder userAgent(String userAgent) {
            this.userAgent = userAgent;
            return this;
        }

        /**
         * Sets the most requests in flight at once.
         *
         * @param maxConcurrentRequests at least 1
         * @return this builder
         * @throws InvalidValueException when out of range
         */
        public Builder maxConcurrentRequests(int maxConcurrentRequests) {
            if (maxConcurrentRequests < 1) {
                throw new InvalidValueException("maxConcurrentRequests",
                        "maxConcurrentRequests must be at least 1, got " + maxConcurrentRequests);
            }
            this.maxConcurrentRequests = maxConcurrentRequests;
            return this;
        }

        private static Duration positive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero()) {
                throw new InvalidValueException(name, name + " must be positive, got " + d);
            }
            return d;
        }

        /**
         * Builds the options.
         *
         * @return the options
         */
        public TransportOptions build() {
            return new TransportOptions(this);
        }
    }
}
