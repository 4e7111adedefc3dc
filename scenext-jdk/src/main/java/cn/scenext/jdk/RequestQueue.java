package cn.scenext.jdk;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Starts at most a given number of exchanges at once; the others wait in order. Starting an exchange must not
 * block: it hands the request to the HTTP client and returns.
 */
final class RequestQueue {
    private final int limit;
    private final Deque<Runnable> waiting = new ArrayDeque<>();
    private int running;

    RequestQueue(int limit) {
        this.limit = limit;
    }

    /** Starts the exchange now, or once a running one has finished. */
    void submit(Runnable start) {
        synchronized (this) {
            if (running >= limit) {
                waiting.add(start);
                return;
            }
            running++;
        }
        start.run();
    }

    /** Called once per started exchange when it has finished: starts the next one waiting, if any. */
    void finished() {
        Runnable next;
        synchronized (this) {
            next = waiting.poll();
            if (next == null) {
                running--;
                return;
            }
        }
        next.run();
    }

    /** Removes and returns every exchange still waiting, for a transport that closes. */
    synchronized List<Runnable> drain() {
        List<Runnable> drained = new ArrayList<>(waiting);
        waiting.clear();
        return drained;
    }
}
