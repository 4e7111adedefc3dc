package cn.scenext.tck;

import static cn.scenext.tck.Contract.asyncFailure;
import static cn.scenext.tck.Contract.get;
import static cn.scenext.tck.Contract.post;
import static cn.scenext.tck.Contract.syncFailure;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.scenext.api.exception.TransportException;
import cn.scenext.api.exception.TransportException.Reason;
import cn.scenext.api.transport.HttpRequest;
import cn.scenext.api.transport.Transport;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Connections that cannot be made and responses that do not come, each surfacing as a
 * {@link TransportException} whose {@link Reason} tells whether the request may have been sent.
 */
public interface TimeoutContract extends ContractFixture {

    private static void assertNotSent(TransportException e, Reason reason) {
        assertThat(e.reason()).isEqualTo(reason);
        assertThat(e.requestMayHaveBeenSent()).isFalse();
    }

    /** A refused connection is {@code CONNECT_FAILED}: the request was surely not sent. */
    @Test
    default void refusedConnectionIsConnectFailedAndNotSent() throws IOException {
        URI refused = URI.create("http://127.0.0.1:"
                + closeAfterTest(LoopbackServer.heldRefusingPort()).getLocalPort() + "/api/gen_video");
        Transport transport = transport();

        assertThatThrownBy(() -> transport.execute(post(refused, new byte[] {'{', '}'})))
                .isInstanceOfSatisfying(TransportException.class, e -> assertNotSent(e, Reason.CONNECT_FAILED));
    }

    /** The same for an asynchronous call: the future fails, the caller sees no exception. */
    @Test
    default void refusedConnectionIsConnectFailedAsync() throws IOException {
        URI refused = URI.create("http://127.0.0.1:"
                + closeAfterTest(LoopbackServer.heldRefusingPort()).getLocalPort() + "/api/gen_video");

        assertNotSent(asyncFailure(transport().executeAsync(post(refused, new byte[] {'{', '}'}))),
                Reason.CONNECT_FAILED);
    }

    /** A connection that is never accepted runs into the connect timeout: {@code CONNECT_TIMEOUT}, not sent. */
    @Test
    default void unacceptedConnectionIsConnectTimeout() throws IOException {
        FullBacklog backlog = closeAfterTest(FullBacklog.open());
        Transport transport = open(Contract.SHORT_TIMEOUTS);

        assertThatThrownBy(() -> transport.execute(get(backlog.url("/api/get_status/t"))))
                .isInstanceOfSatisfying(TransportException.class, e -> assertNotSent(e, Reason.CONNECT_TIMEOUT));
    }

    /** The same for an asynchronous call. */
    @Test
    default void unacceptedConnectionIsConnectTimeoutAsync() throws IOException {
        FullBacklog backlog = closeAfterTest(FullBacklog.open());
        Transport transport = open(Contract.SHORT_TIMEOUTS);

        assertNotSent(asyncFailure(transport.executeAsync(get(backlog.url("/api/get_status/t")))),
                Reason.CONNECT_TIMEOUT);
    }

    private void respondLate() {
        wireMock().stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("late")
                .withFixedDelay(Contract.DELAY_BEYOND_READ_TIMEOUT_MILLIS)));
    }

    /** A response that does not start within the read timeout is {@code READ_TIMEOUT}, maybe sent. */
    @Test
    default void lateResponseIsReadTimeout() {
        respondLate();

        TransportException e = syncFailure(open(Contract.SHORT_TIMEOUTS), get(url("/api/get_status/slow")));

        assertThat(e.reason()).isEqualTo(Reason.READ_TIMEOUT);
        assertThat(e.requestMayHaveBeenSent()).isTrue();
    }

    /** The same for an asynchronous call. */
    @Test
    default void lateResponseIsReadTimeoutAsync() {
        respondLate();

        TransportException e = asyncFailure(open(Contract.SHORT_TIMEOUTS).executeAsync(get(url("/api/get_status/slow"))));

        assertThat(e.reason()).isEqualTo(Reason.READ_TIMEOUT);
    }

    private LoopbackServer stallingMidBody(CountDownLatch release) throws IOException {
        return closeAfterTest(LoopbackServer.start(c -> {
            c.readRequest();
            c.writeHead(200, "Content-Length: 100");
            c.write("the first half of the body, then nothing ".getBytes(StandardCharsets.US_ASCII));
            release.await(Contract.HANG_GUARD.toMillis(), TimeUnit.MILLISECONDS);
        }));
    }

    /** A body that stops arriving for longer than the read timeout fails as {@code READ_TIMEOUT}. */
    @Test
    default void stalledBodyIsReadTimeout() throws IOException {
        CountDownLatch release = new CountDownLatch(1);
        LoopbackServer server = stallingMidBody(release);
        HttpRequest request = get(server.url("/video.mp4"));
        try {
            assertThat(syncFailure(open(Contract.SHORT_TIMEOUTS), request).reason()).isEqualTo(Reason.READ_TIMEOUT);
        } finally {
            release.countDown();
        }
    }

    /** The same for an asynchronous call, whose body is read before the future completes. */
    @Test
    default void stalledBodyIsReadTimeoutAsync() throws IOException {
        CountDownLatch release = new CountDownLatch(1);
        LoopbackServer server = stallingMidBody(release);
        try {
            TransportException e = asyncFailure(open(Contract.SHORT_TIMEOUTS).executeAsync(get(server.url("/v.mp4"))));
            assertThat(e.reason()).isEqualTo(Reason.READ_TIMEOUT);
        } finally {
            release.countDown();
        }
    }
}
