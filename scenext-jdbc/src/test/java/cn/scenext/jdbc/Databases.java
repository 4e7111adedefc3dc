package cn.scenext.jdbc;

import cn.scenext.testsupport.postgres.EmbeddedPostgres;
import cn.scenext.testsupport.postgres.SimpleDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
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
    static final class UrlDataSource extends SimpleDataSource {
        private final String url;

        UrlDataSource(String url) {
            this.url = url;
        }

        @Override
        public Connection getConnection() throws SQLException {
            return DriverManager.getConnection(url);
        }
    }
}
