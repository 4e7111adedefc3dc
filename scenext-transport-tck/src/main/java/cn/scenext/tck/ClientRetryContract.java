package cn.scenext.tck;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.request;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.scenext.api.GenerateVideoRequest;
import cn.scenext.api.TaskId;
import cn.scenext.api.TaskState;
import cn.scenext.api.TaskStatus;
import cn.scenext.api.exception.TransportException;
import cn.scenext.api.transport.TransportOptions;
import cn.scenext.core.Attempt;
import cn.scenext.core.Interceptor;
import cn.scenext.core.RetryPolicy;
import cn.scenext.core.ScenextClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The transport under {@link ScenextClient}: after each network fault a status read is retried and succeeds,
 * while a task creation that may have reached the server is never sent again (one request at the server);
 * a creation whose connection was refused is retried.
 */
public interface ClientRetryContract extends ContractFixture {
    /** Retries at once, so that the suite does not wait on backoff. */
    RetryPolicy FAST_RETRIES = RetryPolicy.builder().maxRetries(2).initialBackoff(Duration.ofMillis(5))
            .maxBackoff(Duration.ofMillis(5)).jitter(0).build();

    private ScenextClient client(TransportOptions options, URI baseUrl, Interceptor... interceptors) {
        ScenextClient.Builder b = ScenextClient.builder()
                .apiKey("sk-contract-test-key")
                .baseUrl(baseUrl)
                .transport(open(options))
                .retryPolicy(FAST_RETRIES);
        for (Interceptor i : interceptors) {
            b.addInterceptor(i);
        }
        return closeAfterTest(b.build());
    }

    private static String fixture(String name) {
        try (InputStream in = ClientRetryContract.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void faultOnceThenRespond(String method, String path, NetworkFault fault, String body) {
        wireMock().stubFor(request(method, urlPathEqualTo(path)).inScenario("flaky").whenScenarioStateIs(STARTED)
                .willReturn(fault.response(body)).willSetStateTo("recovered"));
        wireMock().stubFor(request(method, urlPathEqualTo(path)).inScenario("flaky").whenScenarioStateIs("recovered")
                .willReturn(okJson(body)));
    }

    private static <T> T await(CompletableFuture<T> future) throws Exception {
        try {
            return future.get(Contract.HANG_GUARD.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw (Exception) e.getCause();
        }
    }

    private void assertStatusReadTwice(TaskStatus status) {
        assertThat(status.taskId()).isEqualTo(TaskId.of("12345"));
        assertThat(status.state()).isEqualTo(TaskState.IN_PROGRESS);
        assertThat(status.frames()).hasSize(2);
        int requests = wireMock().findAll(anyRequestedFor(anyUrl())).size();
        if (resendsIdempotentRequestsWithoutResponse()) {
            // The client's retry, plus possibly the library's own resend of the GET left without a response.
            assertThat(requests).isBetween(2, 2 + ContractFixture.LIBRARY_RESENDS_AT_MOST - 1);
        } else {
            assertThat(requests).isEqualTo(2);
        }
    }

    /** A status read that meets a fault is retried and succeeds. */
    @ParameterizedTest
    @EnumSource(NetworkFault.class)
    default void statusReadIsRetriedAfterFaultThenSucceeds(NetworkFault fault) {
        faultOnceThenRespond("GET", "/api/get_status/12345", fault, fixture("get_status-in_progress.json"));

        assertStatusReadTwice(client(Contract.optionsFor(fault), url("/")).getStatus("12345"));
    }

    /** The same for an asynchronous status read. */
    @ParameterizedTest
    @EnumSource(NetworkFault.class)
    default void statusReadIsRetriedAfterFaultThenSucceedsAsync(NetworkFault fault) throws Exception {
        faultOnceThenRespond("GET", "/api/get_status/12345", fault, fixture("get_status-in_progress.json"));

        assertStatusReadTwice(await(client(Contract.optionsFor(fault), url("/")).getStatusAsync(TaskId.of("12345"))));
    }

    private void assertCreatedNoTwice(Throwable thrown) {
        assertThat(thrown).isInstanceOfSatisfying(TransportException.class,
                e -> assertThat(e.requestMayHaveBeenSent()).isTrue());
        assertThat(wireMock().findAll(anyRequestedFor(anyUrl()))).as("requests at the server").hasSize(1);
    }

    /**
     * A task creation that meets a fault after its request went out is not sent again, even though the server
     * would respond the second time: exactly one request reaches the server.
     */
    @ParameterizedTest
    @EnumSource(NetworkFault.class)
    default void taskCreationIsNotRetriedAfterFault(NetworkFault fault) {
        faultOnceThenRespond("POST", "/api/gen_video", fault, fixture("gen_video-success.json"));
        ScenextClient client = client(Contract.optionsFor(fault), url("/"));

        assertCreatedNoTwice(org.assertj.core.api.Assertions.catchThrowable(
                () -> client.generateVideo(GenerateVideoRequest.ofQuestion("Why is the sky blue?"))));
    }

    /** The same for an asynchronous task creation. */
    @ParameterizedTest
    @EnumSource(NetworkFault.class)
    default void taskCreationIsNotRetriedAfterFaultAsync(NetworkFault fault) {
        faultOnceThenRespond("POST", "/api/gen_video", fault, fixture("gen_video-success.json"));
        ScenextClient client = client(Contract.optionsFor(fault), url("/"));

        assertCreatedNoTwice(org.assertj.core.api.Assertions.catchThrowable(
                () -> await(client.generateVideoAsync(GenerateVideoRequest.ofQuestion("Why is the sky blue?")))));
    }

    /**
     * A task creation whose connection was refused is retried, because the request surely did not go out: the
     * server starts listening after the first failure, and the retry creates the task.
     */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    default void taskCreationIsRetriedAfterRefusedConnection(boolean async) throws Exception {
        // Held until the first failure, then freed just before the server binds it: no other process takes it.
        java.net.Socket held = closeAfterTest(LoopbackServer.heldRefusingPort());
        int port = held.getLocalPort();
        byte[] created = fixture("gen_video-success.json").getBytes(StandardCharsets.UTF_8);
        AtomicInteger requests = new AtomicInteger();
        AtomicReference<TransportException> firstFailure = new AtomicReference<>();
        Interceptor startServerOnFailure = new Interceptor() {
            @Override
            public void onFailure(Attempt attempt, TransportException failure) {
                firstFailure.compareAndSet(null, failure);
                try {
                    held.close();
                    closeAfterTest(LoopbackServer.start(port, c -> {
                        if (c.readRequest().isPresent()) {
                            requests.incrementAndGet();
                            c.writeHead(200, "Content-Type: application/json", "Content-Length: " + created.length);
                            c.write(created);
                        }
                    }));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
        ScenextClient client = client(Contract.OPTIONS, URI.create("http://127.0.0.1:" + port + "/"),
                startServerOnFailure);
        GenerateVideoRequest request = GenerateVideoRequest.ofQuestion("Why is the sky blue?");

        TaskId id = async ? await(client.generateVideoAsync(request)) : client.generateVideo(request);

        assertThat(firstFailure.get().reason()).isEqualTo(TransportException.Reason.CONNECT_FAILED);
        assertThat(id).isEqualTo(TaskId.of("12345"));
        assertThat(requests.get()).isEqualTo(1);
    }

    /**
     * A status read whose body stalls past the read timeout, every time, is retried and then fails as a
     * {@code READ_TIMEOUT}, whether the body streams (sync) or is buffered by the transport (async).
     */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    default void statusReadWhoseBodyStallsFailsAsReadTimeoutAfterRetries(boolean async) throws Exception {
        AtomicInteger requests = new AtomicInteger();
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        LoopbackServer server = closeAfterTest(LoopbackServer.start(c -> {
            if (c.readRequest().isPresent()) {
                requests.incrementAndGet();
                c.writeHead(200, "Content-Type: application/json", "Content-Length: 500");
                c.write("{\"status\":\"success\",\"data\":{".getBytes(StandardCharsets.UTF_8));
                release.await(Contract.HANG_GUARD.toMillis(), TimeUnit.MILLISECONDS);
            }
        }));
        ScenextClient client = client(Contract.SHORT_TIMEOUTS, server.url("/"));
        try {
            Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> {
                if (async) {
                    await(client.getStatusAsync(TaskId.of("12345")));
                } else {
                    client.getStatus("12345");
                }
            });
            assertThat(thrown).isInstanceOfSatisfying(TransportException.class,
                    e -> assertThat(e.reason()).isEqualTo(TransportException.Reason.READ_TIMEOUT));
            assertThat(requests.get()).isEqualTo(1 + FAST_RETRIES.maxRetries());
        } finally {
            release.countDown();
        }
    }
}
