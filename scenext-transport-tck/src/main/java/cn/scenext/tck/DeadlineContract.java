package cn.scenext.tck;

import static cn.scenext.tck.Contract.asyncFailure;
import static cn.scenext.tck.Contract.await;
import static cn.scenext.tck.Contract.bodyOf;
import static cn.scenext.tck.Contract.get;
import static cn.scenext.tck.Contract.syncFailure;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import cn.scenext.api.ResultItem;
import cn.scenext.api.TaskId;
import cn.scenext.api.TaskState;
import cn.scenext.api.TaskStatus;
import cn.scenext.api.exception.DownloadException;
import cn.scenext.api.exception.TransportException;
import cn.scenext.api.exception.TransportException.Reason;
import cn.scenext.api.transport.HttpRequest;
import cn.scenext.api.transport.Transport;
import cn.scenext.api.transport.TransportOptions;
import cn.scenext.core.RetryPolicy;
import cn.scenext.core.ScenextClient;
import cn.scenext.core.download.DownloadOptions;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The call timeout ({@link TransportOptions#callTimeout()}, or a request's own) bounds the whole exchange:
 * late headers and a body trickling in a byte at a time (never silent long enough for the read timeout) both
 * fail as {@link Reason#CALL_TIMEOUT}, synchronously and asynchronously; a request whose timeout is zero runs
 * without one. Under the client, its per-attempt timeout cuts a trickling status response the same way.
 */
public interface DeadlineContract extends ContractFixture {
    /** A call timeout the tests wait out, with a read timeout that never fires. */
    TransportOptions SHORT_CALL = Contract.OPTIONS.toBuilder().callTimeout(Duration.ofMillis(500)).build();
    /** How long the trickling body lasts in all: far beyond the call timeout. */
    int TRICKLE_BYTES = 200;

    /** A server sending its body one byte every 50 ms: never silent for the read timeout. */
    private LoopbackServer trickling() throws IOException {
        return trickling(TRICKLE_BYTES);
    }

    /** The same, announcing a length of its own (it still sends only {@link #TRICKLE_BYTES}). */
    private LoopbackServer trickling(long announced) throws IOException {
        return closeAfterTest(LoopbackServer.start(c -> {
            if (c.readRequest().isPresent()) {
                c.writeHead(200, "Content-Type: application/json", "Content-Length: " + announced);
                for (int i = 0; i < TRICKLE_BYTES; i++) {
                    c.write(new byte[] {' '});
                    Thread.sleep(50);
                }
            }
        }));
    }

    private static TransportException failure(Transport transport, HttpRequest request, boolean async) {
        return async ? asyncFailure(transport.executeAsync(request)) : syncFailure(transport, request);
    }

    /** Headers later than the call timeout (but within the read timeout) are a {@code CALL_TIMEOUT}. */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    default void lateHeadersRunIntoTheCallTimeout(boolean async) {
        wireMock().stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("late")
                .withFixedDelay(Contract.DELAY_BEYOND_READ_TIMEOUT_MILLIS)));

        TransportException e = failure(open(SHORT_CALL), get(url("/api/get_status/slow")), async);

        assertThat(e.reason()).isEqualTo(Reason.CALL_TIMEOUT);
        assertThat(e.isTimeout()).isTrue();
        assertThat(e.requestMayHaveBeenSent()).isTrue();
    }

    /** A body trickling in past the call timeout is a {@code CALL_TIMEOUT}, though bytes keep coming. */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    default void tricklingBodyRunsIntoTheCallTimeout(boolean async) throws IOException {
        LoopbackServer server = trickling();

        TransportException e = failure(open(SHORT_CALL), get(server.url("/api/get_status/t")), async);

        assertThat(e.reason()).isEqualTo(Reason.CALL_TIMEOUT);
    }

    /** A request's own timeout overrides the options': shorter here, so it fires although theirs would not. */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    default void aRequestsOwnTimeoutOverridesTheOptions(boolean async) throws IOException {
        LoopbackServer server = trickling();
        HttpRequest request = HttpRequest.builder().get(server.url("/api/get_status/t"))
                .timeout(Duration.ofMillis(300)).build();

        assertThat(failure(transport(), request, async).reason()).isEqualTo(Reason.CALL_TIMEOUT);
    }

    /** A request whose timeout is zero has none: a slow body arrives whole. */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    default void aZeroRequestTimeoutMeansNone(boolean async) throws IOException {
        byte[] body = "slow but steady".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        LoopbackServer server = closeAfterTest(LoopbackServer.start(c -> {
            if (c.readRequest().isPresent()) {
                c.writeHead(200, "Content-Length: " + body.length);
                for (byte b : body) {
                    c.write(new byte[] {b});
                    Thread.sleep(60); // 0.9 s in all, beyond the options' call timeout
                }
            }
        }));
        Transport transport = open(SHORT_CALL.toBuilder().callTimeout(Duration.ofMillis(300)).build());
        HttpRequest request = HttpRequest.builder().get(server.url("/file")).timeout(Duration.ZERO).build();

        byte[] got = async ? bodyOf(await(transport.executeAsync(request))) : bodyOf(transport.execute(request));

        assertThat(got).isEqualTo(body);
    }

    /**
     * Under the client, its per-attempt call timeout cuts a status response that trickles in, synchronously and
     * asynchronously, as a {@code CALL_TIMEOUT}, whatever the transport's own options say.
     */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    default void theClientsCallTimeoutCutsATricklingStatusRead(boolean async) throws IOException {
        LoopbackServer server = trickling();
        ScenextClient client = closeAfterTest(ScenextClient.builder().apiKey("sk-contract-test-key")
                .baseUrl(server.url("/")).transport(transport()).callTimeout(Duration.ofMillis(400))
                .retryPolicy(RetryPolicy.none()).build());

        assertThat(statusReadFailure(client, async)).isInstanceOfSatisfying(TransportException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.CALL_TIMEOUT));
    }

    /** The client's total timeout, retries included, also cuts the attempt in flight. */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    default void theClientsTotalTimeoutCutsTheAttemptInFlight(boolean async) throws IOException {
        LoopbackServer server = trickling();
        ScenextClient client = closeAfterTest(ScenextClient.builder().apiKey("sk-contract-test-key")
                .baseUrl(server.url("/")).transport(transport()).totalTimeout(Duration.ofMillis(400))
                .retryPolicy(RetryPolicy.builder().maxRetries(3).build()).build());

        assertThat(statusReadFailure(client, async)).isInstanceOfSatisfying(TransportException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.CALL_TIMEOUT));
    }

    /**
     * A download is not cut by the call timeout (a video may stream for long) but fails as {@code STALLED} once
     * it goes slower than its minimum speed for a whole window, leaving nothing in the target's folder; small
     * (a frame) or large (a video).
     */
    @ParameterizedTest
    @ValueSource(longs = {TRICKLE_BYTES, 10_000_000})
    default void aTricklingDownloadFailsAsStalledNotByTheCallTimeoutAndLeavesNothing(long announced)
            throws IOException {
        LoopbackServer server = trickling(announced);
        Path dir = Files.createTempDirectory("scenext-tck-stall");
        closeAfterTest(() -> {
            File[] left = dir.toFile().listFiles();
            for (File f : left == null ? new File[0] : left) {
                Files.deleteIfExists(f.toPath());
            }
            Files.deleteIfExists(dir);
        });
        ScenextClient client = closeAfterTest(ScenextClient.builder().apiKey("sk-contract-test-key")
                .baseUrl(server.url("/")).transport(transport()).callTimeout(Duration.ofMillis(100))
                .retryPolicy(RetryPolicy.none()).build());
        TaskStatus done = TaskStatus.builder().taskId(TaskId.of("12345")).state(TaskState.COMPLETED)
                .addResult(ResultItem.of("video", server.url("/video.mp4").toString())).build();
        DownloadOptions stallAfter300ms = DownloadOptions.builder().minSpeed(1024, Duration.ofMillis(300)).build();

        Throwable thrown = catchThrowable(() -> client.download(done, dir.resolve("v.mp4"), stallAfter300ms));

        assertThat(thrown).isInstanceOfSatisfying(DownloadException.class,
                e -> assertThat(e.reason()).isEqualTo(DownloadException.Reason.STALLED));
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    private static Throwable statusReadFailure(ScenextClient client, boolean async) {
        return catchThrowable(() -> {
            if (!async) {
                client.getStatus("12345");
                return;
            }
            try {
                client.getStatusAsync(TaskId.of("12345")).get(Contract.HANG_GUARD.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                throw e.getCause();
            }
        });
    }
}
