package cn.scenext.core.poll;

import static cn.scenext.core.testing.Failures.failureOf;
import static cn.scenext.core.testing.Fixtures.inProgress;
import static cn.scenext.core.testing.Fixtures.read;
import static cn.scenext.core.testing.ScriptedServer.json;
import static cn.scenext.core.testing.ScriptedServer.ok;
import static cn.scenext.core.testing.ScriptedServer.reset;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.scenext.api.Frame;
import cn.scenext.api.GenerateVideoRequest;
import cn.scenext.api.TaskId;
import cn.scenext.api.TaskState;
import cn.scenext.api.TaskStatus;
import cn.scenext.api.exception.AuthenticationException;
import cn.scenext.api.exception.ClientClosedException;
import cn.scenext.api.exception.TaskFailedException;
import cn.scenext.api.exception.TaskNotFoundException;
import cn.scenext.api.exception.TransportException;
import cn.scenext.api.exception.WaitTimeoutException;
import cn.scenext.api.transport.HttpRequest;
import cn.scenext.api.transport.HttpResponse;
import cn.scenext.api.transport.Transport;
import cn.scenext.core.RetryPolicy;
import cn.scenext.core.ScenextClient;
import cn.scenext.core.schedule.VirtualScheduler;
import cn.scenext.core.testing.LoopbackTransport;
import cn.scenext.core.testing.ProgressRecorder;
import cn.scenext.core.testing.RequestLog;
import cn.scenext.core.testing.ScriptedServer;
import cn.scenext.core.testing.VirtualTimeApi;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Waits against a scripted loopback API (the shared MockServer), in virtual time: "30 minute" waits take ms. */
class WaitTest {
    private static final TaskId ID = TaskId.of("12345");
    private static final String STATUS_PATH = "/api/get_status/12345";

    private final VirtualTimeApi env = new VirtualTimeApi();
    private final ScriptedServer api = env.api();
    private final VirtualScheduler time = env.time();
    private final LoopbackTransport transport = env.transport();
    private final RequestLog log = new RequestLog(time);
    private ScenextClient client = client(b -> { });

    @AfterEach
    void stop() {
        env.close();
    }

    private ScenextClient client(Consumer<ScenextClient.Builder> more) {
        return env.client(b -> more.accept(b.addInterceptor(log)));
    }

    @Test
    void seesEachNewFrameOnceAndInOrderThenCompletes() {
        api.script(STATUS_PATH, ok(inProgress(0)), ok(inProgress(1)), ok(inProgress(1)), ok(inProgress(2)),
                ok(inProgress(2)), ok(read("get_status-completed.json")));
        ProgressRecorder events = new ProgressRecorder();
        WaitOptions options = WaitOptions.builder().progressListener(events).build();

        TaskStatus done = time.runUntilDone(client.waitForCompletionAsync(ID, options));

        assertThat(done.state()).isEqualTo(TaskState.COMPLETED);
        assertThat(done.videoUrl()).isPresent();
        assertThat(events.of("frame")).containsExactly("frame frame1 #1",
                "frame frame2 #2");
        assertThat(events.of("state")).containsExactly("state IN_PROGRESS",
                "state COMPLETED");
        assertThat(events.of("status")).hasSize(6);
        assertThat(api.gets(STATUS_PATH)).hasSize(6);
    }

    @Test
    void pollsAtOnceThenEveryThirtySecondsWithLittleJitter() {
        api.script(STATUS_PATH, ok(inProgress(1)), ok(inProgress(1)), ok(inProgress(1)), ok(inProgress(1)),
                ok(read("get_status-completed.json")));

        time.runUntilDone(client.waitForCompletionAsync(ID));

        assertThat(log.of("get_status").get(0).nanos).isEqualTo(1_000_000_000L);
        assertThat(log.gaps("get_status")).hasSize(4).allSatisfy(gap -> assertThat(gap)
                .isBetween(Duration.ofSeconds(27), Duration.ofSeconds(33)));
    }

    @Test
    void failedTaskRaisesTaskFailedExceptionWithStatusAndReason() {
        api.script(STATUS_PATH, ok(inProgress(1)), ok(read("get_status-failed.json")));

        Throwable failure = failureOf(() -> time.runUntilDone(client.waitForCompletionAsync(ID)));

        assertThat(failure).isInstanceOf(TaskFailedException.class);
        TaskFailedException failed = (TaskFailedException) failure;
        assertThat(failed.reason()).isEqualTo("Task execution failed");
        assertThat(failed.status().state()).isEqualTo(TaskState.FAILED);
        assertThat(failed.status().taskId()).isEqualTo(ID);
    }

    @Test
    void failedTaskIsReturnedWhenTheOptionsSaySo() {
        api.script(STATUS_PATH, ok(read("get_status-failed.json")));
        WaitOptions options = WaitOptions.builder().throwOnTaskFailure(false).build();

        TaskStatus status = time.runUntilDone(client.waitForCompletionAsync(ID, options));

        assertThat(status.state()).isEqualTo(TaskState.FAILED);
        assertThat(status.failureMessage()).contains("Task execution failed");
    }

    @Test
    void timesOutAfterTheTotalTimeoutNamingTheTaskThatMayStillRun() {
        api.script(STATUS_PATH, ok(inProgress(1)));
        WaitOptions options = WaitOptions.builder().timeout(Duration.ofMinutes(30)).build();

        Throwable failure = failureOf(() -> time.runUntilDone(client.waitForCompletionAsync(ID, options)));

        assertThat(failure).isInstanceOf(WaitTimeoutException.class)
                .hasMessageContaining("12345").hasMessageContaining("may still be running");
        WaitTimeoutException timeout = (WaitTimeoutException) failure;
        assertThat(timeout.taskId()).isEqualTo(ID);
        assertThat(timeout.waited()).isEqualTo(Duration.ofMinutes(30));
        assertThat(timeout.lastStatus()).hasValueSatisfying(s -> assertThat(s.frames()).hasSize(1));
        assertThat(time.elapsed()).isEqualTo(Duration.ofMinutes(30));
        assertThat(api.gets(STATUS_PATH).size()).isBetween(55, 67);
    }

    @Test
    void totalTimeoutIsNotShortenedByTheRetryLimit() {
        api.script(STATUS_PATH, json(503, "{\"status\":\"error\",\"data\":{\"messages\":\"busy\"}}"));
        WaitOptions options = WaitOptions.builder().timeout(Duration.ofMinutes(10)).build();

        Throwable failure = failureOf(() -> time.runUntilDone(client.waitForCompletionAsync(ID, options)));

        assertThat(failure).isInstanceOf(WaitTimeoutException.class);
        assertThat(((WaitTimeoutException) failure).waited()).isEqualTo(Duration.ofMinutes(10));
        int perPoll = RetryPolicy.defaults().maxRetries() + 1;
        assertThat(api.gets(STATUS_PATH).size()).isGreaterThan(10 * perPoll);
    }

    @Test
    void transientFaultsMidWaitDoNotEndIt() {
        api.script(STATUS_PATH, ok(inProgress(1)), json(503, "{}"), json(503, "{}"), json(503, "{}"),
                json(429, "{}").withHeader("Retry-After", "5"), reset(), reset(), reset(), ok("{not json"),
                ok("{not json"), ok("[\"not an object\"]"), ok(inProgress(2)), ok(read("get_status-completed.json")));
        ProgressRecorder events = new ProgressRecorder();
        WaitOptions options = WaitOptions.builder().progressListener(events).build();

        TaskStatus done = time.runUntilDone(client.waitForCompletionAsync(ID, options));

        assertThat(done.state()).isEqualTo(TaskState.COMPLETED);
        assertThat(events.of("frame")).containsExactly("frame frame1 #1",
                "frame frame2 #2");
        assertThat(api.gets(STATUS_PATH)).hasSize(13);
    }

    @Test
    void aTransportFailureReportedAsCancelledDoesNotEndTheWait() {
        api.script(STATUS_PATH, ok(inProgress(1)), ok(read("get_status-completed.json")));
        Transport tracked = time.tracking(transport);
        int[] calls = new int[1];
        Transport refusingOnce = new Transport() {
            @Override
            public HttpResponse execute(HttpRequest request) {
                return tracked.execute(request);
            }

            @Override
            public CompletableFuture<HttpResponse> executeAsync(HttpRequest request) {
                if (calls[0]++ == 1) {
                    CompletableFuture<HttpResponse> f = new CompletableFuture<>();
                    f.completeExceptionally(new TransportException(TransportException.Reason.CANCELLED,
                            "executor rejected", null));
                    return f;
                }
                return tracked.executeAsync(request);
            }

            @Override
            public String name() {
                return "refusing-once";
            }

            @Override
            public void close() {
            }
        };
        client = client(b -> b.transport(refusingOnce));

        TaskStatus done = time.runUntilDone(client.waitForCompletionAsync(ID));

        assertThat(done.state()).isEqualTo(TaskState.COMPLETED);
        assertThat(calls[0]).isEqualTo(3);
    }

    @Test
    void nextPollWaitsForRetryAfterOfARateLimit() {
        client = client(b -> b.retryPolicy(RetryPolicy.none()));
        api.script(STATUS_PATH, json(429, "{}").withHeader("Retry-After", "50"),
                ok(read("get_status-completed.json")));

        time.runUntilDone(client.waitForCompletionAsync(ID));

        assertThat(log.gaps("get_status")).singleElement()
                .satisfies(gap -> assertThat(gap).isGreaterThanOrEqualTo(Duration.ofSeconds(50)));
    }

    @Test
    void aRetryAfterOfADayMidWaitIsCappedByTheRetryPolicy() {
        client = client(b -> b.retryPolicy(RetryPolicy.none().toBuilder().maxRetryAfter(Duration.ofSeconds(90))
                .build()));
        api.script(STATUS_PATH, json(429, "{}").withHeader("Retry-After", "86400"),
                ok(read("get_status-completed.json")));

        time.runUntilDone(client.waitForCompletionAsync(ID));

        assertThat(log.gaps("get_status")).singleElement()
                .satisfies(gap -> assertThat(gap).isBetween(Duration.ofSeconds(90), Duration.ofSeconds(91)));
    }

    @Test
    void unknownTaskEndsTheWaitAtOnce() {
        api.script(STATUS_PATH, json(404, read("get_status-not_found.json")));

        Throwable failure = failureOf(() -> time.runUntilDone(client.waitForCompletionAsync(ID)));

        assertThat(failure).isInstanceOf(TaskNotFoundException.class);
        assertThat(api.gets(STATUS_PATH)).hasSize(1);
        assertThat(time.pendingActions()).isZero();
    }

    @Test
    void refusedKeyEndsTheWaitAtOnce() {
        api.script(STATUS_PATH, json(401, read("error-unauthorized.json")));

        Throwable failure = failureOf(() -> time.runUntilDone(client.waitForCompletionAsync(ID)));

        assertThat(failure).isInstanceOf(AuthenticationException.class);
        assertThat(api.gets(STATUS_PATH)).hasSize(1);
    }

    @Test
    void unknownStateKeepsTheWaitPolling() {
        api.script(STATUS_PATH, ok(inProgress(1).replace("IN_PROGRESS", "QUEUED")), ok(read("get_status-completed.json")));
        ProgressRecorder events = new ProgressRecorder();

        TaskStatus done = time.runUntilDone(client.waitForCompletionAsync(ID,
                WaitOptions.builder().progressListener(events).build()));

        assertThat(done.state()).isEqualTo(TaskState.COMPLETED);
        assertThat(events.of("state")).containsExactly("state UNKNOWN",
                "state COMPLETED");
    }

    @Test
    void cancellingTheFutureStopsPolling() {
        api.script(STATUS_PATH, ok(inProgress(1)));
        CompletableFuture<TaskStatus> wait = client.waitForCompletionAsync(ID);
        // Polls at 0 s and every 30 s ±10%: the third is due between 54 and 66 s, the fourth not before 81 s.
        time.advanceBy(Duration.ofSeconds(70));
        // The third poll may reach the server after advanceBy returned: wait for it, not for a time.
        int before = api.awaitGets(STATUS_PATH, 3).size();

        wait.cancel(true);
        time.advanceBy(Duration.ofHours(2));

        assertThat(before).isEqualTo(3);
        assertThat(api.gets(STATUS_PATH)).hasSize(before);
        assertThat(time.pendingActions()).isZero();
    }

    @Test
    void cancellingTheFutureAbortsThePollInFlight() {
        HangingTransport hanging = new HangingTransport();
        client = client(b -> b.transport(hanging));
        CompletableFuture<TaskStatus> wait = client.waitForCompletionAsync(ID);
        time.advanceBy(Duration.ZERO);
        assertThat(hanging.calls()).hasSize(1);

        wait.cancel(true);

        assertThat(hanging.calls().get(0).isCancelled()).isTrue();
        time.advanceBy(Duration.ofHours(2));
        assertThat(hanging.calls()).hasSize(1);
    }

    @Test
    void closingTheClientFailsOutstandingWaitsAndCancelsTheirTimers() {
        for (String id : new String[] {"a1", "a2", "a3"}) {
            api.script("/api/get_status/" + id, ok(inProgress(1).replace("12345", id)));
        }
        List<CompletableFuture<TaskStatus>> waits = new ArrayList<>();
        for (String id : new String[] {"a1", "a2", "a3"}) {
            waits.add(client.waitForCompletionAsync(TaskId.of(id)));
        }
        time.advanceBy(Duration.ofSeconds(40));

        client.close();

        for (CompletableFuture<TaskStatus> w : waits) {
            assertThat(failureOf(w::join)).isInstanceOf(ClientClosedException.class)
                    .hasMessageContaining("goes on running");
        }
        assertThat(time.pendingActions()).isZero();
        assertThat(failureOf(() -> client.waitForCompletionAsync(ID).join()))
                .isInstanceOf(ClientClosedException.class);
    }

    @Test
    void closingTheClientStopsItsOwnSchedulerThread() throws Exception {
        api.script(STATUS_PATH, ok(inProgress(1)));
        // Only this client's thread: another test class's client, still ending, may own one too.
        List<Thread> others = schedulerThreads();
        ScenextClient own = ScenextClient.builder().apiKey("test-key-123").baseUrl(api.baseUrl())
                .transport(transport).build();
        CompletableFuture<TaskStatus> wait = own.waitForCompletionAsync(ID);
        while (api.gets(STATUS_PATH).isEmpty()) {
            TimeUnit.MILLISECONDS.sleep(5);
        }
        List<Thread> mine = schedulerThreads();
        mine.removeAll(others);
        assertThat(mine).isNotEmpty();

        own.close();

        assertThat(failureOf(wait::join)).isInstanceOf(ClientClosedException.class);
        for (Thread t : mine) {
            t.join(60_000); // a hang guard: the thread ends soon after close, however busy the machine
            assertThat(t.isAlive()).as("thread %s", t.getName()).isFalse();
        }
    }

    private static List<Thread> schedulerThreads() {
        List<Thread> found = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("scenext-scheduler-")) {
                found.add(t);
            }
        }
        return found;
    }

    @Test
    void listenerExceptionsAreIgnoredAndTheWaitGoesOn() {
        api.script(STATUS_PATH, ok(inProgress(1)), ok(inProgress(2)), ok(read("get_status-completed.json")));
        List<String> frames = Collections.synchronizedList(new ArrayList<>());
        ProgressListener throwing = new ProgressListener() {
            @Override
            public void onStatus(TaskStatus status) {
                throw new IllegalStateException("listener bug");
            }

            @Override
            public void onStateChanged(TaskStatus status) {
                throw new IllegalStateException("listener bug");
            }

            @Override
            public void onFrame(TaskStatus status, Frame frame, int number) {
                frames.add(frame.id());
                throw new IllegalStateException("listener bug");
            }
        };

        TaskStatus done = time.runUntilDone(client.waitForCompletionAsync(ID,
                WaitOptions.builder().progressListener(throwing).build()));

        assertThat(done.state()).isEqualTo(TaskState.COMPLETED);
        assertThat(frames).containsExactly("frame1", "frame2");
    }

    @Test
    void callbacksRunInOrderOnTheGivenExecutorBeforeTheFutureCompletes() throws Exception {
        api.script(STATUS_PATH, ok(inProgress(0)), ok(inProgress(1)), ok(inProgress(2)),
                ok(read("get_status-completed.json")));
        ExecutorService pool = Executors.newFixedThreadPool(4, r -> new Thread(r, "app-pool"));
        ProgressRecorder events = new ProgressRecorder();
        try {
            CompletableFuture<TaskStatus> wait = client.waitForCompletionAsync(ID,
                    WaitOptions.builder().progressListener(events).callbackExecutor(pool).build());
            CompletableFuture<List<String>> seenAtCompletion = wait.thenApply(s -> events.events());
            time.runUntilDone(wait);

            assertThat(seenAtCompletion.get(10, TimeUnit.SECONDS)).containsExactly("state IN_PROGRESS",
                    "status IN_PROGRESS", "frame frame1 #1", "status IN_PROGRESS", "frame frame2 #2",
                    "status IN_PROGRESS", "state COMPLETED", "status COMPLETED");
            assertThat(events.threads()).isNotEmpty().containsOnly("app-pool");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void blockingWaitRunsOnTheSameEngine() throws Exception {
        api.script(STATUS_PATH, ok(inProgress(1)), ok(inProgress(2)), ok(read("get_status-completed.json")));
        ProgressRecorder events = new ProgressRecorder();
        WaitOptions options = WaitOptions.builder().progressListener(events).build();

        CompletableFuture<TaskStatus> blocking = CompletableFuture.supplyAsync(
                () -> client.waitForCompletion(ID, options));
        TaskStatus done = time.runUntilDone(blocking);

        assertThat(done.state()).isEqualTo(TaskState.COMPLETED);
        assertThat(events.of("frame")).hasSize(2);
        assertThat(time.elapsed()).isBetween(Duration.ofSeconds(54), Duration.ofSeconds(66));
    }

    @Test
    void interruptingABlockingWaitCancelsIt() throws Exception {
        api.script(STATUS_PATH, ok(inProgress(1)));
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread waiter = new Thread(() -> {
            try {
                client.waitForCompletion(ID);
                outcome.complete(null);
            } catch (RuntimeException e) {
                outcome.complete(e);
            }
        });
        waiter.start();
        while (api.gets(STATUS_PATH).isEmpty()) {
            time.advanceBy(Duration.ZERO);
            TimeUnit.MILLISECONDS.sleep(5);
        }

        waiter.interrupt();
        Throwable failure = outcome.get(10, TimeUnit.SECONDS);
        time.advanceBy(Duration.ofHours(2));

        assertThat(failure).isInstanceOf(TransportException.class).hasMessageContaining("Interrupted");
        assertThat(((TransportException) failure).reason()).isEqualTo(TransportException.Reason.CANCELLED);
        assertThat(api.gets(STATUS_PATH)).hasSize(1);
        assertThat(time.pendingActions()).isZero();
    }

    @Test
    void blockingWaitThrowsTheTypedFailure() {
        api.script(STATUS_PATH, ok(read("get_status-failed.json")));

        CompletableFuture<TaskStatus> blocking = CompletableFuture.supplyAsync(() -> client.waitForCompletion(ID));

        assertThat(failureOf(() -> time.runUntilDone(blocking))).isInstanceOf(TaskFailedException.class);
    }

    @Test
    void generateVideoAndWaitCreatesOneTaskAndWaitsForIt() {
        api.on(r -> r.method().equals("POST") && r.path().equals("/api/gen_video"), ok(read("gen_video-success.json")));
        api.script(STATUS_PATH, ok(inProgress(1)), ok(read("get_status-completed.json")));
        GenerateVideoRequest request = GenerateVideoRequest.ofQuestion("What is a Fourier series?");

        TaskStatus async = time.runUntilDone(client.generateVideoAndWaitAsync(request, WaitOptions.defaults()));
        TaskStatus sync = time.runUntilDone(CompletableFuture.supplyAsync(() -> client.generateVideoAndWait(request)));

        assertThat(async.state()).isEqualTo(TaskState.COMPLETED);
        assertThat(sync.taskId()).isEqualTo(ID);
        assertThat(api.server().requests("POST", "/api/gen_video")).hasSize(2);
    }

    @Test
    void clientWideRateLimitSpreadsPollsOfWaitsStartedTogether() {
        client = client(b -> b.maxStatusRequestsPerSecond(2));
        List<CompletableFuture<TaskStatus>> waits = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String id = "t" + i;
            api.script("/api/get_status/" + id, ok(inProgress(1).replace("12345", id)),
                    ok(read("get_status-completed.json").replace("12345", id)));
            waits.add(client.waitForCompletionAsync(TaskId.of(id)));
        }

        time.runUntilDone(CompletableFuture.allOf(waits.toArray(new CompletableFuture<?>[0])));

        assertThat(log.of("get_status")).hasSize(20);
        assertThat(log.gaps("get_status")).allSatisfy(gap -> assertThat(gap)
                .isGreaterThanOrEqualTo(Duration.ofMillis(500)));
    }
}
