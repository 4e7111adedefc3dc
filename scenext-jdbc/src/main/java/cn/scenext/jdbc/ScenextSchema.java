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
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The tables {@link JdbcTaskJournal} and {@link JdbcWebhookDeduplicator} use, shipped as a migration file,
 * {@value #MIGRATION} on the classpath (for Flyway: {@code locations = classpath:cn/scenext/jdbc}). It runs
 * unchanged on PostgreSQL and H2, and every statement may be run again.
 */
public final class ScenextSchema {
    /** The migration file's classpath location. */
    public static final String MIGRATION = "cn/scenext/jdbc/V1__scenext.sql";

    private ScenextSchema() {
    }

    /**
     * The migration's statements, comments removed, in order.
     *
     * @return the SQL statements
     */
    public static List<String> statements() {
        String sql;
        try (InputStream in = ScenextSchema.class.getClassLoader().getResourceAsStream(MIGRATION)) {
            if (in == null) {
                throw new IllegalStateException(MIGRATION + " is missing from the classpath");
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
        return Collections.unmodifiableList(statements);
    }

    /**
     * Creates the tables that are missing.
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
