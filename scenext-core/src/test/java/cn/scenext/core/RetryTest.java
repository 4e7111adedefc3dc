package cn.scenext.core;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import cn.scenext.api.GenerateVideoRequest;
import cn.scenext.api.TaskId;
import cn.scenext.api.TaskState;
import cn.scenext.api.TaskStatus;
import cn.scenext.api.exception.RateLimitException;
import cn.scenext.api.exception.ServerException;
import cn.scenext.api.exception.TransportException;
import cn.scenext.api.transport.HttpRequest;
import cn.scenext.core.schedule.VirtualScheduler;
import cn.scenext.core.testing.Fixtures;
import cn.scenext.core.testing.RefusedPort;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RetryTest extends ClientTestSupport {
    private static final GenerateVideoRequest REQUEST = GenerateVideoRequest.ofQuestion("What is Fourier series");

    private static ResponseDefinitionBuilder ok(String fixture) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody(Fixtures.text(fixture));
    }

    /** The status answers {@code first}, then the in-progress fixture. */
    private void statusFailsOnceWith(ResponseDefinitionBuilder first) {
        wm.stubFor(get(urlEqualTo("/api/get_status/12345")).inScenario("flaky").whenScenarioStateIs(STARTED)
                .willReturn(first).willSetStateTo("recovered"));
        wm.stubFor(get(urlEqualTo("/api/get_status/12345")).inScenario("flaky").whenScenarioStateIs("recovered")
                .willReturn(ok("get_status-in_progress.json")));
    }

    private TaskStatus getStatus() {
        try (ScenextClient client = clientBuilder().build()) {
            return client.getStatus(TaskId.of("12345"));
        }
    }

    @Test
    void retriesStatusOn503ThenSucceeds() {
        statusFailsOnceWith(aResponse().withStatus(503).withBody("Service Unavailable"));

        TaskStatus status = getStatus();

        assertThat(status.state()).isEqualTo(TaskState.IN_PROGRESS);
        wm.verify(2, getRequestedFor(urlEqualTo("/api/get_status/12345")));
        assertThat(scheduler.waits()).hasSize(1);
        assertThat(scheduler.waits().get(0)).isBetween(Duration.ofMillis(400), Duration.ofMillis(600));
    }

    @Test
    void retriesStatusOn429AfterTheRetryAfterItAsks() {
        statusFailsOnceWith(aResponse().withStatus(429).withHeader("Retry-After", "3"));

        assertThat(getStatus().taskId().value()).isEqualTo("12345");

        assertThat(scheduler.waits()).containsExactly(Duration.ofSeconds(3));
    }

    @Test
    void capsALongRetryAfterAtTheConfiguredMaximum() {
        statusFailsOnceWith(aResponse().withStatus(503).withHeader("Retry-After", "3600"));

        try (ScenextClient client = clientBuilder().retryPolicy(RetryPolicy.builder()
                .maxRetryAfter(Duration.ofSeconds(20)).maxElapsed(Duration.ofMinutes(5)).build()).build()) {
            client.getStatus("12345");
        }

        assertThat(scheduler.waits()).containsExactly(Duration.ofSeconds(20));
    }

    @Test
    void doesNotRetryPastTheTotalTimeBound() {
        wm.stubFor(get(urlEqualTo("/api/get_status/12345"))
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "30")));

        try (ScenextClient client = clientBuilder()
                .retryPolicy(RetryPolicy.builder().maxElapsed(Duration.ofSeconds(10)).build()).build()) {
            RateLimitException e = catchThrowableOfType(RateLimitException.class, () -> client.getStatus("12345"));
            assertThat(e.retryAfter()).contains(Duration.ofSeconds(30));
        }

        wm.verify(1, getRequestedFor(urlEqualTo("/api/get_status/12345")));
        assertThat(scheduler.waits()).isEmpty();
    }

    @Test
    void retriesStatusAfterAConnectionReset() {
        statusFailsOnceWith(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

        assertThat(getStatus().frames()).hasSize(2);
        wm.verify(2, getRequestedFor(urlEqualTo("/api/get_status/12345")));
    }

    @Test
    void retriesStatusAfterAnEmptyResponse() {
        statusFailsOnceWith(aResponse().withFault(Fault.EMPTY_RESPONSE));

        assertThat(getStatus().frames()).hasSize(2);
        wm.verify(2, getRequestedFor(urlEqualTo("/api/get_status/12345")));
    }

    @Test
    void backsOffExponentiallyThenGivesUpWithTheAttemptCount() {
        wm.stubFor(get(urlEqualTo("/api/get_status/12345")).willReturn(aResponse().withStatus(500)));

        try (ScenextClient client = clientBuilder().retryPolicy(RetryPolicy.builder().maxRetries(3).jitter(0).build())
                .build()) {
            ServerException e = catchThrowableOfType(ServerException.class, () -> client.getStatus("12345"));
            assertThat(e.getMessage()).contains("after 4 attempts");
            assertThat(e.statusCode()).hasValue(500);
        }

        wm.verify(4, getRequestedFor(urlEqualTo("/api/get_status/12345")));
        assertThat(scheduler.waits()).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void retryPolicyNoneTriesOnce() {
        wm.stubFor(get(urlEqualTo("/api/get_status/12345")).willReturn(aResponse().withStatus(503)));

        try (ScenextClient client = clientBuilder().retryPolicy(RetryPolicy.none()).build()) {
            catchThrowableOfType(ServerException.class, () -> client.getStatus("12345"));
        }

        wm.verify(1, getRequestedFor(urlEqualTo("/api/get_status/12345")));
    }

    @Test
    void doesNotRetryATaskCreationWhoseConnectionWasResetAfterTheBodyWasSent() {
        wm.stubFor(post(urlEqualTo("/api/gen_video")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        try (ScenextClient client = clientBuilder().build()) {
            TransportException e = catchThrowableOfType(TransportException.class, () -> client.generateVideo(REQUEST));
            assertThat(e.requestMayHaveBeenSent()).isTrue();
        }

        wm.verify(1, postRequestedFor(urlEqualTo("/api/gen_video")));
        assertThat(scheduler.waits()).isEmpty();
    }

    @Test
    void doesNotRetryATaskCreationAfterAnEmptyResponse() {
        wm.stubFor(post(urlEqualTo("/api/gen_video")).willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));

        try (ScenextClient client = clientBuilder().build()) {
            catchThrowableOfType(TransportException.class, () -> client.generateVideo(REQUEST));
        }

        wm.verify(1, postRequestedFor(urlEqualTo("/api/gen_video")));
    }

    @Test
    void doesNotRetryATaskCreationOn500() {
        wm.stubFor(post(urlEqualTo("/api/gen_video")).willReturn(aResponse().withStatus(500)));

        try (ScenextClient client = clientBuilder().build()) {
            catchThrowableOfType(ServerException.class, () -> client.generateVideo(REQUEST));
        }

        wm.verify(1, postRequestedFor(urlEqualTo("/api/gen_video")));
    }

    @Test
    void retriesATaskCreationTurnedAwayWithTheServicesOwn503Or429() {
        wm.stubFor(post(urlEqualTo("/api/gen_video")).inScenario("busy").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503)
                        .withBody("{\"status\":\"error\",\"data\":{\"messages\":\"Service busy\"}}"))
                .willSetStateTo("limited"));
        wm.stubFor(post(urlEqualTo("/api/gen_video")).inScenario("busy").whenScenarioStateIs("limited")
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("ok"));
        wm.stubFor(post(urlEqualTo("/api/gen_video")).inScenario("busy").whenScenarioStateIs("ok")
                .willReturn(ok("gen_video-success.json")));

        try (ScenextClient client = clientBuilder().build()) {
            assertThat(client.generateVideo(REQUEST)).isEqualTo(TaskId.of("12345"));
        }

        wm.verify(3, postRequestedFor(urlEqualTo("/api/gen_video")));
    }

    @Test
    void retriesATaskCreationWhoseConnectionWasRefused() throws Exception {
        List<Integer> attempts = new CopyOnWriteArrayList<>();
        try (RefusedPort closed = new RefusedPort();
                ScenextClient client = clientBuilder().baseUrl("http://127.0.0.1:" + closed.port())
                .addInterceptor(new Interceptor() {
                    @Override
                    public HttpRequest onRequest(Attempt attempt, HttpRequest request) {
                        attempts.add(attempt.number());
                        return request;
                    }
                }).build()) {
            TransportException e = catchThrowableOfType(TransportException.class, () -> client.generateVideo(REQUEST));
            assertThat(e.reason()).isEqualTo(TransportException.Reason.CONNECT_FAILED);
            assertThat(e.requestMayHaveBeenSent()).isFalse();
        }

        assertThat(attempts).containsExactly(1, 2, 3);
    }

    @Test
    void retriesAsynchronousStatusReadsTheSameWay() throws Exception {
        statusFailsOnceWith(aResponse().withStatus(502));

        try (ScenextClient client = clientBuilder().build()) {
            TaskStatus status = client.getStatusAsync(TaskId.of("12345")).get(10, TimeUnit.SECONDS);
            assertThat(status.frames()).hasSize(2);
        }

        wm.verify(2, getRequestedFor(urlEqualTo("/api/get_status/12345")));
    }

    @Test
    void doesNotRetryAnAsynchronousTaskCreationAfterAReset() throws Exception {
        wm.stubFor(post(urlEqualTo("/api/gen_video")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        try (ScenextClient client = clientBuilder().build()) {
            CompletableFuture<TaskId> f = client.generateVideoAsync(REQUEST);
            Throwable e = catchThrowableOfType(java.util.concurrent.ExecutionException.class,
                    () -> f.get(10, TimeUnit.SECONDS)).getCause();
            assertThat(e).isInstanceOf(TransportException.class);
        }

        wm.verify(1, postRequestedFor(urlEqualTo("/api/gen_video")));
    }

    @Test
    void cancellingAnAsynchronousCallStopsItsRetries() {
        wm.stubFor(get(urlEqualTo("/api/get_status/12345")).willReturn(aResponse().withStatus(503)));
        // Virtual time: the retry's timer cannot fire before the cancel however busy the machine is, and a minute
        // passes at once after it, so a retry that the cancel failed to stop would be seen.
        VirtualScheduler time = new VirtualScheduler();
        try (ScenextClient client = ScenextClient.builder().apiKey(API_KEY).baseUrl(wm.baseUrl())
                .transport(time.tracking(transport)).scheduler(time)
                .retryPolicy(RetryPolicy.builder().maxRetries(5).initialBackoff(Duration.ofMillis(300)).jitter(0).build())
                .build()) {
            CompletableFuture<TaskStatus> f = client.getStatusAsync(TaskId.of("12345"));
            time.advanceBy(Duration.ZERO);                   // the 503 is in and the retry is on the timer
            assertThat(time.pendingActions()).isPositive();

            assertThat(f.cancel(true)).isTrue();
            time.advanceBy(Duration.ofMinutes(1));
        } finally {
            time.close();
        }

        wm.verify(1, getRequestedFor(urlEqualTo("/api/get_status/12345")));
    }
}
