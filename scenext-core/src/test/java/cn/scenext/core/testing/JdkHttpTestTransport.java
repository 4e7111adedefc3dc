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
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A minimal transport on the JDK's HttpClient for core's own tests: core cannot depend on a transport
 * module (they depend on core for their tests), so its tests bring this one. Byte-faithful, no redirects.
 */
public final class JdkHttpTestTransport implements Transport {
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "core-test-transport");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient client;
    private final Duration readTimeout;

    public JdkHttpTestTransport() {
        this(Duration.ofSeconds(5));
    }

    public JdkHttpTestTransport(Duration readTimeout) {
        this.readTimeout = readTimeout;
        this.client = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .executor(executor)
                .build();
    }

    @Override
    public String name() {
        return "core-test";
    }

    private java.net.http.HttpRequest toJdk(HttpRequest request) {
        java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(request.uri())
                .timeout(readTimeout)
                .method(request.method(), request.hasBody()
                        ? java.net.http.HttpRequest.BodyPublishers.ofByteArray(request.body())
                        : java.net.http.HttpRequest.BodyPublishers.noBody());
        HttpHeaders headers = request.headers();
        for (String name : headers.names()) {
            if (!RESTRICTED.contains(name.toLowerCase())) {
                for (String v : headers.allValues(name)) {
                    b.header(name, v);
                }
            }
        }
        return b.build();
    }

    @Override
    public HttpResponse execute(HttpRequest request) {
        try {
            java.net.http.HttpResponse<InputStream> r = client.send(toJdk(request),
                    java.net.http.HttpResponse.BodyHandlers.ofInputStream());
            long length = r.headers().firstValueAsLong("Content-Length").orElse(-1);
            return HttpResponse.of(r.statusCode(), HttpHeaders.of(r.headers().map()),
                    ResponseBody.of(r.body(), length, null));
        } catch (IOException e) {
            throw TransportFailures.of(name(), request, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw TransportFailures.of(name(), request, e);
        }
    }

    @Override
    public CompletableFuture<HttpResponse> executeAsync(HttpRequest request) {
        CompletableFuture<java.net.http.HttpResponse<byte[]>> call = client.sendAsync(toJdk(request),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        CompletableFuture<HttpResponse> result = new CompletableFuture<>();
        call.whenComplete((r, e) -> {
            if (e != null) {
                result.completeExceptionally(TransportFailures.of(name(), request, e));
            } else {
                result.complete(HttpResponse.of(r.statusCode(), HttpHeaders.of(r.headers().map()),
                        ResponseBody.of(r.body())));
            }
        });
        result.whenComplete((r, e) -> {
            if (result.isCancelled()) {
                call.cancel(true);
            }
        });
        return result;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
