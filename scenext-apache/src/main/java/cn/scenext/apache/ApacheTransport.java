package cn.scenext.apache;

import cn.scenext.api.exception.ConfigurationException;
import cn.scenext.api.internal.CoalescingTimer;
import cn.scenext.api.internal.DaemonThreads;
import cn.scenext.api.transport.HttpHeaders;
import cn.scenext.api.transport.HttpRequest;
import cn.scenext.api.transport.HttpResponse;
import cn.scenext.api.transport.ResponseBody;
import cn.scenext.api.transport.Transport;
import cn.scenext.api.transport.TransportFailures;
import cn.scenext.api.transport.TransportOptions;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleRequestProducer;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClientBuilder;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpMessage;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.util.Timeout;

/**
 * The {@code apache} transport: Apache HttpClient 5, with a classic client on a pooled connection manager for
 * blocking calls (bodies streamed from the connection) and an async client on its own I/O reactor for
 * non-blocking ones, both created per Scenext client and closed by {@link #close()}. Each pool holds
 * {@link TransportOptions#maxConcurrentRequests()} connections; further asynchronous calls wait for one.
 *
 * <p>HttpClient's automatic retries, redirect handling and content decompression are off: the Scenext client
 * decides what may be sent again, and bytes come back as sent. The reactor's threads are daemons.
 *
 * <p>HttpClient has no call timeout: a timer thread of the transport's own ({@code scenext-apache-N-timer},
 * started on first use and gone when idle) aborts an exchange that runs past
 * {@link TransportOptions#callTimeout()} or its request's own. Asynchronous bodies are collected up to
 * {@link TransportOptions#maxBufferedBodyBytes()}; a larger one fails its exchange, not the I/O reactor.
 */
public final class ApacheTransport implements Transport {
    private static final AtomicInteger TRANSPORT_NUMBER = new AtomicInteger();
    /** HttpClient sets these from the entity and the connection; a request's own values would clash. */
    private static final Set<String> SET_BY_THE_CLIENT = new HashSet<>(
            Arrays.asList("content-length", "transfer-encoding", "connection"));

    private final CloseableHttpClient sync;
    private final CloseableHttpAsyncClient async;
    private final TransportOptions options;
    private final ScheduledThreadPoolExecutor timer;
    /** The call timeouts, on {@link #timer}'s thread, which setting one does not wake. */
    private final CoalescingTimer deadlines;
    private volatile boolean closed;

    private ApacheTransport(CloseableHttpClient sync, CloseableHttpAsyncClient async, TransportOptions options,
            int number) {
        this.sync = sync;
        this.async = async;
        this.options = options;
        this.timer = new ScheduledThreadPoolExecutor(1, DaemonThreads.named("scenext-apache-" + number + "-timer-"));
        this.timer.setRemoveOnCancelPolicy(true);
        this.timer.setKeepAliveTime(10, TimeUnit.SECONDS);
        this.timer.allowCoreThreadTimeOut(true);
        this.deadlines = new CoalescingTimer(timer);
    }

    /**
     * Creates a transport with its own clients and pools.
     *
     * @param options timeouts, proxy, user agent and concurrency
     * @return the transport, to close when done
     * @throws ConfigurationException for a SOCKS proxy, which this transport does not support
     */
    public static ApacheTransport create(TransportOptions options) {
        Objects.requireNonNull(options, "options");
        Timeout connect = Timeout.of(options.connectTimeout());
        Timeout read = Timeout.of(options.readTimeout());
        ConnectionConfig connections = ConnectionConfig.custom().setConnectTimeout(connect).setSocketTimeout(read)
                .build();
        RequestConfig requests = RequestConfig.custom().setResponseTimeout(read).setRedirectsEnabled(false).build();
        int max = options.maxConcurrentRequests();
        int number = TRANSPORT_NUMBER.incrementAndGet();

        HttpClientBuilder s = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDefaultConnectionConfig(connections).setMaxConnTotal(max).setMaxConnPerRoute(max).build())
                .setDefaultRequestConfig(requests)
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableContentCompression();
        HttpAsyncClientBuilder a = HttpAsyncClients.custom()
                .setConnectionManager(PoolingAsyncClientConnectionManagerBuilder.create()
                        .setDefaultConnectionConfig(connections).setMaxConnTotal(max).setMaxConnPerRoute(max).build())
                .setIOReactorConfig(IOReactorConfig.custom().setSoTimeout(read).build())
                .setThreadFactory(DaemonThreads.named("scenext-apache-" + number + "-"))
                .setIoReactorExceptionCallback(new ReactorFailures())
                .setDefaultRequestConfig(requests)
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableContentCompression();
        if (options.userAgent().isPresent()) {
            s.setUserAgent(options.userAgent().get());
            a.setUserAgent(options.userAgent().get());
        }
        if (!options.proxy().isPresent()) {
            s.setProxySelector(ProxySelector.getDefault());
            a.setProxySelector(ProxySelector.getDefault());
        } else if (options.proxy().get().type() != Proxy.Type.DIRECT) {
            HttpHost proxy = httpProxy(options.proxy().get());
            s.setProxy(proxy);
            a.setProxy(proxy);
        }
        CloseableHttpAsyncClient asyncClient = a.build();
        asyncClient.start();
        return new ApacheTransport(s.build(), asyncClient, options, number);
    }

    private static HttpHost httpProxy(Proxy proxy) {
        if (proxy.type() != Proxy.Type.HTTP || !(proxy.address() instanceof InetSocketAddress)) {
            throw new ConfigurationException("The apache transport cannot use the proxy " + proxy
                    + ": it supports HTTP proxies only. Use the okhttp transport for a SOCKS proxy.");
        }
        InetSocketAddress address = (InetSocketAddress) proxy.address();
        return new HttpHost(address.getHostString(), address.getPort());
    }

    @Override
    public String name() {
        return ApacheTransportProvider.NAME;
    }

    @Override
    public HttpResponse execute(HttpRequest request) {
        if (closed) {
            throw TransportFailures.closed(name(), request);
        }
        HttpUriRequestBase classic = new HttpUriRequestBase(request.method(), request.uri());
        copyHeaders(request, classic);
        if (request.hasBody()) {
            classic.setEntity(new ByteArrayEntity(request.body(), null));
        }
        Duration timeout = TransportFailures.callTimeout(request, options);
        Deadline deadline = schedule(timeout, classic::cancel);
        ClassicHttpResponse response;
        try {
            response = sync.executeOpen(target(request.uri()), classic, null);
        } catch (IOException | RuntimeException e) {
            deadline.cancel();
            throw deadline.fired() ? TransportFailures.callTimedOut(name(), request, timeout)
                    : TransportFailures.of(name(), request, e);
        }
        HttpEntity entity = response.getEntity();
        ResponseBody body;
        try {
            InputStream content = entity == null ? null : entity.getContent();
            body = content == null ? ResponseBody.empty()
                    : ResponseBody.of(new AbortOnEarlyClose(content, classic, response, deadline,
                            () -> TransportFailures.callTimedOutIo(name(), request, timeout)),
                            entity.getContentLength(), null);
        } catch (IOException | RuntimeException e) {
            deadline.cancel();
            classic.cancel();
            throw TransportFailures.of(name(), request, e);
        }
        if (entity == null || body.isBuffered()) {
            deadline.cancel();
            closeQuietly(response);
        }
        return HttpResponse.of(response.getCode(), headers(response.getHeaders()), body);
    }

    @Override
    public CompletableFuture<HttpResponse> executeAsync(HttpRequest request) {
        CompletableFuture<HttpResponse> result = new CompletableFuture<>();
        if (closed) {
            result.completeExceptionally(TransportFailures.closed(name(), request));
            return result;
        }
        SimpleHttpRequest simple = new SimpleHttpRequest(request.method(), request.uri());
        copyHeaders(request, simple);
        if (request.hasBody()) {
            simple.setBody(request.body(), null);
        }
        Future<HttpResponse> exchange;
        try {
            exchange = async.execute(SimpleRequestProducer.create(simple),
                    new BoundedResponseConsumer(request, options.maxBufferedBodyBytes()), null,
                    new FutureCallback<HttpResponse>() {
                        @Override
                        public void completed(HttpResponse response) {
                            result.complete(response);
                        }

                        @Override
                        public void failed(Exception e) {
                            result.completeExceptionally(TransportFailures.of(name(), request, e));
                        }

                        @Override
                        public void cancelled() {
                            result.cancel(false);
                        }
                    });
        } catch (RuntimeException e) {
            result.completeExceptionally(TransportFailures.of(name(), request, e));
            return result;
        }
        Duration timeout = TransportFailures.callTimeout(request, options);
        Deadline deadline = schedule(timeout, () -> {
            if (result.completeExceptionally(TransportFailures.callTimedOut(name(), request, timeout))) {
                exchange.cancel(true);
            }
        });
        result.whenComplete((r, e) -> {
            deadline.cancel();
            if (result.isCancelled()) {
                exchange.cancel(true); // aborts the exchange and closes its connection
            }
        });
        return result;
    }

    /** Runs {@code abort} once the timeout has passed, unless cancelled first; a zero timeout never fires. */
    private Deadline schedule(Duration timeout, Runnable abort) {
        Deadline d = new Deadline(abort);
        if (!timeout.isZero()) {
            // closing: the timer's executor is shut down and sets no wake-up; close() aborts the exchange anyway
            d.timeout = deadlines.schedule(d, timeout.toNanos());
        }
        return d;
    }

    /** The abort of one exchange at its call timeout. */
    static final class Deadline implements Runnable {
        private final Runnable abort;
        private volatile boolean fired;
        private volatile CoalescingTimer.Timeout timeout;

        Deadline(Runnable abort) {
            this.abort = abort;
        }

        /** The timeout passed: marks it, then aborts the exchange. */
        @Override
        public void run() {
            fired = true;
            abort.run();
        }

        /** Whether the timeout passed and the exchange was aborted. */
        boolean fired() {
            return fired;
        }

        /** Stops the timer: the exchange is over. */
        void cancel() {
            CoalescingTimer.Timeout t = timeout;
            if (t != null) {
                t.cancel();
            }
        }
    }

    private void copyHeaders(HttpRequest request, HttpMessage message) {
        request.headers().forEach((name, value) -> {
            if (!SET_BY_THE_CLIENT.contains(name.toLowerCase(Locale.ROOT))) {
                message.addHeader(name, value);
            }
        });
    }

    private static HttpHost target(URI uri) {
        return new HttpHost(uri.getScheme(), uri.getHost(), uri.getPort());
    }

    static HttpHeaders headers(Header[] headers) {
        HttpHeaders.Builder b = HttpHeaders.builder();
        for (Header h : headers) {
            b.add(h.getName(), h.getValue());
        }
        return b.build();
    }

    private static void closeQuietly(ClassicHttpResponse response) {
        try {
            response.close();
        } catch (IOException e) {
            // nothing was left to release
        }
    }

    /**
     * Aborts calls in flight, closes both connection pools and stops the I/O reactor's threads. Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        async.close(CloseMode.IMMEDIATE);
        sync.close(CloseMode.IMMEDIATE);
        timer.shutdownNow();
    }

    @Override
    public String toString() {
        return "ApacheTransport{closed=" + closed + '}';
    }
}
