package cn.scenext.core.poll;

import static cn.scenext.core.testing.Fixtures.inProgress;
import static cn.scenext.core.testing.Fixtures.read;
import static cn.scenext.core.testing.ScriptedServer.json;
import static cn.scenext.core.testing.ScriptedServer.ok;
import static cn.scenext.core.testing.SignedEvents.SENT;
import static cn.scenext.core.testing.SignedEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import cn.scenext.api.Frame;
import cn.scenext.api.TaskId;
import cn.scenext.api.TaskStatus;
import cn.scenext.api.exception.ClientClosedException;
import cn.scenext.api.exception.TaskFailedException;
import cn.scenext.api.exception.TaskNotFoundException;
import cn.scenext.api.exception.WaitTimeoutException;
import cn.scenext.core.Attempt;
import cn.scenext.core.ClientState;
import cn.scenext.core.Interceptor;
import cn.scenext.core.ScenextClient;
import cn.scenext.core.poll.ObservedWait.EndedBy;
import cn.scenext.core.poll.ObservedWait.Outcome;
import cn.scenext.core.schedule.VirtualScheduler;
import cn.scenext.core.testing.LogCapture;
import cn.scenext.core.testing.MutableClock;
import cn.scenext.core.testing.ScriptedServer;
import cn.scenext.core.testing.VirtualTimeApi;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The client-wide {@link WaitObserver}: every wait told from start to end, with its polls, frames, how it
 * ended and a webhook's lag, in virtual time against a scripted API; and {@link ScenextClient#state()}.
 */
class WaitObserverTest {
    private static final TaskId ID = TaskId.of("12345");
    private static final String STATUS_PATH = "/api/get_status/12345";

    private final VirtualTimeApi env = new VirtualTimeApi();
    private final ScriptedServer api = env.api();
    private final VirtualScheduler time = env.time();
    private final MutableClock clock = new MutableClock(Instant.ofEpochSecond(SENT));
    private final Recorder recorder = new Recorder();
    private ScenextClient client = client(b -> { });

    @AfterEach
    void stop() {
        env.close();
    }

    private ScenextClient client(Consumer<ScenextClient.Builder> more) {
        return env.client(b -> more.accept(b.clock(clock).addWaitObserver(recorder)));
    }

    @Test
    void waitEndedByAPollIsToldFromStartToEndWithItsPollsAndFrames() {
        api.script(STATUS_PATH, ok(inProgress(1)), ok(inProgress(2)), ok(read("get_status-completed.json")));

        TaskStatus done = time.runUntilDone(client.waitForCompletionAsync(ID));

        assertThat(recorder.events).containsExactly("started polls=0", "sent polls=1", "answered IN_PROGRESS",
                "frame frame1 #1", "sent polls=2", "answered IN_PROGRESS", "frame frame2 #2", "sent polls=3",
                "answered COMPLETED", "ended COMPLETED by POLL polls=3 frames=2");
        ObservedWait end = recorder.last();
        assertThat(end.isEnded()).isTrue();
        assertThat(end.taskId()).isEqualTo(ID);
        assertThat(end.status()).contains(done);
        assertThat(end.failure()).isEmpty();
        assertThat(end.webhookLag()).isEmpty();
        assertThat(end.elapsed()).isEqualTo(time.elapsed());
        assertThat(recorder.ids()).containsOnly(end.id());
    }

    @Test
    void waitEndedByAWebhookCarriesTheLagFromTheEventsTimestampToItsReceipt() {
        api.script(STATUS_PATH, ok(inProgress(1)));
        CompletableFuture<TaskStatus> wait = client.waitForCompletionAsync(ID);
        time.advanceBy(Duration.ZERO);
        clock.advance(Duration.ofMillis(2500));

        client.webhooks().accept(event("COMPLETED", 2, SENT));

        assertThat(wait).isDone();
        assertThat(recorder.events).endsWith("webhook COMPLETED lag=2500ms", "frame frame2 #2",
                "ended COMPLETED by WEBHOOK polls=1 frames=2");
        assertThat(recorder.last().webhookLag()).contains(Duration.ofMillis(2500));
    }

    @Test
    void webhookThatArrivedBeforeTheWaitEndsItByWebhookWithTheLagOfItsReceipt() {
        client.webhooks().accept(event("COMPLETED", 1, SENT - 1));
        clock.advance(Duration.ofMinutes(1));

        TaskStatus done = client.waitForCompletionAsync(ID).join();

        assertThat(done.isTerminal()).isTrue();
        assertThat(recorder.last().endedBy()).contains(EndedBy.WEBHOOK);
        assertThat(recorder.last().webhookLag()).contains(Duration.ofSeconds(1));
        assertThat(recorder.last().polls()).isZero();
    }

    @Test
    void refreshAfterAWebhookCountsAsARequestAndTheWaitIsStillEndedByTheWebhook() {
        api.script(STATUS_PATH, ok(inProgress(1)), ok(read("get_status-completed.json")));
        CompletableFuture<TaskStatus> wait = client.waitForCompletionAsync(ID,
                WaitOptions.builder().refreshStatusOnWebhook(true).build());
        time.advanceBy(Duration.ZERO);

        client.webhooks().accept(event("COMPLETED", 2, SENT));
        time.runUntilDone(wait);

        assertThat(recorder.last().endedBy()).contains(EndedBy.WEBHOOK);
        assertThat(recorder.last().outcome()).contains(Outcome.COMPLETED);
        assertThat(recorder.last().polls()).isEqualTo(2);
    }

    @Test
    void failedTaskEndsAsFailedWhetherOrNotTheWaitThrows() {
        api.script(STATUS_PATH, ok(read("get_status-failed.json")));
        CompletableFuture<TaskStatus> throwing = client.waitForCompletionAsync(ID,
                WaitOptions.builder().throwOnTaskFailure(true).build());
        time.advanceBy(Duration.ZERO);
        CompletableFuture<TaskStatus> returning = client.waitForCompletionAsync(ID,
                WaitOptions.builder().throwOnTaskFailure(false).build());
        time.advanceBy(Duration.ZERO);

        assertThat(throwing).isCompletedExceptionally();
        assertThat(returning.join().isFailed()).isTrue();
        assertThat(recorder.ends()).extracting(w -> w.outcome().get()).containsExactly(Outcome.FAILED, Outcome.FAILED);
        assertThat(recorder.ends().get(0).failure()).containsInstanceOf(TaskFailedException.class);
        assertThat(recorder.ends().get(1).failure()).isEmpty();
    }

    @Test
    void timeoutCancelCloseAndAFinalPollErrorEachSayHowTheWaitEnded() {
        api.script(STATUS_PATH, ok(inProgress(1)));
        CompletableFuture<TaskStatus> timingOut = client.waitForCompletionAsync(ID,
                WaitOptions.builder().timeout(Duration.ofMinutes(1)).build());
        time.runUntilDone(timingOut.handle((s, e) -> e));
        CompletableFuture<TaskStatus> cancelled = client.waitForCompletionAsync(ID);
        time.advanceBy(Duration.ZERO);
        cancelled.cancel(true);
        CompletableFuture<TaskStatus> closing = client.waitForCompletionAsync(ID);
        time.advanceBy(Duration.ZERO);
        client.close();

        assertThat(recorder.ends()).extracting(w -> w.outcome().get() + " " + w.endedBy().get())
                .containsExactly("TIMEOUT TIMEOUT", "CANCELLED CANCEL", "CLOSED CLOSE");
        assertThat(recorder.ends().get(0).failure()).containsInstanceOf(WaitTimeoutException.class);
        assertThat(recorder.ends().get(2).failure()).containsInstanceOf(ClientClosedException.class);
        assertThat(closing).isCompletedExceptionally();
    }

    @Test
    void pollErrorThatEndsTheWaitIsAnErrorEndedByPoll() {
        api.script(STATUS_PATH, json(404, read("get_status-not_found.json")));

        time.runUntilDone(client.waitForCompletionAsync(ID).handle((s, e) -> e));

        assertThat(recorder.events).contains("failed TaskNotFoundException");
        assertThat(recorder.last().outcome()).contains(Outcome.ERROR);
        assertThat(recorder.last().endedBy()).contains(EndedBy.POLL);
        assertThat(recorder.last().failure()).containsInstanceOf(TaskNotFoundException.class);
    }

    @Test
    void throwingObserverIsContainedAndTheNextOneStillCalled() {
        List<String> seen = new CopyOnWriteArrayList<>();
        client = client(b -> b.addWaitObserver(new WaitObserver() {
            @Override
            public void onWaitStarted(ObservedWait wait) {
                throw new AssertionError("boom in a test observer");
            }

            @Override
            public void onWaitEnded(ObservedWait wait) {
                throw new StackOverflowError();
            }
        }).addWaitObserver(new WaitObserver() {
            @Override
            public void onWaitEnded(ObservedWait wait) {
                seen.add(wait.outcome().get().name());
            }
        }));
        api.script(STATUS_PATH, ok(read("get_status-completed.json")));

        try (LogCapture log = new LogCapture()) {
            TaskStatus done = time.runUntilDone(client.waitForCompletionAsync(ID));

            assertThat(done.isTerminal()).isTrue();
            assertThat(seen).containsExactly("COMPLETED");
            assertThat(log.lines()).anySatisfy(m -> assertThat(m).startsWith("WARN").contains("onWaitStarted"))
                    .anySatisfy(m -> assertThat(m).startsWith("WARN").contains("onWaitEnded"));
        }
    }

    @Test
    void stateCountsWaitsAndCallsInFlightAndTellsAClosedClient() {
        HangingTransport hanging = new HangingTransport();
        client = client(b -> b.transport(hanging));
        assertThat(client.state()).isEqualTo(ClientState.of(true, 0, 0));

        CompletableFuture<TaskStatus> wait = client.waitForCompletionAsync(ID);
        time.advanceBy(Duration.ZERO);
        assertThat(hanging.calls()).hasSize(1);
        assertThat(client.state()).isEqualTo(ClientState.of(true, 1, 1));

        wait.cancel(true);
        assertThat(client.state()).isEqualTo(ClientState.of(true, 0, 0));
        client.close();
        assertThat(client.state().isOpen()).isFalse();
        assertThat(client.state().toString())
                .isEqualTo("ClientState{closed, waitsInFlight=0, callsInFlight=0, downloadsInFlight=0}");
    }

    @Test
    void theStatusRequestsOfAWaitCarryItsIdAndTheApplicationsOwnDoNot() {
        List<Attempt> statusCalls = new CopyOnWriteArrayList<>();
        client = client(b -> b.addInterceptor(new Interceptor() {
            @Override
            public void onCallEnd(Attempt lastAttempt) {
                statusCalls.add(lastAttempt);
            }
        }));
        api.script(STATUS_PATH, ok(inProgress(1)), ok(read("get_status-completed.json")),
                ok(read("get_status-completed.json")));

        time.runUntilDone(client.waitForCompletionAsync(ID));
        time.runUntilDone(client.getStatusAsync(ID));

        assertThat(statusCalls).hasSize(3);
        long waitId = recorder.last().id();
        assertThat(statusCalls.subList(0, 2)).allSatisfy(a -> assertThat(a.waitId()).hasValue(waitId));
        assertThat(statusCalls.get(2).waitId()).isEmpty();
    }

    /** Records observer calls as short lines, and every snapshot. */
    private static final class Recorder implements WaitObserver {
        final List<String> events = new CopyOnWriteArrayList<>();
        final List<ObservedWait> snapshots = new CopyOnWriteArrayList<>();

        @Override
        public void onWaitStarted(ObservedWait wait) {
            add(wait, "started polls=" + wait.polls());
        }

        @Override
        public void onPollSent(ObservedWait wait) {
            add(wait, "sent polls=" + wait.polls());
        }

        @Override
        public void onPollAnswered(ObservedWait wait, TaskStatus status) {
            add(wait, "answered " + status.rawStatus());
        }

        @Override
        public void onPollFailed(ObservedWait wait, Throwable failure) {
            add(wait, "failed " + failure.getClass().getSimpleName());
        }

        @Override
        public void onWebhookStatus(ObservedWait wait, TaskStatus status, Duration lag) {
            add(wait, "webhook " + status.rawStatus() + " lag=" + lag.toMillis() + "ms");
        }

        @Override
        public void onFrame(ObservedWait wait, Frame frame) {
            add(wait, "frame " + frame.id() + " #" + wait.frames());
        }

        @Override
        public void onWaitEnded(ObservedWait wait) {
            add(wait, "ended " + wait.outcome().get() + " by " + wait.endedBy().get() + " polls=" + wait.polls()
                    + " frames=" + wait.frames());
        }

        private void add(ObservedWait wait, String line) {
            snapshots.add(wait);
            events.add(line);
        }

        ObservedWait last() {
            return snapshots.get(snapshots.size() - 1);
        }

        List<ObservedWait> ends() {
            List<ObservedWait> ends = new ArrayList<>();
            for (ObservedWait w : snapshots) {
                if (w.isEnded()) {
                    ends.add(w);
                }
            }
            return ends;
        }

        List<Long> ids() {
            List<Long> ids = new ArrayList<>();
            for (ObservedWait w : snapshots) {
                ids.add(w.id());
            }
            return ids;
        }
    }
}
