package cn.scenext.core.internal.poll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import cn.scenext.api.Frame;
import cn.scenext.api.TaskId;
import cn.scenext.api.TaskState;
import cn.scenext.api.TaskStatus;
import cn.scenext.api.exception.ClientClosedException;
import cn.scenext.api.exception.TransportException;
import cn.scenext.api.exception.WaitTimeoutException;
import cn.scenext.api.internal.Futures;
import cn.scenext.core.internal.http.Redactor;
import cn.scenext.core.internal.token.FrameDigest;
import cn.scenext.core.internal.token.TokenState;
import cn.scenext.core.internal.token.WaitTokens;
import cn.scenext.core.poll.PollPolicy;
import cn.scenext.core.poll.ProgressListener;
import cn.scenext.core.poll.WaitOptions;
import cn.scenext.core.poll.WaitToken;
import cn.scenext.core.schedule.VirtualScheduler;
import cn.scenext.core.testing.ScriptedStatusReader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Resumed waits: a token taken from a wait in one {@link TaskWaiter} (one process) and resumed in another
 * goes on with the original deadline and poll policy position and reports no frame twice. Virtual time only.
 */
class ResumeWaitTest {
    private static final TaskId ID = TaskId.of("3f2a9c4e-8b1d-4e6f-9a7b-2c5d8e0f1a3b");

    private final VirtualScheduler time = new VirtualScheduler();
    private final Instant start = time.now();
    private final ScriptedStatusReader script = new ScriptedStatusReader(time);
    private final TaskWaiter first = waiter();
    private final TaskWaiter second = waiter();
    private final ExecutorService callers = Executors.newCachedThreadPool();

    private TaskWaiter waiter() {
        return new TaskWaiter(script, time, 0, new Redactor("key"), 10, Duration.ofMinutes(5), time.clock());
    }

    @AfterEach
    void stop() {
        first.close();
        second.close();
        callers.shutdownNow();
    }

    /** What one wait told its listener. */
    static final class Recorder implements ProgressListener {
        final List<String> frames = Collections.synchronizedList(new ArrayList<>());
        final List<TaskState> states = Collections.synchronizedList(new ArrayList<>());
        final List<String> events = Collections.synchronizedList(new ArrayList<>());
        final List<WaitToken> tokens = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void onFrame(TaskStatus status, Frame frame, int number) {
            frames.add(frame.id() + " #" + number);
            events.add("frame");
        }

        @Override
        public void onStateChanged(TaskStatus status) {
            states.add(status.state());
            events.add("state");
        }

        @Override
        public void onStatus(TaskStatus status) {
            events.add("status");
        }

        @Override
        public void onPollFailed(TaskId taskId, Throwable failure) {
            events.add("failed");
        }

        @Override
        public void onCheckpoint(WaitToken token) {
            tokens.add(token);
            events.add("checkpoint");
        }

        WaitToken last() {
            return tokens.get(tokens.size() - 1);
        }
    }

    /** A task making one frame a minute for 6 minutes, then completed with all 6. */
    private TaskStatus now() {
        long minutes = time.elapsed().toMinutes();
        TaskStatus.Builder b = TaskStatus.builder().taskId(ID)
                .state(minutes >= 6 ? TaskState.COMPLETED : TaskState.IN_PROGRESS);
        for (int i = 1; i <= Math.min(6, minutes); i++) {
            b.addFrame(Frame.of("f" + i, "https://x/" + i + ".png?sig=" + minutes));
        }
        return b.build();
    }

    private static WaitOptions options(ProgressListener listener, Duration timeout) {
        return WaitOptions.builder().pollPolicy(PollPolicy.fixed(Duration.ofSeconds(30)).withJitter(0))
                .timeout(timeout).progressListener(listener).build();
    }

    @Test
    void aWaitResumedInAnotherWaiterGoesOnAndCompletesWithoutReportingAFrameTwice() {
        script.then(this::now);
        Recorder before = new Recorder();
        CompletableFuture<TaskStatus> dying = first.waitForCompletionAsync(ID, options(before, Duration.ofHours(1)));
        time.advanceBy(Duration.ofMinutes(3).plusSeconds(10));
        String saved = before.last().asString();
        first.close(); // the process dies; the token's text is all that is left
        assertThat(Futures.unwrap(catchThrowable(dying::join))).isInstanceOf(ClientClosedException.class);
        int readsBefore = script.reads().get();

        Recorder after = new Recorder();
        long resumedAt = time.nanoTime();
        CompletableFuture<TaskStatus> resumed = second.resumeWaitAsync(WaitToken.parse(saved),
                options(after, Duration.ofHours(1)));
        TaskStatus done = time.runUntilDone(resumed);

        assertThat(script.readTimes().get(readsBefore)).isEqualTo(resumedAt); // one that had polled polls at once

        assertThat(done.isCompleted()).isTrue();
        assertThat(before.frames).containsExactly("f1 #1", "f2 #2", "f3 #3");
        assertThat(after.frames).containsExactly("f4 #4", "f5 #5", "f6 #6");
        assertThat(before.states).containsExactly(TaskState.IN_PROGRESS);
        assertThat(after.states).containsExactly(TaskState.COMPLETED); // the state last seen is no change
        assertThat(after.last().framesReported()).isEqualTo(6);
        assertThat(after.last().lastState()).contains(TaskState.COMPLETED);
    }

    @Test
    void aResumedWaitKeepsTheOriginalDeadlineNotAFreshTimeout() {
        script.then(() -> TaskStatus.builder().taskId(ID).state(TaskState.IN_PROGRESS).build());
        Recorder before = new Recorder();
        first.waitForCompletionAsync(ID, options(before, Duration.ofMinutes(10)));
        time.advanceBy(Duration.ofMinutes(4));
        WaitToken token = WaitToken.parse(before.last().asString());
        first.close();

        assertThat(token.deadline()).isEqualTo(start.plus(Duration.ofMinutes(10)));
        Throwable failure = catchThrowable(() -> time.runUntilDone(
                second.resumeWaitAsync(token, options(new Recorder(), Duration.ofHours(1)))));

        assertThat(Futures.unwrap(failure)).isInstanceOf(WaitTimeoutException.class);
        assertThat(((WaitTimeoutException) Futures.unwrap(failure)).taskId()).isEqualTo(ID);
        assertThat(time.now()).isEqualTo(start.plus(Duration.ofMinutes(10)));
    }

    @Test
    void aDeadlineAlreadyPassedEndsTheResumedWaitAtOnceWithNoRequest() {
        script.then(this::now);
        time.advanceBy(Duration.ofMinutes(2));

        CompletableFuture<TaskStatus> f = second.resumeWaitAsync(WaitToken.of(ID, start.plusSeconds(60)),
                options(new Recorder(), Duration.ofHours(1)));

        assertThat(f).isCompletedExceptionally();
        assertThat(Futures.unwrap(catchThrowable(f::join))).isInstanceOf(WaitTimeoutException.class)
                .hasMessageContaining(ID.value());
        assertThat(script.reads().get()).isZero();
        assertThat(second.activeWaits()).isZero();
        assertThat(time.pendingActions()).isZero();
    }

    @Test
    void aResumedWaitGoesOnWithThePollPolicyWhereTheSavedOneLeftIt() {
        script.then(() -> TaskStatus.builder().taskId(ID).state(TaskState.IN_PROGRESS).build());
        PollPolicy backoff = PollPolicy.backoff(Duration.ofSeconds(10), Duration.ofMinutes(10), 2).withJitter(0);
        Recorder before = new Recorder();
        first.waitForCompletionAsync(ID, WaitOptions.builder().pollPolicy(backoff).progressListener(before).build());
        time.advanceBy(Duration.ofSeconds(75)); // polls at 0, 10, 30 and 70 s
        WaitToken token = before.last();
        first.close();
        assertThat(token.pollsDone()).isEqualTo(4);

        script.readTimes().clear();
        second.resumeWaitAsync(token, WaitOptions.builder().pollPolicy(backoff).build());
        time.advanceBy(Duration.ofMinutes(10));

        List<Long> reads = script.readTimes();
        assertThat(reads.get(0)).isEqualTo(time.nanoTime() - Duration.ofMinutes(10).toNanos());
        assertThat(Duration.ofNanos(reads.get(1) - reads.get(0))).isEqualTo(backoff.intervalAfter(5, 0.5))
                .isEqualTo(Duration.ofSeconds(160));
        assertThat(Duration.ofNanos(reads.get(2) - reads.get(1))).isEqualTo(Duration.ofSeconds(320));
    }

    @Test
    void everyKindOfUpdateHandsOutATokenThatResumesFromThere() {
        script.then(this::now);
        script.then(this::now);
        script.then(() -> {
            throw new TransportException(TransportException.Reason.CONNECT_FAILED, "refused", null);
        });
        script.then(this::now);
        Recorder rec = new Recorder();
        CompletableFuture<TaskStatus> f = first.waitForCompletionAsync(ID,
                options(rec, Duration.ofHours(1)).toBuilder()
                        .pollPolicy(PollPolicy.fixed(Duration.ofMinutes(1)).withJitter(0)).build());
        time.advanceBy(Duration.ofSeconds(150)); // polls at 0 and 1 min, a failure at 2 min
        first.offer(TaskStatus.builder().taskId(ID).state(TaskState.IN_PROGRESS)
                .addFrame(Frame.of("f1", "u")).addFrame(Frame.of("f2", "u")).addFrame(Frame.of("f3", "u")).build(),
                time.now());
        time.runUntilDone(f);

        // first status, second status (frame), failed poll, webhook (frames), polls until COMPLETED
        assertThat(rec.events.subList(0, 12)).containsExactly("state", "status", "checkpoint",
                "frame", "status", "checkpoint", "failed", "checkpoint", "frame", "frame", "status", "checkpoint");
        assertThat(rec.tokens.get(0).framesReported()).isZero();
        assertThat(rec.tokens.get(0).lastState()).contains(TaskState.IN_PROGRESS);
        assertThat(rec.tokens.get(1).framesReported()).isEqualTo(1);
        assertThat(rec.tokens.get(2).pollsDone()).isEqualTo(3);
        assertThat(rec.tokens.get(2).framesReported()).isEqualTo(1);
        assertThat(rec.tokens.get(3).framesReported()).isEqualTo(3);
        assertThat(rec.last().lastState()).contains(TaskState.COMPLETED);
        assertThat(rec.last().framesReported()).isEqualTo(6);
        assertThat(rec.tokens).allSatisfy(t -> {
            assertThat(WaitToken.parse(t.asString())).isEqualTo(t);
            assertThat(t.deadline()).isEqualTo(start.plus(Duration.ofHours(1)));
            assertThat(t.taskId()).isEqualTo(ID);
        });
        assertThat(rec.events.get(rec.events.size() - 1)).isEqualTo("checkpoint");
    }

    @Test
    void aBlockingResumeWaitsOnItsThreadWhileTimeIsDriven() {
        script.then(this::now);
        Recorder rec = new Recorder();
        TaskStatus done = time.runUntilDone(CompletableFuture.supplyAsync(
                () -> second.resumeWait(WaitToken.of(ID, start.plus(Duration.ofMinutes(30))),
                        options(rec, Duration.ofMinutes(1))), callers));

        assertThat(done.isCompleted()).isTrue();
        assertThat(rec.frames).containsExactly("f1 #1", "f2 #2", "f3 #3", "f4 #4", "f5 #5", "f6 #6");
    }

    @Test
    void framesReportedBeforeStayUnreportedWhileAStatusListsFewerAndAreMatchedOnceOneListsThemAll() {
        long digest = FrameDigest.EMPTY;
        for (String id : new String[] {"f1", "f2", "f3"}) {
            digest = FrameDigest.extend(digest, id);
        }
        WaitToken token = WaitTokens.token(new TokenState(ID, start.plus(Duration.ofHours(1)), 2,
                TaskState.IN_PROGRESS, 3, digest));
        script.then(this::now);
        Recorder rec = new Recorder();
        CompletableFuture<TaskStatus> f = second.resumeWaitAsync(token, options(rec, Duration.ofHours(1)));
        // A webhook event listing one frame (fewer than reported), then polls with more
        second.offer(TaskStatus.builder().taskId(ID).state(TaskState.IN_PROGRESS).addFrame(Frame.of("f1", "u"))
                .build(), time.now());
        time.runUntilDone(f);

        assertThat(rec.frames).containsExactly("f4 #4", "f5 #5", "f6 #6");
    }

    @Test
    void whenTheFirstFramesAreNotThoseTheTokenRecordedTheCountStillRules() {
        long digest = FrameDigest.extend(FrameDigest.extend(FrameDigest.EMPTY, "other1"), "other2");
        WaitToken token = WaitTokens.token(new TokenState(ID, start.plus(Duration.ofHours(1)), 1,
                TaskState.IN_PROGRESS, 2, digest));
        time.advanceBy(Duration.ofMinutes(4));
        script.then(this::now);
        Recorder rec = new Recorder();

        time.runUntilDone(second.resumeWaitAsync(token, options(rec, Duration.ofHours(1))));

        assertThat(rec.frames).containsExactly("f3 #3", "f4 #4", "f5 #5", "f6 #6");
    }

    @Test
    void aClosedWaiterRefusesToResume() {
        second.close();

        CompletableFuture<TaskStatus> f = second.resumeWaitAsync(WaitToken.of(ID, start.plusSeconds(60)),
                WaitOptions.defaults());

        assertThat(Futures.unwrap(catchThrowable(f::join))).isInstanceOf(ClientClosedException.class);
    }
}
