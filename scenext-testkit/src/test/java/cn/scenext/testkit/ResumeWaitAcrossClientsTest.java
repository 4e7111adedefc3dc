package cn.scenext.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import cn.scenext.api.Frame;
import cn.scenext.api.GenerateVideoRequest;
import cn.scenext.api.TaskId;
import cn.scenext.api.TaskStatus;
import cn.scenext.api.exception.ClientClosedException;
import cn.scenext.api.exception.WaitTimeoutException;
import cn.scenext.api.transport.Transport;
import cn.scenext.api.transport.TransportOptions;
import cn.scenext.core.ScenextClient;
import cn.scenext.core.poll.PollPolicy;
import cn.scenext.core.poll.ProgressListener;
import cn.scenext.core.poll.WaitOptions;
import cn.scenext.core.poll.WaitToken;
import cn.scenext.okhttp.OkHttpTransport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A wait saved by one client and resumed by another (a second "process": its own client and transport) against
 * the simulator, on virtual time: it completes, reports every frame exactly once across the two, keeps the
 * first wait's deadline, and its tokens stay small for a task of 200 frames.
 */
class ResumeWaitAcrossClientsTest {
    private final VirtualScheduler time = new VirtualScheduler();
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        Collections.reverse(open);
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    private ScenextSimulator simulator(int frames) {
        ScenextSimulator sim = ScenextSimulator.builder().clock(time.clock()).taskDuration(Duration.ofMinutes(20))
                .framesPerTask(frames).start();
        open.add(sim);
        return sim;
    }

    /** A client of its own, as another process would have. */
    private ScenextClient client(ScenextSimulator sim) {
        Transport transport = OkHttpTransport.create(TransportOptions.defaults());
        ScenextClient client = sim.newClient().transport(time.tracking(transport)).scheduler(time)
                .clock(time.clock()).build();
        open.add(transport);
        open.add(client);
        return client;
    }

    private static WaitOptions options(ProgressListener listener) {
        return WaitOptions.builder().pollPolicy(PollPolicy.fixed(Duration.ofSeconds(30)))
                .timeout(Duration.ofHours(1)).progressListener(listener).build();
    }

    /** Records the frame ids reported and keeps the latest token's text, as an application would save it. */
    private static final class Saver implements ProgressListener {
        final List<String> frames = Collections.synchronizedList(new ArrayList<>());
        final AtomicReference<String> saved = new AtomicReference<>();

        @Override
        public void onFrame(TaskStatus status, Frame frame, int number) {
            frames.add(frame.id() + " #" + number);
        }

        @Override
        public void onCheckpoint(WaitToken token) {
            saved.set(token.asString());
        }
    }

    @Test
    void aWaitSavedInOneClientIsResumedInAnotherAndCompletesReportingEachFrameOnce() {
        ScenextSimulator sim = simulator(6);
        ScenextClient dying = client(sim);
        TaskId id = dying.generateVideo(GenerateVideoRequest.ofQuestion("What is a Fourier series?"));
        Saver before = new Saver();
        CompletableFuture<TaskStatus> lost = dying.waitForCompletionAsync(id, options(before));
        time.advanceBy(Duration.ofMinutes(9));
        dying.close(); // the first process ends mid-wait
        assertThat(catchThrowable(lost::join)).isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(ClientClosedException.class);
        WaitToken token = WaitToken.parse(before.saved.get());
        assertThat(token.framesReported()).isEqualTo(before.frames.size()).isBetween(1, 5);

        Saver after = new Saver();
        TaskStatus done = time.runUntilDone(client(sim).resumeWaitAsync(token, options(after)));

        assertThat(done.isCompleted()).isTrue();
        List<String> all = new ArrayList<>(before.frames);
        all.addAll(after.frames);
        assertThat(all).hasSize(6).doesNotHaveDuplicates();
        assertThat(new HashSet<>(all)).hasSize(6);
        for (int i = 0; i < 6; i++) {
            assertThat(all.get(i)).endsWith(" #" + (i + 1));
        }
        assertThat(after.frames).isNotEmpty();
        assertThat(WaitToken.parse(after.saved.get()).framesReported()).isEqualTo(6);
        assertThat(sim.requests(cn.scenext.testkit.Endpoint.GEN_VIDEO)).hasSize(1);
    }

    @Test
    void theResumedWaitKeepsTheFirstWaitsDeadline() {
        ScenextSimulator sim = simulator(6);
        ScenextClient dying = client(sim);
        TaskId id = dying.generateVideo(GenerateVideoRequest.ofQuestion("What is 1 + 1?"));
        Instant started = time.now();
        Saver before = new Saver();
        dying.waitForCompletionAsync(id, options(before).toBuilder().timeout(Duration.ofMinutes(12)).build());
        time.advanceBy(Duration.ofMinutes(5));
        dying.close();

        Throwable failure = catchThrowable(() -> time.runUntilDone(
                client(sim).resumeWaitAsync(WaitToken.parse(before.saved.get()), options(new Saver()))));

        assertThat(failure).isInstanceOf(CompletionException.class).hasCauseInstanceOf(WaitTimeoutException.class);
        assertThat(time.now()).isEqualTo(started.plus(Duration.ofMinutes(12)));
    }

    @Test
    void tokensOfATaskWithTwoHundredFramesStaySmall() {
        ScenextSimulator sim = simulator(200);
        ScenextClient client = client(sim);
        TaskId id = client.generateVideo(GenerateVideoRequest.ofQuestion("A long one"));
        List<Integer> lengths = Collections.synchronizedList(new ArrayList<>());
        AtomicReference<WaitToken> last = new AtomicReference<>();

        time.runUntilDone(client.waitForCompletionAsync(id, options(ProgressListener.onCheckpoint(t -> {
            lengths.add(t.asString().length());
            last.set(t);
        }))));

        assertThat(last.get().framesReported()).isEqualTo(200);
        assertThat(lengths).isNotEmpty().allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(60));
    }
}
