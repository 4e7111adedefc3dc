package cn.scenext.jdbc;

import cn.scenext.api.exception.JournalException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The tables {@link JdbcTaskJournal}, {@link JdbcWebhookDeduplicator} and {@link JdbcBatchLeases} use, shipped as
 * migration files on the classpath, {@value #MIGRATION} then {@value #BATCH_LEASES_MIGRATION} (for Flyway:
 * {@code locations = classpath:cn/scenext/jdbc}). They run unchanged on PostgreSQL and H2, and every statement
 * may be run again. A released migration file never changes: a new version of the schema is a new file.
 */
public final class ScenextSchema {
    /** The migration file's classpath location. */
    public static final String MIGRATION = "cn/scenext/jdbc/V1__scenext.sql";

    /** The second migration file's classpath location: the rows of shared batches ({@link JdbcBatchLeases}). */
    public static final String BATCH_LEASES_MIGRATION = "cn/scenext/jdbc/V2__scenext_batch_leases.sql";

    private static final List<String> MIGRATIONS = Collections.unmodifiableList(
            Arrays.asList(MIGRATION, BATCH_LEASES_MIGRATION));

    private ScenextSchema() {
    }

    /**
     * The migration files' classpath locations, in the order they run.
     *
     * @return {@value #MIGRATION}, {@value #BATCH_LEASES_MIGRATION}
     */
    public static List<String> migrations() {
        return MIGRATIONS;
    }

    /**
     * The statements of every migration, comments removed, in order.
     *
     * @return the SQL statements
     */
    public static List<String> statements() {
        List<String> statements = new ArrayList<>();
        for (String migration : MIGRATIONS) {
            statements.addAll(statements(migration));
        }
        return Collections.unmodifiableList(statements);
    }

    private static List<String> statements(String migration) {
        String sql;
        try (InputStream in = ScenextSchema.class.getClassLoader().getResourceAsStream(migration)) {
            if (in == null) {
                throw new IllegalStateException(migration + " is missing from the classpath");
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[4096];
            for (int n; (n = in.read(buf)) > 0; ) {
                out.write(buf, 0, n);
            }
            sql = new String(out.toByteArray(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        StringBuilder current = new StringBuilder();
        List<String> statements = new ArrayList<>();
        for (String line : sql.split("\n")) {
            String l = line.trim();
            if (l.startsWith("--") || l.isEmpty()) {
                continue;
            }
            current.append(line).append('\n');
            if (l.endsWith(";")) {
                String s = current.toString().trim();
                statements.add(s.substring(0, s.length() - 1));
                current.setLength(0);
            }
        }
        return statements;
    }

    /**
     * Creates the tables that are missing, running every migration in order.
     *
     * @param dataSource the database
     * @throws JournalException ({@code STORAGE_FAILED}) when a statement fails
     */
    public static void create(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            for (String statement : statements()) {
                s.execute(statement);
            }
        } catch (SQLException e) {
            throw new JournalException(JournalException.Reason.STORAGE_FAILED,
                    "Could not create the Scenext tables: " + e.getMessage(), e);
        }
    }
}
