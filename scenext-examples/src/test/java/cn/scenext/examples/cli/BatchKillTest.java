package cn.scenext.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scenext batch} killed with SIGKILL at chosen moments and run again until it is done: no question is
 * created twice, every row ends COMPLETED with its video saved and matching the report's SHA-256, no temporary
 * file is left, and the one case nobody can know (killed while the creation's response was on its way) is reported
 * UNKNOWN and completed only with {@code --recreate-unknown}. Each run's narration goes to
 * {@code target/batch-kill/<test>.txt}.
 */
class BatchKillTest {
    private static final List<String> QUESTIONS = IntStream.rangeClosed(1, 6)
            .mapToObj(i -> "Question " + i + ": what is " + i + " squared?").collect(Collectors.toList());

    @TempDir
    Path dir;

    @Test
    void killedThreeTimesAndRunAgainEveryQuestionIsCreatedOnceAndEveryVideoSaved() throws Exception {
        ByteArrayOutputStream narration = new ByteArrayOutputStream();
        PrintStream log = new PrintStream(narration, true, StandardCharsets.UTF_8);
        try (BatchKillHarness h = new BatchKillHarness(dir, QUESTIONS, log)) {
            // the first two kills fall where no creation is on its way (the gap is the other test's case)
            h.run(() -> h.journalCount("TASK_CREATED") >= 1 && h.noCreationInFlight()); // after the first creation
            h.run(() -> h.journalCount("TASK_CREATED") >= 4 && h.noCreationInFlight()); // mid-wait
            h.slowNextDownload();
            h.run(h.newDownload());                                                  // mid-download

            BatchKillHarness.Run last = h.run();
            for (int again = 0; again < 3 && last.code() == ExitCode.BATCH_INCOMPLETE.code; again++) {
                last = h.run();                             // INCOMPLETE rows (a download cut): run again, as documented
            }
            Set<String> unknown = new HashSet<>();
            if (last.code() == ExitCode.BATCH_UNKNOWN.code) {
                // A kill fell between a creation's "started" and its response: reported, named, not re-created.
                for (Map<String, String> row : h.report()) {
                    if ("UNKNOWN".equals(row.get("status"))) {
                        unknown.add(QUESTIONS.get(Integer.parseInt(row.get("line")) - 1));
                        assertThat(last.output()).contains("line " + row.get("line") + ": UNKNOWN");
                    }
                }
                assertThat(unknown).isNotEmpty();
                last = h.run("--recreate-unknown");
            }
            assertThat(last.code()).as(last.output()).isZero();
            h.printOutcome();

            Map<String, Integer> creations = h.creationsByQuestion();
            for (String q : QUESTIONS) {
                if (unknown.contains(q)) {
                    assertThat(creations.get(q)).as(q).isBetween(1, 2);
                } else {
                    assertThat(creations.get(q)).as("creations of " + q).isEqualTo(1);
                }
            }
            assertAllCompleted(h, QUESTIONS.size());
        } finally {
            save("killed-three-times", narration);
        }
    }

    @Test
    void killedWhileTheCreationsResponseIsHeldTheRowIsUnknownUntilRecreateUnknown() throws Exception {
        ByteArrayOutputStream narration = new ByteArrayOutputStream();
        PrintStream log = new PrintStream(narration, true, StandardCharsets.UTF_8);
        List<String> questions = QUESTIONS.subList(0, 3);
        try (BatchKillHarness h = new BatchKillHarness(dir, questions, log)) {
            h.holdNextCreation();
            h.run(h::holdingCreation, "--concurrency", "1");   // the task exists; its id never reached the CLI

            BatchKillHarness.Run second = h.run("--concurrency", "1");
            assertThat(second.code()).as(second.output()).isEqualTo(ExitCode.BATCH_UNKNOWN.code);
            assertThat(second.output()).contains("line 1: UNKNOWN").contains("--recreate-unknown");
            List<Map<String, String>> report = h.report();
            assertThat(report).extracting(r -> r.get("status")).containsExactly("UNKNOWN", "COMPLETED", "COMPLETED");
            assertThat(report.get(0).get("task_id")).isNull();
            assertThat(h.creationsByQuestion()).containsEntry(questions.get(0), 1);

            BatchKillHarness.Run third = h.run("--concurrency", "1", "--recreate-unknown");
            assertThat(third.code()).as(third.output()).isZero();
            h.printOutcome();
            assertThat(h.creationsByQuestion()).as("created again, explicitly, once")
                    .containsEntry(questions.get(0), 2).containsEntry(questions.get(1), 1)
                    .containsEntry(questions.get(2), 1);
            assertAllCompleted(h, questions.size());

            BatchKillHarness.Run again = h.run("--concurrency", "1", "--recreate-unknown");
            assertThat(again.code()).as("a finished batch run again sends nothing").isZero();
            assertThat(h.sim.tasks()).hasSize(4);
        } finally {
            save("held-creation", narration);
        }
    }

    private static void assertAllCompleted(BatchKillHarness h, int rows) throws Exception {
        List<Map<String, String>> report = h.report();
        assertThat(report).extracting(r -> Integer.parseInt(r.get("line")))
                .containsExactlyElementsOf(IntStream.rangeClosed(1, rows).boxed().collect(Collectors.toList()));
        for (Map<String, String> row : report) {
            assertThat(row.get("status")).as(row.toString()).isEqualTo("COMPLETED");
            Path video = h.out.resolve(row.get("file"));
            assertThat(video.getFileName().toString()).startsWith(row.get("line") + "-" + row.get("task_id"));
            assertThat(BatchKillHarness.sha256(video)).as(row.toString()).isEqualTo(row.get("sha256"));
            assertThat(row.get("credits")).isNotNull();
        }
        // Nothing but the videos, the report and the journal (with its lock): no .part, no .tmp.
        Set<String> expected = new HashSet<>();
        for (Map<String, String> row : report) {
            expected.add(row.get("file"));
        }
        expected.add(BatchReportFile.NAME);
        expected.add(BatchCommand.WORK_DIR + "/" + BatchCommand.JOURNAL);
        expected.add(BatchCommand.WORK_DIR + "/" + BatchCommand.JOURNAL + ".lock");
        assertThat(BatchKillHarness.files(h.out).stream().map(p -> p.toString().replace('\\', '/')))
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    private static void save(String name, ByteArrayOutputStream narration) throws Exception {
        Path file = Paths.get("target", "batch-kill", name + ".txt");
        Files.createDirectories(file.getParent());
        Files.write(file, narration.toByteArray());
    }
}
