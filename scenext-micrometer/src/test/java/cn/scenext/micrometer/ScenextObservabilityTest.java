package cn.scenext.micrometer;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.scenext.api.GenerateVideoRequest;
import cn.scenext.api.TaskId;
import cn.scenext.api.TaskState;
import cn.scenext.api.TaskStatus;
import cn.scenext.api.exception.ConfigurationException;
import cn.scenext.api.exception.TaskNotFoundException;
import cn.scenext.api.exception.WaitTimeoutException;
import cn.scenext.core.ScenextClient;
import cn.scenext.core.poll.PollPolicy;
import cn.scenext.core.poll.WaitOptions;
import cn.scenext.core.webhook.WebhookHandler;
import cn.scenext.core.webhook.WebhookResponse;
import cn.scenext.core.webhook.WebhookSigner;
import cn.scenext.core.webhook.WebhookVerifier;
import cn.scenext.testkit.Endpoint;
import cn.scenext.testkit.Fault;
import cn.scenext.testkit.ScenextSimulator;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.tck.TestObservationRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The observations and meters of {@link ScenextObservability}, against the testkit simulator over the JDK
 * transport: names, keys and values, with a {@link TestObservationRegistry} and a {@link SimpleMeterRegistry}.
 * No assertion on time: waits end on the simulator's word ({@code completeTask}), their futures are awaited
 * with a generous guard.
 */
class ScenextObservabilityTest {
    private static final long GUARD_SECONDS = 60;
    /** No poll before an hour: a wait the test ends by webhook sends none. */
    private static final WaitOptions SLOW_POLLS = WaitOptions.builder()
            .pollPolicy(PollPolicy.fixed(Duration.ofHours(1)).withFirstPollAfter(Duration.ofHours(1))).build();
    private static final WaitOptions QUICK_POLLS = WaitOptions.builder()
            .pollPolicy(PollPolicy.fixed(Duration.ofMillis(50)).withFloor(Duration.ofMillis(10))).build();

    private final ScenextSimulator sim = ScenextSimulator.builder().taskDuration(Duration.ofDays(1))
            .framesPerTask(2).start();
    private final TestObservationRegistry observations = TestObservationRegistry.create();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private HttpServer endpoint;
    /** Counted down each time the endpoint has answered a delivery (the handler's observers ran before). */
    private final java.util.concurrent.Semaphore answered = new java.util.concurrent.Semaphore(0);

    @AfterEach
    void stop() {
        if (endpoint != null) {
            endpoint.stop(0);
        }
        sim.close();
    }

    private ScenextObservability both() {
        return ScenextObservability.builder().observationRegistry(observations).meterRegistry(meters).build();
    }

    private ScenextClient client(ScenextObservability observability) {
        return observability.instrument(sim.newClient().transport("jdk")).build();
    }

    @Test
    void callAndAttemptObservationsCarryOperationOutcomeStatusTransportAndRetry() {
        try (ScenextClient client = client(both())) {
            TaskId id = client.generateVideo(GenerateVideoRequest.ofQuestion("What is Fourier series"));
            client.getStatus(id);
        }

        assertThat(observations).hasNumberOfObservationsWithNameEqualTo("scenext.client.call", 2)
                .hasNumberOfObservationsWithNameEqualTo("scenext.client.attempt", 2)
                .hasAnObservation(o -> o.hasNameEqualTo("scenext.client.call").hasContextualNameEqualTo("scenext create")
                        .hasLowCardinalityKeyValue("operation", "create")
                        .hasLowCardinalityKeyValue("outcome", "SUCCESS")
                        .hasLowCardinalityKeyValue("status", "200")
                        .hasLowCardinalityKeyValue("transport", "jdk")
                        .hasLowCardinalityKeyValue("attempts", "1")
                        .doesNotHaveHighCardinalityKeyValueWithKey("scenext.task.id"))
                .hasAnObservation(o -> o.hasNameEqualTo("scenext.client.attempt")
                        .hasLowCardinalityKeyValue("operation", "status")
                        .hasLowCardinalityKeyValue("retry", "0")
                        .hasLowCardinalityKeyValue("status", "200")
                        .hasHighCardinalityKeyValueWithKey("scenext.task.id"));
    }

    @Test
    void retriedCallIsOneCallObservationOverTwoAttemptsAndTheFailedAttemptHasItsError() {
        sim.inject(Endpoint.GET_STATUS, Fault.status(503), 1);
        try (ScenextClient client = client(both())) {
            TaskId id = client.generateVideo(GenerateVideoRequest.ofQuestion("What is Fourier series"));
            client.getStatus(id);
        }

        assertThat(observations).hasAnObservation(o -> o.hasNameEqualTo("scenext.client.call")
                        .hasLowCardinalityKeyValue("operation", "status")
                        .hasLowCardinalityKeyValue("outcome", "SUCCESS")
                        .hasLowCardinalityKeyValue("attempts", "2"))
                .hasAnObservation(o -> o.hasNameEqualTo("scenext.client.attempt")
                        .hasLowCardinalityKeyValue("operation", "status")
                        .hasLowCardinalityKeyValue("retry", "0")
                        .hasLowCardinalityKeyValue("status", "503")
                        .hasLowCardinalityKeyValue("outcome", "SERVER_ERROR")
                        .hasError())
                .hasAnObservation(o -> o.hasNameEqualTo("scenext.client.attempt")
                        .hasLowCardinalityKeyValue("retry", "1")
                        .hasLowCardinalityKeyValue("outcome", "SUCCESS")
                        .hasContextualNameEqualTo("scenext status retry"));
    }

    @Test
    void errorAnsweredAtHttp200IsTheCallsOutcome() {
        try (ScenextClient client = client(both())) {
            assertThatThrownBy(() -> client.getStatus(TaskId.of("00000000-0000-0000-0000-000000000000")))
                    .isInstanceOf(TaskNotFoundException.class);
        }

        assertThat(observations).hasAnObservation(o -> o.hasNameEqualTo("scenext.client.call")
                .hasLowCardinalityKeyValue("status", "200")
                .hasLowCardinalityKeyValue("outcome", "TASK_NOT_FOUND")
                .hasError());
    }

    @Test
    void waitEndedByPollingHasItsDurationPollsFramesAndOutcome() throws Exception {
        ScenextObservability observability = both();
        try (ScenextClient client = client(observability)) {
            TaskId id = client.generateVideo(GenerateVideoRequest.ofQuestion("What is Fourier series"));
            CompletableFuture<TaskStatus> wait = client.waitForCompletionAsync(id, QUICK_POLLS);
            assertThat(observability.waitsInFlight()).isEqualTo(1);
            assertThat(meters.get(ScenextObservability.WAITS_IN_FLIGHT).gauge().value()).isEqualTo(1.0);
            sim.completeTask(id);

            TaskStatus done = wait.get(GUARD_SECONDS, TimeUnit.SECONDS);
            assertThat(done.state()).isEqualTo(TaskState.COMPLETED);
        }
        int polls = sim.requests(Endpoint.GET_STATUS).size();

        assertThat(polls).isPositive();
        assertThat(observations).hasAnObservation(o -> o.hasNameEqualTo("scenext.task.wait")
                .hasContextualNameEqualTo("scenext wait")
                .hasLowCardinalityKeyValue("outcome", "COMPLETED")
                .hasLowCardinalityKeyValue("ended.by", "POLL")
                .hasHighCardinalityKeyValue("scenext.wait.polls", String.valueOf(polls))
                .hasHighCardinalityKeyValue("scenext.wait.frames", "2")
                .doesNotHaveHighCardinalityKeyValueWithKey("scenext.wait.webhook.lag.ms")
                .doesNotHaveError());
        DistributionSummary pollSummary = meters.get(ScenextObservability.WAIT_POLLS)
                .tags("outcome", "COMPLETED", "ended.by", "POLL").summary();
        assertThat(pollSummary.count()).isEqualTo(1);
        assertThat(pollSummary.totalAmount()).isEqualTo(polls);
        assertThat(meters.get(ScenextObservability.WAIT_FRAMES).summary().totalAmount()).isEqualTo(2);
        assertThat(meters.get(ScenextObservability.WAITS_IN_FLIGHT).gauge().value()).isZero();
        assertThat(meters.get(ScenextObservability.CALLS_IN_FLIGHT).gauge().value()).isZero();
        assertThat(meters.find(ScenextObservability.WEBHOOK_LAG).timer()).isNull();
    }

    @Test
    void waitEndedByARealSignedWebhookHasItsLagAndTheDeliveryIsCounted() throws Exception {
        ScenextObservability observability = both();
        try (ScenextClient client = client(observability)) {
            String notifyUrl = startEndpoint(client.webhooks().handler(WebhookVerifier.of(sim.apiKey())));
            TaskId id = client.generateVideo(GenerateVideoRequest.builder().question("What is Fourier series")
                    .notifyUrl(notifyUrl).build());
            CompletableFuture<TaskStatus> wait = client.waitForCompletionAsync(id, SLOW_POLLS);

            sim.completeTask(id);

            assertThat(wait.get(GUARD_SECONDS, TimeUnit.SECONDS).state()).isEqualTo(TaskState.COMPLETED);
            assertThat(answered.tryAcquire(GUARD_SECONDS, TimeUnit.SECONDS)).isTrue();
        }

        assertThat(observations).hasAnObservation(o -> o.hasNameEqualTo("scenext.task.wait")
                .hasLowCardinalityKeyValue("outcome", "COMPLETED")
                .hasLowCardinalityKeyValue("ended.by", "WEBHOOK")
                .hasHighCardinalityKeyValue("scenext.wait.polls", "0")
                .hasHighCardinalityKeyValueWithKey("scenext.wait.webhook.lag.ms"));
        Timer lag = meters.get(ScenextObservability.WEBHOOK_LAG).tags("outcome", "COMPLETED").timer();
        assertThat(lag.count()).isEqualTo(1);
        assertThat(meters.get(ScenextObservability.WEBHOOK_DELIVERIES).tags("result", "accepted", "reason", "NONE")
                .counter().count()).isEqualTo(1.0);
    }

    @Test
    void deliveriesAreCountedByResultAndReason() {
        ScenextObservability observability = both();
        try (ScenextClient client = client(observability)) {
            WebhookHandler handler = client.webhooks().handler(WebhookVerifier.of(sim.apiKey()));
            byte[] body = ("{\"task_id\": \"12345\", \"status\": \"COMPLETED\", \"timestamp\": "
                    + (System.currentTimeMillis() / 1000) + "}").getBytes(StandardCharsets.UTF_8);
            String signature = WebhookSigner.of(sim.apiKey()).sign(body);

            assertThat(handler.handle(signature, body).outcome()).isEqualTo(WebhookResponse.Outcome.ACCEPTED);
            handler.handle(signature, body);
            handler.handle((String) null, body);
            handler.handle(WebhookSigner.of("another-secret").sign(body), body);
        }

        assertThat(meters.get(ScenextObservability.WEBHOOK_DELIVERIES).tags("result", "accepted").counter().count())
                .isEqualTo(1.0);
        assertThat(meters.get(ScenextObservability.WEBHOOK_DELIVERIES).tags("result", "duplicate").counter()
                .count()).isEqualTo(1.0);
        assertThat(meters.get(ScenextObservability.WEBHOOK_DELIVERIES)
                .tags("result", "rejected", "reason", "MISSING_SIGNATURE").counter().count()).isEqualTo(1.0);
        assertThat(meters.get(ScenextObservability.WEBHOOK_DELIVERIES)
                .tags("result", "rejected", "reason", "SIGNATURE_MISMATCH").counter().count()).isEqualTo(1.0);
    }

    @Test
    void plainMeterRegistryGetsTimersForCallsAttemptsAndWaits() throws Exception {
        ScenextObservability observability = ScenextObservability.builder().meterRegistry(meters).build();
        try (ScenextClient client = client(observability)) {
            TaskId id = client.generateVideo(GenerateVideoRequest.ofQuestion("What is Fourier series"));
            CompletableFuture<TaskStatus> wait = client.waitForCompletionAsync(id, QUICK_POLLS);
            sim.completeTask(id);
            wait.get(GUARD_SECONDS, TimeUnit.SECONDS);
        }

        Timer create = meters.get("scenext.client.call").tags("operation", "create", "outcome", "SUCCESS",
                "status", "200", "transport", "jdk", "attempts", "1", "error", "none").timer();
        assertThat(create.count()).isEqualTo(1);
        assertThat(meters.get("scenext.client.attempt").tags("operation", "create", "retry", "0").timer().count())
                .isEqualTo(1);
        assertThat(meters.get("scenext.client.call").tags("operation", "status").timers())
                .extracting(Timer::count).allMatch(n -> n >= 1);
        assertThat(meters.get("scenext.task.wait").tags("outcome", "COMPLETED", "ended.by", "POLL").timer().count())
                .isEqualTo(1);
    }

    @Test
    void cancelledAndTimedOutWaitsSayHowTheyEnded() throws Exception {
        try (ScenextClient client = client(both())) {
            TaskId id = client.generateVideo(GenerateVideoRequest.ofQuestion("What is Fourier series"));
            CompletableFuture<TaskStatus> cancelled = client.waitForCompletionAsync(id, SLOW_POLLS);
            cancelled.cancel(true);
            CompletableFuture<TaskStatus> timingOut = client.waitForCompletionAsync(id, WaitOptions.builder()
                    .pollPolicy(PollPolicy.fixed(Duration.ofHours(1))).timeout(Duration.ofMillis(1)).build());
            assertThatThrownBy(() -> timingOut.get(GUARD_SECONDS, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(WaitTimeoutException.class);
        }

        assertThat(observations).hasAnObservation(o -> o.hasNameEqualTo("scenext.task.wait")
                        .hasLowCardinalityKeyValue("outcome", "CANCELLED")
                        .hasLowCardinalityKeyValue("ended.by", "CANCEL").hasError())
                .hasAnObservation(o -> o.hasNameEqualTo("scenext.task.wait")
                        .hasLowCardinalityKeyValue("outcome", "TIMEOUT")
                        .hasLowCardinalityKeyValue("ended.by", "TIMEOUT").hasError());
        assertThat(meters.get(ScenextObservability.WAITS_IN_FLIGHT).gauge().value()).isZero();
    }

    @Test
    void apiRequestsCarryTheObservationsPropagationHeadersThroughTheCarrier() {
        TestObservationRegistry tracing = TestObservationRegistry.create();
        tracing.observationConfig().observationHandler(new PropagatingHandler());
        ScenextObservability observability = ScenextObservability.builder().observationRegistry(tracing).build();
        try (ScenextClient client = client(observability)) {
            client.generateVideo(GenerateVideoRequest.ofQuestion("What is Fourier series"));
        }

        assertThat(sim.requests(Endpoint.GEN_VIDEO)).singleElement()
                .satisfies(r -> assertThat(r.headers().firstValue("traceparent")).contains("00-test-span-01"));
    }

    @Test
    void callsInFlightGaugeCountsACallUntilItsCancelEndsItAsCancelled() {
        sim.inject(Endpoint.GET_STATUS, Fault.delay(Duration.ofMinutes(10)), 1);
        ScenextObservability observability = both();
        try (ScenextClient client = client(observability)) {
            TaskId id = client.generateVideo(GenerateVideoRequest.ofQuestion("What is Fourier series"));
            CompletableFuture<TaskStatus> status = client.getStatusAsync(id);
            assertThat(meters.get(ScenextObservability.CALLS_IN_FLIGHT).gauge().value()).isEqualTo(1.0);

            status.cancel(true);

            assertThat(meters.get(ScenextObservability.CALLS_IN_FLIGHT).gauge().value()).isZero();
        }
        assertThat(observations).hasAnObservation(o -> o.hasNameEqualTo("scenext.client.call")
                .hasLowCardinalityKeyValue("operation", "status")
                .hasLowCardinalityKeyValue("outcome", "CANCELLED")
                .hasLowCardinalityKeyValue("status", "NONE")
                .hasError());
    }

    @Test
    void neitherRegistryIsAConfigurationError() {
        assertThatThrownBy(() -> ScenextObservability.builder().build()).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("observationRegistry(...)");
    }

    /** Writes a propagation header into every sender context's carrier, as a tracing handler does. */
    private static final class PropagatingHandler
            implements ObservationHandler<ScenextCallContext> {
        @Override
        public void onStart(ScenextCallContext context) {
            if (context.isAttempt() && context.getCarrier() != null) {
                context.getSetter().set(context.getCarrier(), "traceparent", "00-test-span-01");
            }
        }

        @Override
        public boolean supportsContext(Observation.Context context) {
            return context instanceof ScenextCallContext;
        }
    }

    /** A webhook endpoint on loopback that hands the raw body to the handler and answers as it says. */
    private String startEndpoint(WebhookHandler handler) throws IOException {
        endpoint = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        endpoint.createContext("/scenext/webhook", exchange -> {
            byte[] body = readAll(exchange.getRequestBody());
            WebhookResponse response = handler.handle(exchange.getRequestHeaders()::getFirst, body);
            byte[] text = response.message().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(response.statusCode(), text.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(text);
            }
            answered.release();
        });
        endpoint.start();
        return "http://127.0.0.1:" + endpoint.getAddress().getPort() + "/scenext/webhook";
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        for (int n; (n = in.read(buf)) > 0; ) {
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }
}
