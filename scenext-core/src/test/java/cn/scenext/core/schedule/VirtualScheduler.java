package cn.scenext.core.schedule;

import cn.scenext.api.transport.HttpRequest;
import cn.scenext.api.transport.HttpResponse;
import cn.scenext.api.transport.Transport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A {@link Scheduler} on virtual time, for tests of code that retries and waits: time moves only when the test
 * drives it, so a wait of 30 minutes runs in milliseconds and no test depends on the wall clock or on how loaded
 * the machine is. Give it to {@code ScenextClient.Builder.scheduler(...)}, and its {@link #clock()} to
 * {@link ScenextSimulator.Builder#clock(Clock)} so that the simulator's tasks progress on the same time:
 *
 * <pre>{@code
 * VirtualScheduler time = new VirtualScheduler();
 * try (ScenextSimulator sim = ScenextSimulator.builder().clock(time.clock()).taskDuration(Duration.ofMinutes(30)).start();
 *      Transport transport = OkHttpTransport.create(TransportOptions.defaults());
 *      ScenextClient client = sim.newClient().transport(time.tracking(transport)).scheduler(time).build()) {
 *     TaskId id = client.generateVideo(GenerateVideoRequest.ofQuestion("What is 1 + 1?"));
 *     TaskStatus done = time.runUntilDone(client.waitForCompletionAsync(id, WaitOptions.defaults()));
 *     // done.isCompleted() and time.elapsed() is 30 minutes; the test took milliseconds
 * }
 * }</pre>
 *
 * <p><b>Driving.</b> Scheduled actions run on the thread that drives time ({@link #runUntilDone},
 * {@link #advanceBy}), one at a time, in time order (actions due at the same instant in the order they were
 * scheduled); an exception an action throws comes out of the drive. A thread that {@link #sleep sleeps} blocks
 * until another thread drives time past its wake-up, so run synchronous calls that may retry (which sleep between
 * attempts) off the driving thread, for example {@code time.runUntilDone(CompletableFuture.supplyAsync(() ->
 * client.waitForCompletion(id, options)))}; asynchronous calls need no thread of their own.
 *
 * <p><b>Real work.</b> Time must not jump over an HTTP exchange in flight, or a timer would overtake the response
 * it was waiting for. Wrap the client's transport with {@link #tracking(Transport)}: time then jumps to the next
 * action only when no exchange runs. Bracket other work on real threads with {@link #beginWork()}.
 *
 * <p><b>Hangs.</b> A drive that cannot make progress (nothing is scheduled and the future is not done, or tracked
 * work never ends) fails with an {@link IllegalStateException} once nothing has happened for the hang guard: 30
 * seconds of real time (unless set) in which no action was scheduled or run and no tracked work ended. It bounds a
 * stall, not a drive, so a long drive on a loaded machine never trips it; it only stops a broken test from hanging
 * the build and never decides a result.
 *
 * <p>Thread-safe. {@link #close()} drops every pending action and refuses new ones.
 */
public final class VirtualScheduler implements Scheduler {
    /** The instant virtual time starts at unless another is given: 2030-01-01T00:00:00Z. */
    public static final Instant DEFAULT_START = Instant.parse("2030-01-01T00:00:00Z");
    /** How long, in real time and unless set, a drive may see nothing happen before it is deemed hung. */
    public static final Duration DEFAULT_HANG_GUARD = Duration.ofSeconds(30);

    /** The {@link #nanoTime()} at the start: far from zero, so that code subtracting times never sees zero. */
    private static final long ORIGIN_NANOS = 1_000_000_000L;

    private final Object lock = new Object();
    private final PriorityQueue<Task> queue = new PriorityQueue<>();
    private final Instant start;
    private final long hangGuardNanos;
    private long now = ORIGIN_NANOS;
    /** {@link System#nanoTime()} when something last happened: the hang guard counts from there. */
    private long lastProgress = System.nanoTime();
    private long sequence;
    private int busy;
    private boolean closed;

    /** Virtual time starting at {@link #DEFAULT_START}, with the default hang guard. */
    public VirtualScheduler() {
        this(DEFAULT_START, DEFAULT_HANG_GUARD);
    }

    /**
     * Virtual time starting at an instant, with the default hang guard.
     *
     * @param start what {@link #now()} and {@link #clock()} give before time moves
     * @throws NullPointerException when {@code start} is null
     */
    public VirtualScheduler(Instant start) {
        this(start, DEFAULT_HANG_GUARD);
    }

    /**
     * Virtual time starting at an instant, with a hang guard.
     *
     * @param start what {@link #now()} and {@link #clock()} give before time moves
     * @param hangGuard how long a drive may see nothing happen, in real time, before it fails as hung
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException when {@code hangGuard} is zero or negative
     */
    public VirtualScheduler(Instant start, Duration hangGuard) {
        this.start = Objects.requireNonNull(start, "start");
        Objects.requireNonNull(hangGuard, "hangGuard");
        if (hangGuard.isZero() || hangGuard.isNegative()) {
            throw new IllegalArgumentException("hangGuard must be positive, got " + hangGuard);
        }
        this.hangGuardNanos = saturatedNanos(hangGuard);
    }

    /**
     * The virtual monotonic time, in nanoseconds.
     *
     * @return the current virtual time
     */
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
        synchronized (lock) {
            return Duration.ofNanos(now - ORIGIN_NANOS);
        }
    }

    /**
     * The current virtual instant: the start plus {@link #elapsed()}.
     *
     * @return the virtual now
     */
    public Instant now() {
        return start.plus(elapsed());
    }

    /**
     * A clock on this virtual time (in UTC), for code that reads wall-clock time, such as
     * {@link ScenextSimulator.Builder#clock(Clock)}.
     *
     * @return a clock whose {@link Clock#instant()} is {@link #now()}
     */
    public Clock clock() {
        return new VirtualClock(ZoneOffset.UTC);
    }

    /**
     * Schedules an action at a virtual time from now; it runs when a drive reaches that time.
     *
     * @param action the action
     * @param delay how far from now; zero or negative: as soon as time is driven
     * @return a handle to cancel the action before it runs
     * @throws NullPointerException when an argument is null
     * @throws RejectedExecutionException when this scheduler is closed
     */
    @Override
    public Cancellable schedule(Runnable action, Duration delay) {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(delay, "delay");
        synchronized (lock) {
            if (closed) {
                throw new RejectedExecutionException("The virtual scheduler is closed");
            }
            long d = delay.isNegative() ? 0 : saturatedNanos(delay);
            Task task = new Task(saturatedAdd(now, d), sequence++, action);
            queue.add(task);
            lastProgress = System.nanoTime();
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

    /**
     * Blocks until another thread drives virtual time past the duration; returns at once for zero or less.
     *
     * @param duration how long, in virtual time
     * @throws InterruptedException when the thread is interrupted while it waits (its wake-up is cancelled)
     * @throws RejectedExecutionException when this scheduler is closed
     */
    @Override
    public void sleep(Duration duration) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        if (duration.isZero() || duration.isNegative()) {
            return;
        }
        CountDownLatch woken = new CountDownLatch(1);
        Cancellable wakeUp = schedule(woken::countDown, duration);
        try {
            woken.await();
        } catch (InterruptedException e) {
            wakeUp.cancel();
            throw e;
        }
    }

    /** Drops every pending action and refuses new ones. Idempotent. */
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
     * @return the number of scheduled actions neither run nor cancelled
     */
    public int pendingActions() {
        synchronized (lock) {
            return queue.size();
        }
    }

    /**
     * Marks the start of real work that time must not jump over.
     *
     * @return run it when the work is done (running it again does nothing)
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
                    lastProgress = System.nanoTime();
                    lock.notifyAll();
                }
            }
        };
    }

    /**
     * A transport whose exchanges time waits for. An asynchronous exchange counts as work until its future's
     * dependents (the client's handling of the response) have run, or until it is cancelled. Name and
     * {@code close()} are the given transport's.
     *
     * @param transport the real transport
     * @return the tracked transport
     * @throws NullPointerException when {@code transport} is null
     */
    public Transport tracking(Transport transport) {
        Objects.requireNonNull(transport, "transport");
        return new TrackedTransport(transport);
    }

    /**
     * Drives time until a future completes, running every action due on the way.
     *
     * @param future the future
     * @param <T> its value's type
     * @return the future's value
     * @throws java.util.concurrent.CompletionException with the future's failure as cause
     * @throws java.util.concurrent.CancellationException when the future was cancelled
     * @throws IllegalStateException when the scheduler is closed, or nothing is left to run and the future is not
     *     done, or tracked work does not end, for the hang guard
     * @throws NullPointerException when {@code future} is null
     */
    public <T> T runUntilDone(CompletableFuture<T> future) {
        Objects.requireNonNull(future, "future");
        startDrive();
        while (!future.isDone()) {
            Task next = nextWhenQuiet(future);
            if (next != null) {
                next.action.run();
            }
        }
        return future.join();
    }

    /**
     * Drives time forward by a duration, running every action due by then, in order.
     *
     * @param duration how far; zero runs the actions already due
     * @throws IllegalArgumentException when {@code duration} is negative
     * @throws IllegalStateException when tracked work does not end for the hang guard
     * @throws NullPointerException when {@code duration} is null
     */
    public void advanceBy(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("Time only moves forward; got " + duration);
        }
        startDrive();
        long target;
        synchronized (lock) {
            target = saturatedAdd(now, saturatedNanos(duration));
        }
        while (true) {
            Task next;
            synchronized (lock) {
                awaitQuiet();
                Task head = queue.peek();
                if (head == null || head.at - target > 0) {
                    now = Math.max(now, target);
                    return;
                }
                next = queue.poll();
                now = Math.max(now, next.at);
                lastProgress = System.nanoTime();
            }
            next.action.run();
        }
    }

    /** The next action to run, once no tracked work runs; {@code null} when the future completed meanwhile. */
    private Task nextWhenQuiet(CompletableFuture<?> future) {
        synchronized (lock) {
            while (true) {
                awaitQuiet();
                if (future.isDone()) {
                    return null;
                }
                Task head = queue.poll();
                if (head != null) {
                    now = Math.max(now, head.at);
                    lastProgress = System.nanoTime();
                    return head;
                }
                if (closed) {
                    throw new IllegalStateException("The virtual scheduler is closed and the future is not done");
                }
                waitForChange("nothing is scheduled and the future is not done");
            }
        }
    }

    private void startDrive() {
        synchronized (lock) {
            lastProgress = System.nanoTime();
        }
    }

    private void awaitQuiet() {
        while (busy > 0) {
            waitForChange(busy + " tracked exchanges still run");
        }
    }

    private void waitForChange(String state) {
        long left = lastProgress + hangGuardNanos - System.nanoTime();
        if (left <= 0) {
            throw new IllegalStateException("Virtual time is stuck at " + Duration.ofNanos(now - ORIGIN_NANOS)
                    + ": " + state + ", and nothing happened for " + Duration.ofNanos(hangGuardNanos));
        }
        try {
            TimeUnit.NANOSECONDS.timedWait(lock, Math.min(left, TimeUnit.MILLISECONDS.toNanos(10)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while driving virtual time", e);
        }
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE / 4;
        }
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE / 2 : Math.min(sum, Long.MAX_VALUE / 2);
    }

    /**
     * Describes the scheduler's state.
     *
     * @return the elapsed virtual time and the number of pending actions
     */
    @Override
    public String toString() {
        return "VirtualScheduler{elapsed=" + elapsed() + ", pending=" + pendingActions()
                + (isClosed() ? ", closed" : "") + '}';
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

    /** The clock {@link #clock()} gives: reads the scheduler's virtual now. */
    private final class VirtualClock extends Clock {
        private final ZoneId zone;

        VirtualClock(ZoneId zone) {
            this.zone = zone;
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId newZone) {
            return new VirtualClock(Objects.requireNonNull(newZone, "zone"));
        }

        @Override
        public Instant instant() {
            return now();
        }

        @Override
        public String toString() {
            return "VirtualClock{" + now() + ", " + zone + '}';
        }
    }

    /** The transport {@link #tracking(Transport)} gives. */
    private final class TrackedTransport implements Transport {
        private final Transport transport;

        TrackedTransport(Transport transport) {
            this.transport = transport;
        }

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
            } catch (RuntimeException | Error e) {
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

        @Override
        public String toString() {
            return "tracked " + transport;
        }
    }
}
