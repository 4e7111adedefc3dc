package cn.scenext.core.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import cn.scenext.api.exception.AuthenticationException;
import cn.scenext.api.exception.ClientClosedException;
import cn.scenext.api.exception.ProtocolException;
import cn.scenext.api.exception.ScenextException;
import cn.scenext.api.exception.ServerException;
import cn.scenext.api.exception.TransportException;
import cn.scenext.api.internal.Futures;
import cn.scenext.api.transport.HttpHeaders;
import cn.scenext.api.transport.HttpRequest;
import cn.scenext.api.transport.HttpResponse;
import cn.scenext.api.transport.ResponseBody;
import cn.scenext.api.transport.Transport;
import cn.scenext.core.Attempt;
import cn.scenext.core.Interceptor;
import cn.scenext.core.RetryPolicy;
import cn.scenext.core.testing.InMemoryTransport;
import cn.scenext.core.testing.RecordingScheduler;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The call loop, synchronous and asynchronous through the same cases. */
class HttpPipelineTest {
    /** How a case runs its call. */
    enum Mode {
        SYNC, ASYNC;

        <T> T run(HttpPipeline pipeline, ApiCall<T> call) {
            if (this == SYNC) {
                return pipeline.call(call, HttpPipeline.NO_DEADLINE);
            }
            try {
                return pipeline.callAsync(call, HttpPipeline.NO_DEADLINE).join();
            } catch (RuntimeException e) {
                Throwable t = Futures.unwrap(e);
                throw t instanceof RuntimeException ? (RuntimeException) t : e;
            }
        }
    }

    private final InMemoryTransport transport = new InMemoryTransport();
    private final RecordingScheduler scheduler = new RecordingScheduler();
    private final List<String> attempts = Collections.synchronizedList(new ArrayList<>());
    private final RetryPolicy policy = RetryPolicy.builder().maxRetries(2).jitter(0)
            .initialBackoff(Duration.ofSeconds(1)).build();
    private final HttpPipeline pipeline = new HttpPipeline(transport, Calls.BASE, Calls.KEY, "scenext-java/test",
            Collections.<Interceptor>singletonList(new Interceptor() {
                @Override
                public void onResponse(Attempt attempt, HttpResponse response) {
                    attempts.add(attempt.operation() + " #" + attempt.number() + " HTTP " + response.statusCode());
                }

                @Override
                public void onFailure(Attempt attempt, TransportException failure) {
                    attempts.add(attempt.operation() + " #" + attempt.number() + " " + failure.reason());
                }
            }), policy, scheduler, Clock.systemUTC());

    @AfterEach
    void close() {
        pipeline.close();
        scheduler.close();
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aReadIsRetriedAfterTemporaryFailuresUntilItSucceeds(Mode mode) {
        transport.respond(503, "{}").fail(new TransportException(TransportException.Reason.READ_TIMEOUT, "slow", null))
                .respond(200, Calls.SUCCESS);

        assertThat(mode.run(pipeline, Calls.read())).isEqualTo("42");
        assertThat(attempts).containsExactly("get_status #1 HTTP 503", "get_status #2 READ_TIMEOUT",
                "get_status #3 HTTP 200");
        assertThat(scheduler.waits()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertThat(transport.requests()).allSatisfy(r -> {
            assertThat(r.headers().firstValue("Authorization")).hasValue("Bearer " + Calls.KEY);
            assertThat(r.timeout()).isPresent();
        });
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aFinalFailureEndsTheCallAtOnce(Mode mode) {
        transport.respond(401, "{}");

        Throwable e = catchThrowable(() -> mode.run(pipeline, Calls.read()));

        assertThat(e).isInstanceOf(AuthenticationException.class);
        assertThat(e.getMessage()).doesNotContain(Calls.KEY);
        assertThat(transport.requests()).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void theLastTemporaryFailureIsTheOneTheCallEndsWith(Mode mode) {
        transport.respond(502, "{}").respond(502, "{}").respond(500, "{}");

        Throwable e = catchThrowable(() -> mode.run(pipeline, Calls.read()));

        assertThat(e).isInstanceOf(ServerException.class);
        assertThat(((ServerException) e).statusCode()).hasValue(500);
        assertThat(transport.remaining()).isZero();
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aCreationWhoseRequestMayHaveGoneOutIsNotRetriedAndSaysSo(Mode mode) {
        transport.fail(new TransportException(TransportException.Reason.READ_TIMEOUT, "slow", null));

        Throwable e = catchThrowable(() -> mode.run(pipeline, Calls.create()));

        assertThat(e).isInstanceOf(TransportException.class);
        assertThat(((ScenextException) e).taskMayHaveBeenCreated()).isTrue();
        assertThat(transport.requests()).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aCreationIsRetriedWhenTheConnectionWasNeverMade(Mode mode) {
        transport.refuseConnection().respond(200, Calls.SUCCESS);

        assertThat(mode.run(pipeline, Calls.create())).isEqualTo("42");
        assertThat(transport.requests()).hasSize(2);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aTransportBugBecomesATransportFailureWithTheKeyRedacted(Mode mode) {
        transport.fail(new IllegalStateException("bug near " + Calls.KEY)).respond(200, Calls.SUCCESS);

        assertThat(mode.run(pipeline, Calls.read())).isEqualTo("42");
        assertThat(attempts.get(0)).isEqualTo("get_status #1 IO_ERROR");
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aResponseTooLargeIsFinal(Mode mode) {
        transport.then(r -> HttpResponse.of(200, HttpHeaders.empty(),
                ResponseBody.of(new byte[CappedBodyReader.MAX_RESPONSE_BYTES + 1])));

        Throwable e = catchThrowable(() -> mode.run(pipeline, Calls.read()));

        assertThat(e).isInstanceOf(ProtocolException.class).hasMessageContaining("is larger than");
        assertThat(transport.requests()).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aClosedPipelineRefusesCalls(Mode mode) {
        pipeline.close();

        assertThat(catchThrowable(() -> mode.run(pipeline, Calls.read()))).isInstanceOf(ClientClosedException.class);
        assertThat(transport.requests()).isEmpty();
    }

    @Test
    void closingFailsTheAsynchronousCallsStillRunning() {
        HttpPipeline p = hangingPipeline(new CompletableFuture<>());
        CompletableFuture<String> read = p.callAsync(Calls.read(), HttpPipeline.NO_DEADLINE);
        CompletableFuture<String> create = p.callAsync(Calls.create(), HttpPipeline.NO_DEADLINE);

        p.close();

        assertThat(Futures.unwrap(catchThrowable(read::join))).isInstanceOf(ClientClosedException.class);
        Throwable created = Futures.unwrap(catchThrowable(create::join));
        assertThat(created).isInstanceOf(ClientClosedException.class);
        assertThat(((ScenextException) created).taskMayHaveBeenCreated()).isTrue();
        assertThat(((ScenextException) Futures.unwrap(catchThrowable(read::join))).taskMayHaveBeenCreated())
                .isFalse();
    }

    @Test
    void cancellingAnAsynchronousCallCancelsTheExchange() {
        CompletableFuture<HttpResponse> inFlight = new CompletableFuture<>();

        hangingPipeline(inFlight).callAsync(Calls.read(), HttpPipeline.NO_DEADLINE).cancel(true);

        assertThat(inFlight).isCancelled();
    }

    /** A pipeline whose every asynchronous exchange is the one future given. */
    private HttpPipeline hangingPipeline(CompletableFuture<HttpResponse> exchange) {
        Transport hanging = new Transport() {
            @Override
            public HttpResponse execute(HttpRequest request) {
                throw new AssertionError("synchronous");
            }

            @Override
            public CompletableFuture<HttpResponse> executeAsync(HttpRequest request) {
                return exchange;
            }

            @Override
            public String name() {
                return "hanging";
            }

            @Override
            public void close() {
            }
        };
        return new HttpPipeline(hanging, Calls.BASE, Calls.KEY, "ua", Collections.<Interceptor>emptyList(), policy,
                scheduler, Clock.systemUTC());
    }
}
