package cn.scenext.okhttp;

import cn.scenext.api.transport.BoundedBuffer;
import cn.scenext.api.internal.DaemonThreads;
import cn.scenext.api.transport.HttpHeaders;
import cn.scenext.api.transport.HttpRequest;
import cn.scenext.api.transport.HttpResponse;
import cn.scenext.api.transport.ResponseBody;
import cn.scenext.api.transport.Transport;
import cn.scenext.api.transport.TransportFailures;
import cn.scenext.api.transport.TransportOptions;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.Headers;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The {@code okhttp} transport: an {@link OkHttpClient} of its own per Scenext client, with one connection
 * pool and a dispatcher on daemon threads, both released by {@link #close()}. Asynchronous calls use
 * OkHttp's {@code enqueue}, so no caller thread waits.
 *
 * <p>OkHttp's own retries and redirects are off: the Scenext client decides what may be sent again. Each call
 * runs under OkHttp's call timeout ({@link TransportOptions#callTimeout()} or the request's own), which spans
 * the body too; an asynchronous body is buffered up to {@link TransportOptions#maxBufferedBodyBytes()}.
 */
public final class OkHttpTransport implements Transport {
    private static final AtomicInteger CLIENT_NUMBER = new AtomicInteger();

    private final OkHttpClient client;
    private final String userAgent;
    private final boolean owned;
    private final TransportOptions options;
    private volatile boolean closed;

    private OkHttpTransport(OkHttpClient client, String userAgent, boolean owned, TransportOptions options) {
        this.client = client;
        this.userAgent = userAgent;
        this.owned = owned;
        this.options = options;
    }

    /**
     * Creates a transport with its own OkHttp client.
     *
     * @param options timeouts, proxy, user agent and concurrency
     * @return the transport, to close when done
     */
    public static OkHttpTransport create(TransportOptions options) {
        Objects.requireNonNull(options, "options");
        // The dispatcher bounds the calls in flight; the pool itself must not, because the dispatcher hands the
        // next queued call over from a worker that is still finishing the previous one.
        ExecutorService executor = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
                new SynchronousQueue<>(), DaemonThreads.named("scenext-okhttp-" + CLIENT_NUMBER.incrementAndGet() + "-"));
        Dispatcher dispatcher = new Dispatcher(executor);
        dispatcher.setMaxRequests(options.maxConcurrentRequests());
        dispatcher.setMaxRequestsPerHost(options.maxConcurrentRequests());
        OkHttpClient.Builder b = new OkHttpClient.Builder()
                .dispatcher(dispatcher)
                .connectionPool(new ConnectionPool(options.maxConcurrentRequests(), 5, TimeUnit.MINUTES))
                .connectTimeout(options.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(options.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .writeTimeout(options.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .followRedirects(false)
                .followSslRedirects(false)
                .retryOnConnectionFailure(false);
        if (options.proxy().isPresent()) {
            b.proxy(options.proxy().get());
        }
        return new OkHttpTransport(b.build(), options.userAgent().orElse(null), true, options);
    }

    /**
     * Wraps an OkHttp client the caller configured and owns; {@link #close()} leaves it alone. Turn its
     * retries on connection failure off, or a task creation may be sent twice. The client's own call timeout
     * applies unless a request carries one; asynchronous bodies are buffered up to the default
     * {@link TransportOptions#maxBufferedBodyBytes()}.
     *
     * @param client the client
     * @return the transport
     */
    public static OkHttpTransport wrap(OkHttpClient client) {
        return new OkHttpTransport(Objects.requireNonNull(client, "client"), null, false, null);
    }

    @Override
    public String name() {
        return OkHttpTransportProvider.NAME;
    }

    @Override
    public HttpResponse execute(HttpRequest request) {
        if (closed) {
            throw TransportFailures.closed(name(), request);
        }
        Call call = newCall(request);
        Response response;
        try {
            response = call.execute();
        } catch (IOException | RuntimeException e) {
            if (e instanceof InterruptedIOException && Thread.currentThread().isInterrupted()) {
                call.cancel();
            }
            throw TransportFailures.of(name(), request, e);
        }
        okhttp3.ResponseBody body = response.body();
        ResponseBody responseBody = body == null ? ResponseBody.empty()
                : ResponseBody.of(body.byteStream(), body.contentLength(), response::close);
        return HttpResponse.of(response.code(), headers(response.headers()), responseBody);
    }

    @Override
    public CompletableFuture<HttpResponse> executeAsync(HttpRequest request) {
        CompletableFuture<HttpResponse> future = new CompletableFuture<>();
        if (closed) {
            future.completeExceptionally(TransportFailures.closed(name(), request));
            return future;
        }
        Call call;
        try {
            call = newCall(request);
        } catch (RuntimeException e) {
            future.completeExceptionally(TransportFailures.of(name(), request, e));
            return future;
        }
        future.whenComplete((r, e) -> {
            if (future.isCancelled()) {
                call.cancel();
            }
        });
        try {
            call.enqueue(new Callback() {
                @Override
                public void onFailure(Call c, IOException e) {
                    future.completeExceptionally(TransportFailures.of(name(), request, e));
                }

                @Override
                public void onResponse(Call c, Response response) {
                    try (Response r = response) {
                        okhttp3.ResponseBody body = r.body();
                        byte[] bytes = body == null ? new byte[0] : BoundedBuffer.start(name(), request,
                                maxBufferedBodyBytes(), body.contentLength()).readFrom(body.byteStream(), name(), request);
                        future.complete(HttpResponse.of(r.code(), headers(r.headers()), ResponseBody.of(bytes)));
                    } catch (IOException | RuntimeException e) {
                        future.completeExceptionally(TransportFailures.of(name(), request, e));
                    }
                }
            });
        } catch (RuntimeException e) {
            // The dispatcher refuses work once closed.
            future.completeExceptionally(TransportFailures.of(name(), request, e));
        }
        return future;
    }

    /** A call under its timeout: the request's own, else the options'; a wrapped client keeps its own. */
    private Call newCall(HttpRequest request) {
        Call call = client.newCall(toOkHttp(request));
        Duration timeout = options != null ? TransportFailures.callTimeout(request, options)
                : request.timeout().orElse(null);
        if (timeout != null) {
            call.timeout().timeout(timeout.toMillis(), TimeUnit.MILLISECONDS); // zero: none
        }
        return call;
    }

    private int maxBufferedBodyBytes() {
        return (options != null ? options : TransportOptions.defaults()).maxBufferedBodyBytes();
    }

    private Request toOkHttp(HttpRequest request) {
        Request.Builder b = new Request.Builder().url(request.uri().toString());
        HttpHeaders headers = request.headers();
        headers.forEach(b::addHeader);
        if (userAgent != null && !headers.contains("User-Agent")) {
            b.header("User-Agent", userAgent);
        }
        if (!headers.contains("Accept-Encoding")) {
            // Bytes as sent: no transparent gzip, so Content-Length and Range offsets mean what they say.
            b.header("Accept-Encoding", "identity");
        }
        RequestBody body = null;
        if (request.hasBody() || requiresBody(request.method())) {
            body = RequestBody.create(request.body(), null);
        }
        return b.method(request.method(), body).build();
    }

    private static boolean requiresBody(String method) {
        return method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
    }

    private static HttpHeaders headers(Headers headers) {
        HttpHeaders.Builder b = HttpHeaders.builder();
        for (int i = 0, n = headers.size(); i < n; i++) {
            b.add(headers.name(i), headers.value(i));
        }
        return b.build();
    }

    /**
     * Cancels calls in flight, stops the dispatcher's threads and closes pooled connections. A client given
     * to {@link #wrap(OkHttpClient)} is left alone. Idempotent.
     */
    @Override
    public void close() {
        if (!owned) {
            return;
        }
        closed = true;
        client.dispatcher().cancelAll();
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }

    @Override
    public String toString() {
        return "OkHttpTransport{" + (owned ? "own client" : "wrapped client") + '}';
    }
}
