package cn.scenext.core.internal.poll;

import cn.scenext.core.poll.ProgressListener;
import cn.scenext.api.Frame;
import cn.scenext.api.TaskId;
import cn.scenext.api.TaskState;
import cn.scenext.api.TaskStatus;
import cn.scenext.core.internal.http.Redactor;
import cn.scenext.core.internal.token.FrameDigest;
import cn.scenext.core.internal.token.TokenState;
import cn.scenext.core.poll.WaitToken;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.ObjIntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one wait has told its listener so far, and what a new status adds: frames not reported yet (by id, in
 * the service's order) and a change of state, then a {@link WaitToken} of where the wait stands. Used under its
 * wait's lock, by polls and pushed statuses alike.
 *
 * <p>A resumed wait starts from its token: the state it last saw, and the number and digest of the frames
 * reported before. The service lists a task's frames in order and only appends to the list, so the frames
 * reported before are the first ones of the first status that has that many: they are taken as reported (and
 * checked against the digest: a mismatch is logged, the count still rules, so that no frame is told twice).
 */
public final class ProgressTracker {
    private static final Logger LOG = LoggerFactory.getLogger(ProgressTracker.class);

    private final ProgressListener listener;
    private final Redactor redactor;
    /** Told of each new frame with its number, after the listener; {@code null} for no one. */
    private final ObjIntConsumer<Frame> frameSeen;
    private final Set<String> reportedFrameIds = new HashSet<>();
    private volatile int framesSeen;
    private TaskState lastState;
    /** The frames reported so far (by the waits this one resumes too), and the digest of their ids. */
    private int reported;
    private long digest = FrameDigest.EMPTY;
    /** Frames reported by the waits this one resumes, not yet matched to ids of a status. */
    private int priorFrames;
    private long priorDigest;
    private boolean priorPending;
    /** Makes the token of each checkpoint; {@code null} for none. */
    private Checkpoints checkpoints;

    /** Makes a wait's token from what its tracker knows (the rest is the wait's). */
    interface Checkpoints {
        /**
         * The token of the wait now.
         *
         * @param lastState the state last seen, or {@code null}
         * @param frames the frames reported so far
         * @param digest their digest
         * @return the token
         */
        WaitToken at(TaskState lastState, int frames, long digest);
    }

    ProgressTracker(ProgressListener listener, Redactor redactor) {
        this(listener, redactor, null);
    }

    ProgressTracker(ProgressListener listener, Redactor redactor, ObjIntConsumer<Frame> frameSeen) {
        this.listener = listener;
        this.redactor = redactor;
        this.frameSeen = frameSeen;
    }

    /**
     * Hands the listener a token after each update, made by {@code checkpoints}. Called before the first update.
     *
     * @param tokens makes the tokens
     */
    void checkpoints(Checkpoints tokens) {
        this.checkpoints = tokens;
    }

    /**
     * Starts from where a saved wait stood: its last state, and the frames it reported. Called before the first
     * update.
     *
     * @param saved the saved wait's token
     */
    void resumeFrom(TokenState saved) {
        lastState = saved.lastState();
        reported = saved.frames();
        framesSeen = reported;
        digest = saved.framesDigest();
        priorFrames = saved.frames();
        priorDigest = digest;
        priorPending = priorFrames > 0;
    }

    /**
     * How many distinct frames were seen so far; counted only when there is a listener or a frame observer.
     *
     * @return the number of frames
     */
    int framesSeen() {
        return framesSeen;
    }

    /**
     * Takes in a new status and returns the listener calls it calls for, to run later in order.
     *
     * @param status the status just read
     * @return the calls: new frames, then a change of state, then the status itself
     */
    Runnable update(TaskStatus status) {
        if (listener == ProgressListener.none() && frameSeen == null) {
            return () -> { };
        }
        List<Frame> frames = status.frames();
        int from = priorPending ? matchPrior(status) : 0;
        List<Frame> newFrames = new ArrayList<>();
        for (int i = from; i < frames.size(); i++) {
            Frame frame = frames.get(i);
            if (reportedFrameIds.add(frame.id())) {
                newFrames.add(frame);
                digest = FrameDigest.extend(digest, frame.id());
                reported++;
            }
        }
        framesSeen = reported;
        int firstNumber = reported - newFrames.size() + 1;
        boolean stateChanged = status.state() != lastState;
        lastState = status.state();
        WaitToken token = checkpoint();
        return () -> {
            if (listener != ProgressListener.none()) {
                tell(status, newFrames, firstNumber, stateChanged);
                if (token != null) {
                    guarded("onCheckpoint", () -> listener.onCheckpoint(token));
                }
            }
            if (frameSeen != null) {
                for (int i = 0; i < newFrames.size(); i++) {
                    frameSeen.accept(newFrames.get(i), firstNumber + i);
                }
            }
        };
    }

    /**
     * The listener call for a failed poll after which the wait goes on, to run later in order.
     *
     * @param taskId the task waited for
     * @param failure the poll's failure
     * @return the call
     */
    Runnable pollFailed(TaskId taskId, Throwable failure) {
        if (listener == ProgressListener.none()) {
            return () -> { };
        }
        WaitToken token = checkpoint();
        return () -> {
            guarded("onPollFailed", () -> listener.onPollFailed(taskId, failure));
            if (token != null) {
                guarded("onCheckpoint", () -> listener.onCheckpoint(token));
            }
        };
    }

    private WaitToken checkpoint() {
        return checkpoints == null || listener == ProgressListener.none() ? null
                : checkpoints.at(lastState, reported, digest);
    }

    /**
     * The frames of a resumed wait's status that the waits before it reported: the first {@code priorFrames}
     * distinct ones, or all of them while the status has fewer.
     *
     * @return the index of the first frame that may be new
     */
    private int matchPrior(TaskStatus status) {
        List<Frame> frames = status.frames();
        Set<String> first = new LinkedHashSet<>();
        int i = 0;
        while (i < frames.size() && first.size() < priorFrames) {
            first.add(frames.get(i).id());
            i++;
        }
        if (first.size() < priorFrames) {
            return frames.size(); // reported before, all of them; the match waits for a status with more
        }
        long d = FrameDigest.EMPTY;
        for (String id : first) {
            d = FrameDigest.extend(d, id);
        }
        reportedFrameIds.addAll(first);
        priorPending = false;
        if (d != priorDigest) {
            LOG.warn("The first {} frames of task {} are not those its wait token recorded as reported (the "
                    + "service changed their order or ids?); they are taken as reported all the same, and only "
                    + "frames after them are reported", priorFrames, status.taskId());
        }
        return i;
    }

    private void tell(TaskStatus status, List<Frame> newFrames, int firstNumber, boolean stateChanged) {
        for (int i = 0; i < newFrames.size(); i++) {
            Frame frame = newFrames.get(i);
            int number = firstNumber + i;
            guarded("onFrame", () -> listener.onFrame(status, frame, number));
        }
        if (stateChanged) {
            guarded("onStateChanged", () -> listener.onStateChanged(status));
        }
        guarded("onStatus", () -> listener.onStatus(status));
    }

    private void guarded(String method, Runnable call) {
        try {
            call.run();
        } catch (Throwable e) { // Errors too (an assertion in a test): a listener never stalls its wait
            LOG.warn("Progress listener {} failed in {}; ignored, the wait goes on: {}",
                    listener.getClass().getName(), method, redactor.redact(String.valueOf(e)));
        }
    }
}
