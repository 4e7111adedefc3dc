package cn.scenext.core.internal.poll;

import cn.scenext.core.poll.ProgressListener;
import cn.scenext.api.Frame;
import cn.scenext.api.TaskId;
import cn.scenext.api.TaskState;
import cn.scenext.api.TaskStatus;
import cn.scenext.core.internal.http.Redactor;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.ObjIntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one wait has told its listener so far, and what a new status adds: frames not reported yet (by id, in
 * the service's order) and a change of state. Used under its wait's lock, by polls and pushed statuses alike.
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

    ProgressTracker(ProgressListener listener, Redactor redactor) {
        this(listener, redactor, null);
    }

    ProgressTracker(ProgressListener listener, Redactor redactor, ObjIntConsumer<Frame> frameSeen) {
        this.listener = listener;
        this.redactor = redactor;
        this.frameSeen = frameSeen;
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
        List<Frame> newFrames = new ArrayList<>();
        for (Frame frame : status.frames()) {
            if (reportedFrameIds.add(frame.id())) {
                newFrames.add(frame);
            }
        }
        framesSeen = reportedFrameIds.size();
        int firstNumber = reportedFrameIds.size() - newFrames.size() + 1;
        boolean stateChanged = status.state() != lastState;
        lastState = status.state();
        return () -> {
            if (listener != ProgressListener.none()) {
                tell(status, newFrames, firstNumber, stateChanged);
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
        return () -> guarded("onPollFailed", () -> listener.onPollFailed(taskId, failure));
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
