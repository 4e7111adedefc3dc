package cn.scenext.core.internal.poll;

import cn.scenext.api.TaskStatus;
import java.time.Instant;

/**
 * The order of the statuses pushed to one wait: takes in a status sent after the latest one taken in, or sent
 * at the same instant with another state; refuses a repeat or an older one. Not thread-safe (the wait's lock
 * guards it).
 */
final class PushOrder {
    private Instant latestSentAt;
    private String latestRawStatus;

    /**
     * Takes a pushed status in, unless it is a repeat of the latest or was sent before it.
     *
     * @return {@code true} when it was taken in (and is now the latest)
     */
    boolean takeIn(TaskStatus status, Instant sentAt) {
        if (latestSentAt != null) {
            int order = sentAt.compareTo(latestSentAt);
            if (order < 0 || (order == 0 && status.rawStatus().equals(latestRawStatus))) {
                return false;
            }
        }
        latestSentAt = sentAt;
        latestRawStatus = status.rawStatus();
        return true;
    }
}
