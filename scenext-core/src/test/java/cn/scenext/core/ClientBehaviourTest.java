package cn.scenext.core;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import cn.scenext.api.GenerateVideoRequest;
import cn.scenext.api.Image;
import cn.scenext.api.Quality;
import cn.scenext.api.TaskId;
import cn.scenext.api.TaskStatus;
import cn.scenext.api.exception.AuthenticationException;
import cn.scenext.api.exception.ClientClosedException;
import cn.scenext.api.exception.ServerException;
import cn.scenext.api.exception.TransportException;
import cn.scenext.api.exception.InvalidValueException;
import cn.scenext.api.transport.HttpRequest;
import cn.scenext.api.transport.HttpResponse;
import cn.scenext.core.internal.http.HttpPipeline;
import cn.scenext.core.testing.Fixtures;
import cn.scenext.core.testing.LogCapture;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ClientBehaviourTest extends ClientTestSupport {

    @Test
    void createsATaskWithTheDocumentedRequestAndHeaders() {
        wm.stubFor(post(urlEqualTo("/api/gen_video"))
                .willReturn(aResponse().withStatus(200).withBody(Fixtures.text("gen_video-success.json"))));

        try (ScenextClient client = clientBuilder().userAgentSuffix("my-app/1.2").build()) {
            TaskId id = client.generateVideo(GenerateVideoRequest.builder()
                    .question("What is Fourier series")
                    .quality(Quality.MEDIUM)
                    .notifyUrl("https://your-domain.com/webhook")
                    .build());
            assertThat(id).isEqualTo(TaskId.of("12345"));
        }

        wm.verify(postRequestedFor(urlEqualTo("/api/gen_video"))
                .withHeader("Authorization", equalTo("Bearer " + API_KEY))
                .withHeader("Content-Type", matching("application/json.*"))
                .withHeader("User-Agent", matching("scenext-java/\\S+ \\(loopback; Java [^)]+\\) my-app/1\\.2"))
                .withRequestBody(equalToJson("{\"question\":\"What is Fourier series\",\"quality\":\"m\","
                        + "\"notify_url\":\"https://your-domain.com/webhook\"}")));
    }

    @Test
    void encodesTheTaskIdAsOnePathSegment() {
        wm.stubFor(get(urlEqualTo("/api/get_status/..%2Fa%20b%3Fc%23d"))
                .willReturn(aResponse().withStatus(200).withBody(Fixtures.text("get_status-in_progress.json"))));

        try (ScenextClient client = clientBuilder().build()) {
            TaskStatus status = client.getStatus("../a b?c#d");
            assertThat(status.frames()).hasSize(2);
        }

        wm.verify(1, getRequestedFor(urlEqualTo("/api/get_status/..%2Fa%20b%3Fc%23d")));
    }

    @Test
    void keepsABasePathPrefix() {
        wm.stubFor(get(urlEqualTo("/proxy/scenext/api/get_status/7"))
                .willReturn(aResponse().withStatus(200).withBody(Fixtures.text("get_status-completed.json"))));

        try (ScenextClient client = clientBuilder().baseUrl(wm.baseUrl() + "/proxy/scenext").build()) {
            assertThat(client.baseUrl().toString()).endsWith("/proxy/scenext/");
            assertThat(client.getStatus("7").isCompleted()).isTrue();
        }
    }

    @Test
    void sendsNothingForAnInvalidRequest() {
        try (ScenextClient client = clientBuilder().build()) {
            assertThatThrownBy(() -> client.generateVideo(GenerateVideoRequest.builder().answer("x").build()))
                    .isInstanceOf(InvalidValueException.class);
            assertThatThrownBy(() -> client.generateVideo(GenerateVideoRequest.builder().question("  ").build()))
                    .isInstanceOf(InvalidValueException.class);
            assertThatThrownBy(() -> client.generateVideo(GenerateVideoRequest.builder().question("q")
                    .notifyUrl("/webhook").build())).isInstanceOf(InvalidValueException.class);
            assertThatThrownBy(() -> client.generateVideo(GenerateVideoRequest.builder().question("q")
                    .quality("ultra").build())).isInstanceOf(InvalidValueException.class);
            assertThatThrownBy(() -> client.getStatus(" ")).isInstanceOf(InvalidValueException.class);
        }

        assertThat(wm.getAllServeEvents()).isEmpty();
    }

    @Test
    void neverLeaksTheApiKeyIntoMessagesOrLogs() {
        String echo = "{\"status\":\"error\",\"data\":{\"messages\":\"Invalid API key " + API_KEY + "\"}}";
        wm.stubFor(get(urlEqualTo("/api/get_status/1")).willReturn(aResponse().withStatus(401).withBody(echo)));
        wm.stubFor(get(urlEqualTo("/api/get_status/2")).willReturn(aResponse().withStatus(503)
                .withBody("upstream saw Authorization: Bearer " + API_KEY)));
        wm.stubFor(post(urlEqualTo("/api/gen_video")).willReturn(aResponse().withStatus(200).withBody("{oops " + API_KEY)));
        List<Throwable> thrown = new ArrayList<>();

        List<String> lines;
        try (LogCapture logs = new LogCapture()) {
            try (ScenextClient client = clientBuilder().addInterceptor(new Interceptor() {
                @Override
                public void onResponse(Attempt attempt, HttpResponse response) {
                    throw new IllegalStateException("metrics broke on key " + API_KEY);
                }
            }).build()) {
                thrown.add(catchThrowable(() -> client.getStatus("1")));
                thrown.add(catchThrowable(() -> client.getStatus("2")));
                thrown.add(catchThrowable(() -> client.generateVideo(GenerateVideoRequest.ofQuestion("q"))));
                assertThat(client.toString()).doesNotContain(API_KEY).contains("[redacted]");
            }
            lines = logs.lines();
        }

        assertThat(thrown.get(0)).isInstanceOf(AuthenticationException.class);
        assertThat(thrown.get(1)).isInstanceOf(ServerException.class);
        assertThat(lines).isNotEmpty().noneMatch(l -> l.contains(API_KEY));
        assertThat(lines).anyMatch(l -> l.contains("Interceptor") && l.contains("[redacted]"));
        for (Throwable t : thrown) {
            cn.scenext.api.exception.ScenextException e = (cn.scenext.api.exception.ScenextException) t;
            assertThat(e.getMessage()).doesNotContain(API_KEY);
            assertThat(e.serviceMessage().orElse("")).doesNotContain(API_KEY);
            assertThat(e.bodySnippet().orElse("")).doesNotContain(API_KEY);
            assertThat(e.toString()).doesNotContain(API_KEY);
        }
        HttpRequest withAuth = HttpRequest.builder().get(java.net.URI.create("https://x/"))
                .header("Authorization", "Bearer " + API_KEY).build();
        assertThat(withAuth.toString()).doesNotContain(API_KEY);
    }

    @Test
    void interceptorsSeeEveryAttemptWithoutTheKeyAndMayAddHeaders() {
        wm.stubFor(get(urlEqualTo("/api/get_status/12345")).inScenario("s").whenScenarioStateIs("Started")
                .willReturn(aResponse().withStatus(503)).willSetStateTo("ok"));
        wm.stubFor(get(urlEqualTo("/api/get_status/12345")).inScenario("s").whenScenarioStateIs("ok")
                .willReturn(aResponse().withStatus(200).withBody(Fixtures.text("get_status-completed.json"))));
        List<String> seen = new ArrayList<>();

        try (ScenextClient client = clientBuilder().addInterceptor(new Interceptor() {
            @Override
            public HttpRequest onRequest(Attempt attempt, HttpRequest request) {
                seen.add("request " + attempt.number() + " auth=" + request.headers().contains("Authorization"));
                return request.toBuilder().setHeader("traceparent", "00-abc-" + attempt.number() + "-01")
                        .setHeader("Authorization", "Bearer stolen").build();
            }

            @Override
            public void onResponse(Attempt attempt, HttpResponse response) {
                try {
                    seen.add("response " + attempt.number() + " " + response.statusCode() + " "
                            + response.body().bytes().length + " " + attempt.taskId().orElse(null));
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        }).build()) {
            assertThat(client.getStatus("12345").isCompleted()).isTrue();
        }

        assertThat(seen).containsExactly("request 1 auth=false", "response 1 503 0 12345",
                "request 2 auth=false", "response 2 200 " + Fixtures.bytes("get_status-completed.json").length + " 12345");
        wm.verify(getRequestedFor(urlEqualTo("/api/get_status/12345")).withHeader("traceparent", equalTo("00-abc-2-01"))
                .withHeader("Authorization", equalTo("Bearer " + API_KEY)));
    }

    @Test
    void credentialsGoOnlyToTheApiOrigin() throws Exception {
        // The API is at localhost; the same server reached as 127.0.0.1 is another origin, like an object store.
        wm.stubFor(get(urlEqualTo("/frame.png")).willReturn(aResponse().withStatus(200).withBody("png")));
        HttpPipeline pipeline = new HttpPipeline(transport, URI.create("http://localhost:" + wm.getPort() + "/"),
                API_KEY, "ua", List.of(), RetryPolicy.none(), scheduler, Clock.systemUTC());

        try (HttpResponse other = pipeline.send(Attempt.starting("download", 1, null, 0),
                HttpRequest.builder().get(URI.create("http://127.0.0.1:" + wm.getPort() + "/frame.png"))
                        .header("Authorization", "Bearer smuggled").build());
             HttpResponse same = pipeline.send(Attempt.starting("download", 1, null, 0),
                HttpRequest.builder().get(URI.create("http://localhost:" + wm.getPort() + "/frame.png")).build())) {
            assertThat(other.body().bytes()).asString().isEqualTo("png");
            assertThat(same.statusCode()).isEqualTo(200);
        }

        List<String> auth = new ArrayList<>();
        wm.getAllServeEvents().forEach(e -> auth.add(e.getRequest().getHost() + " "
                + (e.getRequest().containsHeader("Authorization") ? e.getRequest().getHeader("Authorization") : "-")));
        assertThat(auth).containsExactlyInAnyOrder("127.0.0.1 -", "localhost Bearer " + API_KEY);
        assertThat(pipeline.isApiOrigin(URI.create("http://localhost:" + wm.getPort() + "/x"))).isTrue();
        assertThat(pipeline.isApiOrigin(URI.create("https://localhost:" + wm.getPort() + "/x"))).isFalse();
        assertThat(pipeline.isApiOrigin(URI.create("http://localhost:1/x"))).isFalse();
    }

    @Test
    void asynchronousCallsCompleteWithTypedValuesAndErrors() throws Exception {
        wm.stubFor(post(urlEqualTo("/api/gen_video"))
                .willReturn(aResponse().withStatus(200).withBody(Fixtures.text("gen_video-success.json"))));
        wm.stubFor(get(urlEqualTo("/api/get_status/12345"))
                .willReturn(aResponse().withStatus(401).withBody(Fixtures.text("error-unauthorized.json"))));

        try (ScenextClient client = clientBuilder().build()) {
            TaskId id = client.generateVideoAsync(GenerateVideoRequest.ofQuestion("q")).get(10, TimeUnit.SECONDS);
            assertThat(id.value()).isEqualTo("12345");
            CompletableFuture<TaskStatus> status = client.getStatusAsync(id);
            ExecutionException e = org.assertj.core.api.Assertions.catchThrowableOfType(ExecutionException.class,
                    () -> status.get(10, TimeUnit.SECONDS));
            assertThat(e.getCause()).isInstanceOf(AuthenticationException.class);
        }
    }

    @Test
    void closingFailsPendingAsynchronousCallsAndRefusesNewOnes() throws Exception {
        wm.stubFor(get(urlEqualTo("/api/get_status/12345")).willReturn(aResponse().withStatus(503)));
        ScenextClient client = ScenextClient.builder().apiKey(API_KEY).baseUrl(wm.baseUrl()).transport(transport)
                .retryPolicy(RetryPolicy.builder().initialBackoff(Duration.ofSeconds(30))
                        .maxBackoff(Duration.ofSeconds(30)).build())
                .build();
        CompletableFuture<TaskStatus> pending = client.getStatusAsync(TaskId.of("12345"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (wm.getAllServeEvents().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }

        client.close();

        ExecutionException e = org.assertj.core.api.Assertions.catchThrowableOfType(ExecutionException.class,
                () -> pending.get(10, TimeUnit.SECONDS));
        assertThat(e.getCause()).isInstanceOf(ClientClosedException.class);
        assertThatThrownBy(() -> client.getStatus("12345")).isInstanceOf(ClientClosedException.class);
        assertThat(client.getStatusAsync(TaskId.of("1"))).isCompletedExceptionally();
        client.close(); // idempotent
    }

    @Test
    void sendsInlineImagesAsDataUris() {
        wm.stubFor(post(urlEqualTo("/api/gen_video"))
                .willReturn(aResponse().withStatus(200).withBody(Fixtures.text("gen_video-success.json"))));
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0};

        try (ScenextClient client = clientBuilder().build()) {
            client.generateVideo(GenerateVideoRequest.builder().addQuestionImage(Image.bytes(png)).build());
        }

        wm.verify(postRequestedFor(urlEqualTo("/api/gen_video")).withRequestBody(equalToJson(
                "{\"questionImages\":[\"data:image/png;base64,iVBORw0KGgoAAA==\"],\"quality\":\"m\"}")));
    }

    @Test
    void surfacesTransportFailuresAsTransportExceptions() {
        wm.stubFor(get(urlEqualTo("/api/get_status/1")).willReturn(aResponse().withFixedDelay(5000)));

        try (ScenextClient client = ScenextClient.builder().apiKey(API_KEY).baseUrl(wm.baseUrl())
                .transport(cn.scenext.core.testing.LoopbackTransport.withReadTimeout(Duration.ofMillis(200)))
                .retryPolicy(RetryPolicy.none()).build()) {
            TransportException e = org.assertj.core.api.Assertions.catchThrowableOfType(TransportException.class,
                    () -> client.getStatus("1"));
            assertThat(e.reason()).isEqualTo(TransportException.Reason.READ_TIMEOUT);
            assertThat(e.isTimeout()).isTrue();
        }
    }
}
