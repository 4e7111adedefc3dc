package cn.scenext.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

class VirtualSchedulerTest {
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
    void aCancelledActionDoesNotRun() {
        List<String> ran = new ArrayList<>();
        Scheduler.Cancellable c = time.schedule(() -> ran.add("x"), Duration.ofSeconds(1));

        assertThat(c.cancel()).isTrue();
        time.advanceBy(Duration.ofSeconds(5));

        assertThat(ran).isEmpty();
    }

    @Test
    void drivesUntilAFutureCompletes() {
        CompletableFuture<String> f = new CompletableFuture<>();
        time.schedule(() -> f.complete("done at " + time.elapsed()), Duration.ofMinutes(30));

        assertThat(time.runUntilDone(f)).isEqualTo("done at PT30M");
    }

    @Test
    void timeWaitsForTrackedWorkBeforeJumping() throws Exception {
        Runnable work = time.beginWork();
        List<String> ran = new ArrayList<>();
        time.schedule(() -> ran.add("timer"), Duration.ofMinutes(1));
        Thread worker = new Thread(() -> {
            ran.add("work");
            work.run();
        });

        worker.start();
        time.advanceBy(Duration.ofMinutes(2));
        worker.join();

        assertThat(ran).containsExactly("work", "timer");
    }

    @Test
    void sleepReturnsWhenAnotherThreadDrivesPastIt() throws Exception {
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
    void aClosedSchedulerRefusesWork() {
        time.close();

        assertThatThrownBy(() -> time.schedule(() -> { }, Duration.ZERO))
                .isInstanceOf(RejectedExecutionException.class);
        assertThat(time.isClosed()).isTrue();
    }
}
