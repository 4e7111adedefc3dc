package cn.scenext.tck;

import static cn.scenext.tck.Contract.await;
import static cn.scenext.tck.Contract.bodyOf;
import static cn.scenext.tck.Contract.get;
import static org.assertj.core.api.Assertions.assertThat;

import cn.scenext.api.transport.HttpResponse;
import cn.scenext.api.transport.Transport;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Asynchronous calls: they return at once, complete on the transport's own threads, can be cancelled, and
 * keep no more exchanges in flight than the options allow.
 */
public interface AsyncContract extends ContractFixture {

    /**
     * {@code executeAsync} returns while the server still holds the response back, and the future completes on a
     * thread of the transport, not the caller's.
     */
    @Test
    default void asyncCallReturnsAtOnceAndCompletesOnTransportThread() throws Exception {
        CountDownLatch requestArrived = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        LoopbackServer server = closeAfterTest(LoopbackServer.start(c -> {
            c.readRequest();
            requestArrived.countDown();
            release.await(Contract.HANG_GUARD.toMillis(), TimeUnit.MILLISECONDS);
            c.respond("released".getBytes(StandardCharsets.UTF_8));
        }));
        AtomicReference<Thread> completedOn = new AtomicReference<>();
        CountDownLatch completed = new CountDownLatch(1);

        CompletableFuture<HttpResponse> future = transport().executeAsync(get(server.url("/held")));
        future.whenComplete((r, e) -> {
            completedOn.set(Thread.currentThread());
            completed.countDown();
        });

        assertThat(requestArrived.await(Contract.HANG_GUARD.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        assertThat(future).isNotDone();
        release.countDown();
        // Wait on the latch, not on the future: a thread blocked in get() may itself run the dependent action.
        assertThat(completed.await(Contract.HANG_GUARD.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        assertThat(completedOn.get()).isNotSameAs(Thread.currentThread());
        assertThat(new String(bodyOf(await(future)), StandardCharsets.UTF_8)).isEqualTo("released");
    }

    /** Cancelling the future aborts the exchange: the server sees the connection closed. */
    @Test
    default void cancellingTheFutureAbortsTheExchange() throws Exception {
        CountDownLatch requestArrived = new CountDownLatch(1);
        AtomicReference<Boolean> closedByClient = new AtomicReference<>();
        CountDownLatch observed = new CountDownLatch(1);
        LoopbackServer server = closeAfterTest(LoopbackServer.start(c -> {
            c.readRequest();
            requestArrived.countDown();
            closedByClient.set(c.awaitClosedByClient());
            observed.countDown();
        }));

        CompletableFuture<HttpResponse> future = transport().executeAsync(get(server.url("/never")));
        assertThat(requestArrived.await(Contract.HANG_GUARD.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        assertThat(future.cancel(true)).isTrue();

        assertThat(observed.await(Contract.HANG_GUARD.toMillis() * 2, TimeUnit.MILLISECONDS)).isTrue();
        assertThat(closedByClient.get()).as("the connection was closed by the client").isTrue();
        assertThat(future).isCancelled();
    }

    /**
     * No more exchanges are in flight at once than {@code maxConcurrentRequests}; the others wait their turn
     * and all complete.
     */
    @Test
    default void asyncCallsBeyondTheLimitWaitTheirTurn() throws Exception {
        int limit = 2;
        int calls = 6;
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger mostInFlight = new AtomicInteger();
        Semaphore arrived = new Semaphore(0);
        Semaphore release = new Semaphore(0);
        LoopbackServer server = closeAfterTest(LoopbackServer.start(c -> {
            while (c.readRequest().isPresent()) {
                mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                arrived.release();
                release.tryAcquire(Contract.HANG_GUARD.toMillis(), TimeUnit.MILLISECONDS);
                inFlight.decrementAndGet();
                c.respond("one".getBytes(StandardCharsets.UTF_8));
            }
        }));
        Transport transport = open(Contract.OPTIONS.toBuilder().maxConcurrentRequests(limit).build());

        List<CompletableFuture<HttpResponse>> futures = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            futures.add(transport.executeAsync(get(server.url("/queued/" + i))));
        }
        int seen = 0;
        for (int released = 0; released < calls; released++) {
            int due = Math.min(calls, limit + released) - seen; // the calls the server must hold by now
            assertThat(arrived.tryAcquire(due, Contract.HANG_GUARD.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
            seen += due;
            release.release();
        }
        for (CompletableFuture<HttpResponse> f : futures) {
            assertThat(bodyOf(await(f))).isEqualTo("one".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(mostInFlight.get()).isEqualTo(limit);
    }
}
