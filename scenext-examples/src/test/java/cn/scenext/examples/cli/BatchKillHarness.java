package cn.scenext.examples.cli;

import cn.scenext.core.internal.json.ApiJson;
import cn.scenext.testkit.Endpoint;
import cn.scenext.testkit.Fault;
import cn.scenext.testkit.ScenextSimulator;
import cn.scenext.testkit.SimulatedTask;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs {@code scenext batch} as a child JVM against the simulator in this JVM, and SIGKILLs it at chosen moments:
 * when the journal holds a number of created tasks, when a download's temporary file exists (the simulator holds
 * that video's response), or while a loopback proxy holds a creation's response after the simulator created the
 * task (the one case whose outcome nobody can know). Moments are picked from the journal file, the output
 * directory and the proxy, never from sleeps. Narrates what it does on a print stream a human can read.
 */
final class BatchKillHarness implements AutoCloseable {
    /** One run of the child: exit code (or -9 when killed) and its stderr. */
    record Run(int code, String output) {
    }

    final ScenextSimulator sim = ScenextSimulator.builder().taskDuration(Duration.ofMillis(2500)).framesPerTask(3)
            .threads(16).videoSize(256 * 1024).start();
    final Path dir;
    final Path input;
    final Path out;
    private final PrintStream log;
    private final HttpServer proxy;
    private final ExecutorService proxyThreads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "batch-kill-proxy");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient forward = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final AtomicBoolean holdNextCreation = new AtomicBoolean();
    private volatile CountDownLatch held = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private int runs;

    BatchKillHarness(Path dir, List<String> questions, PrintStream log) throws IOException {
        this.dir = dir;
        this.log = log;
        this.input = dir.resolve("questions.txt");
        this.out = dir.resolve("videos");
        Files.write(input, questions, StandardCharsets.UTF_8);
        proxy = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        proxy.setExecutor(proxyThreads);
        proxy.createContext("/", this::forward);
        proxy.start();
    }

    /** The base URL the child uses: the proxy before the simulator's API. */
    String baseUrl() {
        return "http://127.0.0.1:" + proxy.getAddress().getPort() + "/";
    }

    /** The next creation's response is held by the proxy (after the simulator created the task) until close. */
    void holdNextCreation() {
        held = new CountDownLatch(1);
        holdNextCreation.set(true);
    }

    /** Whether the proxy holds a creation's response now. */
    boolean holdingCreation() {
        return held.getCount() == 0;
    }

    /** The simulator's next video response waits 15 seconds: a download started now stays under way. */
    void slowNextDownload() {
        sim.inject(Endpoint.FILES, Fault.delay(Duration.ofSeconds(15)), 1);
    }

    private void forward(HttpExchange exchange) throws IOException {
        try {
            byte[] body = exchange.getRequestBody().readAllBytes();
            URI target = sim.baseUrl().resolve(exchange.getRequestURI().getRawPath().substring(1));
            HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(60))
                    .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            for (String header : new String[] {"Authorization", "Content-Type", "Accept"}) {
                String value = exchange.getRequestHeaders().getFirst(header);
                if (value != null) {
                    request.header(header, value);
                }
            }
            HttpResponse<byte[]> response = forward.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (exchange.getRequestURI().getPath().endsWith("/gen_video") && holdNextCreation.compareAndSet(true, false)) {
                held.countDown();                           // the task exists; its response never leaves
                release.await();
                exchange.close();
                return;
            }
            response.headers().firstValue("Content-Type").ifPresent(v -> exchange.getResponseHeaders().set(
                    "Content-Type", v));
            exchange.sendResponseHeaders(response.statusCode(), response.body().length == 0 ? -1
                    : response.body().length);
            try (OutputStream o = exchange.getResponseBody()) {
                o.write(response.body());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.close();
        } catch (IOException e) {
            exchange.close();
        }
    }

    /** Runs the child to its end. */
    Run run(String... extra) throws Exception {
        return run(null, extra);
    }

    /**
     * Runs the child; kills it with SIGKILL as soon as {@code killWhen} holds (checked every few milliseconds).
     *
     * @return the run; code -9 when killed
     */
    /** Tasks the simulator created whose creation a kill cut before the journal recorded it. */
    private int stranded;

    Run run(BooleanSupplier killWhen, String... extra) throws Exception {
        int number = ++runs;
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java")
                .toString(), "-XX:TieredStopAtLevel=1", "-cp", classpath, ScenextCli.class.getName(), "--base-url",
                baseUrl(), "batch", input.toString(), "--out-dir", out.toString(),
                "--poll-interval", "200ms"));
        command.addAll(List.of(extra));
        if (!command.contains("--concurrency")) {
            command.addAll(List.of("--concurrency", "3"));
        }
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("SCENEXT_API_KEY", sim.apiKey());
        pb.environment().remove("SCENEXT_TRANSPORT");
        Path output = dir.resolve("run-" + number + ".log");
        pb.redirectErrorStream(true).redirectOutput(output.toFile());
        log.println("run " + number + ": scenext batch " + String.join(" ", extra).trim()
                + (killWhen == null ? "" : " (to be killed)"));
        Process child = pb.start();
        try {
            if (killWhen != null) {
                while (child.isAlive() && !killWhen.getAsBoolean()) {
                    Thread.sleep(5);
                }
                if (!child.isAlive()) {
                    throw new AssertionError("run " + number + " ended (exit " + child.exitValue()
                            + ") before its kill moment:\n" + Files.readString(output));
                }
                child.destroyForcibly();                    // SIGKILL on Linux: no shutdown hook runs
                child.waitFor(120, TimeUnit.SECONDS);
                stranded = sim.tasks().size() - journalCount("TASK_CREATED"); // created, never to be recorded
                log.println("  killed with SIGKILL; journal holds " + journalCount("TASK_CREATED")
                        + " created tasks, the simulator " + sim.tasks().size() + "; files in the output directory: "
                        + listing());
                return new Run(-9, Files.readString(output));
            }
            if (!child.waitFor(10, TimeUnit.MINUTES)) {
                throw new AssertionError("run " + number + " did not end:\n" + Files.readString(output));
            }
        } finally {
            child.destroyForcibly();
        }
        String text = Files.readString(output);
        log.println("  exit " + child.exitValue() + "; stderr:");
        text.lines().filter(l -> !l.startsWith("[")).forEach(l -> log.println("    " + l));
        return new Run(child.exitValue(), text);
    }

    /**
     * Whether no creation is on its way now: every task the simulator created is recorded in the journal, but for
     * those an earlier kill left unknown for good. A kill at such a moment leaves no row unknown, unless a creation
     * is sent in the very next instant (which the tests allow for).
     */
    boolean noCreationInFlight() {
        int recorded = journalCount("TASK_CREATED");
        return sim.tasks().size() - recorded == stranded;
    }

    /** How many entries of a kind the journal file holds now. */
    int journalCount(String kind) {
        Path journal = out.resolve(BatchCommand.WORK_DIR).resolve(BatchCommand.JOURNAL);
        try {
            if (!Files.exists(journal)) {
                return 0;
            }
            String text = Files.readString(journal, StandardCharsets.ISO_8859_1);
            int n = 0;
            for (int i = text.indexOf("\"kind\":\"" + kind + "\""); i >= 0;
                    i = text.indexOf("\"kind\":\"" + kind + "\"", i + 1)) {
                n++;
            }
            return n;
        } catch (IOException e) {
            return 0;                                       // being replaced by a compaction: look again
        }
    }

    /** The download temporary files in the output directory now. */
    Set<Path> partialFiles() {
        return files(out).stream().filter(p -> p.getFileName().toString().endsWith(".part"))
                .collect(Collectors.toSet());
    }

    /** A kill moment: a download temporary file that was not there before is in the output directory. */
    BooleanSupplier newDownload() {
        Set<Path> before = partialFiles();
        return () -> partialFiles().stream().anyMatch(p -> !before.contains(p));
    }

    /** Every file under a directory, relative to it. */
    static List<Path> files(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).map(root::relativize).sorted().collect(Collectors.toList());
        } catch (IOException | UncheckedIOException e) {
            return List.of();                               // a file went away while listed: look again
        }
    }

    String listing() {
        return files(out).stream().map(Path::toString).collect(Collectors.joining(", "));
    }

    /** How many tasks the simulator created for each question. */
    Map<String, Integer> creationsByQuestion() {
        Map<String, Integer> counts = new HashMap<>();
        for (SimulatedTask t : sim.tasks()) {
            counts.merge(t.question().orElse(""), 1, Integer::sum);
        }
        return counts;
    }

    /** {@code report.jsonl}, one map per line (values as text, {@code null} for JSON null). */
    List<Map<String, String>> report() throws IOException {
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : Files.readAllLines(out.resolve(BatchReportFile.NAME), StandardCharsets.UTF_8)) {
            Map<String, String> row = new LinkedHashMap<>();
            try (JsonParser p = ApiJson.factory().createParser(line)) {
                p.nextToken();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.getCurrentName();
                    JsonToken v = p.nextToken();
                    row.put(name, v == JsonToken.VALUE_NULL ? null : p.getText());
                }
            }
            rows.add(row);
        }
        return rows;
    }

    /** The SHA-256 of a file, in hex. */
    static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    /** Prints the report's rows and the simulator's creations, for the record. */
    void printOutcome() throws IOException {
        log.println("report.jsonl:");
        for (String line : Files.readAllLines(out.resolve(BatchReportFile.NAME), StandardCharsets.UTF_8)) {
            log.println("  " + line);
        }
        log.println("tasks the simulator created: " + sim.tasks().size() + " for " + creationsByQuestion().size()
                + " questions; per question: " + creationsByQuestion().values());
        log.println("files in the output directory: " + listing());
    }

    @Override
    public void close() {
        release.countDown();
        proxy.stop(0);
        proxyThreads.shutdownNow();
        sim.close();
    }
}
