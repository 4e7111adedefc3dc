package cn.scenext.okhttp;

import cn.scenext.api.transport.HttpRequest;
import cn.scenext.api.transport.HttpResponse;
import cn.scenext.api.transport.Transport;
import cn.scenext.api.transport.TransportFailures;
import cn.scenext.api.transport.TransportOptions;
import cn.scenext.okhttp.internal.OkHttpClients;
import cn.scenext.okhttp.internal.OkHttpConversion;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.OkHttpClient;
import okhttp3.Request;
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
        OkHttpClient client = OkHttpClients.newBuilder(options, "scenext-okhttp").build();
        return new OkHttpTransport(client, options.userAgent().orElse(null), true, options);
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
        return HttpResponse.of(response.code(), OkHttpConversion.responseHeaders(response.headers()),
                OkHttpConversion.streaming(response.body(), response::close));
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
                        future.complete(HttpResponse.of(r.code(), OkHttpConversion.responseHeaders(r.headers()),
                                OkHttpConversion.buffered(r.body(), name(), request, maxBufferedBodyBytes())));
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
        Request okRequest = OkHttpConversion.addRequestHeaders(new Request.Builder().url(request.uri().toString()),
                request, userAgent)
                .method(request.method(), OkHttpConversion.requestBody(request)).build();
        Call call = client.newCall(okRequest);
        OkHttpConversion.applyCallTimeout(call.timeout(), request, options);
        return call;
    }

    private int maxBufferedBodyBytes() {
        return (options != null ? options : TransportOptions.defaults()).maxBufferedBodyBytes();
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
        OkHttpClients.release(client);
    }

    @Override
    public String toString() {
        return "OkHttpTransport{" + (owned ? "own client" : "wrapped client") + '}';
    }
}
