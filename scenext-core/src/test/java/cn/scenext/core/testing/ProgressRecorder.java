package cn.scenext.core.testing;

import cn.scenext.api.Frame;
import cn.scenext.api.TaskStatus;
import cn.scenext.core.poll.ProgressListener;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Predicate;

/**
 * A progress listener that records each call as a line ({@code "frame frame1 #1"}, {@code "state COMPLETED"},
 * {@code "status IN_PROGRESS"}) and the thread it ran on. Thread-safe.
 */
public final class ProgressRecorder implements ProgressListener {
    private final List<String> events = Collections.synchronizedList(new ArrayList<>());
    private final List<String> threads = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void onStatus(TaskStatus status) {
        record("status " + status.state());
    }

    @Override
    public void onStateChanged(TaskStatus status) {
        record("state " + status.state());
    }

    @Override
    public void onFrame(TaskStatus status, Frame frame, int number) {
        record("frame " + frame.id() + " #" + number);
    }

    private void record(String event) {
        synchronized (events) {
            events.add(event);
            threads.add(Thread.currentThread().getName());
        }
    }

    /**
     * Every call so far, in order.
     *
     * @return a copy
     */
    public List<String> events() {
        synchronized (events) {
            return new ArrayList<>(events);
        }
    }

    /**
     * The calls of one kind.
     *
     * @param kind {@code frame}, {@code state} or {@code status}
     * @return a copy, in order
     */
    public List<String> of(String kind) {
        Predicate<String> ofKind = e -> e.startsWith(kind + " ");
        List<String> out = new ArrayList<>();
        for (String e : events()) {
            if (ofKind.test(e)) {
                out.add(e);
            }
        }
        return out;
    }

    /**
     * The names of the threads the calls ran on.
     *
     * @return a copy, one per call
     */
    public List<String> threads() {
        synchronized (events) {
            return new ArrayList<>(threads);
        }
    }
}
