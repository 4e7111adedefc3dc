package cn.scenext.tck;

import static cn.scenext.tck.Contract.asyncFailure;
import static cn.scenext.tck.Contract.await;
import static cn.scenext.tck.Contract.bodyOf;
import static cn.scenext.tck.Contract.get;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import cn.scenext.api.transport.Transport;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** {@code close()}: no thread that keeps the JVM alive, no connection left open, safe to call twice. */
public interface LifecycleContract extends ContractFixture {

    private static LoopbackServer keepAliveServer() throws java.io.IOException {
        return LoopbackServer.start(c -> {
            while (c.readRequest().isPresent()) {
                c.respond("alive".getBytes(StandardCharsets.UTF_8));
            }
        });
    }

    /** After sync and async calls and {@code close()}, every thread the transport started is a daemon or gone. */
    @Test
    default void closeLeavesNoNonDaemonThreadBehind() throws Exception {
        LoopbackServer server = closeAfterTest(keepAliveServer());
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        Transport transport = open(Contract.OPTIONS);
        bodyOf(transport.execute(get(server.url("/sync"))));
        bodyOf(await(transport.executeAsync(get(server.url("/async")))));

        transport.close();

        List<Thread> left = nonDaemonThreadsStartedSince(before);
        long giveUp = System.nanoTime() + Contract.HANG_GUARD.toNanos();
        while (!left.isEmpty() && System.nanoTime() < giveUp) {
            Thread.sleep(20); // threads finish shortly after the close that stopped them
            left = nonDaemonThreadsStartedSince(before);
        }
        assertThat(left).as("non-daemon threads left by the transport").isEmpty();
    }

    private static List<Thread> nonDaemonThreadsStartedSince(Set<Thread> before) {
        List<Thread> left = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (!before.contains(t) && t.isAlive() && !t.isDaemon()) {
                left.add(t);
            }
        }
        return left;
    }

    /** An idle pooled connection is closed by {@code close()}: the server sees the client hang up. */
    @Test
    default void closeReleasesPooledConnections() throws Exception {
        assumeTrue(closeReleasesIdleConnections(), "this transport's HTTP library cannot close idle connections "
                + "on this JVM; they close when the library drops them");
        AtomicReference<Boolean> closedByClient = new AtomicReference<>();
        CountDownLatch observed = new CountDownLatch(1);
        LoopbackServer server = closeAfterTest(LoopbackServer.start(c -> {
            c.readRequest();
            c.respond("pooled".getBytes(StandardCharsets.UTF_8));
            closedByClient.set(c.awaitClosedByClient());
            observed.countDown();
        }));
        Transport transport = open(Contract.OPTIONS);
        assertThat(bodyOf(transport.execute(get(server.url("/pooled"))))).isEqualTo("pooled".getBytes(StandardCharsets.UTF_8));

        transport.close();

        assertThat(observed.await(Contract.HANG_GUARD.toMillis() * 2, TimeUnit.MILLISECONDS)).isTrue();
        assertThat(closedByClient.get()).as("the pooled connection was closed by the client").isTrue();
    }

    /** Closing twice is harmless, and a closed transport fails new asynchronous calls rather than hang. */
    @Test
    default void closeIsIdempotentAndRefusesNewCalls() {
        wireMock().stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("x")));
        Transport transport = open(Contract.OPTIONS);
        transport.close();
        transport.close();

        assertThat(asyncFailure(transport.executeAsync(get(url("/after-close"))))).isNotNull();
    }
}
