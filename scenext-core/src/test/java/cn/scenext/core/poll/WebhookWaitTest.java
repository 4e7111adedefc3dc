package cn.scenext.core.poll;

import static cn.scenext.core.testing.Failures.failureOf;
import static cn.scenext.core.testing.Fixtures.inProgress;
import static cn.scenext.core.testing.Fixtures.read;
import static cn.scenext.core.testing.ScriptedServer.json;
import static cn.scenext.core.testing.ScriptedServer.ok;
import static cn.scenext.core.testing.SignedEvents.SENT;
import static cn.scenext.core.testing.SignedEvents.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.scenext.api.TaskId;
import cn.scenext.api.TaskState;
import cn.scenext.api.TaskStatus;
import cn.scenext.api.exception.TaskFailedException;
import cn.scenext.api.exception.InvalidValueException;
import cn.scenext.core.RetryPolicy;
import cn.scenext.core.ScenextClient;
import cn.scenext.core.schedule.VirtualScheduler;
import cn.scenext.core.testing.MutableClock;
import cn.scenext.core.testing.ProgressRecorder;
import cn.scenext.core.testing.ScriptedServer;
import cn.scenext.core.testing.VirtualTimeApi;
import cn.scenext.core.webhook.ClientWebhooks;
import cn.scenext.core.webhook.WebhookEvent;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Waits ended by webhook events handed to {@code client.webhooks()}, against a scripted loopback API (the shared
 * MockServer) in virtual time: the request counts show what the event saved, and a wait ended by an event is done
 * before {@code accept} returns, with no virtual time passing.
 */
class WebhookWaitTest {
    private static final TaskId ID = TaskId.of("12345");
    private static final String STATUS_PATH = "/api/get_status/12345";

    private final VirtualTimeApi env = new VirtualTimeApi();
    private final ScriptedServer api = env.api();
    private final VirtualScheduler time = env.time();
    private final MutableClock clock = new MutableClock(Instant.ofEpochSecond(SENT));
    private ScenextClient client = client(b -> { });

    @AfterEach
    void stop() {
        env.close();
    }

    private ScenextClient client(Consumer<ScenextClient.Builder> more) {
        return env.client(b -> more.accept(b.clock(clock)));
    }

    private ClientWebhooks webhooks() {
        return client.webhooks();
    }

    /** Starts a wait and lets its first poll (at once, by default) answer. */
    private CompletableFuture<TaskStatus> waitAfterFirstPoll(WaitOptions options) {
        CompletableFuture<TaskStatus> wait = client.waitForCompletionAsync(ID, options);
        time.advanceBy(Duration.ZERO);
        assertThat(api.gets(STATUS_PATH)).hasSize(1);
        return wait;
    }

    @Test
    void terminalEventEndsTheWaitAtOnceWithNoFurtherStatusRequest() {
        api.script(STATUS_PATH, ok(inProgress(1)));
        ProgressRecorder progress = new ProgressRecorder();
        CompletableFuture<TaskStatus> wait = waitAfterFirstPoll(
                WaitOptions.builder().progressListener(progress).build());
        Duration before = time.elapsed();
        WebhookEvent completed = event("COMPLETED", 2, SENT);

        WaitUpdate update = webhooks().accept(completed);

        assertThat(update).isEqualTo(WaitUpdate.ENDED);
        assertThat(wait).isCompletedWithValue(completed.toTaskStatus());
        assertThat(time.elapsed()).isEqualTo(before);
        assertThat(time.pendingActions()).isZero();
        time.advanceBy(Duration.ofHours(2));
        assertThat(api.gets(STATUS_PATH)).hasSize(1);
        assertThat(progress.events()).containsExactly("frame frame1 #1", "state IN_PROGRESS", "status IN_PROGRESS",
                "frame frame2 #2", "state COMPLETED", "status COMPLETED");
        assertThat(client.webhooks().toString()).contains("activeWaits=0");
    }

    @Test
    void terminalEventAbortsThePollInFlight() {
        HangingTransport hanging = new HangingTransport();
        client = client(b -> b.transport(hanging));
        CompletableFuture<TaskStatus> wait = client.waitForCompletionAsync(ID);
        time.advanceBy(Duration.ZERO);
        assertThat(hanging.calls()).hasSize(1);

        webhooks().accept(event("COMPLETED", 2, SENT));

        assertThat(wait.join().state()).isEqualTo(TaskState.COMPLETED);
        assertThat(hanging.calls().get(0).isCancelled()).isTrue();
        time.advanceBy(Duration.ofHours(2));
        assertThat(hanging.calls()).hasSize(1);
    }

    @Test
    void refreshOptionReadsTheStatusExactlyOnceAndEndsWithIt() {
        api.script(STATUS_PATH, ok(inProgress(1)), ok(read("get_status-completed.json")));
        ProgressRecorder progress = new ProgressRecorder();
        CompletableFuture<TaskStatus> wait = waitAfterFirstPoll(WaitOptions.builder().progressListener(progress)
                .refreshStatusOnWebhook(true).build());

        WaitUpdate update = webhooks().accept(event("COMPLETED", 2, SENT));
        TaskStatus done = time.runUntilDone(wait);

        assertThat(update).isEqualTo(WaitUpdate.ENDED);
        assertThat(done.creditsConsumed()).isEqualByComparingTo(BigDecimal.valueOf(20));
        assertThat(done.title()).contains("Fourier series");
        assertThat(done.finishAt()).isPresent();
        time.advanceBy(Duration.ofHours(2));
        assertThat(api.gets(STATUS_PATH)).hasSize(2);
        assertThat(progress.of("state")).containsExactly("state IN_PROGRESS", "state COMPLETED");
        assertThat(progress.of("frame")).containsExactly("frame frame1 #1", "frame frame2 #2");
        assertThat(progress.of("status")).containsExactly("status IN_PROGRESS", "status COMPLETED",
                "status COMPLETED");
    }

    @Test
    void refreshThatFailsAfterItsRetriesEndsWithTheEventsStatus() {
        api.script(STATUS_PATH, ok(inProgress(1)), json(503, "{\"status\":\"error\",\"data\":{\"messages\":\"busy\"}}"));
        CompletableFuture<TaskStatus> wait = waitAfterFirstPoll(
                WaitOptions.builder().refreshStatusOnWebhook(true).build());
        WebhookEvent completed = event("COMPLETED", 2, SENT);

        webhooks().accept(completed);
        TaskStatus done = time.runUntilDone(wait);

        assertThat(done).isEqualTo(completed.toTaskStatus());
        time.advanceBy(Duration.ofHours(2));
        assertThat(api.gets(STATUS_PATH)).hasSize(1 + RetryPolicy.defaults().maxRetries() + 1);
    }

    @Test
    void refreshThatStillReadsTheTaskRunningEndsWithTheEventsStatusWithoutGoingBack() {
        api.script(STATUS_PATH, ok(inProgress(1)));
        ProgressRecorder progress = new ProgressRecorder();
        CompletableFuture<TaskStatus> wait = waitAfterFirstPoll(WaitOptions.builder().progressListener(progress)
                .refreshStatusOnWebhook(true).build());

        webhooks().accept(event("COMPLETED", 2, SENT));
        TaskStatus done = time.runUntilDone(wait);

        assertThat(done.state()).isEqualTo(TaskState.COMPLETED);
        assertThat(api.gets(STATUS_PATH)).hasSize(2);
        assertThat(progress.of("state")).containsExactly("state IN_PROGRESS", "state COMPLETED");
    }

    @Test
    void refreshingWaitWhoseTimeoutPassesEndsWithTheEventsStatus() {
        HangingTransport hanging = new HangingTransport();
        client = client(b -> b.transport(hanging));
        CompletableFuture<TaskStatus> wait = client.waitForCompletionAsync(ID, WaitOptions.builder()
                .refreshStatusOnWebhook(true).timeout(Duration.ofMinutes(10)).build());
        time.advanceBy(Duration.ZERO);
        WebhookEvent completed = event("COMPLETED", 2, SENT);

        webhooks().accept(completed);
        assertThat(wait).isNotDone();
        TaskStatus done = time.runUntilDone(wait);

        assertThat(done).isEqualTo(completed.toTaskStatus());
        assertThat(time.elapsed()).isEqualTo(Duration.ofMinutes(10));
        assertThat(hanging.calls()).hasSize(2);
        assertThat(hanging.calls()).allSatisfy(call -> assertThat(call).isCancelled());
    }

    @Test
    void pollingStillEndsTheWaitWhenNoWebhookComes() {
        api.script(STATUS_PATH, ok(inProgress(1)), ok(inProgress(2)), ok(read("get_status-completed.json")));

        TaskStatus done = time.runUntilDone(client.waitForCompletionAsync(ID));

        assertThat(done.state()).isEqualTo(TaskState.COMPLETED);
        assertThat(done.creditsConsumed()).isEqualByComparingTo(BigDecimal.valueOf(20));
        assertThat(api.gets(STATUS_PATH)).hasSize(3);
    }

    @Test
    void eventForATaskNobodyWaitsOnEndsAWaitStartedJustAfter() {
        api.script(STATUS_PATH, ok(inProgress(1)));
        ProgressRecorder progress = new ProgressRecorder();
        WebhookEvent completed = event("COMPLETED", 2, SENT);

        WaitUpdate update = webhooks().accept(completed);
        clock.advance(Duration.ofMinutes(4));
        CompletableFuture<TaskStatus> wait = client.waitForCompletionAsync(ID,
                WaitOptions.builder().progressListener(progress).build());

        assertThat(update).isEqualTo(WaitUpdate.KEPT);
        assertThat(wait).isCompletedWithValue(completed.toTaskStatus());
        assertThat(time.pendingActions()).isZero();
        time.advanceBy(Duration.ofHours(2));
        assertThat(api.gets(STATUS_PATH)).isEmpty();
        assertThat(progress.events()).containsExactly("frame frame1 #1", "frame frame2 #2", "state COMPLETED",
                "status COMPLETED");
    }

    @Test
    void keptEventWithTheRefreshOptionReadsTheStatusOnce() {
        api.script(STATUS_PATH, ok(read("get_status-completed.json")));
        webhooks().accept(event("COMPLETED", 2, SENT));

        CompletableFuture<TaskStatus> wait = client.waitForCompletionAsync(ID,
                WaitOptions.builder().refreshStatusOnWebhook(true).build());
        TaskStatus done = time.runUntilDone(wait);

        assertThat(done.title()).contains("Fourier series");
        time.advanceBy(Duration.ofHours(2));
        assertThat(api.gets(STATUS_PATH)).hasSize(1);
    }

    @Test
    void keptEventLimitsOutOfRangeAreRefused() {
        ScenextClient.Builder b = ScenextClient.builder();

        assertThatThrownBy(() -> b.keptWebhookEvents(-1, Duration.ofMinutes(5)))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("-1")
                .satisfies(e -> assertThat(((InvalidValueException) e).field()).isEqualTo("keptWebhookEvents"));
        assertThatThrownBy(() -> b.keptWebhookEvents(10, Duration.ZERO))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("positive");
    }

    @Test
    @SuppressWarnings("deprecation")
    void theOldNameOfKeptEventsStillSetsThemAndNamesItselfWhenRefused() {
        client = client(b -> b.recentWebhookEvents(0, Duration.ofMinutes(5)));

        assertThat(webhooks().accept(event("COMPLETED", 2, SENT))).isEqualTo(WaitUpdate.IGNORED);
        assertThatThrownBy(() -> ScenextClient.builder().recentWebhookEvents(-1, Duration.ofMinutes(5)))
                .isInstanceOf(InvalidValueException.class)
                .satisfies(e -> assertThat(((InvalidValueException) e).field()).isEqualTo("recentWebhookEvents"));
    }

    @Test
    void keptEventsExpireWithTheClientsClock() {
        api.script(STATUS_PATH, ok(read("get_status-completed.json")));
        webhooks().accept(event("COMPLETED", 2, SENT));
        clock.advance(ClientWebhooks.DEFAULT_KEPT_FOR);

        CompletableFuture<TaskStatus> wait = client.waitForCompletionAsync(ID);

        assertThat(wait).isNotDone();
        assertThat(time.runUntilDone(wait).title()).contains("Fourier series");
        assertThat(api.gets(STATUS_PATH)).hasSize(1);
    }

    @Test
    void keptEventsAreBoundedInNumberOldestDroppedFirst() {
        client = client(b -> b.keptWebhookEvents(2, Duration.ofMinutes(5)));
        api.script(STATUS_PATH, ok(read("get_status-completed.json")));
        webhooks().accept(event("COMPLETED", 2, SENT));
        for (String other : new String[] {"t-2", "t-3"}) {
            WebhookEvent e = event("COMPLETED", 2, SENT);
            TaskStatus s = e.toTaskStatus().toBuilder().taskId(other).build();
            assertThat(webhooks().accept(WebhookEvent.of(s, e.timestamp()))).isEqualTo(WaitUpdate.KEPT);
        }

        CompletableFuture<TaskStatus> dropped = client.waitForCompletionAsync(ID);
        CompletableFuture<TaskStatus> kept = client.waitForCompletionAsync(TaskId.of("t-3"));

        assertThat(kept).isDone();
        assertThat(dropped).isNotDone();
        time.runUntilDone(dropped);
        assertThat(api.gets(STATUS_PATH)).hasSize(1);
    }

    @Test
    void keepingNoEventsIgnoresEventsForTasksNobodyWaitsOn() {
        client = client(b -> b.keptWebhookEvents(0, Duration.ofMinutes(5)));

        assertThat(webhooks().accept(event("COMPLETED", 2, SENT))).isEqualTo(WaitUpdate.IGNORED);
        assertThat(client.waitForCompletionAsync(ID)).isNotDone();
    }

    @Test
    void inProgressEventsReportFramesOnceEvenWhenLaterPollsRepeatThem() {
        api.script(STATUS_PATH, ok(inProgress(0)), ok(inProgress(2)), ok(read("get_status-completed.json")));
        ProgressRecorder progress = new ProgressRecorder();
        CompletableFuture<TaskStatus> wait = waitAfterFirstPoll(
                WaitOptions.builder().progressListener(progress).build());

        WaitUpdate first = webhooks().accept(event("IN_PROGRESS", 1, SENT));
        WaitUpdate second = webhooks().accept(event("IN_PROGRESS", 2, SENT + 20));
        assertThat(wait).isNotDone();
        assertThat(progress.of("frame")).containsExactly("frame frame1 #1", "frame frame2 #2");
        TaskStatus done = time.runUntilDone(wait);

        assertThat(first).isEqualTo(WaitUpdate.UPDATED);
        assertThat(second).isEqualTo(WaitUpdate.UPDATED);
        assertThat(done.state()).isEqualTo(TaskState.COMPLETED);
        assertThat(api.gets(STATUS_PATH)).hasSize(3);
        assertThat(progress.of("frame")).containsExactly("frame frame1 #1", "frame frame2 #2");
        assertThat(progress.of("state")).containsExactly("state IN_PROGRESS", "state COMPLETED");
        assertThat(progress.of("status")).hasSize(5);
    }

    @Test
    void repeatedOlderAndLateEventsChangeNothing() {
        api.script(STATUS_PATH, ok(inProgress(0)));
        ProgressRecorder progress = new ProgressRecorder();
        CompletableFuture<TaskStatus> wait = waitAfterFirstPoll(
                WaitOptions.builder().progressListener(progress).build());
        WebhookEvent completed = event("COMPLETED", 2, SENT + 30);

        assertThat(webhooks().accept(event("IN_PROGRESS", 1, SENT + 10))).isEqualTo(WaitUpdate.UPDATED);
        assertThat(webhooks().accept(event("IN_PROGRESS", 1, SENT + 10))).isEqualTo(WaitUpdate.IGNORED);
        assertThat(webhooks().accept(event("IN_PROGRESS", 0, SENT + 5))).isEqualTo(WaitUpdate.IGNORED);
        assertThat(webhooks().accept(completed)).isEqualTo(WaitUpdate.ENDED);
        assertThat(webhooks().accept(completed)).isEqualTo(WaitUpdate.IGNORED);
        assertThat(webhooks().accept(event("IN_PROGRESS", 2, SENT + 40))).isEqualTo(WaitUpdate.IGNORED);

        assertThat(wait).isCompletedWithValue(completed.toTaskStatus());
        assertThat(progress.events()).containsExactly("state IN_PROGRESS", "status IN_PROGRESS",
                "frame frame1 #1", "status IN_PROGRESS", "frame frame2 #2", "state COMPLETED", "status COMPLETED");
        assertThat(api.gets(STATUS_PATH)).hasSize(1);
    }

    @Test
    void failedEventRaisesTaskFailedExceptionWithTheReason() {
        api.script(STATUS_PATH, ok(inProgress(1)));
        CompletableFuture<TaskStatus> wait = waitAfterFirstPoll(WaitOptions.defaults());

        webhooks().accept(event("FAILED", 2, SENT));

        Throwable failure = failureOf(wait::join);
        assertThat(failure).isInstanceOf(TaskFailedException.class);
        assertThat(((TaskFailedException) failure).reason()).isEqualTo("Task execution failed");
        assertThat(((TaskFailedException) failure).status().taskId()).isEqualTo(ID);
        assertThat(api.gets(STATUS_PATH)).hasSize(1);
    }

    @Test
    void failedEventIsReturnedWhenTheOptionsSaySo() {
        api.script(STATUS_PATH, ok(inProgress(1)));
        CompletableFuture<TaskStatus> wait = waitAfterFirstPoll(
                WaitOptions.builder().throwOnTaskFailure(false).build());

        webhooks().accept(event("FAILED", 2, SENT));

        assertThat(wait.join().failureMessage()).contains("Task execution failed");
    }

    @Test
    void eventEndsEveryWaitForItsTaskAndNoOther() {
        api.script(STATUS_PATH, ok(inProgress(1)));
        api.script("/api/get_status/other", ok(inProgress(1).replace("12345", "other")));
        CompletableFuture<TaskStatus> first = client.waitForCompletionAsync(ID);
        CompletableFuture<TaskStatus> second = client.waitForCompletionAsync(ID);
        CompletableFuture<TaskStatus> other = client.waitForCompletionAsync(TaskId.of("other"));
        time.advanceBy(Duration.ZERO);

        webhooks().accept(event("COMPLETED", 2, SENT));

        assertThat(first).isCompleted();
        assertThat(second).isCompleted();
        assertThat(other).isNotDone();
        other.cancel(true);
    }

    @Test
    void blockingWaitEndsWhenTheEventArrives() throws Exception {
        api.script(STATUS_PATH, ok(inProgress(1)));
        CompletableFuture<TaskStatus> blocking = CompletableFuture.supplyAsync(() -> client.waitForCompletion(ID));
        while (api.gets(STATUS_PATH).isEmpty()) {
            time.advanceBy(Duration.ZERO);
            Thread.sleep(5);
        }

        webhooks().accept(event("COMPLETED", 2, SENT));

        assertThat(blocking.get(30, java.util.concurrent.TimeUnit.SECONDS).state()).isEqualTo(TaskState.COMPLETED);
        assertThat(api.gets(STATUS_PATH)).hasSize(1);
    }

    @Test
    void closedClientIgnoresEvents() {
        client.close();

        assertThat(webhooks().accept(event("COMPLETED", 2, SENT))).isEqualTo(WaitUpdate.IGNORED);
    }
}
