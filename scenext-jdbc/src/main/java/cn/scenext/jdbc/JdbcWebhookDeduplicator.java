package cn.scenext.jdbc;

import cn.scenext.api.exception.JournalException;
import cn.scenext.core.webhook.WebhookDeduplicator;
import cn.scenext.core.webhook.WebhookEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * A {@link WebhookDeduplicator} shared by every process behind a load balancer: the first delivery of an event
 * inserts its key ({@link WebhookEvent.Key#asString()}) into {@code scenext_webhook_delivery}, whose primary key
 * makes a concurrent repeat fail, in any process. Keys older than the maximum age are deleted now and then.
 * Create the tables first ({@link ScenextSchema}). Thread-safe.
 */
public final class JdbcWebhookDeduplicator implements WebhookDeduplicator {
    private static final String UNIQUE_VIOLATION = "23505";
    private static final int PURGE_EVERY = 1000;

    private final DataSource dataSource;
    private final Duration maxAge;
    private final Clock clock;
    private final AtomicLong inserts = new AtomicLong();

    private JdbcWebhookDeduplicator(DataSource dataSource, Duration maxAge, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.maxAge = Objects.requireNonNull(maxAge, "maxAge");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("maxAge must be positive, got " + maxAge);
        }
    }

    /**
     * A deduplicator that remembers each event for {@link WebhookDeduplicator#DEFAULT_MAX_AGE}.
     *
     * @param dataSource the database
     * @return the deduplicator
     */
    public static JdbcWebhookDeduplicator create(DataSource dataSource) {
        return create(dataSource, DEFAULT_MAX_AGE, Clock.systemUTC());
    }

    /**
     * A deduplicator with its own memory span.
     *
     * @param dataSource the database
     * @param maxAge how long an event is remembered: longer than the service keeps redelivering it
     * @param clock the time keys are aged on
     * @return the deduplicator
     */
    public static JdbcWebhookDeduplicator create(DataSource dataSource, Duration maxAge, Clock clock) {
        return new JdbcWebhookDeduplicator(dataSource, maxAge, clock);
    }

    @Override
    public boolean firstDelivery(WebhookEvent.Key key) {
        Objects.requireNonNull(key, "key");
        long now = clock.millis();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            if (inserts.incrementAndGet() % PURGE_EVERY == 0) {
                purge(c, now);
            }
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO scenext_webhook_delivery (event_key, received_at) VALUES (?, ?)")) {
                s.setString(1, key.asString());
                s.setLong(2, now);
                s.executeUpdate();
                return true;
            } catch (SQLException e) {
                if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    return renewedAfterExpiry(c, key, now);
                }
                throw e;
            }
        } catch (SQLException e) {
            throw new JournalException(JournalException.Reason.STORAGE_FAILED, "Could not record the webhook delivery "
                    + key.asString() + ": " + e.getMessage() + " (SQL state " + e.getSQLState() + ")", e);
        }
    }

    /** A key past its age counts as new: true when this process renewed it (and so takes the delivery). */
    private boolean renewedAfterExpiry(Connection c, WebhookEvent.Key key, long now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE scenext_webhook_delivery SET received_at = ?"
                + " WHERE event_key = ? AND received_at < ?")) {
            s.setLong(1, now);
            s.setString(2, key.asString());
            s.setLong(3, now - maxAge.toMillis());
            return s.executeUpdate() == 1;
        }
    }

    private void purge(Connection c, long now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM scenext_webhook_delivery WHERE received_at < ?")) {
            s.setLong(1, now - maxAge.toMillis());
            s.executeUpdate();
        }
    }

    @Override
    public void forget(WebhookEvent.Key key) {
        Objects.requireNonNull(key, "key");
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("DELETE FROM scenext_webhook_delivery WHERE event_key = ?")) {
            c.setAutoCommit(true);
            s.setString(1, key.asString());
            s.executeUpdate();
        } catch (SQLException e) {
            throw new JournalException(JournalException.Reason.STORAGE_FAILED, "Could not forget the webhook delivery "
                    + key.asString() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "JdbcWebhookDeduplicator{maxAge=" + maxAge + '}';
    }
}
