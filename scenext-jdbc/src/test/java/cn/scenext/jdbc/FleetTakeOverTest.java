package cn.scenext.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import cn.scenext.core.ScenextClient;
import cn.scenext.core.batch.BatchLeases;
import cn.scenext.core.journal.TaskJournal;
import cn.scenext.core.journal.TaskRecord;
import cn.scenext.testkit.Endpoint;
import cn.scenext.testsupport.postgres.EmbeddedPostgres;
import cn.scenext.testkit.ScenextSimulator;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Two JVMs share one batch on a real PostgreSQL: a child JVM claims rows, works on them through a
 * {@link JdbcTaskJournal} (renewing its leases meanwhile) and is killed with SIGKILL in the middle of its rows,
 * each left at a different step; this JVM then takes over every row once the dead node's leases run out on the
 * database's clock, and finishes the batch. No row's creation is started twice, the simulator creates exactly one
 * task per row, the dead node's half-done rows are resumed from where they stood, and the row whose creation was
 * sent but not recorded is reported, not created again.
 */
class FleetTakeOverTest {
    private static final String BATCH = "fleet";
    private static final int ROWS = 8;
    /** The child works on its four rows up to these steps, then waits in the last one for its SIGKILL. */
    private static final String[] CHILD_STOPS = {"saved", "ended", "created", "sent"};

    @TempDir
    Path dir;

    @Test
    void aNodeKilledMidRowHasItsRowsTakenOverAndNoTaskIsCreatedTwice() throws Exception {
        EmbeddedPostgres pg = EmbeddedPostgres.get();
        String database = "fleet_" + System.nanoTime();
        DataSource parentPool = pg.newDatabase(database);
        ScenextSchema.create(parentPool);
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            rows.add("row-" + i);
        }
        try (ScenextSimulator simulator = ScenextSimulator.builder().taskDuration(Duration.ofMillis(300))
                .framesPerTask(1).videoSize(64 * 1024).start()) {
            Path out = Files.createDirectories(dir.resolve("out"));
            runChildUntilKilled(pg.jdbcUrl(database), simulator, out);

            // this node: its own pool, journal and leases on the same database
            Map<String, FleetNode.Outcome> outcomes = new LinkedHashMap<>();
            try (BatchLeases leases = JdbcBatchLeases.create(parentPool);
                    TaskJournal journal = JdbcTaskJournal.create(parentPool);
                    ScenextClient client = simulator.newClient().build()) {
                leases.register(BATCH, rows);
                assertThat(journal.find("row-3").get().status()).as("the killed node's last row")
                        .isEqualTo(TaskRecord.Status.CREATING);
                FleetNode.workUntilDone(leases, BATCH, "survivor", new FleetNode(client, journal, out),
                        outcomes::put);

                assertThat(outcomes).as("row-0 was finished by the killed node; the survivor did the rest")
                        .doesNotContainKey("row-0").hasSize(ROWS - 1);
                assertThat(outcomes.get("row-3")).as("sent, not recorded: reported, not created again")
                        .isEqualTo(FleetNode.Outcome.UNKNOWN);
                for (String row : rows) {
                    TaskRecord r = journal.find(row).get();
                    if (row.equals("row-3")) {
                        assertThat(r.isOutcomeUnknown()).isTrue();
                        assertThat(journal.pending()).containsExactly(r);
                        continue;
                    }
                    assertThat(r.status()).as(row).isEqualTo(TaskRecord.Status.SAVED);
                    Path file = Paths.get(r.file().get());
                    assertThat(file).exists().hasParentRaw(out);
                    assertThat(Files.size(file)).isEqualTo(r.size());
                    assertThat(FleetNode.sha256(file)).isEqualTo(r.sha256().get());
                }
                assertThat(leases.unfinished(BATCH)).isZero();
            }
            assertThat(FleetNode.creationsStartedPerRow(parentPool)).as("CREATION_STARTED entries per row")
                    .hasSize(ROWS).allSatisfy((row, n) -> assertThat(n).as(row).isEqualTo(1));
            assertThat(simulator.requests(Endpoint.GEN_VIDEO)).as("creations the service received").hasSize(ROWS);
            assertThat(simulator.tasks()).hasSize(ROWS);
            try (Stream<Path> files = Files.list(out)) {
                assertThat(files.map(p -> p.getFileName().toString()))
                        .as("one video per saved row, no temporary file").hasSize(ROWS - 1)
                        .allSatisfy(name -> assertThat(name).matches("row-\\d-.+\\.mp4"));
            }
        }
    }

    /** Starts the child, reads its steps until it stops at its last one, and kills it with SIGKILL. */
    private static void runChildUntilKilled(String jdbcUrl, ScenextSimulator simulator, Path out)
            throws Exception {
        Process child = FleetNode.startChild(Child.class, jdbcUrl, simulator.baseUrl().toString(),
                simulator.apiKey(), out.toString());
        List<String> steps = new ArrayList<>();
        String pid = null;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                if (line.startsWith("PID ")) {
                    pid = line.substring(4);
                } else if (line.startsWith("STEP ")) {
                    steps.add(line.substring(5));
                } else if (line.startsWith("AT ")) {
                    break;
                }
            }
            assertThat(steps).as("the child's steps before its SIGKILL").containsExactly(
                    "claimed row-0,row-1,row-2,row-3",
                    "row-0 started", "row-0 sent", "row-0 created", "row-0 ended", "row-0 saved",
                    "row-1 started", "row-1 sent", "row-1 created", "row-1 ended",
                    "row-2 started", "row-2 sent", "row-2 created",
                    "row-3 started", "row-3 sent");
            FleetNode.sigkill(pid, child);
        } finally {
            child.destroyForcibly();
        }
    }

    /** The node that is killed: claims four rows, renews their leases, and works on each up to its stop. */
    public static final class Child {
        private Child() {
        }

        /**
         * Prints {@code PID}, then {@code STEP} lines, then {@code AT} when it waits for its SIGKILL.
         *
         * @param args the JDBC URL, the simulator's base URL and key, the output directory
         */
        public static void main(String[] args) throws Exception {
            PrintStream out = System.out;
            FleetNode.printPid(out);
            PGSimpleDataSource pool = new PGSimpleDataSource();
            pool.setURL(args[0]);
            BatchLeases leases = JdbcBatchLeases.create(pool);
            TaskJournal journal = JdbcTaskJournal.create(pool);
            ScenextClient client = ScenextClient.builder().baseUrl(java.net.URI.create(args[1])).apiKey(args[2])
                    .build();
            List<String> rows = new ArrayList<>();
            for (int i = 0; i < ROWS; i++) {
                rows.add("row-" + i);
            }
            leases.register(BATCH, rows);
            Duration lease = Duration.ofSeconds(3);
            List<String> mine = leases.claim(BATCH, "child", 4, lease);
            out.println("STEP claimed " + String.join(",", mine));
            out.flush();
            ScheduledExecutorService renewer = Executors.newSingleThreadScheduledExecutor();
            renewer.scheduleWithFixedDelay(() -> leases.renew(BATCH, "child", mine, lease), 500, 500,
                    TimeUnit.MILLISECONDS);   // a live node keeps its leases; a dead one does not
            FleetNode node = new FleetNode(client, journal, Paths.get(args[3]));
            for (int i = 0; i < mine.size(); i++) {
                String row = mine.get(i);
                String stop = CHILD_STOPS[i];
                boolean last = i == mine.size() - 1;
                try {
                    node.process(row, step -> {
                        out.println("STEP " + row + " " + step);
                        out.flush();
                        if (step.equals(stop)) {
                            throw new Stop();
                        }
                    });
                } catch (Stop s) {
                    // this row stays where it stopped, as if the node had died there
                }
                if (stop.equals("saved")) {
                    leases.finish(BATCH, "child", row);
                }
                if (last) {
                    out.println("AT " + row + " " + stop);
                    out.flush();
                    Thread.sleep(Long.MAX_VALUE);   // wait here for the SIGKILL
                }
            }
            out.println("NEVER " + Arrays.toString(CHILD_STOPS));   // fewer rows than expected: fail, do not hang
            out.flush();
            System.exit(3);
        }
    }

    /** Stops a row at a step. */
    private static final class Stop extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stop() {
            super(null, null, false, false);
        }
    }
}
