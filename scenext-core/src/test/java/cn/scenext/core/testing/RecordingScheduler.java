package cn.scenext.core.testing;

import cn.scenext.core.schedule.Scheduler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A scheduler whose time is virtual: sleeps and delays are recorded and advance the clock at once, so
 * retry tests with multi-second backoffs run instantly and can assert the waits asked for.
 */
public final class RecordingScheduler implements Scheduler {
    private final Scheduler runner = Scheduler.system("recording-scheduler");
    private final List<Duration> waits = new CopyOnWriteArrayList<>();
    private volatile long now = 1_000_000_000L;

    @Override
    public long nanoTime() {
        return now;
    }

    @Override
    public Cancellable schedule(Runnable action, Duration delay) {
        record(delay);
        return runner.schedule(action, Duration.ZERO);
    }

    @Override
    public void sleep(Duration duration) {
        record(duration);
    }

    private synchronized void record(Duration d) {
        waits.add(d);
        if (!d.isNegative()) {
            now += d.toNanos();
        }
    }

    /** The waits asked for, in order. */
    public List<Duration> waits() {
        return waits;
    }

    @Override
    public void close() {
        runner.close();
    }
}
