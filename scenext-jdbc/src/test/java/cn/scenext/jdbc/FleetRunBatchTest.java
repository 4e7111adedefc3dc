package cn.scenext.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import cn.scenext.api.TaskId;
import cn.scenext.core.ScenextClient;
import cn.scenext.core.batch.BatchLeases;
import cn.scenext.core.batch.BatchListener;
import cn.scenext.core.batch.BatchOptions;
import cn.scenext.core.batch.BatchReport;
import cn.scenext.core.batch.BatchRow;
import cn.scenext.core.batch.BatchRowResult;
import cn.scenext.core.journal.TaskJournal;
import cn.scenext.core.journal.TaskRecord;
import cn.scenext.testkit.Endpoint;
import cn.scenext.testkit.ScenextSimulator;
import cn.scenext.testsupport.postgres.EmbeddedPostgres;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Two JVMs run the same batch with {@code client.runBatch(...)} over {@link JdbcTaskJournal} and
 * {@link JdbcBatchLeases} on a real PostgreSQL: the child is SIGKILLed once it has saved two videos, with other
 * rows in flight wherever they happen to be; this JVM's run then takes its rows over when their leases run out and
 * ends the batch. Whatever the moment of the kill: no row's creation started twice, the simulator created at most
 * one task per row, every row is saved or (sent but never recorded) reported unknown, and no temporary file is
 * left.
 */
class FleetRunBatchTest {
    private static final String BATCH = "fleet-run";
    private static final int ROWS = 12;

    @TempDir
    Path dir;

    @Test
    void twoRunBatchNodesShareABatchAndTheKilledOnesRowsAreFinishedByTheOther() throws Exception {
        EmbeddedPostgres pg = EmbeddedPostgres.get();
        String database = "fleet_run_" + System.nanoTime();
        DataSource pool = pg.newDatabase(database);
        ScenextSchema.create(pool);
        try (ScenextSimulator simulator = ScenextSimulator.builder().taskDuration(Duration.ofMillis(300))
                .framesPerTask(1).videoSize(64 * 1024).start()) {
            Path out = Files.createDirectories(dir.resolve("out"));
            killChildAfterTwoRows(pg.jdbcUrl(database), simulator, out);
            int leftByTheChild;
            try (BatchLeases leases = JdbcBatchLeases.create(pool)) {
                leftByTheChild = leases.unfinished(BATCH);
            }
            assertThat(leftByTheChild).as("rows the killed node left unfinished").isPositive();

            BatchReport report;
            try (TaskJournal journal = JdbcTaskJournal.create(pool);
                    BatchLeases leases = JdbcBatchLeases.create(pool);
                    ScenextClient client = simulator.newClient().journal(journal).build()) {
                report = client.runBatch(rows(), options(out, leases, "survivor", BatchListener.none()));
                assertThat(report.rows()).hasSize(ROWS);
                for (BatchRowResult row : report.rows()) {
                    TaskRecord record = journal.find(row.reference()).get();
                    if (row.status() == BatchRowResult.Status.UNKNOWN) {
                        assertThat(record.isOutcomeUnknown()).as(row.toString()).isTrue();
                        continue;
                    }
                    assertThat(row.status()).as(row.toString()).isEqualTo(BatchRowResult.Status.COMPLETED);
                    assertThat(record.status()).isEqualTo(TaskRecord.Status.SAVED);
                    Path file = row.file().get();
                    assertThat(Files.size(file)).isEqualTo(row.size());
                    assertThat(FleetNode.sha256(file)).isEqualTo(row.sha256().get());
                }
                // an unknown row is given back, not finished: it waits for an explicit re-creation
                assertThat(leases.unfinished(BATCH)).as("rows left unfinished: the unknown ones")
                        .isEqualTo(report.count(BatchRowResult.Status.UNKNOWN));
            }
            int completed = report.count(BatchRowResult.Status.COMPLETED);
            int unknown = report.count(BatchRowResult.Status.UNKNOWN);
            assertThat(completed + unknown).isEqualTo(ROWS);
            assertThat(completed).as("at least the child's two rows").isGreaterThanOrEqualTo(2);

            Map<String, Integer> started = FleetNode.creationsStartedPerRow(pool);
            assertThat(started).as("CREATION_STARTED entries per row").hasSize(ROWS)
                    .allSatisfy((row, n) -> assertThat(n).as(row).isEqualTo(1));
            int creations = simulator.requests(Endpoint.GEN_VIDEO).size();
            assertThat(creations).as("creations the service received: one per row at most, one per saved row")
                    .isBetween(completed, ROWS);
            Set<TaskId> ids = new HashSet<>();
            for (BatchRowResult row : report.rows()) {
                row.taskId().ifPresent(id -> assertThat(ids.add(id)).as("task %s of one row only", id).isTrue());
            }
            try (Stream<Path> files = Files.list(out)) {
                assertThat(files.collect(Collectors.toList())).as("the saved videos and nothing else")
                        .containsExactlyInAnyOrderElementsOf(report.rows().stream()
                                .filter(r -> r.status() == BatchRowResult.Status.COMPLETED)
                                .map(r -> r.file().get()).collect(Collectors.toList()));
            }
        }
    }

    static List<BatchRow> rows() {
        List<BatchRow> rows = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            rows.add(BatchRow.of("row-" + i, FleetNode.request("row-" + i)));
        }
        return rows;
    }

    static BatchOptions options(Path out, BatchLeases leases, String owner, BatchListener listener) {
        return BatchOptions.builder().name(BATCH).outputDirectory(out).concurrency(2).creationsPerSecond(50)
                .waitOptions(FleetNode.WAIT).leases(leases).owner(owner).lease(Duration.ofSeconds(3))
                .listener(listener).build();
    }

    private static void killChildAfterTwoRows(String jdbcUrl, ScenextSimulator simulator, Path out)
            throws Exception {
        Process child = FleetNode.startChild(Child.class, jdbcUrl, simulator.baseUrl().toString(),
                simulator.apiKey(), out.toString());
        String pid = null;
        int completed = 0;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line; completed < 2 && (line = lines.readLine()) != null; ) {
                if (line.startsWith("PID ")) {
                    pid = line.substring(4);
                } else if (line.startsWith("COMPLETED ")) {
                    completed++;
                }
            }
            assertThat(completed).as("rows the child saved before its SIGKILL").isEqualTo(2);
            FleetNode.sigkill(pid, child);
        } finally {
            child.destroyForcibly();
        }
    }

    /** The node that is killed: runs the batch, printing each row it saved. */
    public static final class Child {
        private Child() {
        }

        /**
         * Prints {@code PID}, then {@code COMPLETED <row>} for each row saved; killed before the batch ends.
         *
         * @param args the JDBC URL, the simulator's base URL and key, the output directory
         */
        public static void main(String[] args) {
            PrintStream out = System.out;
            FleetNode.printPid(out);
            PGSimpleDataSource pool = new PGSimpleDataSource();
            pool.setURL(args[0]);
            TaskJournal journal = JdbcTaskJournal.create(pool);
            ScenextClient client = ScenextClient.builder().baseUrl(URI.create(args[1])).apiKey(args[2])
                    .journal(journal).build();
            BatchListener listener = new BatchListener() {
                @Override
                public void onRowChanged(BatchRowResult row) {
                    if (row.status() == BatchRowResult.Status.COMPLETED) {
                        out.println("COMPLETED " + row.reference());
                        out.flush();
                    }
                }
            };
            BatchReport report = client.runBatch(rows(), options(Paths.get(args[3]),
                    JdbcBatchLeases.create(pool), "child", listener));
            out.println("FINISHED " + report);   // not killed in time: the parent's assertions say so
            out.flush();
        }
    }
}
