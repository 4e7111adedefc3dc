package cn.scenext.okhttp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.scenext.api.exception.ResponseTooLargeException;
import cn.scenext.api.transport.HttpHeaders;
import cn.scenext.api.transport.HttpRequest;
import cn.scenext.api.transport.ResponseBody;
import cn.scenext.api.transport.TransportOptions;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Headers;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okio.Buffer;
import okio.Timeout;
import org.junit.jupiter.api.Test;

class OkHttpConversionTest {
    private static final URI URL = URI.create("http://127.0.0.1:1/api/get_status/1");

    @Test
    void requestHeadersKeepTheRequestsOwnAndAddTheDefaultsItLacks() {
        HttpRequest bare = HttpRequest.builder().get(URL).build();
        HttpRequest own = HttpRequest.builder().get(URL).header("User-Agent", "mine/1").header("Accept-Encoding", "gzip")
                .header("X-Two", "a").header("X-Two", "b").build();

        Headers defaults = OkHttpConversion.requestHeaders(bare, "scenext-java/0.1");
        Headers kept = OkHttpConversion.requestHeaders(own, "scenext-java/0.1");

        assertThat(defaults.get("User-Agent")).isEqualTo("scenext-java/0.1");
        assertThat(defaults.get("Accept-Encoding")).isEqualTo("identity");
        assertThat(OkHttpConversion.requestHeaders(bare, null).get("User-Agent")).isNull();
        assertThat(kept.values("User-Agent")).containsExactly("mine/1");
        assertThat(kept.values("Accept-Encoding")).containsExactly("gzip");
        assertThat(kept.values("X-Two")).containsExactly("a", "b");
    }

    @Test
    void aMethodThatNeedsABodyGetsAnEmptyOneAndOthersNone() throws IOException {
        assertThat(OkHttpConversion.requestBody(HttpRequest.builder().get(URL).build())).isNull();
        assertThat(OkHttpConversion.requestBody(HttpRequest.builder().method("DELETE").uri(URL).build())).isNull();
        assertThat(OkHttpConversion.requestBody(HttpRequest.builder().method("POST").uri(URL).build()).contentLength()).isZero();
        assertThat(OkHttpConversion.requestBody(HttpRequest.builder().method("PATCH").uri(URL).build()).contentLength()).isZero();
        byte[] json = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        assertThat(OkHttpConversion.requestBody(HttpRequest.builder().method("DELETE").uri(URL).body(json).build())
                .contentLength()).isEqualTo(json.length);
    }

    @Test
    void theCallTimeoutIsTheRequestsOwnElseTheOptionsAndAWrappedClientKeepsItsOwn() {
        TransportOptions options = TransportOptions.builder().callTimeout(Duration.ofSeconds(40)).build();
        Timeout fromOptions = new Timeout();
        Timeout fromRequest = new Timeout();
        Timeout untouched = new Timeout().timeout(7, TimeUnit.SECONDS);

        OkHttpConversion.applyCallTimeout(fromOptions, HttpRequest.builder().get(URL).build(), options);
        OkHttpConversion.applyCallTimeout(fromRequest, HttpRequest.builder().get(URL).timeout(Duration.ofSeconds(3)).build(),
                options);
        OkHttpConversion.applyCallTimeout(untouched, HttpRequest.builder().get(URL).build(), null);

        assertThat(fromOptions.timeoutNanos()).isEqualTo(TimeUnit.SECONDS.toNanos(40));
        assertThat(fromRequest.timeoutNanos()).isEqualTo(TimeUnit.SECONDS.toNanos(3));
        assertThat(untouched.timeoutNanos()).isEqualTo(TimeUnit.SECONDS.toNanos(7));
    }

    @Test
    void responseHeadersKeepEveryFieldInOrder() {
        HttpHeaders h = OkHttpConversion.responseHeaders(new Headers.Builder().add("Set-Cookie", "a=1")
                .add("Content-Type", "application/json").add("Set-Cookie", "b=2").build());

        assertThat(h.allValues("Set-Cookie")).containsExactly("a=1", "b=2");
        assertThat(h.firstValue("content-type")).contains("application/json");
    }

    @Test
    void aBufferedBodyIsReadWholeWithinItsLimitAndRefusedPastIt() throws IOException {
        HttpRequest request = HttpRequest.builder().get(URL).build();
        MediaType json = MediaType.get("application/json");

        ResponseBody small = OkHttpConversion.buffered(okhttp3.ResponseBody.create("{}", json), "okhttp", request, 10);
        try (InputStream in = small.stream()) {
            assertThat(in.read()).isEqualTo('{');
        }
        assertThat(OkHttpConversion.buffered(null, "okhttp", request, 10).bytes()).isEmpty();
        assertThatThrownBy(() -> OkHttpConversion.buffered(okhttp3.ResponseBody.create(new byte[11], json), "okhttp",
                request, 10)).isInstanceOf(ResponseTooLargeException.class).hasMessageContaining("announces 11 bytes");
        okhttp3.ResponseBody unannounced = okhttp3.ResponseBody.create(new Buffer().write(new byte[11]), json, -1);
        assertThatThrownBy(() -> OkHttpConversion.buffered(unannounced, "okhttp", request, 10))
                .isInstanceOf(IOException.class).hasCauseInstanceOf(ResponseTooLargeException.class);
    }

    /**
     * Thirty asynchronous calls through a client admitting three at once: all complete (the dispatcher's hand-over
     * from a finishing worker waits in the pool's queue instead of being refused), on at most three threads.
     */
    @Test
    void asyncCallsRunOnNoMoreThreadsThanTheClientAdmitsCallsAtOnce() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        ExecutorService serverThreads = Executors.newFixedThreadPool(8);
        server.setExecutor(serverThreads);
        server.createContext("/", exchange -> {
            byte[] body = "ok".getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        OkHttpClient client = OkHttpClients.newBuilder(TransportOptions.builder().maxConcurrentRequests(3).build(),
                "scenext-pool-test").build();
        try {
            int calls = 30;
            CountDownLatch done = new CountDownLatch(calls);
            AtomicInteger ok = new AtomicInteger();
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
            for (int i = 0; i < calls; i++) {
                client.newCall(new Request.Builder().url(url + i).build()).enqueue(new Callback() {
                    @Override
                    public void onFailure(Call call, IOException e) {
                        done.countDown();
                    }

                    @Override
                    public void onResponse(Call call, Response response) throws IOException {
                        try (Response r = response) {
                            if (r.isSuccessful() && r.body().string().equals("ok")) {
                                ok.incrementAndGet();
                            }
                        }
                        done.countDown();
                    }
                });
            }
            assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(ok.get()).isEqualTo(calls);
            ThreadPoolExecutor pool = (ThreadPoolExecutor) client.dispatcher().executorService();
            assertThat(pool.getMaximumPoolSize()).isEqualTo(3);
            assertThat(pool.getLargestPoolSize()).isBetween(1, 3); // OkHttp renames its threads while they run a call
        } finally {
            OkHttpClients.release(client);
            server.stop(0);
            serverThreads.shutdownNow();
        }
    }

    @Test
    void anOwnedClientFollowsTheOptionsAndSendsNothingTwiceByItself() {
        TransportOptions options = TransportOptions.builder().maxConcurrentRequests(7)
                .connectTimeout(Duration.ofSeconds(2)).readTimeout(Duration.ofSeconds(9)).build();

        OkHttpClient client = OkHttpClients.newBuilder(options, "scenext-test").build();
        try {
            assertThat(client.dispatcher().getMaxRequests()).isEqualTo(7);
            assertThat(client.dispatcher().getMaxRequestsPerHost()).isEqualTo(7);
            assertThat(client.connectTimeoutMillis()).isEqualTo(2_000);
            assertThat(client.readTimeoutMillis()).isEqualTo(9_000);
            assertThat(client.writeTimeoutMillis()).isEqualTo(9_000);
            assertThat(client.followRedirects()).isFalse();
            assertThat(client.followSslRedirects()).isFalse();
            assertThat(client.retryOnConnectionFailure()).isFalse();
        } finally {
            OkHttpClients.release(client);
        }
        assertThat(client.dispatcher().executorService().isShutdown()).isTrue();
    }
}
