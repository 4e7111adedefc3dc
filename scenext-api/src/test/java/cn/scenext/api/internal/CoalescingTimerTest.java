package cn.scenext.api.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CoalescingTimerTest {
    /** The wake-ups asked for, run by hand; the clock is moved by hand. */
    static final class ManualWaker implements CoalescingTimer.Waker {
        final AtomicLong now = new AtomicLong(1_000);
        final List<Wake> wakes = new ArrayList<>();

        @Override
        public ScheduledFuture<?> wakeIn(Runnable sweep, long delayNanos) {
            Wake w = new Wake(sweep, now.get() + delayNanos);
            wakes.add(w);
            return w;
        }

        List<Wake> armed() {
            List<Wake> armed = new ArrayList<>();
            for (Wake w : wakes) {
                if (!w.isDone()) {
                    armed.add(w);
                }
            }
            return armed;
        }

        /** Moves the clock to the earliest armed wake-up and runs it. */
        void runNext() {
            Wake next = null;
            for (Wake w : armed()) {
                if (next == null || w.at < next.at) {
                    next = w;
                }
            }
            assertThat((Object) next).as("an armed wake-up").isNotNull();
            now.set(Math.max(now.get(), next.at));
            next.complete(null);
            next.sweep.run();
        }
    }

    static final class Wake extends CompletableFuture<Void> implements ScheduledFuture<Void> {
        final Runnable sweep;
        final long at;

        Wake(Runnable sweep, long at) {
            this.sweep = sweep;
            this.at = at;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return 0;
        }

        @Override
        public int compareTo(Delayed o) {
            return 0;
        }
    }

    @Test
    void laterDeadlinesDoNotWakeTheThreadAgain() {
        ManualWaker waker = new ManualWaker();
        CoalescingTimer timer = new CoalescingTimer(waker, waker.now::get);
        for (int i = 0; i < 100; i++) { // calls one after another, each under a 60 s timeout
            CoalescingTimer.Timeout t = timer.schedule(() -> { }, 60_000);
            waker.now.addAndGet(10);
            assertThat(t.cancel()).isTrue();
        }
        assertThat(waker.wakes).hasSize(1);
        assertThat(timer.pending()).isZero();
    }

    @Test
    void anEarlierDeadlineReplacesTheWakeUp() {
        ManualWaker waker = new ManualWaker();
        CoalescingTimer timer = new CoalescingTimer(waker, waker.now::get);
        timer.schedule(() -> { }, 60_000);
        timer.schedule(() -> { }, 5_000);
        assertThat(waker.wakes).hasSize(2);
        assertThat(waker.wakes.get(0).isCancelled()).isTrue();
        assertThat(waker.armed()).singleElement().satisfies(w -> assertThat(w.at).isEqualTo(1_000 + 5_000));
    }

    @Test
    void aWakeUpRunsWhatIsDueInOrderAndArmsForTheRest() {
        ManualWaker waker = new ManualWaker();
        CoalescingTimer timer = new CoalescingTimer(waker, waker.now::get);
        List<String> ran = new ArrayList<>();
        timer.schedule(() -> ran.add("b"), 200);
        timer.schedule(() -> ran.add("a"), 100);
        CoalescingTimer.Timeout cancelled = timer.schedule(() -> ran.add("cancelled"), 150);
        timer.schedule(() -> ran.add("later"), 10_000);
        assertThat(cancelled.cancel()).isTrue();

        waker.now.set(1_000 + 250); // late, as a busy thread wakes: both due ones run, in deadline order
        Wake armed = waker.armed().get(0);
        armed.complete(null); // it has run: no longer armed
        armed.sweep.run();
        assertThat(ran).containsExactly("a", "b");
        assertThat(timer.pending()).isEqualTo(1);
        assertThat(waker.armed()).extracting(w -> w.at).contains(1_000 + 10_000L);

        waker.runNext();
        assertThat(ran).containsExactly("a", "b", "later");
        assertThat(timer.pending()).isZero();
        assertThat(cancelled.cancel()).isFalse();
    }

    @Test
    void anEarlyWakeUpRunsNothingAndWaitsForTheDeadline() {
        ManualWaker waker = new ManualWaker();
        CoalescingTimer timer = new CoalescingTimer(waker, waker.now::get);
        List<String> ran = new ArrayList<>();
        CoalescingTimer.Timeout first = timer.schedule(() -> ran.add("first"), 100);
        timer.schedule(() -> ran.add("second"), 1_000); // no new wake-up: the first's comes sooner
        assertThat(first.cancel()).isTrue();
        waker.runNext(); // the wake-up for the cancelled one: nothing due yet
        assertThat(ran).isEmpty();
        waker.runNext();
        assertThat(ran).containsExactly("second");
        assertThat(waker.wakes).hasSize(2);
    }

    @Test
    void oneFailingActionDoesNotStopTheOthers() {
        ManualWaker waker = new ManualWaker();
        CoalescingTimer timer = new CoalescingTimer(waker, waker.now::get);
        List<String> ran = new ArrayList<>();
        timer.schedule(() -> {
            throw new IllegalStateException("boom");
        }, 10);
        timer.schedule(() -> ran.add("next"), 20);
        waker.now.addAndGet(30);
        waker.runNext();
        assertThat(ran).containsExactly("next");
    }

    @Test
    void anActionMaySetTheNextTimeout() {
        ManualWaker waker = new ManualWaker();
        CoalescingTimer timer = new CoalescingTimer(waker, waker.now::get);
        List<Long> ranAt = new ArrayList<>();
        timer.schedule(new Runnable() {
            int left = 2;

            @Override
            public void run() {
                ranAt.add(waker.now.get());
                if (left-- > 0) {
                    timer.schedule(this, 100);
                }
            }
        }, 100);
        waker.runNext();
        waker.runNext();
        waker.runNext();
        assertThat(ranAt).containsExactly(1_100L, 1_200L, 1_300L);
        assertThat(waker.armed()).isEmpty();
    }

    @Test
    void onARealExecutorATimeoutFiresAndAShutDownOneSetsNone() throws InterruptedException {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1);
        try {
            CoalescingTimer timer = new CoalescingTimer(executor);
            CountDownLatch fired = new CountDownLatch(1);
            timer.schedule(fired::countDown, TimeUnit.MILLISECONDS.toNanos(1));
            assertThat(fired.await(30, TimeUnit.SECONDS)).isTrue();
            executor.shutdownNow();
            CoalescingTimer.Timeout t = timer.schedule(() -> { }, 1);
            assertThat(timer.pending()).isEqualTo(1); // kept; whoever shut the executor down ends what it timed
            assertThat(t.cancel()).isTrue();
        } finally {
            executor.shutdownNow();
        }
    }
}
