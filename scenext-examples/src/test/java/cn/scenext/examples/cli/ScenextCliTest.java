package cn.scenext.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import cn.scenext.api.TaskId;
import cn.scenext.api.TaskState;
import cn.scenext.testkit.Endpoint;
import cn.scenext.testkit.Fault;
import cn.scenext.testkit.ResponseStyle;
import cn.scenext.testkit.ScenextSimulator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every command and exit code of the command line, against the embedded simulator. */
class ScenextCliTest {
    private final ScenextSimulator sim = ScenextSimulator.builder().taskDuration(Duration.ofMillis(1500))
            .framesPerTask(3).start();
    private final Map<String, String> env = new HashMap<>();

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        sim.close();
    }

    /** One run of the command line: exit code, stdout, stderr. */
    record Run(int code, String out, String err) {
    }

    private Run run(String... args) {
        return runWithInput("", args);
    }

    private Run runWithInput(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new ScenextCli(env, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                false).run(args);
        Run r = new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        assertThat(r.out + r.err).doesNotContain(sim.apiKey());
        return r;
    }

    private void useSimulator() {
        useSimulator(sim);
    }

    private void useSimulator(ScenextSimulator simulator) {
        env.put("SCENEXT_API_KEY", simulator.apiKey());
        env.put("SCENEXT_BASE_URL", simulator.baseUrl().toString());
    }

    /** A simulator responding as the documentation shows, for what only the documented responses do. */
    private static ScenextSimulator documentedSimulator() {
        return ScenextSimulator.builder().responseStyle(ResponseStyle.DOCUMENTED).taskDuration(Duration.ofMillis(1500))
                .framesPerTask(3).start();
    }

    private String createTask() {
        Run r = run("generate", "--question", "What is a Fourier series?");
        assertThat(r.code).isZero();
        return r.out.trim();
    }

    @Test
    void generatePrintsTheTaskIdAloneOnOneLine() {
        useSimulator();

        Run r = run("generate", "--question", "What is a Fourier series?", "--quality", "h",
                "--notify-url", "https://example.com/hook", "--question-image", "https://example.com/q.png");

        assertThat(r.code).isZero();
        assertThat(r.out).matches("[0-9a-f-]{36}\n");
        assertThat(sim.tasks()).singleElement().satisfies(t -> {
            assertThat(t.id().value()).isEqualTo(r.out.trim());
            assertThat(t.question()).contains("What is a Fourier series?");
            assertThat(t.questionImages()).containsExactly("https://example.com/q.png");
            assertThat(t.notifyUrl().get().toString()).isEqualTo("https://example.com/hook");
        });
    }

    @Test
    void generateSendsLocalImageFilesInline() throws Exception {
        useSimulator();
        Path png = dir.resolve("q.png");
        Files.write(png, new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0});

        Run r = run("generate", "--question-image", png.toString());

        assertThat(r.code).isZero();
        assertThat(sim.tasks().get(0).questionImages().get(0)).startsWith("data:image/png;base64,");
    }

    @Test
    void generateWithWaitShowsProgressAndSavesTheVideo() throws Exception {
        useSimulator();
        Path video = dir.resolve("out/video.mp4");
        Files.createDirectories(video.getParent());

        Run r = run("--transport", "jdk", "generate", "--question", "What is 1 + 1?", "--wait", "--out", video.toString(),
                "--poll-interval", "200ms", "--wait-timeout", "30s");

        assertThat(r.code).as(r.err).isZero();
        assertThat(r.err).contains("frame 1").contains("frame 3").contains("COMPLETED");
        assertThat(r.out).contains(": COMPLETED").contains("Frames:   3").contains("Credits:  6")
                .contains("Saved:    " + video);
        byte[] bytes = Files.readAllBytes(video);
        assertThat(new String(bytes, 4, 4, StandardCharsets.US_ASCII)).isEqualTo("ftyp");
    }

    @Test
    void waitPrintsTheApisJsonWithJson() {
        useSimulator();
        String id = createTask();

        Run r = run("wait", id, "--poll-interval", "100ms", "--json");

        assertThat(r.code).isZero();
        assertThat(r.out).startsWith("{\"task_id\":\"" + id + "\",\"status\":\"COMPLETED\",\"progress\":[")
                .contains("\"consumption\":[").contains("\"result\":[{\"type\":\"video\"").contains("\"title\":")
                .contains("\"created_at\":").contains("\"finish_at\":").endsWith("}\n");
        assertThat(r.out.lines()).hasSize(1);
    }

    @Test
    void statusReadsATask() {
        useSimulator();
        String id = createTask();

        Run human = run("status", id);
        Run json = run("status", id, "--json");

        assertThat(human.code).isZero();
        assertThat(human.out).startsWith("Task " + id + ": IN_PROGRESS");
        // The service's own data object, as sent (here with its empty progress array).
        assertThat(json.out.replace(" ", "")).startsWith("{\"task_id\":\"" + id + "\",\"status\":\"IN_PROGRESS\"")
                .endsWith("}\n");
    }

    @Test
    void aFailedTaskExitsWith1AndSaysWhy() {
        useSimulator();
        sim.failNextTask("The question could not be understood");
        String id = createTask();

        Run r = run("wait", id, "--poll-interval", "100ms");

        assertThat(r.code).isEqualTo(1);
        assertThat(r.out).contains(": FAILED").contains("Reason:   The question could not be understood");
    }

    @Test
    void downloadSavesTheVideoOfACompletedTask() throws Exception {
        useSimulator();
        String id = createTask();
        sim.completeTask(TaskId.of(id));
        Path video = dir.resolve("v.mp4");

        Run r = run("download", id, "--out", video.toString());

        assertThat(r.code).isZero();
        assertThat(r.out.trim()).isEqualTo(video.toString());
        assertThat(Files.size(video)).isPositive();
    }

    @Test
    void downloadRefreshesAnExpiredUrl() throws Exception {
        try (ScenextSimulator documented = documentedSimulator()) {
            useSimulator(documented);
            String id = createTask();
            documented.completeTask(TaskId.of(id));
            documented.inject(Endpoint.FILES, Fault.status(403), 1);

            Run r = run("download", id, "--out", dir.resolve("v.mp4").toString());

            assertThat(r.code).as(r.err).isZero();
            assertThat(documented.requests(Endpoint.GET_STATUS)).hasSize(2);
        }
    }

    @Test
    void downloadOfTheSameExpiredUrlStopsAndSaysWhy() throws Exception {
        useSimulator();
        String id = createTask();
        sim.completeTask(TaskId.of(id));
        sim.expireUrls(); // the real server's stored URL: a fresh status gives it back

        Run r = run("download", id, "--out", dir.resolve("v.mp4").toString());

        assertThat(r.code).isNotZero();
        assertThat(r.err).contains("returned the same expired URL").contains("promptly after it completes");
        assertThat(sim.requests(Endpoint.FILES)).hasSize(2); // revoked before its Expires: tried once more
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void downloadOfARunningTaskIsAUsageError() {
        useSimulator();
        String id = createTask();

        Run r = run("download", id, "--out", dir.resolve("v.mp4").toString());

        assertThat(r.code).isEqualTo(2);
        assertThat(r.err).contains("IN_PROGRESS").contains("scenext wait " + id);
        assertThat(Files.exists(dir.resolve("v.mp4"))).isFalse();
    }

    @Test
    void downloadOfAFailedTaskExitsWith1() {
        useSimulator();
        String id = createTask();
        sim.failTask(TaskId.of(id), "no luck");

        Run r = run("download", id, "--out", dir.resolve("v.mp4").toString());

        assertThat(r.code).isEqualTo(1);
        assertThat(r.err).contains("no luck");
    }

    @Test
    void usageErrorsExitWith2AndSendNothing() {
        useSimulator();

        assertThat(run().code).isEqualTo(2);
        assertThat(run("frobnicate").code).isEqualTo(2);
        assertThat(run("generate").err).contains("needs a question");
        assertThat(run("generate", "--question", "q", "--quality", "x").code).isEqualTo(2);
        assertThat(run("generate", "--question", "q", "--out", "x.mp4").err).contains("go with --wait");
        assertThat(run("generate", "--question", "q", "--notify-url", "ftp://x").code).isEqualTo(2);
        assertThat(run("generate", "--question", "q", "--bogus").err).contains("Unknown option --bogus");
        assertThat(run("wait", "x", "--poll-interval", "soon").err).contains("takes a duration");
        assertThat(run("status").err).contains("TASK_ID is required");
        assertThat(run("status", "a", "b").code).isEqualTo(2);
        assertThat(run("download", "x").err).contains("--out is required");
        assertThat(sim.requests()).isEmpty();
    }

    @Test
    void aMissingKeyIsAUsageError() {
        Run r = run("status", "x");

        assertThat(r.code).isEqualTo(2);
        assertThat(r.err).contains("--api-key").contains("SCENEXT_API_KEY");
    }

    @Test
    void aWrongKeyExitsWith3() {
        env.put("SCENEXT_BASE_URL", sim.baseUrl().toString());

        Run r = run("--api-key", "sk-not-the-right-one", "status", "x");

        assertThat(r.code).isEqualTo(3);
        assertThat(r.err).contains("rejected the API key").doesNotContain("sk-not-the-right-one");
    }

    @Test
    void anUnknownTaskExitsWith4() {
        try (ScenextSimulator documented = documentedSimulator()) {
            useSimulator(documented);

            Run r = run("status", "no-such-task");

            assertThat(r.code).isEqualTo(4);
            assertThat(r.err).contains("no-such-task");
        }
    }

    @Test
    void aWaitTimeoutExitsWith5AndSaysHowToResume() {
        useSimulator();
        String id = createTask();

        Run r = run("wait", id, "--poll-interval", "100ms", "--wait-timeout", "300ms");

        assertThat(r.code).isEqualTo(5);
        assertThat(r.err).contains("scenext wait " + id);
        assertThat(sim.findTask(TaskId.of(id)).get().state()).isEqualTo(TaskState.IN_PROGRESS);
    }

    @Test
    void serverErrorsAfterRetriesExitWith6() {
        useSimulator();
        sim.inject(Endpoint.GET_STATUS, Fault.status(500), 10);

        Run r = run("status", "x");

        assertThat(r.code).isEqualTo(6);
        assertThat(sim.requests(Endpoint.GET_STATUS)).hasSize(3);
    }

    @Test
    void aTaskCreationCutAfterSendingIsNotRepeatedAndSaysSo() {
        useSimulator();
        sim.inject(Endpoint.GEN_VIDEO, Fault.disconnect(), 1);

        Run r = run("generate", "--question", "q");

        assertThat(r.code).isEqualTo(6);
        assertThat(r.err).contains("may have been created");
        assertThat(sim.requests(Endpoint.GEN_VIDEO)).hasSize(1);
    }

    @Test
    void networkFailuresExitWith6() {
        env.put("SCENEXT_API_KEY", "sk-abcdefgh");

        Run r = run("--base-url", "http://127.0.0.1:1", "status", "x");

        assertThat(r.code).isEqualTo(6);
        assertThat(r.err).startsWith("error: ").doesNotContain("\tat ");
    }

    @Test
    void verboseShowsTheStackTrace() {
        env.put("SCENEXT_API_KEY", "sk-abcdefgh");

        Run r = run("--verbose", "--base-url", "http://127.0.0.1:1", "status", "x");

        assertThat(r.err).contains("\tat ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"okhttp", "apache", "retrofit", "jdk"})
    void everyTransportRunsTheCommands(String transport) {
        useSimulator();

        Run r = run("--transport", transport, "generate", "--question", "q", "--wait", "--poll-interval", "100ms");

        assertThat(r.code).as(r.err).isZero();
        assertThat(sim.requests(Endpoint.GEN_VIDEO).get(0).headers().firstValue("User-Agent").get())
                .contains("(" + transport + ";").endsWith("scenext-cli");
    }

    @Test
    void helpAndVersionExitWith0() {
        assertThat(run("help").out).contains("Usage: scenext").contains("Exit codes").contains("7 local problem")
                .contains("--host HOST").contains("default 127.0.0.1");
        assertThat(run("--help").code).isZero();
        assertThat(run("--version").out).startsWith("scenext ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"generate", "status", "wait", "download", "webhook", "webhook verify", "webhook listen",
            "demo", "help", "version"})
    void everyCommandShowsItsUsageWithHelp(String command) {
        useSimulator();
        for (String flag : new String[] {"--help", "-h"}) {
            java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(command.split(" ")));
            args.add(flag);

            Run r = run(args.toArray(new String[0]));

            assertThat(r.code).as(r.err).isZero();
            assertThat(r.out).startsWith("Usage: scenext " + command);
            assertThat(r.err).isEmpty();
        }
        Run viaHelp = run(("help " + command).split(" "));
        assertThat(viaHelp.code).isZero();
        assertThat(viaHelp.out).startsWith("Usage: scenext " + command);
        assertThat(sim.requests()).isEmpty();
    }

    @Test
    void helpWinsOverTheRestOfTheCommandLine() {
        useSimulator();

        Run r = run("generate", "--question", "q", "--wait", "--help");

        assertThat(r.code).isZero();
        assertThat(r.out).contains("--max-image-size").contains("--force");
        assertThat(sim.requests()).isEmpty();
        assertThat(run("help", "frobnicate").code).isEqualTo(2);
    }

    @Test
    void aGlobalOptionAfterTheCommandSaysWhereItGoes() {
        useSimulator();

        Run verbose = run("status", "x", "--verbose");
        Run key = run("generate", "--question", "q", "--api-key", "sk-elsewhere");

        assertThat(verbose.code).isEqualTo(2);
        assertThat(verbose.err).contains("--verbose is a global option: give it before the command, as in "
                + "`scenext --verbose status ...`");
        assertThat(key.err).contains("`scenext --api-key KEY generate ...`").doesNotContain("sk-elsewhere");
        assertThat(key.err).contains("Run `scenext generate --help`");
        assertThat(sim.requests()).isEmpty();
    }

    @Test
    void outOntoAnExistingFileIsRefusedBeforeATaskIsCreated() throws Exception {
        useSimulator();
        Path existing = Files.writeString(dir.resolve("video.mp4"), "precious");

        Run r = run("generate", "--question", "q", "--wait", "--out", existing.toString(), "--poll-interval", "100ms");

        assertThat(r.code).isEqualTo(2);
        assertThat(r.err).contains("--out " + existing + ": the file exists").contains("--force");
        assertThat(sim.requests()).isEmpty();
        assertThat(Files.readString(existing)).isEqualTo("precious");
    }

    @Test
    void waitAndDownloadRefuseAnExistingFileBeforeReadingTheTask() throws Exception {
        useSimulator();
        String id = createTask();
        sim.completeTask(TaskId.of(id));
        Path existing = Files.writeString(dir.resolve("video.mp4"), "precious");
        Path dangling = Files.createSymbolicLink(dir.resolve("link.mp4"), dir.resolve("gone.mp4"));

        Run waited = run("wait", id, "--out", existing.toString());
        Run downloaded = run("download", id, "--out", existing.toString());
        Run linked = run("download", id, "--out", dangling.toString());

        assertThat(waited.code).isEqualTo(2);
        assertThat(downloaded.code).isEqualTo(2);
        assertThat(linked.code).isEqualTo(2);
        assertThat(linked.err).contains("a symbolic link is there");
        assertThat(sim.requests(Endpoint.GET_STATUS)).isEmpty();
        assertThat(sim.requests(Endpoint.FILES)).isEmpty();
        assertThat(Files.readString(existing)).isEqualTo("precious");
    }

    @Test
    void forceReplacesTheFile() throws Exception {
        useSimulator();
        String id = createTask();
        sim.completeTask(TaskId.of(id));
        Path existing = Files.writeString(dir.resolve("video.mp4"), "precious");

        Run r = run("download", id, "--out", existing.toString(), "--force");

        assertThat(r.code).as(r.err).isZero();
        byte[] bytes = Files.readAllBytes(existing);
        assertThat(new String(bytes, 4, 4, StandardCharsets.US_ASCII)).isEqualTo("ftyp");
        assertThat(run("status", id, "--force").code).isEqualTo(2);
        assertThat(run("generate", "--question", "q", "--force").err).contains("--force goes with --out");
    }

    @Test
    void anEmptyBaseUrlIsAUsageError() {
        useSimulator();

        Run r = run("--base-url", "", "status", "x");
        Run eq = run("--base-url=", "status", "x");

        assertThat(r.code).isEqualTo(2);
        assertThat(r.err).contains("--base-url needs a URL");
        assertThat(eq.code).isEqualTo(2);
        assertThat(sim.requests()).isEmpty();
    }

    @Test
    void generateJsonWithoutWaitPrintsTheTaskIdAsJson() {
        useSimulator();

        Run r = run("generate", "--question", "q", "--json");

        assertThat(r.code).isZero();
        assertThat(r.out).isEqualTo("{\"task_id\":\"" + sim.tasks().get(0).id().value() + "\"}\n");
    }

    @Test
    void statusOfAFailedTaskExitsWith1() {
        useSimulator();
        String id = createTask();
        sim.failTask(TaskId.of(id), "no luck");

        Run human = run("status", id);
        Run json = run("status", id, "--json");

        assertThat(human.code).isEqualTo(1);
        assertThat(human.out).contains(": FAILED").contains("Reason:   no luck");
        assertThat(json.code).isEqualTo(1);
        assertThat(json.out).contains("\"status\":\"FAILED\"");
    }

    @Test
    void aMissingImageFileIsALocalProblem() {
        useSimulator();

        Run r = run("generate", "--question-image", dir.resolve("missing.png").toString());

        assertThat(r.code).isEqualTo(7);
        assertThat(r.err).startsWith("error: Cannot read image file " + dir.resolve("missing.png") + ": no such file.")
                .doesNotContain("bug").doesNotContain("Exception");
        assertThat(sim.requests()).isEmpty();
    }

    @Test
    void anOutThatCannotBeWrittenIsALocalProblem() throws Exception {
        useSimulator();
        Path file = Files.writeString(dir.resolve("file"), "x");

        Run r = run("download", "x", "--out", file.resolve("v.mp4").toString());

        assertThat(r.code).isEqualTo(7);
        assertThat(r.err).contains(file + " is not a directory").doesNotContain("bug");
        assertThat(sim.requests()).isEmpty();
    }

    @Test
    void imagesAreCheckedBeforeAnythingIsSent() throws Exception {
        useSimulator();
        Path text = Files.writeString(dir.resolve("notes.png"), "not an image");
        Path big = dir.resolve("big.png");
        byte[] png = new byte[3000];
        System.arraycopy(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, 0, png, 0, 4);
        Files.write(big, png);

        Run notAnImage = run("generate", "--question-image", text.toString());
        Run tooBig = run("generate", "--question-image", big.toString(), "--max-image-size", "2KiB");
        Run tooMuch = run("generate", "--question-image", big.toString(), "--answer-image", big.toString(),
                "--max-images-size", "5000");
        Run badSize = run("generate", "--question-image", big.toString(), "--max-image-size", "lots");

        assertThat(notAnImage.code).isEqualTo(2);
        assertThat(notAnImage.err).contains("is not a PNG, JPEG, GIF, WebP or BMP image");
        assertThat(tooBig.code).isEqualTo(2);
        assertThat(tooBig.err).contains("over the limit of 2048 bytes per image");
        assertThat(tooMuch.code).isEqualTo(2);
        assertThat(tooMuch.err).contains("add up to 6000 bytes").contains("limit of 5000 bytes per request");
        assertThat(badSize.err).contains("--max-image-size takes a size");
        assertThat(run("generate", "--question", "q", "--max-image-size", "3GiB").err).contains("at most 2GiB");
        assertThat(sim.requests()).isEmpty();

        Run raised = run("generate", "--question-image", big.toString(), "--answer-image", big.toString(),
                "--max-image-size", "3000", "--max-images-size", "6000");
        assertThat(raised.code).as(raised.err).isZero();
    }
}
