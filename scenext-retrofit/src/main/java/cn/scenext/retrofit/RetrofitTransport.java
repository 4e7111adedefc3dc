package cn.scenext.retrofit;

import cn.scenext.api.exception.ResponseTooLargeException;
import cn.scenext.api.transport.HttpRequest;
import cn.scenext.api.transport.HttpResponse;
import cn.scenext.api.transport.ResponseBody;
import cn.scenext.api.transport.Transport;
import cn.scenext.api.transport.TransportFailures;
import cn.scenext.api.transport.TransportOptions;
import cn.scenext.okhttp.internal.OkHttpClients;
import cn.scenext.okhttp.internal.OkHttpConversion;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import okhttp3.Headers;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.RequestBody;
import okio.Buffer;
import okio.ForwardingSource;
import okio.Okio;
import retrofit2.Call;
import retrofit2.Callback;
import retrofit2.Response;
import retrofit2.Retrofit;

/**
 * The {@code retrofit} transport: a {@link Retrofit} instance on an OkHttp client of its own per Scenext client.
 * Requests go through a generic Retrofit interface that takes the URL, headers and body bytes and answers the
 * body unconverted, so the transport moves bytes only. Asynchronous calls use Retrofit's {@code enqueue}, on
 * OkHttp's dispatcher (daemon threads), at most {@link TransportOptions#maxConcurrentRequests()} at once.
 *
 * <p>OkHttp's retries, redirects and transparent gzip are off. Retrofit reads the body of an answer that is
 * not 2xx into memory before handing it over; 2xx bodies of synchronous calls stream. Every body held in
 * memory (those, and all bodies of asynchronous calls) is bounded by
 * {@link TransportOptions#maxBufferedBodyBytes()}; each call runs under its call timeout, body included.
 */
public final class RetrofitTransport implements Transport {

    private final OkHttpClient okHttp;
    private final RawHttp http;
    private final String userAgent;
    private final TransportOptions options;
    private volatile boolean closed;

    private RetrofitTransport(OkHttpClient okHttp, TransportOptions options) {
        this.okHttp = okHttp;
        this.userAgent = options.userAgent().orElse(null);
        this.options = options;
        this.http = new Retrofit.Builder()
                .baseUrl("http://localhost/") // every call names its absolute URL with @Url
                .client(okHttp)
                .build()
                .create(RawHttp.class);
    }

    /**
     * Creates a transport with its own Retrofit and OkHttp client.
     *
     * @param options timeouts, proxy, user agent and concurrency
     * @return the transport, to close when done
     */
    public static RetrofitTransport create(TransportOptions options) {
        Objects.requireNonNull(options, "options");
        OkHttpClient okHttp = OkHttpClients.newBuilder(options, "scenext-retrofit")
                .addInterceptor(boundErrorBodies(options.maxBufferedBodyBytes()))
                .build();
        return new RetrofitTransport(okHttp, options);
    }

    /**
     * Retrofit buffers the body of every answer that is not 2xx before anyone sees it: bound it, so that an
     * endless error body fails the call instead of filling the heap.
     */
    private static Interceptor boundErrorBodies(int limit) {
        return chain -> {
            okhttp3.Response response = chain.proceed(chain.request());
            okhttp3.ResponseBody body = response.body();
            if (response.isSuccessful() || body == null) {
                return response;
            }
            String what = chain.request().method() + " " + chain.request().url().scheme() + "://"
                    + chain.request().url().host() + ":" + chain.request().url().port();
            if (body.contentLength() > limit) {
                response.close();
                throw tooLarge(what, limit, "announces " + body.contentLength() + " bytes");
            }
            ForwardingSource bounded = new ForwardingSource(body.source()) {
                private long read;

                @Override
                public long read(Buffer sink, long byteCount) throws IOException {
                    long n = super.read(sink, byteCount);
                    if (n > 0 && (read += n) > limit) {
                        throw tooLarge(what, limit, "went on past " + limit + " bytes");
                    }
                    return n;
                }
            };
            return response.newBuilder().body(okhttp3.ResponseBody.create(Okio.buffer(bounded), body.contentType(),
                    body.contentLength())).build();
        };
    }

    private static IOException tooLarge(String what, int limit, String detail) {
        ResponseTooLargeException e = new ResponseTooLargeException("The response to " + what + " (retrofit) "
                + detail + ", more than the " + limit + " bytes buffered; aborted", limit);
        return new IOException(e.getMessage(), e);
    }

    @Override
    public String name() {
        return RetrofitTransportProvider.NAME;
    }

    @Override
    public HttpResponse execute(HttpRequest request) {
        if (closed) {
            throw TransportFailures.closed(name(), request);
        }
        Call<?> call = call(request);
        try {
            return toResponse(call.execute(), null);
        } catch (IOException | RuntimeException e) {
            if (e instanceof InterruptedIOException && Thread.currentThread().isInterrupted()) {
                call.cancel();
            }
            throw TransportFailures.of(name(), request, e);
        }
    }

    @Override
    public CompletableFuture<HttpResponse> executeAsync(HttpRequest request) {
        CompletableFuture<HttpResponse> future = new CompletableFuture<>();
        if (closed) {
            future.completeExceptionally(TransportFailures.closed(name(), request));
            return future;
        }
        Call<Object> call;
        try {
            call = call(request);
        } catch (RuntimeException e) {
            future.completeExceptionally(TransportFailures.of(name(), request, e));
            return future;
        }
        future.whenComplete((r, e) -> {
            if (future.isCancelled()) {
                call.cancel();
            }
        });
        call.enqueue(new Callback<Object>() {
            @Override
            public void onResponse(Call<Object> c, Response<Object> response) {
                try {
                    future.complete(toResponse(response, request));
                } catch (IOException | RuntimeException e) {
                    future.completeExceptionally(TransportFailures.of(name(), request, e));
                }
            }

            @Override
            public void onFailure(Call<Object> c, Throwable t) {
                future.completeExceptionally(TransportFailures.of(name(), request, t));
            }
        });
        return future;
    }

    /**
     * The Retrofit call for a request, under its call timeout; its answer is an {@link okhttp3.ResponseBody},
     * or nothing for HEAD.
     */
    private Call<Object> call(HttpRequest request) {
        Call<Object> call = untimedCall(request);
        OkHttpConversion.applyCallTimeout(call.timeout(), request, options);
        return call;
    }

    @SuppressWarnings("unchecked")
    private Call<Object> untimedCall(HttpRequest request) {
        String url = request.uri().toString();
        Headers headers = OkHttpConversion.requestHeaders(request, userAgent);
        RequestBody body = OkHttpConversion.requestBody(request);
        switch (request.method()) {
            case "GET":
                return (Call<Object>) (Call<?>) http.get(url, headers);
            case "HEAD":
                return (Call<Object>) (Call<?>) http.head(url, headers);
            case "OPTIONS":
                return (Call<Object>) (Call<?>) http.options(url, headers);
            case "DELETE":
                return (Call<Object>) (Call<?>) (body == null ? http.delete(url, headers)
                        : http.deleteWithBody(url, headers, body));
            case "POST":
                return (Call<Object>) (Call<?>) http.post(url, headers, body);
            case "PUT":
                return (Call<Object>) (Call<?>) http.put(url, headers, body);
            case "PATCH":
                return (Call<Object>) (Call<?>) http.patch(url, headers, body);
            default:
                throw new IllegalArgumentException("The retrofit transport does not send " + request.method()
                        + " requests; it sends GET, HEAD, OPTIONS, DELETE, POST, PUT and PATCH");
        }
    }

    /** The response; its body streams when {@code buffered} is {@code null}, else is read for that request. */
    private HttpResponse toResponse(Response<?> response, HttpRequest buffered) throws IOException {
        Object success = response.body();
        okhttp3.ResponseBody body = success instanceof okhttp3.ResponseBody ? (okhttp3.ResponseBody) success
                : response.errorBody();
        ResponseBody responseBody = buffered == null ? OkHttpConversion.streaming(body, body)
                : OkHttpConversion.buffered(body, name(), buffered, options.maxBufferedBodyBytes());
        return HttpResponse.of(response.code(), OkHttpConversion.responseHeaders(response.headers()), responseBody);
    }

    /** Cancels calls in flight, stops the dispatcher's threads and closes pooled connections. Idempotent. */
    @Override
    public void close() {
        closed = true;
        OkHttpClients.release(okHttp);
    }

    @Override
    public String toString() {
        return "RetrofitTransport{closed=" + closed + '}';
    }
}
