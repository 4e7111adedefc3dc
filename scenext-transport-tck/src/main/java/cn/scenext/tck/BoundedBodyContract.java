package cn.scenext.tck;

import static cn.scenext.tck.Contract.asyncFailure;
import static cn.scenext.tck.Contract.await;
import static cn.scenext.tck.Contract.bodyOf;
import static cn.scenext.tck.Contract.get;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import cn.scenext.api.GenerateVideoRequest;
import cn.scenext.api.TaskId;
import cn.scenext.api.TaskState;
import cn.scenext.api.TaskStatus;
import cn.scenext.api.exception.ProtocolException;
import cn.scenext.api.exception.ResponseTooLargeException;
import cn.scenext.api.exception.TransportException;
import cn.scenext.api.transport.HttpResponse;
import cn.scenext.api.transport.Transport;
import cn.scenext.api.transport.TransportOptions;
import cn.scenext.core.RetryPolicy;
import cn.scenext.core.ScenextClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bodies a transport holds in memory are bounded by {@link TransportOptions#maxBufferedBodyBytes()}: an endless
 * body, or one announcing a huge {@code Content-Length}, fails its asynchronous exchange with a
 * {@link ResponseTooLargeException} (memory growing with the bytes received, never with the length announced),
 * and the same transport completes the next call normally. Under the client, the failure is a
 * {@link ProtocolException}, for synchronous and asynchronous calls alike.
 */
public interface BoundedBodyContract extends ContractFixture {
    /** A small limit, so that the endless body reaches it quickly. */
    int LIMIT = 256 * 1024;
    /** The options of these tests: the contract's, with the small limit. */
    TransportOptions BOUNDED = Contract.OPTIONS.toBuilder().maxBufferedBodyBytes(LIMIT).build();
    /** A length far beyond any heap a test runs with, were it allocated up front. */
    long HUGE = 64L * 1024 * 1024 * 1024;

    /** A server writing body bytes until the client goes away, with no length announced. */
    private LoopbackServer endless() throws IOException {
        byte[] chunk = new byte[64 * 1024];
        java.util.Arrays.fill(chunk, (byte) '7');
        return closeAfterTest(LoopbackServer.start(c -> {
            if (c.readRequest().isPresent()) {
                c.writeHead(200, "Content-Type: application/json", "Connection: close");
                while (true) {
                    c.write(chunk); // fails once the client aborts
                }
            }
        }));
    }

    /** A server announcing {@link #HUGE} bytes, sending a few, then waiting for the client to go away. */
    private LoopbackServer huge() throws IOException {
        return closeAfterTest(LoopbackServer.start(c -> {
            if (c.readRequest().isPresent()) {
                c.writeHead(200, "Content-Type: application/json", "Content-Length: " + HUGE);
                c.write("{\"status\":".getBytes(StandardCharsets.US_ASCII));
                c.awaitClosedByClient();
            }
        }));
    }

    private void assertStillServes(Transport transport) {
        wireMock().stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlPathEqualTo("/after"))
                .willReturn(aResponse().withStatus(200).withBody("fine")));
        HttpResponse sync = transport.execute(get(url("/after")));
        assertThat(new String(bodyOf(sync), StandardCharsets.US_ASCII)).isEqualTo("fine");
        HttpResponse async = await(transport.executeAsync(get(url("/after"))));
        assertThat(new String(bodyOf(async), StandardCharsets.US_ASCII)).isEqualTo("fine");
    }

    /** An endless asynchronous body fails typed once past the limit; the transport then works as before. */
    @Test
    default void endlessAsyncBodyFailsTooLargeAndTheTransportStaysUsable() throws IOException {
        LoopbackServer server = endless();
        Transport transport = open(BOUNDED);

        TransportException e = asyncFailure(transport.executeAsync(get(server.url("/api/get_status/t"))));

        assertThat(e).isInstanceOfSatisfying(ResponseTooLargeException.class,
                t -> assertThat(t.limit()).isEqualTo(LIMIT));
        assertStillServes(transport);
    }

    /** A huge announced length fails at once, before the body is read; the transport then works as before. */
    @Test
    default void hugeAnnouncedAsyncBodyFailsTooLargeAndTheTransportStaysUsable() throws IOException {
        LoopbackServer server = huge();
        Transport transport = open(BOUNDED);

        TransportException e = asyncFailure(transport.executeAsync(get(server.url("/api/get_status/t"))));

        assertThat(e).isInstanceOf(ResponseTooLargeException.class);
        assertThat(e.getMessage()).contains(String.valueOf(HUGE));
        assertStillServes(transport);
    }

    /** A body under the limit arrives whole, asynchronously, even with no length announced. */
    @Test
    default void asyncBodyUnderTheLimitArrivesWhole() throws IOException {
        byte[] body = new byte[LIMIT];
        java.util.Arrays.fill(body, (byte) 'x');
        LoopbackServer server = closeAfterTest(LoopbackServer.start(c -> {
            if (c.readRequest().isPresent()) {
                c.writeHead(200, "Connection: close");
                c.write(body);
            }
        }));

        assertThat(bodyOf(await(open(BOUNDED).executeAsync(get(server.url("/exact")))))).isEqualTo(body);
    }

    private static String fixture(String name) {
        try (InputStream in = BoundedBodyContract.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Under the client, with the transport's default limit (the API's 16 MiB cap): an endless or hugely
     * announced status response is a {@link ProtocolException}, not retried, synchronously and asynchronously;
     * the next status read on the same client and transport succeeds.
     */
    @ParameterizedTest
    @ValueSource(strings = {"endless-sync", "endless-async", "huge-sync", "huge-async"})
    default void clientCallsOnOversizedResponsesFailAsProtocolErrorsAndTheClientStaysUsable(String kind)
            throws Exception {
        byte[] good = fixture("get_status-in_progress.json").getBytes(StandardCharsets.UTF_8);
        byte[] chunk = new byte[64 * 1024];
        AtomicInteger requests = new AtomicInteger();
        LoopbackServer server = closeAfterTest(LoopbackServer.start(c -> {
            while (c.readRequest().isPresent()) {
                if (requests.incrementAndGet() > 1) {
                    c.writeHead(200, "Content-Type: application/json", "Content-Length: " + good.length);
                    c.write(good);
                } else if (kind.startsWith("endless")) {
                    c.writeHead(200, "Content-Type: application/json", "Connection: close");
                    while (true) {
                        c.write(chunk); // fails once the client aborts
                    }
                } else {
                    c.writeHead(200, "Content-Type: application/json", "Content-Length: " + HUGE);
                    c.write("{\"status\":".getBytes(StandardCharsets.US_ASCII));
                    c.awaitClosedByClient();
                    return;
                }
            }
        }));
        boolean async = kind.endsWith("async");
        ScenextClient client = closeAfterTest(ScenextClient.builder().apiKey("sk-contract-test-key")
                .baseUrl(server.url("/")).transport(open(Contract.OPTIONS)).retryPolicy(RetryPolicy.none()).build());

        Throwable thrown = catchThrowable(() -> status(client, async));

        assertThat(thrown).isInstanceOf(ProtocolException.class).hasMessageContaining("16 MiB");
        assertThat(status(client, async).state()).isEqualTo(TaskState.IN_PROGRESS);
        assertThat(requests.get()).isEqualTo(2);
    }

    /**
     * An endless response to a task creation, found too large in the transport (asynchronously) or in the
     * pipeline (synchronously): the same {@link ProtocolException}, sent once, and saying the task may have been
     * created, as every unreadable response to a creation does.
     */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    default void anOversizedResponseToACreationSaysTheTaskMayHaveBeenCreated(boolean async) throws Exception {
        byte[] chunk = new byte[64 * 1024];
        AtomicInteger requests = new AtomicInteger();
        LoopbackServer server = closeAfterTest(LoopbackServer.start(c -> {
            while (c.readRequest().isPresent()) {
                requests.incrementAndGet();
                c.writeHead(200, "Content-Type: application/json", "Connection: close");
                while (true) {
                    c.write(chunk); // fails once the client aborts
                }
            }
        }));
        ScenextClient client = closeAfterTest(ScenextClient.builder().apiKey("sk-contract-test-key")
                .baseUrl(server.url("/")).transport(open(Contract.OPTIONS)).build());
        GenerateVideoRequest request = GenerateVideoRequest.ofQuestion("q");

        Throwable thrown = catchThrowable(() -> {
            if (!async) {
                client.generateVideo(request);
                return;
            }
            try {
                client.generateVideoAsync(request).get(Contract.HANG_GUARD.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                throw e.getCause();
            }
        });

        assertThat(thrown).isInstanceOfSatisfying(ProtocolException.class, e -> {
            assertThat(e).hasMessageContaining("16 MiB");
            assertThat(e.taskMayHaveBeenCreated()).isTrue();
        });
        assertThat(requests.get()).isEqualTo(1);
    }

    private static TaskStatus status(ScenextClient client, boolean async) throws Exception {
        if (!async) {
            return client.getStatus("12345");
        }
        try {
            return client.getStatusAsync(TaskId.of("12345")).get(Contract.HANG_GUARD.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw (Exception) e.getCause();
        }
    }
}
