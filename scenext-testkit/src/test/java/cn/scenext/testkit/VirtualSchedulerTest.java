package cn.scenext.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.scenext.api.GenerateVideoRequest;
import cn.scenext.api.TaskId;
import cn.scenext.api.TaskStatus;
import cn.scenext.api.transport.HttpRequest;
import cn.scenext.api.transport.HttpResponse;
import cn.scenext.api.transport.Transport;
import cn.scenext.api.transport.TransportOptions;
import cn.scenext.core.ScenextClient;
import cn.scenext.core.poll.WaitOptions;
import cn.scenext.core.schedule.Scheduler;
import cn.scenext.okhttp.OkHttpTransport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

class VirtualSchedulerTest {
    private static final HttpRequest REQUEST = HttpRequest.builder().get(java.net.URI.create("http://127.0.0.1/")).build();

    private final VirtualScheduler time = new VirtualScheduler();

    @Test
    void runsActionsInTimeOrderAndMovesTheClock() {
        List<String> ran = new ArrayList<>();
        time.schedule(() -> ran.add("b@" + time.elapsed().getSeconds()), Duration.ofSeconds(20));
        time.schedule(() -> ran.add("a@" + time.elapsed().getSeconds()), Duration.ofSeconds(10));
        time.schedule(() -> ran.add("c@" + time.elapsed().getSeconds()), Duration.ofHours(1));

        time.advanceBy(Duration.ofMinutes(30));

        assertThat(ran).containsExactly("a@10", "b@20");
        assertThat(time.elapsed()).isEqualTo(Duration.ofMinutes(30));
        assertThat(time.pendingActions()).isEqualTo(1);
    }

    @Test
    void actionsDueAtTheSameInstantRunInTheOrderTheyWereScheduled() {
        List<Integer> ran = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int n = i;
            time.schedule(() -> ran.add(n), Duration.ofSeconds(1));
        }
        time.advanceBy(Duration.ofSeconds(1));

        assertThat(ran).containsExactly(0, 1, 2, 3, 4);
    }

    @Test
    void anActionScheduledByAnActionRunsInTheSameDriveWhenDue() {
        List<String> ran = new ArrayList<>();
        time.schedule(() -> {
            ran.add("first@" + time.elapsed());
            time.schedule(() -> ran.add("second@" + time.elapsed()), Duration.ofMinutes(1));
        }, Duration.ofMinutes(1));

        time.advanceBy(Duration.ofMinutes(5));

        assertThat(ran).containsExactly("first@PT1M", "second@PT2M");
    }

    @Test
    void aCancelledActionDoesNotRun() {
        List<String> ran = new ArrayList<>();
        Scheduler.Cancellable c = time.schedule(() -> ran.add("x"), Duration.ofSeconds(1));

        assertThat(c.cancel()).isTrue();
        assertThat(c.cancel()).isFalse();
        time.advanceBy(Duration.ofSeconds(5));

        assertThat(ran).isEmpty();
        assertThat(time.pendingActions()).isZero();
    }

    @Test
    void drivesUntilAFutureCompletes() {
        CompletableFuture<String> f = new CompletableFuture<>();
        time.schedule(() -> f.complete("done at " + time.elapsed()), Duration.ofMinutes(30));

        assertThat(time.runUntilDone(f)).isEqualTo("done at PT30M");
    }

    @Test
    void aFailedFutureComesOutAsCompletionException() {
        CompletableFuture<String> f = new CompletableFuture<>();
        IllegalStateException cause = new IllegalStateException("boom");
        time.schedule(() -> f.completeExceptionally(cause), Duration.ofSeconds(3));

        assertThatThrownBy(() -> time.runUntilDone(f)).isInstanceOf(CompletionException.class).hasCause(cause);
    }

    @Test
    void anExceptionFromAnActionComesOutOfTheDrive() {
        time.schedule(() -> {
            throw new IllegalArgumentException("from the action");
        }, Duration.ofSeconds(1));

        assertThatThrownBy(() -> time.advanceBy(Duration.ofSeconds(2))).hasMessage("from the action");
    }

    @Test
    void theClockAndNowFollowVirtualTime() {
        Instant start = Instant.parse("2026-12-01T10:00:00Z");
        VirtualScheduler t = new VirtualScheduler(start);
        Clock clock = t.clock();

        t.advanceBy(Duration.ofMinutes(90));

        assertThat(t.now()).isEqualTo(Instant.parse("2026-12-01T11:30:00Z"));
        assertThat(clock.instant()).isEqualTo(t.now());
        assertThat(clock.getZone()).isEqualTo(ZoneId.of("Z"));
        Clock paris = clock.withZone(ZoneId.of("Europe/Paris"));
        assertThat(paris.getZone()).isEqualTo(ZoneId.of("Europe/Paris"));
        assertThat(paris.instant()).isEqualTo(t.now());
        assertThat(new VirtualScheduler().now()).isEqualTo(VirtualScheduler.DEFAULT_START);
    }

    @Test
    void timeWaitsForTrackedWorkBeforeJumping() throws Exception {
        Runnable work = time.beginWork();
        List<String> ran = Collections.synchronizedList(new ArrayList<>());
        time.schedule(() -> ran.add("timer"), Duration.ofMinutes(1));
        Thread worker = new Thread(() -> {
            ran.add("work");
            work.run();
            work.run(); // a second end changes nothing
        });

        worker.start();
        time.advanceBy(Duration.ofMinutes(2));
        worker.join();

        assertThat(ran).containsExactly("work", "timer");
    }

    @Test
    void anAsynchronousExchangeInFlightIsNeverOvertakenByATimer() throws Exception {
        CompletableFuture<HttpResponse> inFlight = new CompletableFuture<>();
        CountDownLatch sent = new CountDownLatch(1);
        Transport tracked = time.tracking(new FakeTransport() {
            @Override
            public CompletableFuture<HttpResponse> executeAsync(HttpRequest request) {
                sent.countDown();
                return inFlight;
            }
        });
        List<String> ran = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<HttpResponse> call = tracked.executeAsync(REQUEST);
        call.whenComplete((r, e) -> ran.add("response handled"));
        time.schedule(() -> ran.add("timeout"), Duration.ofSeconds(30));
        sent.await();
        Thread responder = new Thread(() -> inFlight.completeExceptionally(new IllegalStateException("refused")));

        responder.start();
        time.advanceBy(Duration.ofMinutes(1));
        responder.join();

        assertThat(ran).containsExactly("response handled", "timeout");
        assertThat(tracked.name()).isEqualTo("fake");
    }

    @Test
    void cancellingATrackedExchangeEndsItsWorkAndCancelsTheRealOne() {
        CompletableFuture<HttpResponse> inFlight = new CompletableFuture<>();
        Transport tracked = time.tracking(new FakeTransport() {
            @Override
            public CompletableFuture<HttpResponse> executeAsync(HttpRequest request) {
                return inFlight;
            }
        });
        CompletableFuture<HttpResponse> call = tracked.executeAsync(REQUEST);

        call.cancel(true);
        time.advanceBy(Duration.ofHours(1)); // would fail on the hang guard if the work had not ended

        assertThat(inFlight).isCancelled();
        assertThat(time.elapsed()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void sleepReturnsWhenAnotherThreadDrivesPastIt() {
        CompletableFuture<Duration> slept = CompletableFuture.supplyAsync(() -> {
            try {
                time.sleep(Duration.ofSeconds(90));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return time.elapsed();
        });

        assertThat(time.runUntilDone(slept)).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void sleepingZeroReturnsAtOnceAndAnInterruptedSleepLeavesNoWakeUp() throws Exception {
        time.sleep(Duration.ZERO);
        time.sleep(Duration.ofSeconds(-1));
        assertThat(time.pendingActions()).isZero();

        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread sleeper = new Thread(() -> {
            try {
                time.sleep(Duration.ofHours(1));
                outcome.complete(null);
            } catch (InterruptedException e) {
                outcome.complete(e);
            }
        });
        sleeper.start();
        while (time.pendingActions() == 0) {
            Thread.onSpinWait();
        }
        sleeper.interrupt();

        assertThat(outcome.get()).isInstanceOf(InterruptedException.class);
        assertThat(time.pendingActions()).isZero();
    }

    @Test
    void aClosedSchedulerRefusesWorkAndADriveOnItEnds() {
        time.schedule(() -> { }, Duration.ofSeconds(1));
        time.close();
        time.close();

        assertThat(time.isClosed()).isTrue();
        assertThat(time.pendingActions()).isZero();
        assertThat(time.toString()).contains("closed");
        assertThatThrownBy(() -> time.schedule(() -> { }, Duration.ZERO))
                .isInstanceOf(RejectedExecutionException.class);
        assertThatThrownBy(() -> time.runUntilDone(new CompletableFuture<>()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void aDriveThatCannotProgressFailsOnTheHangGuardNamingTheState() {
        VirtualScheduler t = new VirtualScheduler(VirtualScheduler.DEFAULT_START, Duration.ofMillis(50));
        t.beginWork();

        assertThatThrownBy(() -> t.advanceBy(Duration.ofSeconds(1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Virtual time is stuck at PT0S: 1 tracked exchanges still run, and nothing happened for PT0.05S");
        VirtualScheduler idle = new VirtualScheduler(VirtualScheduler.DEFAULT_START, Duration.ofMillis(50));
        assertThatThrownBy(() -> idle.runUntilDone(new CompletableFuture<>()))
                .hasMessageContaining("nothing is scheduled and the future is not done");
    }

    @Test
    void badArgumentsAreRefusedWithTheirName() {
        assertThatThrownBy(() -> new VirtualScheduler(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("start");
        assertThatThrownBy(() -> new VirtualScheduler(Instant.EPOCH, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hangGuard");
        assertThatThrownBy(() -> time.advanceBy(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> time.schedule(null, Duration.ZERO)).hasMessage("action");
        assertThatThrownBy(() -> time.tracking(null)).hasMessage("transport");
    }

    @Test
    void aHugeDelaySaturatesInsteadOfOverflowing() {
        List<String> ran = new ArrayList<>();
        time.schedule(() -> ran.add("never"), Duration.ofSeconds(Long.MAX_VALUE));
        time.schedule(() -> ran.add("soon"), Duration.ofSeconds(1));

        time.advanceBy(Duration.ofDays(365 * 10));

        assertThat(ran).containsExactly("soon");
    }

    /** The README's example: a task of 30 minutes, polled every 30 seconds, awaited in milliseconds. */
    @Test
    void aThirtyMinuteTaskIsAwaitedOnVirtualTime() {
        try (ScenextSimulator sim = ScenextSimulator.builder().clock(time.clock())
                .taskDuration(Duration.ofMinutes(30)).start();
             Transport transport = OkHttpTransport.create(TransportOptions.defaults());
             ScenextClient client = sim.newClient().transport(time.tracking(transport)).scheduler(time).build()) {
            TaskId id = client.generateVideo(GenerateVideoRequest.ofQuestion("What is 1 + 1?"));
            TaskStatus done = time.runUntilDone(client.waitForCompletionAsync(id, WaitOptions.defaults()));

            assertThat(done.isCompleted()).isTrue();
            assertThat(time.elapsed()).isBetween(Duration.ofMinutes(30), Duration.ofMinutes(31));
            // Polls at 0 s, then every 30 s ±10% until the first at or after 30 min: 56 (every interval 33 s) to
            // 68 (every one 27 s), whatever the draws; 60 to 62 only for 98.7% of runs.
            assertThat(sim.requests(Endpoint.GET_STATUS).size()).isBetween(56, 68);
        }
    }

    /** A transport that fails every call unless a test overrides it. */
    private abstract static class FakeTransport implements Transport {
        @Override
        public HttpResponse execute(HttpRequest request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String name() {
            return "fake";
        }

        @Override
        public void close() {
        }
    }
}
