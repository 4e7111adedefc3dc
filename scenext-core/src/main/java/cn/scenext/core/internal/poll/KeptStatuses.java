package cn.scenext.core.internal.poll;

import cn.scenext.api.TaskId;
import cn.scenext.api.TaskStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The terminal statuses handed to the client lately, one per task (the latest sent), so that a wait that starts
 * just after its task's webhook arrived ends at once; tasks are matched by {@link TaskKey} (a UUID in any
 * letter case). Bounded: at most {@code maxEntries}, each kept for
 * {@code maxAge} of the clock from its arrival; when full, the one that arrived first goes first. Thread-safe.
 */
public final class KeptStatuses {
    private final int maxEntries;
    private final Duration maxAge;
    private final Clock clock;
    private final LinkedHashMap<String, Kept> byTask = new LinkedHashMap<>();

    /**
     * Creates an empty memory.
     *
     * @param maxEntries the most statuses kept; 0 keeps none
     * @param maxAge how long each is kept; positive
     * @param clock the clock that ages them
     */
    KeptStatuses(int maxEntries, Duration maxAge, Clock clock) {
        this.maxEntries = maxEntries;
        this.maxAge = Objects.requireNonNull(maxAge, "maxAge");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Keeps a terminal status, unless a status of the same task sent later is kept already.
     *
     * @param status the status
     * @param sentAt when its sender sent it
     * @return {@code true} when it is kept and was not already: not a repeat of the kept one, nor older
     */
    synchronized boolean keep(TaskStatus status, Instant sentAt) {
        if (maxEntries == 0) {
            return false;
        }
        Instant now = clock.instant();
        evictExpired(now);
        String key = TaskKey.of(status.taskId());
        Kept old = byTask.get(key);
        if (old != null && (old.sentAt.isAfter(sentAt)
                || (old.sentAt.equals(sentAt) && old.status.rawStatus().equals(status.rawStatus())))) {
            return false;
        }
        byTask.remove(key); // re-inserted at the young end
        byTask.put(key, new Kept(status, sentAt, now));
        if (byTask.size() > maxEntries) {
            Iterator<String> oldest = byTask.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        return true;
    }

    /**
     * The status kept for a task.
     *
     * @param taskId the task
     * @return the status and when it was sent, or {@code null} when none is kept (or it expired)
     */
    synchronized Kept find(TaskId taskId) {
        evictExpired(clock.instant());
        return byTask.get(TaskKey.of(taskId));
    }

    /** How many statuses are kept now. */
    synchronized int size() {
        return byTask.size();
    }

    private void evictExpired(Instant now) {
        Iterator<Map.Entry<String, Kept>> it = byTask.entrySet().iterator();
        while (it.hasNext() && Duration.between(it.next().getValue().arrivedAt, now).compareTo(maxAge) >= 0) {
            it.remove();
        }
    }

    /** A kept status and when it was sent. */
    static final class Kept {
        final TaskStatus status;
        final Instant sentAt;
        final Instant arrivedAt;

        Kept(TaskStatus status, Instant sentAt, Instant arrivedAt) {
            this.status = status;
            this.sentAt = sentAt;
            this.arrivedAt = arrivedAt;
        }
    }
}
