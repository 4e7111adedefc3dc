package cn.scenext.core.poll;

import cn.scenext.core.internal.poll.TaskKey;
import cn.scenext.core.internal.poll.TaskWaiter;
import static cn.scenext.core.testing.Failures.failureOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.scenext.api.Frame;
import cn.scenext.api.TaskId;
import cn.scenext.api.TaskState;
import cn.scenext.api.TaskStatus;
import cn.scenext.api.exception.AuthenticationException;
import cn.scenext.api.exception.ClientClosedException;
import cn.scenext.api.exception.ErrorDetails;
import cn.scenext.api.exception.ProtocolException;
import cn.scenext.api.exception.RateLimitException;
import cn.scenext.api.exception.ServerException;
import cn.scenext.api.exception.TaskNotFoundException;
import cn.scenext.api.exception.TransportException;
import cn.scenext.api.exception.InvalidValueException;
import cn.scenext.api.exception.WaitTimeoutException;
import cn.scenext.core.internal.http.Redactor;
import cn.scenext.core.schedule.VirtualScheduler;
import cn.scenext.core.testing.LogCapture;
import cn.scenext.core.testing.MutableClock;
import cn.scenext.core.testing.ScriptedStatusReader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How waits end when polls fail, against a scripted status reader in virtual time: the repeated-failure rule,
 * the timeout's cause, final failures, capped {@code Retry-After}, user code that throws, and many waits on
 * one task.
 */
class WaitEndingTest {
    private static final TaskId ID = TaskId.of("7f3c2a9e-1b4d-4c8e-9a6f-2d5e8b1c0a47");
    private static final String KEY = "test-key-123";

    private final VirtualScheduler time = new VirtualScheduler();
    /** What each poll gives, in order; the last one gives every later poll too. */
    private final ScriptedStatusReader script = new ScriptedStatusReader(time);
    private final AtomicInteger reads = script.reads();
    private final List<Long> readTimes = script.readTimes();
    private TaskWaiter waiter = waiter(Duration.ofSeconds(60));

    @AfterEach
    void stop() {
        waiter.close();
    }

    private TaskWaiter waiter(Duration maxRetryAfter) {
        return new TaskWaiter(script, time, 0, new Redactor(KEY), 10, Duration.ofMinutes(5),
                new MutableClock(Instant.EPOCH), maxRetryAfter);
    }

    private void then(Supplier<TaskStatus> response) {
        script.then(response);
    }

    private void thenFail(Supplier<RuntimeException> failure) {
        then(() -> {
            throw failure.get();
        });
    }

    private static TaskStatus status(TaskState state, int frames) {
        TaskStatus.Builder b = TaskStatus.builder().taskId(ID).state(state);
        for (int i = 1; i <= frames; i++) {
            b.addFrame(Frame.of("frame" + i, "https://oss.example/frame" + i + ".png"));
        }
        return b.build();
    }

    /** What the client raises for an error envelope at HTTP 200 whose text it does not know. */
    private static ServerException envelopeAt200(String text) {
        return new ServerException("Scenext reported an error for get_status (HTTP 200: " + text + ").",
                ErrorDetails.of(200, text, null));
    }

    private static ServerException http503() {
        return new ServerException("Scenext failed to handle get_status (HTTP 503) after 3 attempts.",
                ErrorDetails.of(503, null, null));
    }

    private CompletableFuture<TaskStatus> waitWith(WaitOptions.Builder options) {
        return waiter.waitForCompletionAsync(ID, options.build());
    }

    @Test
    void anUnclassifiedErrorRepeatedThreeTimesEndsTheWaitWithIt() {
        then(() -> status(TaskState.IN_PROGRESS, 1));
        thenFail(() -> envelopeAt200("An exception occurred while obtaining the task status(7)."));

        Throwable failure = failureOf(() -> time.runUntilDone(waitWith(WaitOptions.builder())));

        assertThat(failure).isInstanceOf(ServerException.class)
                .hasMessageContaining("An exception occurred while obtaining the task status(7).");
        assertThat(reads).hasValue(1 + WaitOptions.DEFAULT_MAX_REPEATED_FAILURES);
        assertThat(time.elapsed()).isLessThan(Duration.ofMinutes(3));
        assertThat(time.pendingActions()).isZero();
        assertThat(waiter.activeWaits()).isZero();
    }

    @Test
    void anUnreadableResponseAt200RepeatedEndsTheWaitToo() {
        thenFail(() -> new ProtocolException("Scenext's response to get_status could not be read: data.status is "
                + "missing (HTTP 200).", null, ErrorDetails.of(200, null, "{}")));

        Throwable failure = failureOf(() -> time.runUntilDone(waitWith(WaitOptions.builder())));

        assertThat(failure).isInstanceOf(ProtocolException.class).hasMessageContaining("data.status is missing");
        assertThat(reads).hasValue(3);
    }

    @Test
    void theNumberOfRepeatsIsASetting() {
        thenFail(() -> envelopeAt200("Server error:something odd"));

        Throwable failure = failureOf(() -> time.runUntilDone(waitWith(WaitOptions.builder()
                .maxRepeatedFailures(5))));

        assertThat(failure).isInstanceOf(ServerException.class);
        assertThat(reads).hasValue(5);
    }

    @Test
    void oneRepeatEndsTheWaitAtTheFirstUnclassifiedFailure() {
        thenFail(() -> envelopeAt200("Server error:something odd"));

        failureOf(() -> time.runUntilDone(waitWith(WaitOptions.builder().maxRepeatedFailures(1))));

        assertThat(reads).hasValue(1);
    }

    @Test
    void theSettingIsValidatedWhereItIsSet() {
        assertThatThrownBy(() -> WaitOptions.builder().maxRepeatedFailures(0))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("at least 1 failed poll")
                .hasMessageContaining("got 0");
        assertThat(WaitOptions.defaults().maxRepeatedFailures()).isEqualTo(3);
        assertThat(WaitOptions.builder().maxRepeatedFailures(7).build().toBuilder().build().maxRepeatedFailures())
                .isEqualTo(7);
    }

    @Test
    void aSuccessOrADifferentErrorStartsTheCountAgain() {
        thenFail(() -> envelopeAt200("error A"));
        thenFail(() -> envelopeAt200("error A"));
        then(() -> status(TaskState.IN_PROGRESS, 1));
        thenFail(() -> envelopeAt200("error A"));
        thenFail(() -> envelopeAt200("error A"));
        thenFail(() -> envelopeAt200("error B"));
        thenFail(() -> envelopeAt200("error A"));
        thenFail(WaitEndingTest::http503);
        thenFail(() -> envelopeAt200("error A"));
        then(() -> status(TaskState.COMPLETED, 1));

        TaskStatus done = time.runUntilDone(waitWith(WaitOptions.builder()));

        assertThat(done.state()).isEqualTo(TaskState.COMPLETED);
        assertThat(reads).hasValue(10);
    }

    @Test
    void transientFailuresNeverEndTheWaitAndTheTimeoutCarriesTheLastOneAndTheLastStatus() {
        then(() -> status(TaskState.IN_PROGRESS, 2));
        thenFail(WaitEndingTest::http503);

        Throwable failure = failureOf(() -> time.runUntilDone(waitWith(WaitOptions.builder()
                .timeout(Duration.ofMinutes(10)))));

        assertThat(failure).isInstanceOf(WaitTimeoutException.class)
                .hasMessageContaining("its last failed poll: Scenext failed to handle get_status (HTTP 503)");
        WaitTimeoutException timeout = (WaitTimeoutException) failure;
        assertThat(timeout.getCause()).isInstanceOf(ServerException.class);
        assertThat(timeout.lastStatus()).hasValueSatisfying(s -> assertThat(s.frames()).hasSize(2));
        assertThat(reads.get()).isGreaterThan(10);
    }

    @Test
    void aTimeoutWithoutFailedPollsHasNoCause() {
        then(() -> status(TaskState.IN_PROGRESS, 0));

        Throwable failure = failureOf(() -> time.runUntilDone(waitWith(WaitOptions.builder()
                .timeout(Duration.ofMinutes(2)))));

        assertThat(failure).isInstanceOf(WaitTimeoutException.class).hasNoCause();
        assertThat(((WaitTimeoutException) failure).lastStatus()).isPresent();
    }

    @Test
    void networkFailuresAndRateLimitsNeverCountAsRepeats() {
        for (int i = 0; i < 5; i++) {
            thenFail(() -> new TransportException(TransportException.Reason.CONNECT_FAILED, "connection refused", null));
        }
        for (int i = 0; i < 5; i++) {
            thenFail(() -> new RateLimitException("slow down", ErrorDetails.of(429, null, null), null));
        }
        then(() -> status(TaskState.COMPLETED, 0));

        assertThat(time.runUntilDone(waitWith(WaitOptions.builder())).state()).isEqualTo(TaskState.COMPLETED);
        assertThat(reads).hasValue(11);
    }

    @Test
    void anUnknownTaskOrARefusedKeyEndsTheWaitAtTheFirstPoll() {
        thenFail(() -> new TaskNotFoundException(ID.value(), "Scenext knows no task " + ID
                + " (HTTP 200: Server error:list index out of range).", ErrorDetails.of(200,
                "Server error:list index out of range", null)));

        assertThat(failureOf(() -> time.runUntilDone(waitWith(WaitOptions.builder()))))
                .isInstanceOf(TaskNotFoundException.class);
        assertThat(reads).hasValue(1);

        script.clear();
        reads.set(0);
        thenFail(() -> new AuthenticationException("Scenext rejected the API key (HTTP 403: Not authenticated).",
                ErrorDetails.of(403, "Not authenticated", null)));

        assertThat(failureOf(() -> time.runUntilDone(waitWith(WaitOptions.builder()))))
                .isInstanceOf(AuthenticationException.class);
        assertThat(reads).hasValue(1);
        assertThat(time.pendingActions()).isZero();
    }

    @Test
    void theListenerIsToldOfEachFailedPollAfterWhichTheWaitGoesOn() {
        thenFail(WaitEndingTest::http503);
        thenFail(() -> envelopeAt200("odd"));
        thenFail(() -> envelopeAt200("odd"));
        thenFail(() -> envelopeAt200("odd"));
        List<String> told = Collections.synchronizedList(new ArrayList<>());

        Throwable failure = failureOf(() -> time.runUntilDone(waitWith(WaitOptions.builder().progressListener(
                ProgressListener.onPollFailed((id, e) -> told.add(id + " " + e.getMessage()))))));

        assertThat(failure).hasMessageContaining("odd");
        assertThat(told).containsExactly(
                ID + " Scenext failed to handle get_status (HTTP 503) after 3 attempts.",
                ID + " Scenext reported an error for get_status (HTTP 200: odd).",
                ID + " Scenext reported an error for get_status (HTTP 200: odd).");
    }

    @Test
    void aRetryAfterOfADayIsCappedByTheRetryPolicysMaximum() {
        thenFail(() -> new RateLimitException("slow down", ErrorDetails.of(429, null, null),
                Duration.ofSeconds(86_400)));
        then(() -> status(TaskState.COMPLETED, 0));

        time.runUntilDone(waitWith(WaitOptions.builder()));

        assertThat(readTimes).hasSize(2);
        long gap = readTimes.get(1) - readTimes.get(0);
        assertThat(Duration.ofNanos(gap)).isGreaterThanOrEqualTo(Duration.ofSeconds(60))
                .isLessThan(Duration.ofSeconds(61));
    }

    @Test
    void aRetryAfterIsCappedByTheWaitsDeadlineToo() {
        waiter.close();
        waiter = waiter(Duration.ofDays(2));
        thenFail(() -> new RateLimitException("slow down", ErrorDetails.of(429, null, null),
                Duration.ofSeconds(86_400)));

        Throwable failure = failureOf(() -> time.runUntilDone(waitWith(WaitOptions.builder()
                .timeout(Duration.ofMinutes(5)))));

        assertThat(failure).isInstanceOf(WaitTimeoutException.class).hasCauseInstanceOf(RateLimitException.class);
        assertThat(time.elapsed()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void aListenerThrowingAnErrorNeitherStallsNorEndsTheWait() {
        then(() -> status(TaskState.IN_PROGRESS, 1));
        thenFail(WaitEndingTest::http503);
        then(() -> status(TaskState.IN_PROGRESS, 2));
        then(() -> status(TaskState.COMPLETED, 2));
        List<String> calls = Collections.synchronizedList(new ArrayList<>());
        ProgressListener asserting = new ProgressListener() {
            @Override
            public void onStatus(TaskStatus status) {
                calls.add("status");
                throw new AssertionError("expected something else");
            }

            @Override
            public void onFrame(TaskStatus status, Frame frame, int number) {
                calls.add("frame " + number);
                throw new AssertionError("expected something else");
            }

            @Override
            public void onPollFailed(TaskId taskId, Throwable failure) {
                calls.add("failed");
                throw new OutOfMemoryError("not really");
            }
        };

        try (LogCapture logs = new LogCapture()) {
            TaskStatus done = time.runUntilDone(waitWith(WaitOptions.builder().progressListener(asserting)));

            assertThat(done.state()).isEqualTo(TaskState.COMPLETED);
            assertThat(calls).containsExactly("frame 1", "status", "failed", "frame 2", "status", "status");
            assertThat(logs.lines()).filteredOn(l -> l.startsWith("WARN") && l.contains("AssertionError"))
                    .hasSize(5);
            assertThat(logs.lines()).anyMatch(l -> l.startsWith("WARN") && l.contains("onPollFailed"));
        }
    }

    @Test
    void aListenerThrowingAnErrorStillLetsTheWaitTimeOut() {
        then(() -> status(TaskState.IN_PROGRESS, 1));
        ProgressListener asserting = ProgressListener.onStateChanged(s -> {
            throw new AssertionError("boom");
        });

        Throwable failure = failureOf(() -> time.runUntilDone(waitWith(WaitOptions.builder()
                .progressListener(asserting).timeout(Duration.ofMinutes(3)))));

        assertThat(failure).isInstanceOf(WaitTimeoutException.class);
    }

    /** An executor that throws an {@link AssertionError} on every task it is handed. */
    private static final class ThrowingExecutor implements Executor {
        final AtomicInteger refused = new AtomicInteger();

        @Override
        public void execute(Runnable command) {
            refused.incrementAndGet();
            throw new AssertionError("this executor refuses everything");
        }
    }

    @Test
    void anExecutorThrowingAnErrorStillLetsTheWaitComplete() {
        then(() -> status(TaskState.IN_PROGRESS, 1));
        then(() -> status(TaskState.COMPLETED, 1));
        ThrowingExecutor executor = new ThrowingExecutor();
        List<String> frames = Collections.synchronizedList(new ArrayList<>());

        try (LogCapture logs = new LogCapture()) {
            TaskStatus done = time.runUntilDone(waitWith(WaitOptions.builder().callbackExecutor(executor)
                    .progressListener(ProgressListener.onFrame((f, n) -> frames.add(f.id())))));

            assertThat(done.state()).isEqualTo(TaskState.COMPLETED);
            assertThat(frames).containsExactly("frame1");
            assertThat(executor.refused.get()).isPositive();
            assertThat(logs.lines()).anyMatch(l -> l.startsWith("WARN") && l.contains("AssertionError"));
        }
    }

    @Test
    void anExecutorThrowingAnErrorStillLetsTheWaitFailAndTimeOut() {
        thenFail(() -> envelopeAt200("odd"));
        assertThat(failureOf(() -> time.runUntilDone(waitWith(WaitOptions.builder()
                .callbackExecutor(new ThrowingExecutor()))))).isInstanceOf(ServerException.class);

        script.clear();
        then(() -> status(TaskState.IN_PROGRESS, 0));
        assertThat(failureOf(() -> time.runUntilDone(waitWith(WaitOptions.builder()
                .callbackExecutor(new ThrowingExecutor()).timeout(Duration.ofMinutes(2))))))
                .isInstanceOf(WaitTimeoutException.class);
    }

    @Test
    void closeFailsEveryWaitEvenWithAThrowingExecutorAndListener() {
        then(() -> status(TaskState.IN_PROGRESS, 1));
        ProgressListener asserting = ProgressListener.onFrame((f, n) -> {
            throw new AssertionError("boom");
        });
        CompletableFuture<TaskStatus> a = waitWith(WaitOptions.builder().callbackExecutor(new ThrowingExecutor()));
        CompletableFuture<TaskStatus> b = waitWith(WaitOptions.builder().progressListener(asserting));
        time.advanceBy(Duration.ofSeconds(40));

        waiter.close();

        assertThat(failureOf(a::join)).isInstanceOf(ClientClosedException.class);
        assertThat(failureOf(b::join)).isInstanceOf(ClientClosedException.class);
        assertThat(waiter.activeWaits()).isZero();
    }

    @Test
    void twentyThousandWaitsOnOneTaskAllEndWithItsPushedEnd() {
        then(() -> status(TaskState.IN_PROGRESS, 0));
        int n = 20_000;
        List<CompletableFuture<TaskStatus>> waits = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            waits.add(waiter.waitForCompletionAsync(ID, WaitOptions.defaults()));
        }
        assertThat(waiter.activeWaits()).isEqualTo(n);
        waits.get(17).cancel(true);
        assertThat(waiter.activeWaits()).isEqualTo(n - 1);

        WaitUpdate update = waiter.offer(status(TaskState.COMPLETED, 3), Instant.EPOCH);

        assertThat(update).isEqualTo(WaitUpdate.ENDED);
        assertThat(waiter.activeWaits()).isZero();
        for (int i = 0; i < n; i++) {
            if (i != 17) {
                assertThat(waits.get(i).join().frames()).hasSize(3);
            }
        }
        assertThat(waits.get(17)).isCancelled();
    }

    @Test
    void manyWaitsOnOneTaskAllFailOnClose() {
        then(() -> status(TaskState.IN_PROGRESS, 0));
        List<CompletableFuture<TaskStatus>> waits = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            waits.add(waiter.waitForCompletionAsync(ID, WaitOptions.defaults()));
        }

        waiter.close();

        assertThat(waits).allSatisfy(w -> assertThat(failureOf(w::join)).isInstanceOf(ClientClosedException.class));
        assertThat(waiter.activeWaits()).isZero();
    }

    @Test
    void aPushedStatusEchoingTheUuidInUpperCaseEndsTheWaitForItInLowerCase() {
        then(() -> status(TaskState.IN_PROGRESS, 0));
        CompletableFuture<TaskStatus> wait = waiter.waitForCompletionAsync(ID, WaitOptions.defaults());
        TaskStatus upper = TaskStatus.builder().taskId(ID.value().toUpperCase(java.util.Locale.ROOT))
                .state(TaskState.COMPLETED).build();

        assertThat(waiter.offer(upper, Instant.EPOCH)).isEqualTo(WaitUpdate.ENDED);

        assertThat(wait.join().taskId().value()).isEqualTo(ID.value().toUpperCase(java.util.Locale.ROOT));
        // Kept for a wait that starts later, whatever the case of its id.
        CompletableFuture<TaskStatus> later = waiter.waitForCompletionAsync(ID, WaitOptions.defaults());
        assertThat(later).isCompleted();
    }

    @Test
    void idsThatAreNotUuidsMatchOnlyExactly() {
        then(() -> status(TaskState.IN_PROGRESS, 0));
        CompletableFuture<TaskStatus> wait = waiter.waitForCompletionAsync(TaskId.of("task-abc"), WaitOptions.defaults());

        WaitUpdate update = waiter.offer(TaskStatus.builder().taskId("TASK-ABC").state(TaskState.COMPLETED).build(),
                Instant.EPOCH);

        assertThat(update).isEqualTo(WaitUpdate.KEPT);
        assertThat(wait).isNotDone();
        assertThat(TaskKey.of(TaskId.of("7F3C2A9E-1B4D-4C8E-9A6F-2D5E8B1C0A47"))).isEqualTo(ID.value());
        assertThat(TaskKey.of(TaskId.of("7F3C2A9E-1B4D-4C8E-9A6F-2D5E8B1C0A4G"))).endsWith("4G");
    }

    @Test
    void andThenTellsTheSecondListenerOfFailedPollsEvenWhenTheFirstThrows() {
        List<String> told = Collections.synchronizedList(new ArrayList<>());
        ProgressListener first = ProgressListener.onPollFailed((id, e) -> {
            told.add("first");
            throw new AssertionError("first fails");
        });
        ProgressListener both = first.andThen(ProgressListener.onPollFailed((id, e) -> told.add("second")));

        assertThatThrownBy(() -> both.onPollFailed(ID, new IllegalStateException("x")))
                .isInstanceOf(AssertionError.class);
        assertThat(told).containsExactly("first", "second");
    }
}
