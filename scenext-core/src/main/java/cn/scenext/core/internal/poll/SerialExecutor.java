package cn.scenext.core.internal.poll;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks one at a time and in order on another executor, whatever that executor's threading: one per
 * wait, so that a listener sees its calls in order even on a pool. A task the executor refuses (e.g. a pool
 * already shut down), or an executor that throws anything else from {@code execute} ({@link Error}s included),
 * leaves the tasks to run on the submitting thread, so that a wait always completes. A task that throws is
 * logged and the next one runs.
 *
 * <p>A caller that must fix the order of tasks under a lock of its own, without running them under it,
 * {@linkplain #enqueue(Runnable) enqueues} them under the lock and {@linkplain #flush() flushes} after
 * releasing it.
 */
public final class SerialExecutor implements Executor {
    private static final Logger LOG = LoggerFactory.getLogger(SerialExecutor.class);

    private final Executor delegate;
    private final Queue<Runnable> tasks = new ArrayDeque<>();
    private boolean draining;

    SerialExecutor(Executor delegate) {
        this.delegate = delegate;
    }

    @Override
    public void execute(Runnable task) {
        enqueue(task);
        flush();
    }

    /**
     * Queues a task without running it: it runs at the next {@link #flush()}, after the tasks queued before it.
     *
     * @param task the task
     */
    synchronized void enqueue(Runnable task) {
        tasks.add(task);
    }

    /** Runs the queued tasks, unless they are already running (then they run there). */
    void flush() {
        synchronized (this) {
            if (draining || tasks.isEmpty()) {
                return;
            }
            draining = true;
        }
        // One drain per hand-off, run by whichever of the executor and this thread gets to it first: an
        // executor that throws after having taken the task cannot make two drains run at once.
        AtomicBoolean claimed = new AtomicBoolean();
        Runnable drainOnce = () -> {
            if (claimed.compareAndSet(false, true)) {
                drain();
            }
        };
        try {
            delegate.execute(drainOnce);
        } catch (Throwable e) {
            if (!(e instanceof RejectedExecutionException)) {
                LOG.warn("The wait's callback executor {} failed to take a task; running it on this thread: {}",
                        delegate.getClass().getName(), String.valueOf(e));
            }
            drainOnce.run();
        }
    }

    private void drain() {
        while (true) {
            Runnable next;
            synchronized (this) {
                next = tasks.poll();
                if (next == null) {
                    draining = false;
                    return;
                }
            }
            try {
                next.run();
            } catch (Throwable e) { // Errors too: the tasks after it (the future's completion) must still run
                LOG.warn("A wait callback failed; ignored", e);
            }
        }
    }
}
