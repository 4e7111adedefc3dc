package cn.scenext.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import cn.scenext.core.journal.TaskJournal;
import cn.scenext.testkit.ScenextSimulator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code scenext batch} in this JVM against the simulator: input errors, options, a whole run, a run again. */
class BatchCommandTest {
    private final ScenextSimulator sim = ScenextSimulator.builder().taskDuration(Duration.ofMillis(800))
            .framesPerTask(2).start();
    private final Map<String, String> env = new HashMap<>();

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    @BeforeEach
    void useSimulator() {
        env.put("SCENEXT_API_KEY", sim.apiKey());
        env.put("SCENEXT_BASE_URL", sim.baseUrl().toString());
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new ScenextCli(env, new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                false).run(args);
        Run r = new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        assertThat(r.out + r.err).doesNotContain(sim.apiKey());
        return r;
    }

    private Path input(String... lines) throws Exception {
        Path file = dir.resolve("input.jsonl");
        Files.write(file, List.of(lines), StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void everyBadLineIsNamedAndNothingIsSent() throws Exception {
        Path file = input("{\"question\": \"fine\"}", "{\"question\": \"x\", \"colour\": 1}", "",
                "{\"question\": \"y\", \"quality\": \"z\"}");

        Run r = run("batch", file.toString(), "--out-dir", dir.resolve("out").toString());

        assertThat(r.code).isEqualTo(ExitCode.USAGE.code);
        assertThat(r.err).contains("2 bad lines; nothing was sent").contains("line 2: unknown field \"colour\"")
                .contains("line 4: quality must be");
        assertThat(sim.requests()).isEmpty();
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void badOptionsAreUsageErrors() throws Exception {
        Path file = input("What is 1 + 1?");
        assertThat(run("batch", file.toString()).err).contains("--out-dir is required");
        assertThat(run("batch", file.toString(), "--out-dir", "o", "--concurrency", "0").err)
                .contains("--concurrency takes a whole number of at least 1; got \"0\"");
        assertThat(run("batch", file.toString(), "--out-dir", "o", "--creations-per-second", "-1").code)
                .isEqualTo(ExitCode.USAGE.code);
        assertThat(run("batch", file.toString(), "--out-dir", "o", "--quality", "x").code)
                .isEqualTo(ExitCode.USAGE.code);
        assertThat(run("batch", dir.resolve("none.txt").toString(), "--out-dir", "o").code)
                .isEqualTo(ExitCode.LOCAL.code);
        assertThat(run("batch", "--help").out).contains("Usage: scenext batch FILE --out-dir DIR")
                .contains("--recreate-unknown");
        assertThat(sim.requests()).isEmpty();
    }

    @Test
    void aJournalInUseIsALocalProblemAndNothingIsSent() throws Exception {
        Path file = input("What is 1 + 1?");
        Path out = dir.resolve("out");
        Files.createDirectories(out.resolve(BatchCommand.WORK_DIR));
        try (TaskJournal held = TaskJournal.file(out.resolve(BatchCommand.WORK_DIR).resolve(BatchCommand.JOURNAL))) {
            Run r = run("batch", file.toString(), "--out-dir", out.toString());
            assertThat(r.code).isEqualTo(ExitCode.LOCAL.code);
            assertThat(r.err).contains("is in use: another `scenext batch` runs on it");
        }
        assertThat(sim.requests()).isEmpty();
    }

    @Test
    void aWholeBatchSavesEveryVideoWritesTheReportAndRunAgainSendsNoCreation() throws Exception {
        Path file = dir.resolve("questions.txt");
        Files.write(file, List.of("What is 1 + 1?", "", "Why is the sky blue?", "What is a prime?"),
                StandardCharsets.UTF_8);
        Path out = dir.resolve("out");
        // A temporary download file a killed run left: removed by the next run.
        Files.createDirectories(out);
        Files.write(out.resolve(".3-8d2f6e0a.mp4.1a2b3c.part"), new byte[10]);

        Run r = run("batch", file.toString(), "--out-dir", out.toString(), "--poll-interval", "100ms",
                "--creations-per-second", "20", "--quality", "l");

        assertThat(r.code).as(r.err).isZero();
        assertThat(r.out.trim()).isEqualTo(out.resolve("report.jsonl").toString());
        assertThat(r.err).contains("3/3").contains("done 3").contains("3 completed, 0 failed");
        List<String> report = Files.readAllLines(out.resolve("report.jsonl"));
        assertThat(report).hasSize(3);
        assertThat(report.get(0)).startsWith("{\"line\":1,\"task_id\":\"").contains("\"status\":\"COMPLETED\"");
        assertThat(report.get(1)).startsWith("{\"line\":3,");
        assertThat(report.get(2)).startsWith("{\"line\":4,");
        assertThat(sim.tasks()).hasSize(3).allSatisfy(t -> assertThat(t.quality().code()).isEqualTo("l"));
        assertThat(BatchKillHarness.files(out)).noneMatch(p -> p.toString().endsWith(".part"));

        Run again = run("batch", file.toString(), "--out-dir", out.toString(), "--poll-interval", "100ms",
                "--quality", "l");
        assertThat(again.code).as(again.err).isZero();
        assertThat(sim.tasks()).as("nothing created again").hasSize(3);
        assertThat(Files.readAllLines(out.resolve("report.jsonl"))).isEqualTo(report);
    }

    @Test
    void anEditedInputIsRefusedBeforeAnythingIsSent() throws Exception {
        Path file = dir.resolve("questions.txt");
        Files.write(file, List.of("What is 1 + 1?"), StandardCharsets.UTF_8);
        Path out = dir.resolve("out");
        assertThat(run("batch", file.toString(), "--out-dir", out.toString(), "--poll-interval", "100ms").code)
                .isZero();
        Files.write(file, List.of("What is 2 + 2?"), StandardCharsets.UTF_8);
        int before = sim.requests().size();

        Run r = run("batch", file.toString(), "--out-dir", out.toString(), "--poll-interval", "100ms");

        assertThat(r.code).as(r.err).isEqualTo(ExitCode.USAGE.code);
        assertThat(sim.requests()).hasSize(before);
    }
}
