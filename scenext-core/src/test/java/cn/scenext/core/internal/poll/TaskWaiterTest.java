package cn.scenext.core.internal.poll;

import static org.assertj.core.api.Assertions.assertThat;

import cn.scenext.api.TaskId;
import cn.scenext.api.TaskState;
import cn.scenext.api.TaskStatus;
import cn.scenext.api.exception.AuthenticationException;
import cn.scenext.api.exception.ClientClosedException;
import cn.scenext.api.exception.ErrorDetails;
import cn.scenext.api.exception.ServerException;
import cn.scenext.api.exception.TaskFailedException;
import cn.scenext.api.exception.TransportException;
import cn.scenext.api.exception.WaitTimeoutException;
import cn.scenext.api.internal.Futures;
import cn.scenext.core.internal.http.Redactor;
import cn.scenext.core.poll.PollPolicy;
import cn.scenext.core.poll.WaitOptions;
import cn.scenext.core.poll.WaitUpdate;
import cn.scenext.core.schedule.VirtualScheduler;
import cn.scenext.core.testing.MutableClock;
import cn.scenext.core.testing.ScriptedStatusReader;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The states of a wait (polling, refreshing after a pushed end, settled) and how each ends, through
 * {@link TaskWaiter#waitForCompletion} and {@link TaskWaiter#waitForCompletionAsync} alike, in virtual time.
 */
class TaskWaiterTest {
    private static final TaskId ID = TaskId.of("42");
    private static final Instant SENT = Instant.parse("2026-01-01T00:00:00Z");

    /** How a case waits. */
    enum Mode {
        /** Blocking, on a thread of its own while the test drives time. */
        SYNC,
        /** Not blocking. */
        ASYNC
    }

    private final VirtualScheduler time = new VirtualScheduler();
    private final ExecutorService callers = Executors.newCachedThreadPool();
    /** What each status request gives, in order; the last one gives every later request too. */
    private final ScriptedStatusReader script = new ScriptedStatusReader(time);
    private final AtomicInteger reads = script.reads();
    private final TaskWaiter waiter = new TaskWaiter(script, time, 0, new Redactor("key"), 10, Duration.ofMinutes(5),
            new MutableClock(SENT));

    @AfterEach
    void stop() {
        waiter.close();
        callers.shutdownNow();
    }

    private void then(TaskState state) {
        script.then(() -> status(state));
    }

    private void thenFail(RuntimeException failure) {
        script.then(() -> {
            throw failure;
        });
    }

    private static TaskStatus status(TaskState state) {
        TaskStatus.Builder b = TaskStatus.builder().taskId(ID);
        // A state the SDK does not know comes as a raw value only.
        return (state == TaskState.UNKNOWN ? b.rawStatus("queued") : b.state(state)).build();
    }

    private static WaitOptions.Builder every10s() {
        return WaitOptions.builder().pollPolicy(PollPolicy.fixed(Duration.ofSeconds(10)));
    }

    private CompletableFuture<TaskStatus> start(Mode mode, WaitOptions options) {
        if (mode == Mode.ASYNC) {
            return waiter.waitForCompletionAsync(ID, options);
        }
        return CompletableFuture.supplyAsync(() -> waiter.waitForCompletion(ID, options), callers);
    }

    /** Drives time until the wait ends; its value, or its failure unwrapped. */
    private Object outcome(CompletableFuture<TaskStatus> wait) {
        try {
            return time.runUntilDone(wait);
        } catch (RuntimeException e) {
            return Futures.unwrap(e);
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void pollingEndsWithTheFirstTerminalStatus(Mode mode) {
        then(TaskState.UNKNOWN);
        then(TaskState.IN_PROGRESS);
        then(TaskState.COMPLETED);

        Object end = outcome(start(mode, every10s().build()));

        assertThat(end).isInstanceOf(TaskStatus.class);
        assertThat(((TaskStatus) end).state()).isEqualTo(TaskState.COMPLETED);
        assertThat(reads).hasValue(3);
        assertThat(waiter.activeWaits()).isZero();
        assertThat(time.pendingActions()).as("the deadline timer was cancelled").isZero();
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aFailedTaskEndsTheWaitWithItsStatusOrItsException(Mode mode) {
        then(TaskState.FAILED);

        Object thrown = outcome(start(mode, every10s().build()));
        Object returned = outcome(start(mode, every10s().throwOnTaskFailure(false).build()));

        assertThat(thrown).isInstanceOf(TaskFailedException.class);
        assertThat(((TaskStatus) returned).state()).isEqualTo(TaskState.FAILED);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aFinalFailureEndsTheWaitAtTheFirstPoll(Mode mode) {
        thenFail(new AuthenticationException("refused", ErrorDetails.of(401, null, null)));

        assertThat(outcome(start(mode, every10s().build()))).isInstanceOf(AuthenticationException.class);
        assertThat(reads).hasValue(1);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void temporaryFailuresPollOnUntilTheDeadlineWhichCarriesTheLastOne(Mode mode) {
        then(TaskState.IN_PROGRESS);
        thenFail(new TransportException(TransportException.Reason.CANCELLED, "a transport's refused hand-off", null));
        thenFail(new ServerException("unavailable", ErrorDetails.of(503, null, null)));

        Object end = outcome(start(mode, every10s().timeout(Duration.ofMinutes(2)).build()));

        assertThat(end).isInstanceOf(WaitTimeoutException.class);
        WaitTimeoutException timeout = (WaitTimeoutException) end;
        assertThat(timeout).hasCauseInstanceOf(ServerException.class);
        assertThat(reads.get()).isGreaterThan(3);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void theSameUnclassifiedFailureRepeatedEndsTheWait(Mode mode) {
        thenFail(new ServerException("odd", ErrorDetails.of(200, "odd", null)));

        Object end = outcome(start(mode, every10s().maxRepeatedFailures(2).build()));

        assertThat(end).isInstanceOf(ServerException.class);
        assertThat(reads).hasValue(2);
    }

    @Test
    void aPushedEndSettlesAPollingWaitWithoutARequest() {
        then(TaskState.IN_PROGRESS);
        CompletableFuture<TaskStatus> wait = waiter.waitForCompletionAsync(ID,
                every10s().refreshStatusOnWebhook(false).build());

        assertThat(waiter.offer(status(TaskState.IN_PROGRESS), SENT)).isEqualTo(WaitUpdate.UPDATED);
        assertThat(waiter.offer(status(TaskState.IN_PROGRESS), SENT)).as("a repeat").isEqualTo(WaitUpdate.IGNORED);
        assertThat(waiter.offer(status(TaskState.COMPLETED), SENT.minusSeconds(1))).as("older")
                .isEqualTo(WaitUpdate.IGNORED);
        assertThat(waiter.offer(status(TaskState.COMPLETED), SENT.plusSeconds(1))).isEqualTo(WaitUpdate.ENDED);

        assertThat(wait.join().state()).isEqualTo(TaskState.COMPLETED);
        assertThat(reads).hasValue(0);
        assertThat(waiter.offer(status(TaskState.FAILED), SENT.plusSeconds(2))).as("after the end")
                .isNotEqualTo(WaitUpdate.ENDED);
    }

    @Test
    void aRefreshingWaitEndsWithTheFullStatusItReads() {
        then(TaskState.COMPLETED);
        CompletableFuture<TaskStatus> wait = waiter.waitForCompletionAsync(ID,
                every10s().refreshStatusOnWebhook(true).build());
        TaskStatus pushed = TaskStatus.builder().taskId(ID).state(TaskState.COMPLETED).title("pushed").build();

        assertThat(waiter.offer(pushed, SENT)).isEqualTo(WaitUpdate.ENDED);
        TaskStatus end = time.runUntilDone(wait);

        assertThat(end.title()).isEmpty(); // the polled status, not the pushed one
        assertThat(reads).hasValue(1);
    }

    @Test
    void aRefreshingWaitWhoseReadFailsEndsWithThePushedStatus() {
        thenFail(new ServerException("unavailable", ErrorDetails.of(503, null, null)));
        CompletableFuture<TaskStatus> wait = waiter.waitForCompletionAsync(ID,
                every10s().refreshStatusOnWebhook(true).build());
        TaskStatus pushed = TaskStatus.builder().taskId(ID).state(TaskState.COMPLETED).title("pushed").build();

        waiter.offer(pushed, SENT);

        assertThat(time.runUntilDone(wait).title()).hasValue("pushed");
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void closingTheWaiterFailsARunningWait(Mode mode) {
        then(TaskState.IN_PROGRESS);
        CompletableFuture<TaskStatus> wait = start(mode, every10s().build());
        while (waiter.activeWaits() == 0) { // the blocking caller's thread may not have started yet
            Thread.yield();
        }
        time.advanceBy(Duration.ofSeconds(30));

        waiter.close();

        assertThat(outcome(wait)).isInstanceOf(ClientClosedException.class);
        assertThat(outcome(waiter.waitForCompletionAsync(ID, every10s().build())))
                .isInstanceOf(ClientClosedException.class);
    }

    @Test
    void cancellingTheFutureStopsPolling() {
        then(TaskState.IN_PROGRESS);
        CompletableFuture<TaskStatus> wait = waiter.waitForCompletionAsync(ID, every10s().build());
        time.advanceBy(Duration.ofSeconds(25));
        int before = reads.get();

        wait.cancel(true);
        time.advanceBy(Duration.ofMinutes(10));

        assertThat(reads).hasValue(before);
        assertThat(waiter.activeWaits()).isZero();
        assertThat(time.pendingActions()).isZero();
    }

    @Test
    void waitingForATaskStillBeingCreatedStartsOnceItExistsAndPassesOnACreationFailure() {
        then(TaskState.COMPLETED);
        CompletableFuture<TaskId> creating = new CompletableFuture<>();
        CompletableFuture<TaskStatus> wait = waiter.waitForCompletionAsync(creating, every10s().build());
        assertThat(wait).isNotDone();

        creating.complete(ID);

        assertThat(time.runUntilDone(wait).state()).isEqualTo(TaskState.COMPLETED);
        CompletableFuture<TaskId> failing = new CompletableFuture<>();
        CompletableFuture<TaskStatus> failed = waiter.waitForCompletionAsync(failing, every10s().build());
        failing.completeExceptionally(new java.util.concurrent.CompletionException(
                new AuthenticationException("refused", ErrorDetails.of(401, null, null))));
        assertThat(outcome(failed)).isInstanceOf(AuthenticationException.class);
    }
}
