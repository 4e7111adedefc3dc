package cn.scenext.jdk;

import cn.scenext.api.exception.ConfigurationException;
import cn.scenext.api.exception.ResponseTooLargeException;
import cn.scenext.api.exception.TransportException;
import cn.scenext.api.transport.BoundedBuffer;
import cn.scenext.api.internal.CoalescingTimer;
import cn.scenext.api.internal.DaemonThreads;
import cn.scenext.api.internal.Futures;
import cn.scenext.api.transport.HttpHeaders;
import cn.scenext.api.transport.HttpRequest;
import cn.scenext.api.transport.HttpResponse;
import cn.scenext.api.transport.ResponseBody;
import cn.scenext.api.transport.Transport;
import cn.scenext.api.transport.TransportFailures;
import cn.scenext.api.transport.TransportOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpResponse.BodySubscribers;
import java.net.http.HttpResponse.ResponseInfo;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@code jdk} transport: a {@link HttpClient} of its own per Scenext client, with no library beyond the JDK.
 * Asynchronous calls use {@code sendAsync}, so no thread waits on the network; at most
 * {@link TransportOptions#maxConcurrentRequests()} of them are in flight, the rest wait in a queue. Redirects
 * are never followed, and nothing is retried or decompressed. The client's threads are daemons and are
 * stopped by {@link #close()}.
 *
 * <p>Limits of the JDK's client: it sets {@code Host}, {@code Content-Length}, {@code Connection},
 * {@code Expect} and {@code Upgrade} itself, so a request's own values of those are not sent; it cannot use a
 * SOCKS proxy; it retries on its own a connection that was refused (the request was surely not sent) or, for
 * GET, a pooled connection the server had already closed. Before Java 21 its idle connections close when the
 * client is garbage-collected rather than on {@link #close()}.
 */
public final class JdkTransport implements Transport {
    private static final AtomicInteger TRANSPORT_NUMBER = new AtomicInteger();
    /** The largest body of a blocking call received in full before {@code execute} returns. */
    static final long RECEIVED_IN_FULL_MAX_BYTES = 64 * 1024;
    private static final Set<String> SET_BY_THE_CLIENT = new HashSet<>(
            Arrays.asList("host", "content-length", "connection", "expect", "upgrade"));

    private final HttpClient client;
    private final ExecutorService executor;
    private final ScheduledThreadPoolExecutor timer;
    /** The bodies' silence and deadline checks, on {@link #timer}'s thread, which setting one does not wake. */
    private final CoalescingTimer bodyTimeouts;
    private final Duration readTimeout;
    private final TransportOptions options;
    private final String userAgent;
    private final RequestQueue queue;
    private final Set<CompletableFuture<?>> inFlight = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private JdkTransport(TransportOptions options) {
        int number = TRANSPORT_NUMBER.incrementAndGet();
        this.executor = Executors.newCachedThreadPool(DaemonThreads.named("scenext-jdk-" + number + "-"));
        this.timer = new ScheduledThreadPoolExecutor(1, DaemonThreads.named("scenext-jdk-" + number + "-timer-"));
        this.timer.setRemoveOnCancelPolicy(true);
        this.bodyTimeouts = new CoalescingTimer(timer);
        this.readTimeout = options.readTimeout();
        this.options = options;
        this.userAgent = options.userAgent().orElse(null);
        this.queue = new RequestQueue(options.maxConcurrentRequests());
        HttpClient.Builder b = HttpClient.newBuilder()
                .executor(executor)
                .connectTimeout(options.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER);
        if (options.proxy().isPresent()) {
            b.proxy(proxySelector(options.proxy().get()));
        }
        this.client = b.build();
    }

    /**
     * Creates a transport with its own {@link HttpClient}.
     *
     * @param options timeouts, proxy, user agent and concurrency
     * @return the transport, to close when done
     * @throws ConfigurationException for a SOCKS proxy, which the JDK's client cannot use
     */
    public static JdkTransport create(TransportOptions options) {
        return new JdkTransport(Objects.requireNonNull(options, "options"));
    }

    private static ProxySelector proxySelector(Proxy proxy) {
        if (proxy.type() == Proxy.Type.DIRECT) {
            return HttpClient.Builder.NO_PROXY;
        }
        if (proxy.type() != Proxy.Type.HTTP || !(proxy.address() instanceof InetSocketAddress)) {
            throw new ConfigurationException("The jdk transport cannot use the proxy " + proxy
                    + ": java.net.http supports HTTP proxies only. Use the okhttp transport for a SOCKS proxy.");
        }
        return ProxySelector.of((InetSocketAddress) proxy.address());
    }

    @Override
    public String name() {
        return JdkTransportProvider.NAME;
    }

    @Override
    public HttpResponse execute(HttpRequest request) {
        if (closed) {
            throw TransportFailures.closed(name(), request);
        }
        Duration timeout = TransportFailures.callTimeout(request, options);
        long deadline = deadline(timeout);
        java.net.http.HttpResponse<InputStream> response;
        try {
            response = client.send(toJdk(request, timeout), info -> syncBody(info, request, timeout, deadline));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw TransportFailures.of(name(), request, e);
        } catch (IOException | RuntimeException e) {
            throw failure(request, timeout, e);
        }
        InputStream body = response.body();
        return HttpResponse.of(response.statusCode(), headers(response.headers().map()),
                ResponseBody.of(body, contentLength(response), body));
    }

    /**
     * A small body announced by {@code Content-Length}, of an exchange under a call timeout (every API call), is
     * received in full by the client's threads before
     * {@code send} returns, as {@code ofByteArray()} would: the caller then reads memory instead of waiting for a
     * hand-off per buffer and one more for the end. Any other body streams, so memory stays flat whatever its size.
     */
    private BodySubscriber<InputStream> syncBody(ResponseInfo info, HttpRequest request, Duration timeout,
            long deadline) {
        long length = contentLength(info);
        // Without a call timeout (a download) the caller watches the body's pace itself: stream it, even small.
        if (length >= 0 && length <= RECEIVED_IN_FULL_MAX_BYTES && !timeout.isZero()) {
            return BodySubscribers.mapping(buffering(request, timeout, deadline, length), ByteArrayInputStream::new);
        }
        return new StreamingBodySubscriber(readTimeout.toMillis(), deadline,
                () -> TransportFailures.callTimedOutIo(name(), request, timeout));
    }

    /** A body buffered in memory, up to the options' limit and the exchange's deadline. */
    private BufferingBodySubscriber buffering(HttpRequest request, Duration timeout, long deadline, long length) {
        BoundedBuffer buffer = BoundedBuffer.start(name(), request, options.maxBufferedBodyBytes(), length);
        return new BufferingBodySubscriber(bodyTimeouts, readTimeout.toNanos(), deadline, buffer,
                () -> TransportFailures.callTimedOutIo(name(), request, timeout),
                () -> buffer.tooLarge(name(), request));
    }

    private static long contentLength(ResponseInfo info) {
        try {
            return info.headers().firstValueAsLong("Content-Length").orElse(-1);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** When an exchange started now must be over, on {@link System#nanoTime()}; never for a zero timeout. */
    private static long deadline(Duration timeout) {
        return timeout.isZero() ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
    }

    /**
     * The JDK's request timeout bounds the wait for the headers by the shorter of the read and call timeouts:
     * when the call timeout was that one, its expiry is a {@code CALL_TIMEOUT}.
     */
    private TransportException failure(HttpRequest request, Duration timeout, Throwable e) {
        Throwable t = Futures.unwrap(e);
        if (t instanceof HttpTimeoutException && !t.getClass().getName().endsWith("ConnectTimeoutException")
                && !timeout.isZero() && timeout.compareTo(readTimeout) <= 0) {
            return TransportFailures.callTimedOut(name(), request, timeout, t);
        }
        return TransportFailures.of(name(), request, t);
    }

    @Override
    public CompletableFuture<HttpResponse> executeAsync(HttpRequest request) {
        CompletableFuture<HttpResponse> result = new CompletableFuture<>();
        Duration timeout = TransportFailures.callTimeout(request, options);
        java.net.http.HttpRequest jdkRequest;
        try {
            jdkRequest = toJdk(request, timeout);
        } catch (RuntimeException e) {
            result.completeExceptionally(TransportFailures.of(name(), request, e));
            return result;
        }
        inFlight.add(result);
        result.whenComplete((r, e) -> inFlight.remove(result));
        if (closed) {
            result.completeExceptionally(TransportFailures.closed(name(), request));
            return result;
        }
        queue.submit(() -> start(request, jdkRequest, timeout, result));
        return result;
    }

    private void start(HttpRequest request, java.net.http.HttpRequest jdkRequest, Duration timeout,
            CompletableFuture<HttpResponse> result) {
        if (result.isDone()) {
            queue.finished(); // cancelled while it waited
            return;
        }
        long deadline = deadline(timeout);
        BodyHandler<byte[]> buffering = info -> {
            try {
                return buffering(request, timeout, deadline, contentLength(info));
            } catch (ResponseTooLargeException e) {
                return new Refused<>(e); // announced too large: not a byte of it is read
            }
        };
        CompletableFuture<java.net.http.HttpResponse<byte[]>> exchange;
        try {
            exchange = client.sendAsync(jdkRequest, buffering);
        } catch (RuntimeException e) {
            queue.finished();
            result.completeExceptionally(TransportFailures.of(name(), request, e));
            return;
        }
        result.whenComplete((r, e) -> {
            if (result.isCancelled()) {
                exchange.cancel(true); // aborts the exchange and its connection (Java 16 and later)
            }
        });
        exchange.whenComplete((response, failure) -> {
            queue.finished();
            if (failure != null) {
                result.completeExceptionally(failure(request, timeout, failure));
            } else {
                result.complete(HttpResponse.of(response.statusCode(), headers(response.headers().map()),
                        ResponseBody.of(response.body())));
            }
        });
    }

    /** A body refused before it is read: the exchange fails with the refusal and its connection is dropped. */
    private static final class Refused<T> implements BodySubscriber<T> {
        private final CompletableFuture<T> body = new CompletableFuture<>();

        Refused(ResponseTooLargeException e) {
            body.completeExceptionally(new IOException(e.getMessage(), e));
        }

        @Override
        public CompletionStage<T> getBody() {
            return body;
        }

        @Override
        public void onSubscribe(java.util.concurrent.Flow.Subscription subscription) {
            subscription.cancel();
        }

        @Override
        public void onNext(List<java.nio.ByteBuffer> item) {
            // cancelled: nothing more comes
        }

        @Override
        public void onError(Throwable throwable) {
            // the refusal is the failure
        }

        @Override
        public void onComplete() {
            // the refusal is the failure
        }
    }

    /** The JDK's request; its timeout (until the headers) is the shorter of the read and call timeouts. */
    private java.net.http.HttpRequest toJdk(HttpRequest request, Duration callTimeout) {
        Duration untilHeaders = callTimeout.isZero() || callTimeout.compareTo(readTimeout) > 0 ? readTimeout : callTimeout;
        java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(request.uri())
                .timeout(untilHeaders)
                .method(request.method(), request.hasBody()
                        ? java.net.http.HttpRequest.BodyPublishers.ofByteArray(request.body())
                        : java.net.http.HttpRequest.BodyPublishers.noBody());
        if ("http".equalsIgnoreCase(request.uri().getScheme())) {
            // No "Upgrade: h2c" dance on plain HTTP: the request goes out as asked. HTTPS still negotiates HTTP/2.
            b.version(HttpClient.Version.HTTP_1_1);
        }
        HttpHeaders headers = request.headers();
        headers.forEach((name, value) -> {
            if (!SET_BY_THE_CLIENT.contains(name.toLowerCase(Locale.ROOT))) {
                b.header(name, value);
            }
        });
        if (userAgent != null && !headers.contains("User-Agent")) {
            b.header("User-Agent", userAgent);
        }
        return b.build();
    }

    private static HttpHeaders headers(Map<String, List<String>> map) {
        HttpHeaders.Builder b = HttpHeaders.builder();
        for (Map.Entry<String, List<String>> e : map.entrySet()) {
            if (!e.getKey().startsWith(":")) { // HTTP/2 pseudo-headers such as :status
                for (String v : e.getValue()) {
                    b.add(e.getKey(), v);
                }
            }
        }
        return b.build();
    }

    private static long contentLength(java.net.http.HttpResponse<?> response) {
        return response.headers().firstValueAsLong("Content-Length").orElse(-1);
    }

    /**
     * Fails calls still waiting or in flight, stops the transport's threads, and on Java 21 and later shuts the
     * HTTP client down with its connections. Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        queue.drain(); // never started: their futures fail below
        for (CompletableFuture<?> f : new ArrayList<>(inFlight)) {
            f.cancel(true);
        }
        shutdownClient();
        executor.shutdownNow();
        timer.shutdownNow();
    }

    /** {@code HttpClient.shutdownNow()} exists from Java 21 on; before, the client has no way to be closed. */
    private void shutdownClient() {
        try {
            Method shutdownNow = HttpClient.class.getMethod("shutdownNow");
            shutdownNow.invoke(client);
        } catch (NoSuchMethodException e) {
            // Java 11 to 20: idle connections close when the client is collected.
        } catch (ReflectiveOperationException | RuntimeException e) {
            // Closing is best effort: the threads are ours and stopped anyway.
        }
    }

    @Override
    public String toString() {
        return "JdkTransport{closed=" + closed + '}';
    }
}
