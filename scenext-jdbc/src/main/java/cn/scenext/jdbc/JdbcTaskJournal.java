package cn.scenext.jdbc;

import cn.scenext.api.TaskId;
import cn.scenext.api.TaskState;
import cn.scenext.api.exception.JournalException;
import cn.scenext.core.journal.JournalEntry;
import cn.scenext.core.journal.TaskJournal;
import cn.scenext.core.journal.TaskRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * A {@link TaskJournal} in a database shared by many processes (PostgreSQL; H2 for tests and small installs),
 * on plain JDBC over a {@link DataSource} (use a pool). Each {@link #append} is one transaction that locks the
 * creation's row ({@code SELECT ... FOR UPDATE}), checks the step against the entries already there with
 * {@link TaskRecord#then}, and inserts it: two processes that start the same creation at once get one success
 * and one {@code ILLEGAL_STEP}, so a task is never created twice through one journal. Create the tables first
 * ({@link ScenextSchema}). Thread-safe.
 */
public final class JdbcTaskJournal implements TaskJournal {
    private static final String UNIQUE_VIOLATION = "23505";

    private final DataSource dataSource;
    private volatile boolean closed;

    private JdbcTaskJournal(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /**
     * A journal in the given database, whose tables exist ({@link ScenextSchema#create}).
     *
     * @param dataSource the database
     * @return the journal
     */
    public static JdbcTaskJournal create(DataSource dataSource) {
        return new JdbcTaskJournal(dataSource);
    }

    @Override
    public TaskRecord append(JournalEntry entry) {
        Objects.requireNonNull(entry, "entry");
        requireOpen();
        for (int attempt = 1; ; attempt++) {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                try {
                    TaskRecord next = appendIn(c, entry);
                    c.commit();
                    return next;
                } catch (SQLException | RuntimeException e) {
                    rollback(c);
                    if (attempt < 3 && e instanceof SQLException
                            && UNIQUE_VIOLATION.equals(((SQLException) e).getSQLState())) {
                        continue;   // another process inserted the row first: read it, and check the step again
                    }
                    throw e;
                }
            } catch (SQLException e) {
                throw storage("record " + entry.kind() + " for '" + entry.reference() + "'", e);
            }
        }
    }

    private static TaskRecord appendIn(Connection c, JournalEntry entry) throws SQLException {
        boolean exists;
        try (PreparedStatement s = c.prepareStatement(
                "SELECT status FROM scenext_journal_record WHERE reference = ? FOR UPDATE")) {
            s.setString(1, entry.reference());
            try (ResultSet r = s.executeQuery()) {
                exists = r.next();
            }
        }
        TaskRecord next;
        if (exists) {
            TaskRecord current = fold(c, entry.reference()).get(entry.reference());
            next = current.then(entry);
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE scenext_journal_record SET status = ?, task_id = ? WHERE reference = ?")) {
                s.setString(1, next.status().name());
                s.setString(2, next.taskId().map(TaskId::value).orElse(null));
                s.setString(3, entry.reference());
                s.executeUpdate();
            }
        } else {
            next = TaskRecord.start(entry);
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO scenext_journal_record (reference, status, task_id) VALUES (?, ?, NULL)")) {
                s.setString(1, entry.reference());
                s.setString(2, next.status().name());
                s.executeUpdate();
            }
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO scenext_journal_entry (reference, kind, at_time,"
                + " request_digest, task_id, state, file_path, file_size, sha256, detail)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, entry.reference());
            s.setString(2, entry.kind().name());
            s.setString(3, entry.time().toString());
            s.setString(4, entry.requestDigest());
            s.setString(5, entry.taskId() == null ? null : entry.taskId().value());
            s.setString(6, entry.state() == null ? null : entry.state().name());
            s.setString(7, entry.file());
            if (entry.size() >= 0) {
                s.setLong(8, entry.size());
            } else {
                s.setNull(8, Types.BIGINT);
            }
            s.setString(9, entry.sha256());
            s.setString(10, entry.detail());
            s.executeUpdate();
        }
        return next;
    }

    /** The records of one reference, or of all when {@code reference} is null, folded from their entries. */
    private static Map<String, TaskRecord> fold(Connection c, String reference) throws SQLException {
        String sql = "SELECT reference, kind, at_time, request_digest, task_id, state, file_path, file_size, sha256,"
                + " detail FROM scenext_journal_entry" + (reference == null ? "" : " WHERE reference = ?")
                + " ORDER BY seq";
        Map<String, TaskRecord> records = new LinkedHashMap<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            if (reference != null) {
                s.setString(1, reference);
            }
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    JournalEntry e = toEntry(r);
                    TaskRecord current = records.get(e.reference());
                    records.put(e.reference(), current == null ? TaskRecord.start(e) : current.then(e));
                }
            }
        }
        return records;
    }

    private static JournalEntry toEntry(ResultSet r) throws SQLException {
        String ref = r.getString(1);
        Instant at = Instant.parse(r.getString(3));
        String task = r.getString(5);
        switch (JournalEntry.Kind.valueOf(r.getString(2))) {
            case CREATION_STARTED: return JournalEntry.creationStarted(ref, r.getString(4), at);
            case TASK_CREATED: return JournalEntry.taskCreated(ref, TaskId.of(task), at);
            case CREATION_REFUSED: return JournalEntry.creationRefused(ref, r.getString(10), at);
            case CREATION_OUTCOME_UNKNOWN: return JournalEntry.creationOutcomeUnknown(ref, r.getString(10), at);
            case TASK_ENDED: return JournalEntry.taskEnded(ref, TaskId.of(task), TaskState.valueOf(r.getString(6)),
                    at);
            case FILE_SAVED: return JournalEntry.fileSaved(ref, TaskId.of(task), r.getString(7), r.getLong(8),
                    r.getString(9), at);
            default: throw new IllegalStateException("unknown entry kind");
        }
    }

    @Override
    public Optional<TaskRecord> find(String reference) {
        Objects.requireNonNull(reference, "reference");
        requireOpen();
        try (Connection c = dataSource.getConnection()) {
            return Optional.ofNullable(fold(c, reference).get(reference));
        } catch (SQLException e) {
            throw storage("read '" + reference + "'", e);
        }
    }

    @Override
    public List<TaskRecord> records() {
        requireOpen();
        try (Connection c = dataSource.getConnection()) {
            return new ArrayList<>(fold(c, null).values());
        } catch (SQLException e) {
            throw storage("read the records", e);
        }
    }

    /** Releases nothing (the {@link DataSource} is the caller's); later calls fail with {@code CLOSED}. */
    @Override
    public void close() {
        closed = true;
    }

    private void requireOpen() {
        if (closed) {
            throw new JournalException(JournalException.Reason.CLOSED, "The task journal is closed.", null);
        }
    }

    private static void rollback(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is closed next; the transaction dies with it
        }
    }

    private static JournalException storage(String what, SQLException e) {
        return new JournalException(JournalException.Reason.STORAGE_FAILED, "The task journal could not " + what
                + ": " + e.getMessage() + " (SQL state " + e.getSQLState() + ")", e);
    }

    @Override
    public String toString() {
        return "JdbcTaskJournal";
    }
}
