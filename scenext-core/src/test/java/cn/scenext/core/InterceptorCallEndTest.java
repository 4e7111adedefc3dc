package cn.scenext.core;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.scenext.api.GenerateVideoRequest;
import cn.scenext.api.TaskId;
import cn.scenext.api.exception.ScenextException;
import cn.scenext.api.exception.TransportException;
import cn.scenext.api.transport.HttpRequest;
import cn.scenext.api.transport.HttpResponse;
import cn.scenext.api.transport.Transport;
import cn.scenext.core.testing.Fixtures;
import cn.scenext.core.testing.LoopbackTransport;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link Interceptor#onAttemptEnd} tells each attempt's decoded result (an error at HTTP 200 included) and
 * {@link Interceptor#onCallEnd} each call's once, with one {@link Attempt#callId()} across its attempts; the
 * client's calls in flight count them.
 */
class InterceptorCallEndTest extends ClientTestSupport {
    private static final long GUARD_SECONDS = 30;
    /** Not the support's 2 s: the first answers of a cold WireMock on a loaded machine may take longer. */
    private final LoopbackTransport patient = LoopbackTransport.withReadTimeout(Duration.ofSeconds(GUARD_SECONDS));

    @AfterEach
    void closePatient() {
        patient.close();
    }

    private ScenextClient.Builder patientBuilder() {
        return clientBuilder().transport(patient);
    }

    /** Records attempt and call ends. */
    private static final class Recording implements Interceptor {
        final List<Attempt> requests = new CopyOnWriteArrayList<>();
        final List<Attempt> attempts = new CopyOnWriteArrayList<>();
        final List<Attempt> calls = new CopyOnWriteArrayList<>();

        @Override
        public HttpRequest onRequest(Attempt attempt, HttpRequest request) {
            requests.add(attempt);
            return request;
        }

        @Override
        public void onAttemptEnd(Attempt attempt) {
            attempts.add(attempt);
        }

        @Override
        public void onCallEnd(Attempt lastAttempt) {
            calls.add(lastAttempt);
        }
    }

    /** A transport whose asynchronous calls never answer. */
    private static Transport hanging() {
        return new Transport() {
            @Override
            public HttpResponse execute(HttpRequest request) {
                throw new UnsupportedOperationException();
            }

            @Override
            public CompletableFuture<HttpResponse> executeAsync(HttpRequest request) {
                return new CompletableFuture<>();
            }

            @Override
            public String name() {
                return "hanging";
            }

            @Override
            public void close() {
            }
        };
    }

    private static String describe(Attempt a) {
        return a.operation() + " #" + a.number() + " " + (a.statusCode().isPresent() ? a.statusCode().getAsInt() : "-")
                + " " + a.failure().map(f -> f.getClass().getSimpleName()).orElse("ok");
    }


    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void retriedCallTellsEachAttemptAndItsEndOnceUnderOneCallId(boolean async) throws Exception {
        wm.stubFor(get(urlEqualTo("/api/get_status/12345")).inScenario("flaky").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503).withBody("Service Unavailable")).willSetStateTo("ok"));
        wm.stubFor(get(urlEqualTo("/api/get_status/12345")).inScenario("flaky").whenScenarioStateIs("ok")
                .willReturn(aResponse().withStatus(200).withBody(Fixtures.text("get_status-in_progress.json"))));
        Recording rec = new Recording();
        try (ScenextClient client = patientBuilder().addInterceptor(rec).build()) {
            if (async) {
                client.getStatusAsync(TaskId.of("12345")).get(GUARD_SECONDS, TimeUnit.SECONDS);
            } else {
                client.getStatus("12345");
            }
            assertThat(client.state().callsInFlight()).isZero();
        }

        assertThat(rec.attempts).extracting(InterceptorCallEndTest::describe)
                .containsExactly("get_status #1 503 ServerException", "get_status #2 200 ok");
        assertThat(rec.calls).extracting(InterceptorCallEndTest::describe).containsExactly("get_status #2 200 ok");
        long id = rec.calls.get(0).callId();
        assertThat(rec.requests).extracting(Attempt::callId).containsExactly(id, id);
        assertThat(rec.attempts).extracting(Attempt::callId).containsExactly(id, id);
        assertThat(rec.calls.get(0).callElapsed()).isGreaterThanOrEqualTo(rec.attempts.get(0).elapsed());
        assertThat(rec.calls.get(0).taskId()).contains(TaskId.of("12345"));
        assertThat(rec.calls.get(0).transport()).isEqualTo(patient.name());
    }

    @Test
    void errorAnsweredAtHttp200IsTheAttemptsAndTheCallsFailure() {
        wm.stubFor(post(urlEqualTo("/api/gen_video"))
                .willReturn(aResponse().withStatus(200).withBody(Fixtures.text("gen_video-error.json"))));
        Recording rec = new Recording();
        try (ScenextClient client = patientBuilder().addInterceptor(rec).build()) {
            assertThatThrownBy(() -> client.generateVideo(GenerateVideoRequest.ofQuestion("What is Fourier series")))
                    .isInstanceOf(ScenextException.class);
        }

        assertThat(rec.attempts).hasSize(1);
        Attempt attempt = rec.attempts.get(0);
        assertThat(attempt.statusCode()).hasValue(200);
        assertThat(attempt.failure()).isPresent();
        assertThat(rec.calls).hasSize(1);
        assertThat(rec.calls.get(0).operation()).isEqualTo("gen_video");
        assertThat(rec.calls.get(0).failure()).isPresent();
        assertThat(rec.calls.get(0).taskId()).isEmpty();
    }

    @Test
    void cancelledCallEndsOnceAsCancelledAndLeavesNoCallInFlight() {
        Transport hanging = hanging();
        Recording rec = new Recording();
        try (ScenextClient client = clientBuilder().transport(hanging).addInterceptor(rec).build()) {
            CompletableFuture<?> call = client.getStatusAsync(TaskId.of("12345"));
            assertThat(client.state().callsInFlight()).isEqualTo(1);

            call.cancel(true);

            assertThat(client.state().callsInFlight()).isZero();
        }
        assertThat(rec.calls).hasSize(1);
        assertThat(rec.calls.get(0).number()).isEqualTo(1);
        assertThat(rec.calls.get(0).failure()).hasValueSatisfying(f -> assertThat(f)
                .isInstanceOfSatisfying(TransportException.class,
                        t -> assertThat(t.reason()).isEqualTo(TransportException.Reason.CANCELLED)));
    }

    @Test
    void closingTheClientEndsItsCallsInFlightAsClosed() {
        Transport hanging = hanging();
        Recording rec = new Recording();
        ScenextClient client = clientBuilder().transport(hanging).addInterceptor(rec).build();
        client.getStatusAsync(TaskId.of("12345"));

        client.close();

        assertThat(client.state().callsInFlight()).isZero();
        assertThat(rec.calls).extracting(a -> a.failure().get().getClass().getSimpleName())
                .containsExactly("ClientClosedException");
    }

    @Test
    void throwingOnAttemptEndOrCallEndLeavesTheCallAsItWas() {
        wm.stubFor(get(urlEqualTo("/api/get_status/12345"))
                .willReturn(aResponse().withStatus(200).withBody(Fixtures.text("get_status-in_progress.json"))));
        Interceptor throwing = new Interceptor() {
            @Override
            public void onAttemptEnd(Attempt attempt) {
                throw new AssertionError("attempt");
            }

            @Override
            public void onCallEnd(Attempt lastAttempt) {
                throw new IllegalStateException("call");
            }
        };
        try (ScenextClient client = patientBuilder().addInterceptor(throwing).build()) {
            assertThat(client.getStatus("12345").taskId()).isEqualTo(TaskId.of("12345"));
            assertThat(client.state().callsInFlight()).isZero();
        }
    }
}
