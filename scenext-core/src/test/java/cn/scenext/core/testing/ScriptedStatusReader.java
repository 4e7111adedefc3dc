package cn.scenext.core.testing;

import cn.scenext.api.TaskId;
import cn.scenext.api.TaskStatus;
import cn.scenext.core.internal.poll.TaskWaiter;
import cn.scenext.core.schedule.Scheduler;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A status reader for {@link TaskWaiter} tests: each read takes the next scripted step (a status, or a failure
 * the future completes with), the last step answering every later read too; counts the reads and records when
 * each came, on the scheduler's clock. Thread-safe.
 */
public final class ScriptedStatusReader implements TaskWaiter.StatusReader {
    private final Scheduler clock;
    private final Deque<Supplier<TaskStatus>> script = new ArrayDeque<>();
    private final AtomicInteger reads = new AtomicInteger();
    private final List<Long> readTimes = Collections.synchronizedList(new ArrayList<>());

    /**
     * Creates the reader.
     *
     * @param clock the clock each read's time is taken from
     */
    public ScriptedStatusReader(Scheduler clock) {
        this.clock = clock;
    }

    /**
     * Queues the next step.
     *
     * @param step gives a status, or throws the failure of the read
     */
    public void then(Supplier<TaskStatus> step) {
        synchronized (script) {
            script.add(step);
        }
    }

    /** Forgets the steps not yet taken. */
    public void clear() {
        synchronized (script) {
            script.clear();
        }
    }

    /**
     * The number of reads so far; settable, to count again.
     *
     * @return the live counter
     */
    public AtomicInteger reads() {
        return reads;
    }

    /**
     * When each read came, in nanoseconds on the clock.
     *
     * @return the live list
     */
    public List<Long> readTimes() {
        return readTimes;
    }

    @Override
    public CompletableFuture<TaskStatus> read(TaskId taskId, long deadlineNanos) {
        reads.incrementAndGet();
        readTimes.add(clock.nanoTime());
        CompletableFuture<TaskStatus> f = new CompletableFuture<>();
        Supplier<TaskStatus> next;
        synchronized (script) {
            next = script.size() > 1 ? script.poll() : script.peek();
        }
        try {
            f.complete(next.get());
        } catch (RuntimeException e) {
            f.completeExceptionally(e);
        }
        return f;
    }
}
