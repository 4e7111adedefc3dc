package cn.scenext.core.poll;

import cn.scenext.core.internal.poll.TaskWaiter;
import static cn.scenext.core.testing.SignedEvents.SENT;
import static cn.scenext.core.testing.SignedEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import cn.scenext.api.TaskId;
import cn.scenext.api.TaskStatus;
import cn.scenext.core.internal.http.Redactor;
import cn.scenext.core.schedule.VirtualScheduler;
import cn.scenext.core.testing.MutableClock;
import cn.scenext.core.testing.ProgressRecorder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Webhook events racing polls and each other on real threads, many rounds each: a wait ends exactly once, its
 * listener sees each frame once and nothing after the end, and nothing is left scheduled.
 */
class WebhookRaceTest {
    /** Rounds per race; more with -Dscenext.raceRounds=N. */
    private static final int ROUNDS = Integer.getInteger("scenext.raceRounds", 300);
    private static final TaskId ID = TaskId.of("12345");
    private static final Instant AT = Instant.ofEpochSecond(SENT);

    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private final List<CompletableFuture<TaskStatus>> reads = new CopyOnWriteArrayList<>();
    private VirtualScheduler time;
    private TaskWaiter waiter;

    @BeforeEach
    void start() {
        newWaiter();
    }

    @AfterEach
    void stop() {
        waiter.close();
        threads.shutdownNow();
    }

    private void newWaiter() {
        reads.clear();
        time = new VirtualScheduler();
        waiter = new TaskWaiter((id, deadline) -> {
            CompletableFuture<TaskStatus> read = new CompletableFuture<>();
            reads.add(read);
            return read;
        }, time, 0, new Redactor("test-key-123"), 10, Duration.ofMinutes(5), new MutableClock(AT));
    }

    /** One round's wait, with what its listener had seen when its future completed. */
    private static final class Round {
        final ProgressRecorder progress = new ProgressRecorder();
        final AtomicInteger completions = new AtomicInteger();
        final AtomicReference<List<String>> seenAtCompletion = new AtomicReference<>();
        CompletableFuture<TaskStatus> wait;
    }

    /** Starts a wait and lets its first poll go out: {@code reads.get(0)} is the poll in flight. */
    private Round startRound(WaitOptions.Builder options) {
        newWaiter();
        Round round = new Round();
        round.wait = waiter.waitForCompletionAsync(ID, options.progressListener(round.progress).build());
        round.wait.whenComplete((s, e) -> {
            round.completions.incrementAndGet();
            round.seenAtCompletion.set(round.progress.events());
        });
        time.advanceBy(Duration.ZERO);
        assertThat(reads).hasSize(1);
        return round;
    }

    /** Runs the actions on separate threads, released together. */
    private <T> List<T> together(List<Supplier<T>> actions) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        for (Supplier<T> action : actions) {
            futures.add(threads.submit(() -> {
                go.await();
                return action.get();
            }));
        }
        go.countDown();
        List<T> results = new ArrayList<>();
        for (Future<T> f : futures) {
            results.add(f.get(30, TimeUnit.SECONDS));
        }
        return results;
    }

    private static TaskStatus polled(String state) {
        return event(state, 2, SENT).toTaskStatus().toBuilder().title("polled").build();
    }

    @Test
    void terminalEventAndTerminalPollTogetherEndTheWaitOnce() throws Exception {
        TaskStatus pushed = event("COMPLETED", 2, SENT).toTaskStatus();
        TaskStatus fromPoll = polled("COMPLETED");
        for (int i = 0; i < ROUNDS; i++) {
            Round round = startRound(WaitOptions.builder());

            List<Object> results = together(List.of(
                    () -> reads.get(0).complete(fromPoll),
                    () -> waiter.offer(pushed, AT)));

            assertThat(round.wait.join()).isIn(pushed, fromPoll);
            WaitUpdate update = (WaitUpdate) results.get(1);
            assertThat(update).as("ENDED, or after the poll ended the wait: IGNORED or KEPT").isIn(WaitUpdate.ENDED,
                    WaitUpdate.IGNORED, WaitUpdate.KEPT);
            assertThat(round.wait.join()).isEqualTo(update == WaitUpdate.ENDED ? pushed : fromPoll);
            assertEndedOnce(round, "COMPLETED");
        }
    }

    @Test
    void terminalEventAndRunningPollTogetherReportEachFrameOnce() throws Exception {
        TaskStatus pushed = event("COMPLETED", 2, SENT).toTaskStatus();
        for (int i = 0; i < ROUNDS; i++) {
            Round round = startRound(WaitOptions.builder());

            together(List.of(() -> reads.get(0).complete(polled("IN_PROGRESS")), () -> waiter.offer(pushed, AT)));

            assertThat(round.wait.join()).isEqualTo(pushed);
            assertEndedOnce(round, "COMPLETED");
        }
    }

    @Test
    void manyReceiversDeliveringTheSameEndEndTheWaitOnce() throws Exception {
        TaskStatus pushed = event("FAILED", 2, SENT).toTaskStatus();
        for (int i = 0; i < ROUNDS; i++) {
            Round round = startRound(WaitOptions.builder().throwOnTaskFailure(false));
            List<Supplier<WaitUpdate>> receivers = new ArrayList<>();
            for (int r = 0; r < 4; r++) {
                receivers.add(() -> waiter.offer(pushed, AT));
            }

            List<WaitUpdate> updates = together(receivers);

            assertThat(updates).containsOnlyOnce(WaitUpdate.ENDED);
            assertThat(round.wait.join()).isEqualTo(pushed);
            assertThat(reads.get(0)).isCancelled();
            assertEndedOnce(round, "FAILED");
        }
    }

    @Test
    void progressEventsAndPollsTogetherReportEachFrameOnceAndGoOn() throws Exception {
        for (int i = 0; i < ROUNDS; i++) {
            Round round = startRound(WaitOptions.builder());

            together(List.of(
                    () -> reads.get(0).complete(polled("IN_PROGRESS")),
                    () -> waiter.offer(event("IN_PROGRESS", 1, SENT).toTaskStatus(), AT),
                    () -> waiter.offer(event("IN_PROGRESS", 2, SENT + 1).toTaskStatus(), AT.plusSeconds(1))));

            assertThat(round.wait).isNotDone();
            assertThat(round.progress.of("frame")).containsExactly("frame frame1 #1", "frame frame2 #2");
            assertThat(round.progress.of("state")).containsExactly("state IN_PROGRESS");
            assertThat(time.pendingActions()).as("the next poll and the deadline").isEqualTo(2);
            waiter.close();
            assertThat(round.completions).hasValue(1);
        }
    }

    @Test
    void withRefreshAnEventRacingAPollMakesExactlyOneMoreRead() throws Exception {
        TaskStatus pushed = event("COMPLETED", 2, SENT).toTaskStatus();
        TaskStatus full = polled("COMPLETED");
        for (int i = 0; i < ROUNDS; i++) {
            Round round = startRound(WaitOptions.builder().refreshStatusOnWebhook(true));

            together(List.of(() -> reads.get(0).complete(polled("IN_PROGRESS")), () -> waiter.offer(pushed, AT)));

            assertThat(reads).as("the poll, then one refresh").hasSize(2);
            assertThat(round.wait).isNotDone();
            reads.get(1).complete(full);

            assertThat(round.wait.join()).isEqualTo(full);
            assertThat(reads).hasSize(2);
            assertThat(round.progress.of("status")).endsWith("status COMPLETED", "status COMPLETED");
            assertEndedOnce(round, "COMPLETED");
        }
    }

    private void assertEndedOnce(Round round, String state) {
        assertThat(round.completions).hasValue(1);
        assertThat(round.progress.events()).isEqualTo(round.seenAtCompletion.get());
        assertThat(round.progress.of("state")).containsOnlyOnce("state " + state).endsWith("state " + state);
        assertThat(round.progress.of("frame")).containsExactly("frame frame1 #1", "frame frame2 #2");
        assertThat(waiter.activeWaits()).isZero();
        assertThat(time.pendingActions()).isZero();
    }
}
