package cn.scenext.core.journal;

import static org.assertj.core.api.Assertions.assertThat;

import cn.scenext.api.TaskId;
import cn.scenext.api.TaskState;
import cn.scenext.core.internal.journal.FileTaskJournal;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a child JVM with SIGKILL while it appends to a file journal (compacting every few lines), many times
 * over, and re-reads the file after each kill: it must always open (never corrupt), hold every step the child
 * was told was recorded, and hold nothing but the deterministic steps the child was taking, at most one of them
 * not yet acknowledged.
 */
class JournalCrashTest {
    private static final int KILLS = 24;
    private static final int COMPACT_AFTER = 5;
    private static final int STEPS = 7;

    @TempDir
    Path dir;

    @Test
    void aJournalKilledAtAnyMomentIsNeverCorruptAndLosesNoAcknowledgedStep() throws Exception {
        Path file = dir.resolve("journal");
        Random random = new Random(20261201L);
        int acknowledged = 0;
        for (int kill = 0; kill < KILLS; kill++) {
            int target = 1 + random.nextInt(kill % 3 == 0 ? 3 : 40);   // some kills right after start-up
            Process child = start(file);
            int acks = 0;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line = out.readLine();
                assertThat(line).startsWith("PID ");
                String pid = line.substring(4);
                while (acks < target && (line = out.readLine()) != null) {
                    if (line.startsWith("ACK ")) {
                        acks++;
                        acknowledged = Integer.parseInt(line.substring(4));
                    }
                }
                sigkill(pid);   // no shutdown hook, no finally block runs
                assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
                // the child went on until the signal landed: what it printed before dying is still in the pipe
                while ((line = out.readLine()) != null) {
                    if (line.startsWith("ACK ")) {
                        acknowledged = Integer.parseInt(line.substring(4));
                    }
                }
            }
            assertThat(acks).as("the child acknowledged steps (kill %d)", kill).isEqualTo(target);
            // every acknowledged step is there, and at most the one being written when the signal came
            int steps;
            try (TaskJournal j = TaskJournal.file(file)) {   // never CORRUPT: this would throw
                steps = checkDeterministic(j.records());
            }
            assertThat(steps).as("steps recorded after kill %d", kill)
                    .isBetween(acknowledged, acknowledged + 1);
            acknowledged = steps;
        }
        assertThat(acknowledged).isGreaterThan(KILLS);
    }

    @Test
    void aJournalKilledAtEachPointOfAnAppendOrACompactionIsNeverCorruptAndLosesNoAcknowledgedStep()
            throws Exception {
        String[] points = {"append.before-write", "append.mid-line", "append.before-force", "append.after-force",
            "compact.mid-temp", "compact.before-move", "compact.after-move"};
        Path file = dir.resolve("journal");
        int acknowledged = 0;
        int kill = 0;
        for (int occurrence : new int[] {1, 3, 7}) {
            for (String point : points) {
                Process child = start(file, point, occurrence);
                String pid = null;
                boolean stopped = false;
                try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = out.readLine()) != null) {
                        if (line.startsWith("PID ")) {
                            pid = line.substring(4);
                        } else if (line.startsWith("ACK ")) {
                            acknowledged = Integer.parseInt(line.substring(4));
                        } else if (line.equals("AT " + point)) {
                            stopped = true;
                            break;
                        }
                    }
                    assertThat(stopped).as("the child stopped at %s #%d", point, occurrence).isTrue();
                    sigkill(pid);
                    assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
                }
                int steps;
                try (TaskJournal j = TaskJournal.file(file)) {
                    steps = checkDeterministic(j.records());
                }
                assertThat(steps).as("steps recorded after a kill at %s #%d (kill %d)", point, occurrence, kill++)
                        .isBetween(acknowledged, acknowledged + 1);
                acknowledged = steps;
            }
        }
    }

    /** Checks every record against the sequence the child writes; returns the number of steps recorded. */
    private static int checkDeterministic(List<TaskRecord> records) {
        int steps = 0;
        for (int i = 0; i < records.size(); i++) {
            TaskRecord r = records.get(i);
            assertThat(r.reference()).isEqualTo("row-" + i);
            int n = stepsOf(i, r);
            assertThat(n).as("record %s is one the child wrote", r).isPositive();
            assertThat(i == records.size() - 1 || n == STEPS).as("only the last row may be unfinished: %s", r)
                    .isTrue();
            steps += n;
        }
        return steps;
    }

    /** How many of row {@code i}'s steps make {@code r}, or 0 when no prefix of them does. */
    static int stepsOf(int i, TaskRecord r) {
        TaskRecord expected = null;
        for (int s = 0; s < STEPS; s++) {
            JournalEntry e = step(i, s);
            expected = expected == null ? TaskRecord.start(e) : expected.then(e);
            if (expected.equals(r)) {
                return s + 1;
            }
        }
        return 0;
    }

    /**
     * Step {@code s} of row {@code i}: a creation whose outcome is lost, started again, created, ended, and its
     * file saved twice; three of the seven steps are superseded, so the file keeps compacting.
     */
    static JournalEntry step(int i, int s) {
        String ref = "row-" + i;
        TaskId id = TaskId.of("task-" + i);
        Instant at = Instant.ofEpochSecond(1_800_000_000L + i * 10L + s);
        String digest = String.format("%064x", i);
        switch (s) {
            case 0: return JournalEntry.creationStarted(ref, digest, at);
            case 1: return JournalEntry.creationOutcomeUnknown(ref, "response lost", at);
            case 2: return JournalEntry.creationStarted(ref, digest, at);
            case 3: return JournalEntry.taskCreated(ref, id, at);
            case 4: return JournalEntry.taskEnded(ref, id, TaskState.COMPLETED, at);
            default: return JournalEntry.fileSaved(ref, id, "out/row-" + i + "-" + s + ".mp4", 1000L + i,
                    String.format("%064x", 1_000_000 + i), at);
        }
    }

    private static void sigkill(String pid) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-KILL", pid).inheritIO().start();
        assertThat(kill.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).as("kill -KILL %s", pid).isZero();
    }

    private static Process start(Path file) throws IOException {
        return start(file, "-", 0);
    }

    private static Process start(Path file, String stopAt, int occurrence) throws IOException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ProcessBuilder pb = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp", classpath, Child.class.getName(), file.toString(), stopAt,
                Integer.toString(occurrence));
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        return pb.start();
    }

    /** The child: continues the deterministic sequence from what the journal holds, forever. */
    public static final class Child {
        private Child() {
        }

        /**
         * Appends steps until killed, printing {@code ACK <steps recorded>} after each append returns.
         *
         * @param args the journal file
         */
        public static void main(String[] args) {
            PrintStream out = System.out;
            String name = ManagementFactory.getRuntimeMXBean().getName();   // "pid@host"
            out.println("PID " + name.substring(0, name.indexOf('@')));
            out.flush();
            String stopAt = args[1];
            int[] left = {Integer.parseInt(args[2])};
            if (!stopAt.equals("-")) {
                FileTaskJournal.crashPointsForTests(point -> {
                    if (point.equals(stopAt) && --left[0] == 0) {
                        out.println("AT " + point);
                        out.flush();
                        while (true) {   // wait here for the SIGKILL
                            try {
                                Thread.sleep(60_000);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        }
                    }
                });
            }
            try (TaskJournal j = FileTaskJournal.open(Paths.get(args[0]), COMPACT_AFTER)) {
                List<TaskRecord> records = new ArrayList<>(j.records());
                int i = records.isEmpty() ? 0 : records.size() - 1;
                int s = records.isEmpty() ? 0 : stepsOf(i, records.get(i));
                int steps = STEPS * i + s;
                if (s == STEPS) {
                    i++;
                    s = 0;
                }
                for (int n = 0; ; n++) {
                    if (!stopAt.equals("-") && n > 5000) {
                        out.println("NEVER " + stopAt);   // the point is not on this path: fail, do not hang
                        out.flush();
                        System.exit(3);
                    }
                    j.append(step(i, s));
                    steps++;
                    out.println("ACK " + steps);
                    out.flush();
                    if (++s == STEPS) {
                        i++;
                        s = 0;
                    }
                }
            }
        }
    }
}
