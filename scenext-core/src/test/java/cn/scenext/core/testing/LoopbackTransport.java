package cn.scenext.core.testing;

import cn.scenext.api.transport.HttpHeaders;
import cn.scenext.api.transport.HttpRequest;
import cn.scenext.api.transport.HttpResponse;
import cn.scenext.api.transport.ResponseBody;
import cn.scenext.api.transport.Transport;
import cn.scenext.api.transport.TransportFailures;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test-only {@link Transport} on the JDK's own {@link HttpClient}: real HTTP over loopback, streaming
 * bodies for {@link #execute}, a non-blocking {@link #executeAsync}, no redirects followed, and at most
 * {@code maxConcurrent} exchanges in flight (further asynchronous ones queue without a thread), like the
 * production transports. scenext-core cannot use those in its tests (they depend on core), so this one
 * stands in; it is not the {@code jdk} transport module.
 */
public final class LoopbackTransport implements Transport {
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final HttpClient client;
    private final ExecutorService executor;
    private final int maxConcurrent;
    private final Duration readTimeout;
    private final Queue<Runnable> waiting = new ArrayDeque<>();
    private int inFlight;

    private LoopbackTransport(int maxConcurrent, int threads, Duration readTimeout) {
        this.maxConcurrent = maxConcurrent;
        this.readTimeout = readTimeout;
        this.executor = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "loopback-transport-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5))
                .executor(executor)
                .build();
    }

    /**
     * A transport with 16 exchanges in flight at most, on 2 threads.
     *
     * @return the transport
     */
    public static LoopbackTransport create() {
        return create(16, 2);
    }

    /**
     * A transport of a given size.
     *
     * @param maxConcurrent the most exchanges in flight
     * @param threads the threads of the HTTP client's executor
     * @return the transport
     */
    public static LoopbackTransport create(int maxConcurrent, int threads) {
        return new LoopbackTransport(maxConcurrent, threads, Duration.ofSeconds(30));
    }

    /**
     * A transport of the default size whose answers time out sooner.
     *
     * @param readTimeout the longest wait for a whole answer
     * @return the transport
     */
    public static LoopbackTransport withReadTimeout(Duration readTimeout) {
        return new LoopbackTransport(16, 2, readTimeout);
    }

    @Override
    public HttpResponse execute(HttpRequest request) {
        try {
            java.net.http.HttpResponse<InputStream> r = client.send(toJdk(request),
                    java.net.http.HttpResponse.BodyHandlers.ofInputStream());
            long length = r.headers().firstValueAsLong("Content-Length").orElse(-1);
            InputStream body = r.body();
            return HttpResponse.of(r.statusCode(), HttpHeaders.of(r.headers().map()),
                    ResponseBody.of(body, length, body::close));
        } catch (IOException e) {
            throw TransportFailures.of(name(), request, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw TransportFailures.of(name(), request, e);
        }
    }

    @Override
    public CompletableFuture<HttpResponse> executeAsync(HttpRequest request) {
        CompletableFuture<HttpResponse> result = new CompletableFuture<>();
        Runnable start = () -> {
            if (result.isDone()) {
                release();
                return;
            }
            CompletableFuture<java.net.http.HttpResponse<byte[]>> f = client.sendAsync(toJdk(request),
                    java.net.http.HttpResponse.BodyHandlers.ofByteArray());
            result.whenComplete((r, e) -> f.cancel(true));
            f.whenComplete((r, e) -> {
                release();
                if (e != null) {
                    result.completeExceptionally(TransportFailures.of(name(), request, e));
                } else {
                    result.complete(HttpResponse.of(r.statusCode(), HttpHeaders.of(r.headers().map()),
                            ResponseBody.of(r.body())));
                }
            });
        };
        boolean now;
        synchronized (this) {
            now = inFlight < maxConcurrent;
            if (now) {
                inFlight++;
            } else {
                waiting.add(start);
            }
        }
        if (now) {
            start.run();
        }
        return result;
    }

    private void release() {
        Runnable next;
        synchronized (this) {
            next = waiting.poll();
            if (next == null) {
                inFlight--;
            }
        }
        if (next != null) {
            executor.execute(next);
        }
    }

    private java.net.http.HttpRequest toJdk(HttpRequest request) {
        java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(request.uri())
                .timeout(readTimeout)
                .method(request.method(), request.hasBody()
                        ? java.net.http.HttpRequest.BodyPublishers.ofByteArray(request.body())
                        : java.net.http.HttpRequest.BodyPublishers.noBody());
        HttpHeaders headers = request.headers();
        for (String name : headers.names()) {
            for (String value : headers.allValues(name)) {
                b.header(name, value);
            }
        }
        return b.build();
    }

    @Override
    public String name() {
        return "loopback";
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
