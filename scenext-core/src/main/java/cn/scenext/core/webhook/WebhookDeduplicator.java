package cn.scenext.core.webhook;

import java.time.Clock;
import java.time.Duration;

/**
 * Remembers which events were already handled, so that an event the service delivers more than once is acted
 * on once. An event is identified by its {@link WebhookEvent.Key}: task id, status and timestamp.
 *
 * <p>The default, {@link #inMemory()}, serves one process. Receivers behind a load balancer share a store
 * instead, by implementing these two methods on it; both must be atomic in the store:
 * <ul>
 * <li>Redis: {@link #firstDelivery} is {@code SET <prefix><key.asString()> 1 NX EX <seconds>} (first
 *     delivery when the reply is {@code OK}), {@link #forget} is {@code DEL} of the same key.</li>
 * <li>SQL: a table with a unique column for {@code key.asString()} (and a timestamp to purge old rows);
 *     {@link #firstDelivery} inserts a row and returns {@code true}, or {@code false} on a unique-key
 *     violation ({@code INSERT ... ON CONFLICT DO NOTHING} and the row count, in PostgreSQL); {@link #forget}
 *     deletes the row.</li>
 * </ul>
 * Keep entries at least twice as long as the verifier's tolerance (ten minutes for the default five): older
 * repeats are refused by their timestamp anyway.
 *
 * <pre>{@code
 * WebhookHandler handler = WebhookHandler.builder(verifier)
 *         .deduplicator(new RedisDeduplicator(jedis))   // your implementation
 *         .onEvent(event -> ...)
 *         .build();
 * }</pre>
 *
 * <p>The contract with {@link WebhookHandler}: {@link #firstDelivery} is called once per verified delivery; when
 * it returns {@code true} the listeners run, and when any of them throws the handler calls {@link #forget}, so
 * the service's redelivery runs them again. A copy of an event that reaches the same handler while the first
 * copy is still in the listeners never reaches the deduplicator: the handler keeps it waiting and gives it the
 * first one's response (200 or 500). A copy that reaches another process meanwhile gets 200 there, from
 * that process's {@code firstDelivery}; if the first copy then fails, its 500 and {@code forget} make the
 * service deliver the event once more.
 *
 * <p>Implementations must be thread-safe.
 */
public interface WebhookDeduplicator {
    /** Entries the in-memory default keeps at most, unless told otherwise. */
    int DEFAULT_MAX_ENTRIES = 100_000;
    /** How long the in-memory default remembers an event, unless told otherwise: twice the default tolerance. */
    Duration DEFAULT_MAX_AGE = WebhookVerifier.DEFAULT_TOLERANCE.multipliedBy(2);

    /**
     * Records that the event was delivered, atomically.
     *
     * @param key the event's key
     * @return {@code true} when this is the first delivery of the event (act on it), {@code false} when it was
     *     recorded before (a repeat: acknowledge it, do nothing)
     */
    boolean firstDelivery(WebhookEvent.Key key);

    /**
     * Forgets an event, so that its next delivery counts as the first again. The handler calls it when acting
     * on the event failed (whatever a listener threw, {@link Error}s included), so that the service's retry is
     * not mistaken for a repeat. Forgetting an event not remembered does nothing.
     *
     * @param key the event's key
     */
    void forget(WebhookEvent.Key key);

    /**
     * A deduplicator for one process: at most {@value #DEFAULT_MAX_ENTRIES} events, each remembered for
     * {@link #DEFAULT_MAX_AGE}.
     *
     * @return a new, empty deduplicator
     */
    static WebhookDeduplicator inMemory() {
        return inMemory(DEFAULT_MAX_ENTRIES, DEFAULT_MAX_AGE);
    }

    /**
     * A deduplicator for one process, bounded in size and age: when full, the oldest event is forgotten first.
     *
     * @param maxEntries how many events to remember at most, positive
     * @param maxAge how long to remember each event, positive
     * @return a new, empty deduplicator
     */
    static WebhookDeduplicator inMemory(int maxEntries, Duration maxAge) {
        return inMemory(maxEntries, maxAge, Clock.systemUTC());
    }

    /**
     * A deduplicator for one process, bounded in size and age, that reads the time from {@code clock}.
     *
     * @param maxEntries how many events to remember at most, positive
     * @param maxAge how long to remember each event, positive
     * @param clock the clock that ages entries, e.g. a test's
     * @return a new, empty deduplicator
     */
    static WebhookDeduplicator inMemory(int maxEntries, Duration maxAge, Clock clock) {
        return new InMemoryDeduplicator(maxEntries, maxAge, clock);
    }

    /**
     * A deduplicator that remembers nothing: every delivery counts as the first. For listeners that are
     * idempotent themselves.
     *
     * @return the deduplicator
     */
    static WebhookDeduplicator none() {
        return NoDeduplicator.INSTANCE;
    }
}
