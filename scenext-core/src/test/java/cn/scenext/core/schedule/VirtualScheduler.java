package cn.scenext.core.schedule;

import cn.scenext.api.transport.HttpRequest;
import cn.scenext.api.transport.HttpResponse;
import cn.scenext.api.transport.Transport;
import java.time.Duration;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A {@link Scheduler} on virtual time, for tests: time moves only when the test drives it, so a wait of
 * "30 minutes" runs in milliseconds, and no test depends on the wall clock.
 *
 * <p>Actions run on the thread that drives ({@link #runUntilDone}, {@link #advanceBy}), in time order. Work on
 * real threads (HTTP exchanges, callbacks on other executors) is waited for before time jumps: wrap the
 * transport with {@link #tracking(Transport)}, or bracket other work with {@link #beginWork()}. Time jumps to
 * the next action only when no tracked work runs, so an answer in flight is never overtaken by a timer.
 * Real time bounds each drive as a hang guard only.
 *
 * <pre>{@code
 * VirtualScheduler time = new VirtualScheduler();
 * ScenextClient client = ScenextClient.builder().apiKey("test-key").baseUrl(url)
 *         .transport(time.tracking(transport)).scheduler(time).build();
 * TaskStatus done = time.runUntilDone(client.waitForCompletionAsync(id, options));
 * }</pre>
 */
public final class VirtualScheduler implements Scheduler {
    /** The longest a drive may take in real time before it is deemed hung. */
    public static final Duration HANG_GUARD = Duration.ofSeconds(30);

    private final Object lock = new Object();
    private final PriorityQueue<Task> queue = new PriorityQueue<>();
    private long now = 1_000_000_000L;
    private long sequence;
    private int busy;
    private boolean closed;

    @Override
    public long nanoTime() {
        synchronized (lock) {
            return now;
        }
    }

    /**
     * The virtual time elapsed since this scheduler was created.
     *
     * @return the elapsed virtual time
     */
    public Duration elapsed() {
        return Duration.ofNanos(nanoTime() - 1_000_000_000L);
    }

    @Override
    public Cancellable schedule(Runnable action, Duration delay) {
        synchronized (lock) {
            if (closed) {
                throw new RejectedExecutionException("The virtual scheduler is closed");
            }
            long d = delay.isNegative() ? 0 : saturatedNanos(delay);
            Task task = new Task(now + d, sequence++, action);
            queue.add(task);
            lock.notifyAll();
            return () -> {
                synchronized (lock) {
                    boolean removed = queue.remove(task);
                    lock.notifyAll();
                    return removed;
                }
            };
        }
    }

    /** Blocks until another thread drives virtual time past the duration. */
    @Override
    public void sleep(Duration duration) throws InterruptedException {
        CountDownLatch woken = new CountDownLatch(1);
        schedule(woken::countDown, duration);
        woken.await();
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            queue.clear();
            lock.notifyAll();
        }
    }

    /**
     * Whether {@link #close()} was called.
     *
     * @return {@code true} once closed
     */
    public boolean isClosed() {
        synchronized (lock) {
            return closed;
        }
    }

    /**
     * How many actions wait to run.
     *
     * @return the number of scheduled, not cancelled, actions
     */
    public int pendingActions() {
        synchronized (lock) {
            return queue.size();
        }
    }

    /**
     * Marks the start of real work that time must not jump over.
     *
     * @return call it once when the work is done
     */
    public Runnable beginWork() {
        synchronized (lock) {
            busy++;
        }
        boolean[] ended = new boolean[1];
        return () -> {
            synchronized (lock) {
                if (!ended[0]) {
                    ended[0] = true;
                    busy--;
                    lock.notifyAll();
                }
            }
        };
    }

    /**
     * A transport whose exchanges time waits for: an asynchronous call counts as work until its future's
     * dependents (the client's handling of the answer) have run.
     *
     * @param transport the real transport
     * @return the tracked transport
     */
    public Transport tracking(Transport transport) {
        return new Transport() {
            @Override
            public HttpResponse execute(HttpRequest request) {
                Runnable done = beginWork();
                try {
                    return transport.execute(request);
                } finally {
                    done.run();
                }
            }

            @Override
            public CompletableFuture<HttpResponse> executeAsync(HttpRequest request) {
                Runnable done = beginWork();
                CompletableFuture<HttpResponse> outer = new CompletableFuture<>();
                CompletableFuture<HttpResponse> inner;
                try {
                    inner = transport.executeAsync(request);
                } catch (RuntimeException e) {
                    done.run();
                    throw e;
                }
                outer.whenComplete((r, e) -> {
                    if (outer.isCancelled()) {
                        inner.cancel(true);
                        done.run();
                    }
                });
                inner.whenComplete((r, e) -> {
                    try {
                        if (e != null) {
                            outer.completeExceptionally(e);
                        } else {
                            outer.complete(r);
                        }
                    } finally {
                        done.run();
                    }
                });
                return outer;
            }

            @Override
            public String name() {
                return transport.name();
            }

            @Override
            public void close() {
                transport.close();
            }
        };
    }

    /**
     * Drives time until a future completes, running every action due on the way.
     *
     * @param future the future
     * @param <T> its value
     * @return the future's value
     * @throws java.util.concurrent.CompletionException with the future's failure
     * @throws IllegalStateException when nothing is left to run and the future is not done, or the hang guard
     *     passed
     */
    public <T> T runUntilDone(CompletableFuture<T> future) {
        long guard = System.nanoTime() + HANG_GUARD.toNanos();
        while (!future.isDone()) {
            Task next = nextWhenQuiet(guard, future);
            if (next != null) {
                next.action.run();
            }
        }
        return future.join();
    }

    /**
     * Drives time forward by a duration, running every action due by then, in order.
     *
     * @param duration how far
     */
    public void advanceBy(Duration duration) {
        long guard = System.nanoTime() + HANG_GUARD.toNanos();
        long target;
        synchronized (lock) {
            target = now + saturatedNanos(duration);
        }
        while (true) {
            Task next;
            synchronized (lock) {
                awaitQuiet(guard);
                Task head = queue.peek();
                if (head == null || head.at - target > 0) {
                    now = target;
                    return;
                }
                next = queue.poll();
                now = Math.max(now, next.at);
            }
            next.action.run();
        }
    }

    /** The next action to run, once no tracked work runs; {@code null} when the future completed meanwhile. */
    private Task nextWhenQuiet(long guard, CompletableFuture<?> future) {
        synchronized (lock) {
            while (true) {
                awaitQuiet(guard);
                if (future.isDone()) {
                    return null;
                }
                Task head = queue.poll();
                if (head != null) {
                    now = Math.max(now, head.at);
                    return head;
                }
                waitForChange(guard, "nothing is scheduled and the future is not done");
            }
        }
    }

    private void awaitQuiet(long guard) {
        while (busy > 0) {
            waitForChange(guard, busy + " tracked exchanges still run");
        }
    }

    private void waitForChange(long guard, String state) {
        long left = guard - System.nanoTime();
        if (left <= 0) {
            throw new IllegalStateException("Virtual time is stuck at " + elapsedUnlocked() + ": " + state);
        }
        try {
            TimeUnit.NANOSECONDS.timedWait(lock, Math.min(left, TimeUnit.MILLISECONDS.toNanos(10)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while driving virtual time", e);
        }
    }

    private Duration elapsedUnlocked() {
        return Duration.ofNanos(now - 1_000_000_000L);
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE / 4;
        }
    }

    private static final class Task implements Comparable<Task> {
        final long at;
        final long seq;
        final Runnable action;

        Task(long at, long seq, Runnable action) {
            this.at = at;
            this.seq = seq;
            this.action = action;
        }

        @Override
        public int compareTo(Task o) {
            int c = Long.compare(at, o.at);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    @Override
    public String toString() {
        return "VirtualScheduler{now=" + elapsed() + ", pending=" + pendingActions() + '}';
    }
}
