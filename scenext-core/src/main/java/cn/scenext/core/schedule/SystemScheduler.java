package cn.scenext.core.schedule;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** {@link Scheduler#system(String)}: one lazily started daemon thread over a {@link ScheduledThreadPoolExecutor}. */
final class SystemScheduler implements Scheduler {
    private final String threadName;
    private volatile ScheduledThreadPoolExecutor executor;
    private volatile boolean closed;

    SystemScheduler(String threadName) {
        this.threadName = threadName;
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public Cancellable schedule(Runnable action, Duration delay) {
        long nanos = Math.max(0, saturatedNanos(delay));
        ScheduledFuture<?> f = executor().schedule(action, nanos, TimeUnit.NANOSECONDS);
        return () -> f.cancel(false);
    }

    static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return d.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    @Override
    public void sleep(Duration duration) throws InterruptedException {
        long nanos = saturatedNanos(duration);
        if (nanos > 0) {
            TimeUnit.NANOSECONDS.sleep(nanos);
        }
    }

    private ScheduledThreadPoolExecutor executor() {
        ScheduledThreadPoolExecutor e = executor;
        if (e == null) {
            synchronized (this) {
                if (closed) {
                    throw new RejectedExecutionException("The scheduler is closed");
                }
                e = executor;
                if (e == null) {
                    e = new ScheduledThreadPoolExecutor(1, r -> {
                        Thread t = new Thread(r, threadName);
                        t.setDaemon(true);
                        return t;
                    });
                    e.setRemoveOnCancelPolicy(true);
                    e.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
                    executor = e;
                }
            }
        }
        return e;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    @Override
    public String toString() {
        return "SystemScheduler{" + threadName + (closed ? ", closed" : "") + '}';
    }
}
