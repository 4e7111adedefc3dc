package cn.scenext.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C (here SIGTERM) during a download: the command line runs in a child JVM and is stopped while the video
 * trickles in; no temporary file may be left behind, and a later run starts clean. The API and the object store
 * are one loopback server that responds with a completed status and then sends the video slowly, never to its end
 * while {@link #trickle} is open.
 *
 * <p>Kept on the JDK's HTTP server rather than the shared test server on purpose: the video is a 1 GiB body
 * written as it goes, without end until the test says, where the shared server sends bodies it holds in memory.
 */
class StoppedDownloadTest {
    private static final String TASK = "8d2f6e0a-3b1c-4d5e-9f00-112233445566";
    private static final long VIDEO_BYTES = 1L << 30;

    @TempDir
    Path dir;

    private HttpServer server;
    private ExecutorService executor;
    private final CountDownLatch trickle = new CountDownLatch(1);
    private volatile boolean slow = true;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        executor = Executors.newCachedThreadPool();
        server.setExecutor(executor);
        String origin = "http://127.0.0.1:" + server.getAddress().getPort();
        server.createContext("/api/get_status/" + TASK, exchange -> {
            byte[] body = ("{\"status\": \"success\", \"data\": {\"task_id\": \"" + TASK + "\", \"status\": \"COMPLETED\", "
                    + "\"progress\": [], \"consumption\": [{\"type\": \"score\", \"value\": 6, \"detail\": \"video\"}], "
                    + "\"result\": [{\"type\": \"video\", \"content\": \"" + origin + "/video.mp4\"}]}}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream o = exchange.getResponseBody()) {
                o.write(body);
            }
        });
        server.createContext("/video.mp4", exchange -> {
            byte[] chunk = new byte[16 * 1024];
            if (!slow) {
                byte[] small = new byte[100_000];
                exchange.getResponseHeaders().set("Content-Type", "video/mp4");
                exchange.sendResponseHeaders(200, small.length);
                try (OutputStream o = exchange.getResponseBody()) {
                    o.write(small);
                }
                return;
            }
            exchange.sendResponseHeaders(200, VIDEO_BYTES);
            try (OutputStream o = exchange.getResponseBody()) {
                while (!trickle.await(20, TimeUnit.MILLISECONDS)) {
                    o.write(chunk);
                    o.flush();
                }
            } catch (IOException | InterruptedException e) {
                // the client went away: the point of the test
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        trickle.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    @Test
    void aStoppedDownloadLeavesNoTemporaryFileAndTheNextRunStartsClean() throws Exception {
        Path target = dir.resolve("video.mp4");
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ProcessBuilder pb = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classpath, ScenextCli.class.getName(), "--base-url", base, "download", TASK, "--out",
                target.toString());
        pb.environment().put("SCENEXT_API_KEY", "sk-stopped-download-test");
        pb.environment().remove("SCENEXT_TRANSPORT");
        Path log = Files.createTempFile("scenext-stopped-download", ".log");
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        Process cli = pb.start();
        try {
            // Until the temporary file holds bytes: the download is under way.
            while (cli.isAlive() && entries().stream().noneMatch(StoppedDownloadTest::hasBytes)) {
                Thread.sleep(10);
            }
            assertThat(cli.isAlive()).as(Files.readString(log)).isTrue();
            assertThat(entries()).singleElement().satisfies(p -> assertThat(p.getFileName().toString()).endsWith(".part"));

            cli.destroy();                                                    // SIGTERM, as Ctrl-C's SIGINT

            assertThat(cli.waitFor(120, TimeUnit.SECONDS)).as("the command line ended").isTrue();
        } finally {
            cli.destroyForcibly();
        }
        assertThat(entries()).as(Files.readString(log)).isEmpty();

        slow = false;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new ScenextCli(Map.of("SCENEXT_API_KEY", "sk-stopped-download-test"),
                new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false)
                .run("--base-url", base, "download", TASK, "--out", target.toString());
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(entries()).containsExactly(target);
        assertThat(Files.size(target)).isEqualTo(100_000);
        Files.deleteIfExists(log);
    }

    private List<Path> entries() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.collect(Collectors.toList());
        }
    }

    private static boolean hasBytes(Path p) {
        try {
            return Files.size(p) > 0;
        } catch (IOException e) {
            return false;
        }
    }
}
