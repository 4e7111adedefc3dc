package cn.scenext.core.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * {@link WebhookDeduplicator#inMemory()}: keys in arrival order with the time they arrived; expired ones are
 * dropped from the old end as new ones come, and the oldest goes first when the map is full. Every operation is
 * O(1) amortized, under one lock.
 */
final class InMemoryDeduplicator implements WebhookDeduplicator {
    private final int maxEntries;
    private final Duration maxAge;
    private final Clock clock;
    private final LinkedHashMap<WebhookEvent.Key, Instant> seen = new LinkedHashMap<>();

    InMemoryDeduplicator(int maxEntries, Duration maxAge, Clock clock) {
        if (maxEntries <= 0) {
            throw new IllegalArgumentException("maxEntries must be positive, got " + maxEntries);
        }
        Objects.requireNonNull(maxAge, "maxAge");
        if (maxAge.isZero() || maxAge.isNegative()) {
            throw new IllegalArgumentException("maxAge must be positive, got " + maxAge);
        }
        this.maxEntries = maxEntries;
        this.maxAge = maxAge;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public synchronized boolean firstDelivery(WebhookEvent.Key key) {
        Objects.requireNonNull(key, "key");
        Instant now = clock.instant();
        evictExpired(now);
        Instant recorded = seen.get(key);
        if (recorded != null && !isExpired(recorded, now)) {
            return false;
        }
        seen.remove(key); // an expired entry left behind by a clock that went back: record it anew, at the end
        seen.put(key, now);
        if (seen.size() > maxEntries) {
            Iterator<WebhookEvent.Key> oldest = seen.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        return true;
    }

    @Override
    public synchronized void forget(WebhookEvent.Key key) {
        seen.remove(Objects.requireNonNull(key, "key"));
    }

    /** How many events are remembered now. */
    synchronized int size() {
        return seen.size();
    }

    private void evictExpired(Instant now) {
        Iterator<Map.Entry<WebhookEvent.Key, Instant>> it = seen.entrySet().iterator();
        while (it.hasNext() && isExpired(it.next().getValue(), now)) {
            it.remove();
        }
    }

    private boolean isExpired(Instant recorded, Instant now) {
        return Duration.between(recorded, now).compareTo(maxAge) >= 0;
    }

    @Override
    public String toString() {
        return "WebhookDeduplicator.inMemory(maxEntries=" + maxEntries + ", maxAge=" + maxAge + ")";
    }
}
