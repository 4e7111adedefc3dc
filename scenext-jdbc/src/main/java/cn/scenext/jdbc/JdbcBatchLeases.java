package cn.scenext.jdbc;

import cn.scenext.api.exception.JournalException;
import cn.scenext.core.batch.BatchLeases;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * {@link BatchLeases} in a database shared by many processes (PostgreSQL; H2 for tests and small installs), on
 * plain JDBC over a {@link DataSource} (use a pool), in the table {@code scenext_batch_row} (create it first with
 * {@link ScenextSchema}). A process killed mid-row has its rows taken over by another once their leases run out.
 *
 * <ul>
 *   <li><b>Claims</b> never give one row to two owners. On PostgreSQL a claim is one statement that locks free
 *       rows with {@code SELECT ... FOR UPDATE SKIP LOCKED} (rows another claimer is locking are skipped, not
 *       waited for) and leases them. H2 applies {@code LIMIT} before it skips locked rows, so there a claim
 *       reads candidate rows and leases each with an {@code UPDATE} whose condition (unfinished, lease free or
 *       run out) is checked again under the row's lock: of two claimers, one updates the row and the other
 *       updates nothing and moves on to the next candidate.</li>
 *   <li><b>Lease expiry</b> is measured on the database's clock ({@code CURRENT_TIMESTAMP}), never the nodes':
 *       their clocks need not agree.</li>
 *   <li><b>Renew, finish and release</b> act only for the row's holder: the owner that claimed it last. A holder
 *       whose lease ran out still holds the row until another owner claims it; each of these steps is one atomic
 *       statement, so either the claim comes first (the step does nothing) or the step does (a finished row is
 *       never claimed again).</li>
 *   <li><b>Register</b> is idempotent ({@code INSERT ... ON CONFLICT DO NOTHING} on PostgreSQL, {@code MERGE} on
 *       H2): every node and every restart may register the same rows; finished rows stay finished.</li>
 *   <li>Every transaction is short (one statement, or one per row of a renewal, or a few hundred inserts) and
 *       holds no lock while the caller works. A failing database is a {@link JournalException} with reason
 *       {@code STORAGE_FAILED} (its cause is the {@link SQLException}, its message names the SQL state).</li>
 * </ul>
 *
 * <p>Thread-safe. {@link #close()} releases nothing (the data source is the caller's); later calls fail with
 * {@code CLOSED}.
 */
public final class JdbcBatchLeases implements BatchLeases {
    private static final String UNIQUE_VIOLATION = "23505";
    private static final int MAX_NAME = 200;
    private static final int REGISTER_CHUNK = 500;

    /** The databases whose SQL this class speaks. */
    private enum Dialect {
        POSTGRESQL {
            @Override
            String leaseUntil() {
                return "CURRENT_TIMESTAMP + CAST(? AS BIGINT) * INTERVAL '1 millisecond'";
            }
        },
        H2 {
            @Override
            String leaseUntil() {
                return "DATEADD(MILLISECOND, CAST(? AS BIGINT), CURRENT_TIMESTAMP)";
            }
        };

        /** The end of a lease of {@code ?} milliseconds from now, on the database's clock. */
        abstract String leaseUntil();
    }

    private static final String FREE = "finished = FALSE AND (owner IS NULL OR lease_until <= CURRENT_TIMESTAMP)";

    private final DataSource dataSource;
    private volatile Dialect dialect;
    private volatile boolean closed;

    private JdbcBatchLeases(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /**
     * Leases in the given database, whose tables exist ({@link ScenextSchema#create}).
     *
     * @param dataSource the database: PostgreSQL or H2
     * @return the leases
     */
    public static JdbcBatchLeases create(DataSource dataSource) {
        return new JdbcBatchLeases(dataSource);
    }

    /**
     * {@inheritDoc}
     *
     * @throws JournalException ({@code STORAGE_FAILED}) when the database fails; rows inserted before the failure
     *     stay registered, and registering them again is harmless
     */
    @Override
    public void register(String batch, Collection<String> references) {
        name("batch", batch);
        Objects.requireNonNull(references, "references");
        List<String> rows = new ArrayList<>(new LinkedHashSet<>(references));
        for (String reference : rows) {
            name("reference", reference);
        }
        requireOpen();
        if (rows.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            Dialect d = dialect(c);
            String sql = d == Dialect.POSTGRESQL
                    ? "INSERT INTO scenext_batch_row (batch, reference, finished) VALUES (?, ?, FALSE)"
                            + " ON CONFLICT (batch, reference) DO NOTHING"
                    : "MERGE INTO scenext_batch_row t USING (VALUES (CAST(? AS VARCHAR(200)),"
                            + " CAST(? AS VARCHAR(200)))) s (batch, reference)"
                            + " ON t.batch = s.batch AND t.reference = s.reference"
                            + " WHEN NOT MATCHED THEN INSERT (batch, reference, finished)"
                            + " VALUES (s.batch, s.reference, FALSE)";
            for (int from = 0; from < rows.size(); from += REGISTER_CHUNK) {
                List<String> chunk = rows.subList(from, Math.min(rows.size(), from + REGISTER_CHUNK));
                for (int attempt = 1; ; attempt++) {
                    try {
                        inTransaction(c, () -> {
                            try (PreparedStatement s = c.prepareStatement(sql)) {
                                for (String reference : chunk) {
                                    s.setString(1, batch);
                                    s.setString(2, reference);
                                    s.addBatch();
                                }
                                s.executeBatch();
                            }
                            return null;
                        });
                        break;
                    } catch (SQLException e) {
                        // H2's MERGE of a row another process inserts at the same moment: the row is there now
                        if (attempt < 3 && isUniqueViolation(e)) {
                            continue;
                        }
                        throw e;
                    }
                }
            }
        } catch (SQLException e) {
            throw storage("register " + rows.size() + " rows of batch '" + batch + "'", e);
        }
    }

    @Override
    public List<String> claim(String batch, String owner, int max, Duration lease) {
        name("batch", batch);
        name("owner", owner);
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1, got " + max);
        }
        long millis = millis(lease);
        requireOpen();
        try (Connection c = dataSource.getConnection()) {
            return dialect(c) == Dialect.POSTGRESQL
                    ? claimSkippingLocked(c, batch, owner, max, millis)
                    : claimRowByRow(c, batch, owner, max, millis);
        } catch (SQLException e) {
            throw storage("claim rows of batch '" + batch + "' for '" + owner + "'", e);
        }
    }

    /**
     * PostgreSQL: one statement; rows another claimer has locked are skipped. The free rows are chosen by an
     * uncorrelated {@code ARRAY(...)} subquery, which PostgreSQL runs exactly once; with {@code reference IN
     * (SELECT ... LIMIT n)} it may run the subquery again for each row it updates, each run locking more rows,
     * and lease more than {@code n}.
     */
    private static List<String> claimSkippingLocked(Connection c, String batch, String owner, int max, long millis)
            throws SQLException {
        return inTransaction(c, () -> {
            TreeMap<Long, String> claimed = new TreeMap<>();
            try (PreparedStatement s = c.prepareStatement("UPDATE scenext_batch_row SET owner = ?, lease_until = "
                    + Dialect.POSTGRESQL.leaseUntil() + " WHERE batch = ? AND reference = ANY(ARRAY(SELECT reference"
                    + " FROM scenext_batch_row WHERE batch = ? AND " + FREE + " ORDER BY seq LIMIT ?"
                    + " FOR UPDATE SKIP LOCKED)) RETURNING reference, seq")) {
                s.setString(1, owner);
                s.setLong(2, millis);
                s.setString(3, batch);
                s.setString(4, batch);
                s.setInt(5, max);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        claimed.put(r.getLong(2), r.getString(1));
                    }
                }
            }
            return new ArrayList<>(claimed.values());
        });
    }

    /**
     * H2 (whose {@code SKIP LOCKED} applies the {@code LIMIT} first): candidates read without locks, each leased
     * by an update whose condition is checked again under the row's lock. A candidate another claimer took first
     * updates nothing; the next round reads new candidates, until {@code max} rows are claimed or none is free.
     */
    private static List<String> claimRowByRow(Connection c, String batch, String owner, int max, long millis)
            throws SQLException {
        List<String> claimed = new ArrayList<>();
        while (claimed.size() < max) {
            List<String> candidates = new ArrayList<>();
            int wanted = max - claimed.size();
            inTransaction(c, () -> {
                try (PreparedStatement s = c.prepareStatement("SELECT reference FROM scenext_batch_row"
                        + " WHERE batch = ? AND " + FREE + " ORDER BY seq LIMIT ?")) {
                    s.setString(1, batch);
                    s.setInt(2, wanted);
                    try (ResultSet r = s.executeQuery()) {
                        while (r.next()) {
                            candidates.add(r.getString(1));
                        }
                    }
                }
                return null;
            });
            if (candidates.isEmpty()) {
                break;
            }
            for (String reference : candidates) {
                int updated = inTransaction(c, () -> {
                    try (PreparedStatement s = c.prepareStatement("UPDATE scenext_batch_row SET owner = ?,"
                            + " lease_until = " + Dialect.H2.leaseUntil() + " WHERE batch = ? AND reference = ?"
                            + " AND " + FREE)) {
                        s.setString(1, owner);
                        s.setLong(2, millis);
                        s.setString(3, batch);
                        s.setString(4, reference);
                        return s.executeUpdate();
                    }
                });
                if (updated == 1) {
                    claimed.add(reference);
                }
            }
        }
        return claimed;
    }

    @Override
    public Set<String> renew(String batch, String owner, Collection<String> references, Duration lease) {
        name("batch", batch);
        name("owner", owner);
        Objects.requireNonNull(references, "references");
        List<String> rows = new ArrayList<>(new LinkedHashSet<>(references));
        for (String reference : rows) {
            name("reference", reference);
        }
        long millis = millis(lease);
        requireOpen();
        if (rows.isEmpty()) {
            return Collections.emptySet();
        }
        try (Connection c = dataSource.getConnection()) {
            String sql = "UPDATE scenext_batch_row SET lease_until = " + dialect(c).leaseUntil()
                    + " WHERE batch = ? AND reference = ? AND owner = ? AND finished = FALSE";
            return inTransaction(c, () -> {
                Set<String> held = new LinkedHashSet<>();
                try (PreparedStatement s = c.prepareStatement(sql)) {
                    for (String reference : rows) {
                        s.setLong(1, millis);
                        s.setString(2, batch);
                        s.setString(3, reference);
                        s.setString(4, owner);
                        if (s.executeUpdate() == 1) {
                            held.add(reference);
                        }
                    }
                }
                return Collections.unmodifiableSet(held);
            });
        } catch (SQLException e) {
            throw storage("renew " + rows.size() + " leases of batch '" + batch + "' for '" + owner + "'", e);
        }
    }

    @Override
    public boolean finish(String batch, String owner, String reference) {
        return update(batch, owner, reference, "UPDATE scenext_batch_row SET finished = TRUE, lease_until = NULL"
                + " WHERE batch = ? AND reference = ? AND owner = ? AND finished = FALSE", "finish") == 1;
    }

    @Override
    public void release(String batch, String owner, String reference) {
        update(batch, owner, reference, "UPDATE scenext_batch_row SET owner = NULL, lease_until = NULL"
                + " WHERE batch = ? AND reference = ? AND owner = ? AND finished = FALSE", "release");
    }

    private int update(String batch, String owner, String reference, String sql, String what) {
        name("batch", batch);
        name("owner", owner);
        name("reference", reference);
        requireOpen();
        try (Connection c = dataSource.getConnection()) {
            return inTransaction(c, () -> {
                try (PreparedStatement s = c.prepareStatement(sql)) {
                    s.setString(1, batch);
                    s.setString(2, reference);
                    s.setString(3, owner);
                    return s.executeUpdate();
                }
            });
        } catch (SQLException e) {
            throw storage(what + " row '" + reference + "' of batch '" + batch + "' for '" + owner + "'", e);
        }
    }

    @Override
    public int unfinished(String batch) {
        name("batch", batch);
        requireOpen();
        try (Connection c = dataSource.getConnection()) {
            return inTransaction(c, () -> {
                try (PreparedStatement s = c.prepareStatement(
                        "SELECT COUNT(*) FROM scenext_batch_row WHERE batch = ? AND finished = FALSE")) {
                    s.setString(1, batch);
                    try (ResultSet r = s.executeQuery()) {
                        r.next();
                        return r.getInt(1);
                    }
                }
            });
        } catch (SQLException e) {
            throw storage("count the unfinished rows of batch '" + batch + "'", e);
        }
    }

    /** Releases nothing (the {@link DataSource} is the caller's); later calls fail with {@code CLOSED}. */
    @Override
    public void close() {
        closed = true;
    }

    private Dialect dialect(Connection c) throws SQLException {
        Dialect d = dialect;
        if (d == null) {
            String product = c.getMetaData().getDatabaseProductName();
            String p = product == null ? "" : product.toLowerCase(Locale.ROOT);
            if (p.contains("postgresql")) {
                d = Dialect.POSTGRESQL;
            } else if (p.equals("h2")) {
                d = Dialect.H2;
            } else {
                throw new JournalException(JournalException.Reason.STORAGE_FAILED, "JdbcBatchLeases supports"
                        + " PostgreSQL and H2; this data source is " + product + ".", null);
            }
            dialect = d;
        }
        return d;
    }

    /** A unit of work on a connection. */
    private interface Work<T> {
        T run() throws SQLException;
    }

    /** Runs {@code work} in one transaction on {@code c}, committed, or rolled back when it fails. */
    private static <T> T inTransaction(Connection c, Work<T> work) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            T result = work.run();
            c.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            try {
                c.rollback();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);   // the connection goes back to the caller's pool as it came
        }
    }

    private static boolean isUniqueViolation(SQLException e) {
        for (SQLException s = e; s != null; s = s.getNextException()) {
            if (UNIQUE_VIOLATION.equals(s.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static long millis(Duration lease) {
        Objects.requireNonNull(lease, "lease");
        if (lease.isNegative() || lease.isZero() || lease.compareTo(Duration.ofDays(3650)) > 0) {
            throw new IllegalArgumentException("lease must be positive and at most 3650 days, got " + lease);
        }
        return Math.max(1, lease.toMillis());
    }

    private static void name(String what, String value) {
        Objects.requireNonNull(value, what);
        if (value.isEmpty() || value.length() > MAX_NAME) {
            throw new IllegalArgumentException(what + " must be 1 to " + MAX_NAME + " characters, got "
                    + value.length());
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new JournalException(JournalException.Reason.CLOSED, "The batch leases are closed.", null);
        }
    }

    private static JournalException storage(String what, SQLException e) {
        return new JournalException(JournalException.Reason.STORAGE_FAILED, "The batch leases could not " + what
                + ": " + e.getMessage() + " (SQL state " + e.getSQLState() + ")", e);
    }

    @Override
    public String toString() {
        return "JdbcBatchLeases";
    }
}
