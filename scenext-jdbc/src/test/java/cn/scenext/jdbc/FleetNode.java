package cn.scenext.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import cn.scenext.api.GenerateVideoRequest;
import cn.scenext.api.TaskId;
import cn.scenext.api.TaskStatus;
import cn.scenext.core.ScenextClient;
import cn.scenext.core.batch.BatchLeases;
import cn.scenext.core.journal.JournalEntry;
import cn.scenext.core.journal.TaskJournal;
import cn.scenext.core.journal.TaskRecord;
import cn.scenext.core.poll.PollPolicy;
import cn.scenext.core.poll.WaitOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * One node of a test fleet: works on one claimed row of a batch through a journal, from wherever the journal
 * says the row stands (nothing → create; created → wait; completed → download; saved → nothing; creation
 * outcome unknown → report, never create again). Each step is journaled before (creation) or after (the rest)
 * it is taken, as the SDK's batch runner does. {@code stepDone} is told each step's name after it was recorded,
 * so that a test can stop the node there.
 */
final class FleetNode {
    /** What became of a row on this node. */
    enum Outcome {
        SAVED, UNKNOWN, FAILED
    }

    static final WaitOptions WAIT = WaitOptions.builder()
            .pollPolicy(PollPolicy.fixed(Duration.ofMillis(100)).withFloor(Duration.ofMillis(100)))
            .timeout(Duration.ofMinutes(10))
            .throwOnTaskFailure(false)
            .build();

    private final ScenextClient client;
    private final TaskJournal journal;
    private final Path outputDirectory;

    FleetNode(ScenextClient client, TaskJournal journal, Path outputDirectory) {
        this.client = client;
        this.journal = journal;
        this.outputDirectory = outputDirectory;
    }

    static GenerateVideoRequest request(String reference) {
        return GenerateVideoRequest.ofQuestion("What is " + reference + "?");
    }

    /** Works on a row until it is saved, failed or reported unknown; {@code stepDone} hears each step. */
    Outcome process(String reference, Consumer<String> stepDone) {
        GenerateVideoRequest request = request(reference);
        Optional<TaskRecord> record = journal.find(reference);
        if (!record.isPresent()) {
            journal.append(JournalEntry.creationStarted(reference, sha256(request.question().orElse("")),
                    Instant.now()));
            stepDone.accept("started");
            TaskId id = client.generateVideo(request);
            stepDone.accept("sent");
            journal.append(JournalEntry.taskCreated(reference, id, Instant.now()));
            stepDone.accept("created");
            record = journal.find(reference);
        }
        TaskRecord r = record.get();
        if (r.isOutcomeUnknown()) {
            return Outcome.UNKNOWN;   // the task may exist: reported, never created again
        }
        if (r.status() == TaskRecord.Status.CREATED) {
            TaskStatus status = client.waitForCompletion(r.taskId().get(), WAIT);
            journal.append(JournalEntry.taskEnded(reference, r.taskId().get(), status.state(), Instant.now()));
            stepDone.accept("ended");
            r = journal.find(reference).get();
        }
        if (r.status() == TaskRecord.Status.COMPLETED) {
            TaskId id = r.taskId().get();
            Path target = outputDirectory.resolve(reference + "-" + id.value() + ".mp4");
            Path saved = client.download(id, target);
            try {
                journal.append(JournalEntry.fileSaved(reference, id, saved.toString(), Files.size(saved),
                        sha256(saved), Instant.now()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            stepDone.accept("saved");
            r = journal.find(reference).get();
        }
        if (r.status() == TaskRecord.Status.SAVED) {
            return Outcome.SAVED;
        }
        if (r.status() == TaskRecord.Status.FAILED || r.status() == TaskRecord.Status.REFUSED) {
            return Outcome.FAILED;
        }
        throw new IllegalStateException("row " + reference + " ended as " + r);
    }

    /** Claims and processes rows until the batch has none unfinished; told each row's outcome. */
    static void workUntilDone(BatchLeases leases, String batch, String owner, FleetNode node,
            BiConsumer<String, Outcome> outcomes) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();   // against a hang only
        while (leases.unfinished(batch) > 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("rows of " + batch + " never became free: " + leases.unfinished(batch));
            }
            List<String> rows = leases.claim(batch, owner, 4, Duration.ofMinutes(2));
            for (String row : rows) {
                outcomes.accept(row, node.process(row, step -> { }));
                if (!leases.finish(batch, owner, row)) {
                    throw new AssertionError("lost the lease of " + row);
                }
            }
            if (rows.isEmpty()) {
                Thread.sleep(50);   // the rows left are leased by another node: wait for them to be free
            }
        }
    }

    /** Starts {@code main} in a child JVM with this JVM's test classpath; its stdout is the caller's to read. */
    static Process startChild(Class<?> main, String... args) throws IOException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(Arrays.asList(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp", classpath, main.getName()));
        command.addAll(Arrays.asList(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        return pb.start();
    }

    /** Prints {@code PID <pid>} first, for the parent that will kill this JVM. */
    static void printPid(PrintStream out) {
        String name = ManagementFactory.getRuntimeMXBean().getName();   // "pid@host"
        out.println("PID " + name.substring(0, name.indexOf('@')));
        out.flush();
    }

    /** Kills the child with SIGKILL (no shutdown hook, no finally block runs) and waits for it to die. */
    static void sigkill(String pid, Process child) throws IOException, InterruptedException {
        assertThat(pid).as("the child printed its pid").isNotNull();
        Process kill = new ProcessBuilder("kill", "-KILL", pid).inheritIO().start();
        assertThat(kill.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).as("kill -KILL %s", pid).isZero();
        assertThat(child.waitFor(60, TimeUnit.SECONDS))
                .isTrue();
    }

    /** How many CREATION_STARTED entries the journal's table holds per reference. */
    static Map<String, Integer> creationsStartedPerRow(DataSource db)
            throws SQLException {
        Map<String, Integer> counts = new HashMap<>();
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT reference, COUNT(*) FROM scenext_journal_entry"
                        + " WHERE kind = 'CREATION_STARTED' GROUP BY reference")) {
            while (r.next()) {
                counts.put(r.getString(1), r.getInt(2));
            }
        }
        return counts;
    }

    static String sha256(String text) {
        return hex(digest().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    static String sha256(Path file) throws IOException {
        MessageDigest d = digest();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[8192];
            for (int n; (n = in.read(buf)) > 0; ) {
                d.update(buf, 0, n);
            }
        }
        return hex(d.digest());
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] bytes) {
        StringBuilder s = new StringBuilder();
        for (byte b : bytes) {
            s.append(String.format("%02x", b));
        }
        return s.toString();
    }
}
