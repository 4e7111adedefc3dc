package cn.scenext.benchmarks;

import cn.scenext.api.TaskId;
import cn.scenext.api.TaskState;
import cn.scenext.core.journal.JournalEntry;
import cn.scenext.core.journal.TaskJournal;
import cn.scenext.jdbc.JdbcTaskJournal;
import cn.scenext.jdbc.ScenextSchema;
import cn.scenext.testsupport.postgres.EmbeddedPostgres;
import cn.scenext.testsupport.postgres.SimpleDataSource;
import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * What a task journal costs per task: the four appends of one task's life (creation started, task created, task
 * ended, file saved), timed together, for {@code TaskJournal.file} (each append forced to disk) and for
 * {@link JdbcTaskJournal} on a PostgreSQL started from a Maven artifact with its durable defaults ({@code fsync}
 * and {@code synchronous_commit} on) over one reused connection, as a pool gives. After a warm-up, the median and
 * 90th percentile per task are printed as one JSON line per journal, with the machine's load average.
 *
 * <pre>java -cp scenext-benchmarks/target/benchmarks.jar cn.scenext.benchmarks.JournalCost --tasks 1000</pre>
 */
public final class JournalCost {
    private static final String DIGEST = String.format("%064x", 42);

    private JournalCost() {
    }

    /**
     * Runs the measurement.
     *
     * @param args {@code --tasks N} measured (default 1000), {@code --warmup N} tasks first (default 200),
     *     {@code --dir D} where the file journal is written (default a new temporary directory)
     * @throws Exception when a journal fails
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> options = Arguments.parse(args);
        int tasks = Integer.parseInt(options.getOrDefault("tasks", "1000"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "200"));
        Path dir = options.containsKey("dir") ? Files.createDirectories(Paths.get(options.get("dir")))
                : Files.createTempDirectory("journal-cost-");

        Path file = dir.resolve("journal-" + System.nanoTime());
        try (TaskJournal journal = TaskJournal.file(file)) {
            print("file (forced writes)", measure(journal, warmup, tasks));
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(file.resolveSibling(file.getFileName() + ".lock"));
        }

        EmbeddedPostgres pg = EmbeddedPostgres.start(true);
        DataSource database = pg.newDatabase("journal_cost");
        ScenextSchema.create(database);
        try (OneConnection pool = new OneConnection(database.getConnection());
                TaskJournal journal = JdbcTaskJournal.create(pool)) {
            print("jdbc PostgreSQL 14 (fsync on, one pooled connection)", measure(journal, warmup, tasks));
        }
        if (!options.containsKey("dir")) {
            try (Stream<Path> left = Files.walk(dir)) {
                left.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** The nanoseconds each measured task's four appends took, sorted. */
    private static long[] measure(TaskJournal journal, int warmup, int tasks) {
        for (int i = 0; i < warmup; i++) {
            task(journal, "warmup-" + i);
        }
        long[] nanos = new long[tasks];
        for (int i = 0; i < tasks; i++) {
            long start = System.nanoTime();
            task(journal, "task-" + i);
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        return nanos;
    }

    private static void task(TaskJournal journal, String reference) {
        TaskId id = TaskId.of("id-" + reference);
        Instant now = Instant.now();
        journal.append(JournalEntry.creationStarted(reference, DIGEST, now));
        journal.append(JournalEntry.taskCreated(reference, id, now));
        journal.append(JournalEntry.taskEnded(reference, id, TaskState.COMPLETED, now));
        journal.append(JournalEntry.fileSaved(reference, id, "out/" + reference + ".mp4", 4_000_000L, DIGEST, now));
    }

    private static void print(String journal, long[] sorted) {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("program", "JournalCost");
        figures.put("journal", journal);
        figures.put("tasks", sorted.length);
        figures.put("appendsPerTask", 4);
        figures.put("medianMsPerTask", Figures.round(percentile(sorted, 0.5) / 1e6, 3));
        figures.put("p90MsPerTask", Figures.round(percentile(sorted, 0.9) / 1e6, 3));
        figures.put("loadAverage", Figures.round(ManagementFactory.getOperatingSystemMXBean()
                .getSystemLoadAverage(), 2));
        figures.put("cpus", Runtime.getRuntime().availableProcessors());
        System.out.println(Figures.toJson(figures));
    }

    private static double percentile(long[] sorted, double p) {
        int i = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    /** A data source that lends one connection over and over, as a pool of one does; closes it at the end. */
    private static final class OneConnection extends SimpleDataSource implements AutoCloseable {
        private final Connection connection;
        private final Connection lent;

        OneConnection(Connection connection) {
            this.connection = connection;
            this.lent = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                    new Class<?>[] {Connection.class}, (proxy, method, methodArgs) -> {
                        if (method.getName().equals("close")) {
                            return null;   // back to the "pool"
                        }
                        try {
                            return method.invoke(connection, methodArgs);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }

        @Override
        public Connection getConnection() {
            return lent;
        }

        @Override
        public void close() throws SQLException {
            connection.close();
        }
    }
}
