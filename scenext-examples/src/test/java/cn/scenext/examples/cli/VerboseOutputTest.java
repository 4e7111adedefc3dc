package cn.scenext.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import cn.scenext.testkit.ScenextSimulator;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code --verbose} shows the SDK's own logs and never the API key, on every transport: the command line runs
 * in a JVM of its own (so its logging starts from its own configuration, as for a user), creates a task,
 * waits for it (asynchronous status reads) and downloads the video (a signed URL), and neither stdout nor
 * stderr holds the key or {@code Bearer <key>}; not even when the default log level is raised to TRACE, which
 * would switch on the HTTP libraries' header and wire loggers were they not pinned off.
 */
class VerboseOutputTest {
    private static final String KEY = "sk-VERBOSE-CANARY-4f1d9a";
    private final ScenextSimulator sim = ScenextSimulator.builder().apiKey(KEY).taskDuration(Duration.ofMillis(300))
            .framesPerTask(2).start();

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        sim.close();
    }

    @ParameterizedTest
    @CsvSource({
        "okhttp, ", "apache, ", "retrofit, ", "jdk, ",
        "okhttp, trace", "apache, trace", "retrofit, trace", "jdk, trace",
    })
    void verboseOutputNeverHoldsTheKey(String transport, String defaultLevel) throws Exception {
        String printed = runCli(transport, defaultLevel == null ? null
                : "-Dorg.slf4j.simpleLogger.defaultLogLevel=" + defaultLevel);

        assertThat(printed).as("SDK logs shown").contains("HttpPipeline");
        assertThat(printed).doesNotContain(KEY).doesNotContain("Bearer sk-");
    }

    /**
     * The proof that the test sees what a header logger prints: a user who names Apache's header logger
     * explicitly gets the key on stderr, which is why the README tells to leave it off.
     */
    @org.junit.jupiter.api.Test
    void apachesHeaderLoggerNamedExplicitlyPrintsTheKey() throws Exception {
        String printed = runCli("apache", "-Dorg.slf4j.simpleLogger.log.org.apache.hc.client5.http.headers=debug");

        assertThat(printed).contains("Authorization: Bearer " + KEY);
    }

    /** Runs the command line in a JVM of its own; returns its stdout and stderr, after checking it succeeded. */
    private String runCli(String transport, String jvmOption) throws Exception {
        Path out = dir.resolve("video-" + transport + ".mp4");
        List<String> command = new ArrayList<>(Arrays.asList(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path")));
        if (jvmOption != null) {
            command.add(jvmOption);
        }
        command.addAll(Arrays.asList(ScenextCli.class.getName(), "--verbose", "--transport", transport,
                "--api-key", KEY, "--base-url", sim.baseUrl().toString(),
                "generate", "--question", "What is a Fourier series?", "--wait", "--poll-interval", "100ms",
                "--out", out.toString()));
        File stdout = dir.resolve("stdout-" + transport).toFile();
        File stderr = dir.resolve("stderr-" + transport).toFile();
        Process p = new ProcessBuilder(command).redirectOutput(stdout).redirectError(stderr).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the command line ended").isTrue();
        String printed = read(stdout) + read(stderr);
        assertThat(p.exitValue()).as(printed).isZero();
        assertThat(out).exists();
        return printed;
    }

    private static String read(File f) throws IOException {
        return new String(Files.readAllBytes(f.toPath()), StandardCharsets.UTF_8);
    }
}
