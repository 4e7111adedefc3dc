package cn.scenext.jdbc;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.logging.Logger;
import javax.sql.DataSource;

/** The databases the tests run against: a real PostgreSQL, and H2. Each call gives a new, empty database. */
enum Databases {
    POSTGRESQL {
        @Override
        Supplier<DataSource> newDatabase() {
            String name = "scenext_" + COUNTER.incrementAndGet();
            EmbeddedPostgres pg = EmbeddedPostgres.get();
            pg.newDatabase(name);
            return () -> pg.dataSource(name);
        }
    },
    H2 {
        @Override
        Supplier<DataSource> newDatabase() {
            String url = "jdbc:h2:mem:scenext_" + COUNTER.incrementAndGet() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=30000";
            return () -> new UrlDataSource(url);
        }
    };

    private static final AtomicInteger COUNTER = new AtomicInteger();

    /** A new database with the schema; the supplier gives a new data source (another "pool") on each call. */
    abstract Supplier<DataSource> newDatabase();

    Supplier<DataSource> newDatabaseWithSchema() {
        Supplier<DataSource> db = newDatabase();
        ScenextSchema.create(db.get());
        return db;
    }

    /** A data source on {@link DriverManager}, so the tests name no driver class. */
    static final class UrlDataSource implements DataSource {
        private final String url;

        UrlDataSource(String url) {
            this.url = url;
        }

        @Override
        public Connection getConnection() throws SQLException {
            return DriverManager.getConnection(url);
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            return DriverManager.getConnection(url, user, password);
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }
}
