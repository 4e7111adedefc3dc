package cn.scenext.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.scenext.api.exception.JournalException;
import cn.scenext.core.batch.BatchLeases;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class JdbcBatchLeasesTest {
    private static final Duration LONG = Duration.ofMinutes(10);
    private static final String BATCH = "questions";

    @ParameterizedTest
    @EnumSource(Databases.class)
    void registeringAgainAddsOnlyNewRowsAndClaimsFollowTheOrderOfRegistration(Databases database) {
        Supplier<DataSource> db = database.newDatabaseWithSchema();
        BatchLeases leases = JdbcBatchLeases.create(db.get());
        leases.register(BATCH, Arrays.asList("r3", "r1", "r2", "r1"));
        leases.register(BATCH, Arrays.asList("r1", "r4"));
        JdbcBatchLeases.create(db.get()).register(BATCH, Arrays.asList("r2", "r3", "r5"));   // another node
        leases.register("other", Collections.singletonList("r1"));
        leases.register(BATCH, Collections.emptyList());

        assertThat(leases.unfinished(BATCH)).isEqualTo(5);
        assertThat(leases.unfinished("other")).isEqualTo(1);
        assertThat(leases.unfinished("none")).isZero();
        assertThat(leases.claim(BATCH, "a", 3, LONG)).containsExactly("r3", "r1", "r2");
        assertThat(leases.claim(BATCH, "a", 10, LONG)).as("rows the owner holds are not returned again")
                .containsExactly("r4", "r5");
        assertThat(leases.claim(BATCH, "a", 10, LONG)).isEmpty();
        assertThat(leases.claim("other", "a", 10, LONG)).containsExactly("r1");
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void onlyTheHolderRenewsFinishesOrReleasesARow(Databases database) {
        Supplier<DataSource> db = database.newDatabaseWithSchema();
        BatchLeases a = JdbcBatchLeases.create(db.get());
        BatchLeases b = JdbcBatchLeases.create(db.get());
        a.register(BATCH, Arrays.asList("r0", "r1", "r2"));
        assertThat(a.claim(BATCH, "node-a", 2, LONG)).containsExactly("r0", "r1");
        assertThat(b.claim(BATCH, "node-b", 5, LONG)).as("an unexpired lease holds").containsExactly("r2");

        assertThat(b.renew(BATCH, "node-b", Arrays.asList("r0", "r1", "r2"), LONG)).containsExactly("r2");
        assertThat(b.finish(BATCH, "node-b", "r0")).isFalse();
        b.release(BATCH, "node-b", "r1");
        assertThat(a.renew(BATCH, "node-a", Arrays.asList("r0", "r1", "r2"), LONG)).containsExactly("r0", "r1");
        assertThat(b.claim(BATCH, "node-b", 5, LONG)).as("nothing was released by a non-holder").isEmpty();

        assertThat(a.finish(BATCH, "node-a", "r0")).isTrue();
        assertThat(a.finish(BATCH, "node-a", "r0")).as("finished already").isFalse();
        assertThat(a.renew(BATCH, "node-a", Arrays.asList("r0", "r1"), LONG)).containsExactly("r1");
        assertThat(a.unfinished(BATCH)).isEqualTo(2);

        a.release(BATCH, "node-a", "r1");
        assertThat(a.renew(BATCH, "node-a", Collections.singletonList("r1"), LONG)).isEmpty();
        assertThat(b.claim(BATCH, "node-b", 5, LONG)).as("a released row is free at once").containsExactly("r1");
        a.release(BATCH, "node-a", "r1");   // no longer a's: nothing happens
        assertThat(b.finish(BATCH, "node-b", "r1")).isTrue();
        assertThat(b.finish(BATCH, "node-b", "r2")).isTrue();

        a.register(BATCH, Arrays.asList("r0", "r1", "r2"));
        assertThat(a.unfinished(BATCH)).as("finished rows stay finished when registered again").isZero();
        assertThat(a.claim(BATCH, "node-a", 5, LONG)).isEmpty();
        assertThat(a.renew(BATCH, "node-a", Collections.emptyList(), LONG)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void ownersOnSeparatePoolsClaimingAtOnceNeverGetTheSameRow(Databases database) throws Exception {
        Supplier<DataSource> db = database.newDatabaseWithSchema();
        int rows = 240;
        List<String> references = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            references.add("row-" + i);
        }
        JdbcBatchLeases.create(db.get()).register(BATCH, references);
        int owners = 4;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(owners);
        List<Future<List<String>>> results = new ArrayList<>();
        try {
            for (int o = 0; o < owners; o++) {
                BatchLeases leases = JdbcBatchLeases.create(db.get());   // a pool of its own, as another JVM's
                String owner = "node-" + o;
                results.add(pool.submit(claimAll(leases, owner, go)));
            }
            go.countDown();
            List<String> all = new ArrayList<>();
            for (Future<List<String>> f : results) {
                all.addAll(f.get(5, TimeUnit.MINUTES));
            }
            assertThat(all).as("rows claimed, over all owners").hasSize(rows).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(references);
        } finally {
            pool.shutdownNow();
        }
    }

    private static Callable<List<String>> claimAll(BatchLeases leases, String owner, CountDownLatch go) {
        return () -> {
            go.await();
            List<String> mine = new ArrayList<>();
            for (List<String> got; !(got = leases.claim(BATCH, owner, 3, LONG)).isEmpty(); ) {
                mine.addAll(got);
            }
            return mine;
        };
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void aRowWhoseLeaseRanOutOnTheDatabasesClockIsTakenOverAndLostByItsFormerHolder(Databases database)
            throws Exception {
        Supplier<DataSource> db = database.newDatabaseWithSchema();
        BatchLeases killed = JdbcBatchLeases.create(db.get());
        BatchLeases survivor = JdbcBatchLeases.create(db.get());
        killed.register(BATCH, Collections.singletonList("r0"));
        assertThat(killed.claim(BATCH, "killed", 1, LONG)).containsExactly("r0");
        killed.register(BATCH, Collections.singletonList("r1"));
        assertThat(killed.claim(BATCH, "killed", 1, Duration.ofSeconds(1))).containsExactly("r1");

        // the survivor claims until the database says the one-second lease ran out (no assertion on time)
        List<String> taken = pollClaim(survivor, "survivor");
        assertThat(taken).as("only the expired lease is taken over").containsExactly("r1");

        assertThat(killed.renew(BATCH, "killed", Arrays.asList("r0", "r1"), LONG)).containsExactly("r0");
        assertThat(killed.finish(BATCH, "killed", "r1")).isFalse();
        killed.release(BATCH, "killed", "r1");
        assertThat(survivor.renew(BATCH, "survivor", Collections.singletonList("r1"), LONG)).containsExactly("r1");
        assertThat(survivor.finish(BATCH, "survivor", "r1")).isTrue();
        assertThat(killed.finish(BATCH, "killed", "r0")).isTrue();
        assertThat(survivor.unfinished(BATCH)).isZero();
    }

    private static List<String> pollClaim(BatchLeases leases, String owner) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);   // generous: only against a hang
        while (System.nanoTime() < deadline) {
            List<String> got = leases.claim(BATCH, owner, 5, LONG);
            if (!got.isEmpty()) {
                return got;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the lease never ran out");
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void aHolderWhoseLeaseRanOutKeepsTheRowUntilAnotherOwnerClaimsIt(Databases database) throws Exception {
        Supplier<DataSource> db = database.newDatabaseWithSchema();
        BatchLeases leases = JdbcBatchLeases.create(db.get());
        leases.register(BATCH, Collections.singletonList("r0"));
        assertThat(leases.claim(BATCH, "slow", 1, Duration.ofMillis(1))).containsExactly("r0");
        waitUntilExpired(db.get());
        assertThat(leases.renew(BATCH, "slow", Collections.singletonList("r0"), LONG)).containsExactly("r0");
        assertThat(leases.claim(BATCH, "other", 1, LONG)).as("renewed before anyone claimed it").isEmpty();
    }

    /** Polls the table until every lease has run out on the database's clock. */
    private static void waitUntilExpired(DataSource db) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            try (Connection c = db.getConnection(); Statement s = c.createStatement();
                    java.sql.ResultSet r = s.executeQuery("SELECT COUNT(*) FROM scenext_batch_row"
                            + " WHERE lease_until > CURRENT_TIMESTAMP")) {
                r.next();
                if (r.getInt(1) == 0) {
                    return;
                }
            }
            Thread.sleep(5);
        }
        throw new AssertionError("the leases never ran out");
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void badArgumentsAreRefusedBeforeTheDatabaseIsAsked(Databases database) {
        BatchLeases leases = JdbcBatchLeases.create(database.newDatabaseWithSchema().get());
        assertThatThrownBy(() -> leases.claim(BATCH, "a", 0, LONG)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("max");
        assertThatThrownBy(() -> leases.claim(BATCH, "a", 1, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lease");
        assertThatThrownBy(() -> leases.claim("", "a", 1, LONG)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("batch");
        char[] tooLong = new char[201];
        Arrays.fill(tooLong, 'x');
        assertThatThrownBy(() -> leases.register(BATCH, Arrays.asList("ok", new String(tooLong))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reference");
        assertThat(leases.unfinished(BATCH)).as("nothing of a refused call was written").isZero();
        assertThatThrownBy(() -> leases.finish(BATCH, null, "r")).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("owner");
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void closedLeasesAndMissingTablesSaySo(Databases database) {
        BatchLeases noTables = JdbcBatchLeases.create(database.newDatabase().get());
        assertThatThrownBy(() -> noTables.register(BATCH, Collections.singletonList("r0")))
                .isInstanceOfSatisfying(JournalException.class,
                        e -> assertThat(e.reason()).isEqualTo(JournalException.Reason.STORAGE_FAILED))
                .hasMessageContaining("could not register 1 rows of batch 'questions'")
                .hasCauseInstanceOf(SQLException.class);
        assertThatThrownBy(() -> noTables.claim(BATCH, "a", 1, LONG)).isInstanceOf(JournalException.class)
                .hasMessageContaining("SQL state");
        BatchLeases leases = JdbcBatchLeases.create(database.newDatabaseWithSchema().get());
        leases.close();
        leases.close();
        assertThatThrownBy(() -> leases.unfinished(BATCH)).isInstanceOfSatisfying(JournalException.class,
                e -> assertThat(e.reason()).isEqualTo(JournalException.Reason.CLOSED));
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void theSchemaUpgradesADatabaseThatRanOnlyTheFirstMigration(Databases database) throws Exception {
        Supplier<DataSource> db = database.newDatabase();
        List<String> all = ScenextSchema.statements();
        try (Connection c = db.get().getConnection(); Statement s = c.createStatement()) {
            for (String statement : all) {
                if (statement.contains("scenext_batch_row")) {
                    break;
                }
                s.execute(statement);   // V1 only, as a user who installed the previous release has it
            }
        }
        JdbcTaskJournal.create(db.get()).records();
        ScenextSchema.create(db.get());
        ScenextSchema.create(db.get());   // and again: every statement may be run again
        BatchLeases leases = JdbcBatchLeases.create(db.get());
        leases.register(BATCH, Collections.singletonList("r0"));
        assertThat(leases.unfinished(BATCH)).isEqualTo(1);
        assertThat(ScenextSchema.migrations()).containsExactly(ScenextSchema.MIGRATION,
                ScenextSchema.BATCH_LEASES_MIGRATION);
        Set<String> tables = new HashSet<>();
        for (String statement : all) {
            if (statement.startsWith("CREATE TABLE")) {
                tables.add(statement.split("\\s+")[5]);
            }
        }
        assertThat(tables).containsExactlyInAnyOrder("scenext_journal_entry", "scenext_journal_record",
                "scenext_webhook_delivery", "scenext_batch_row");
    }
}
