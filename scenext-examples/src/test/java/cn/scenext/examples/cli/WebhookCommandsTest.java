package cn.scenext.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import cn.scenext.core.webhook.WebhookSigner;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code webhook verify} and {@code webhook listen}, with the shared signed vectors and forged deliveries. */
class WebhookCommandsTest {
    private static final String SECRET = "sk-test-1234567890";

    @TempDir
    Path dir;

    /** A vector of ../shared/api/webhook-signature-vectors.jsonl. */
    record Vector(String secret, String body, String signature) {
    }

    private static Vector vector(String name) throws IOException {
        try (InputStream in = WebhookCommandsTest.class.getResourceAsStream("/webhook-signature-vectors.jsonl")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                Map<String, String> fields = new HashMap<>();
                try (JsonParser p = cn.scenext.core.internal.json.ApiJson.factory().createParser(line)) {
                    p.nextToken();
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String key = p.currentName();
                        p.nextToken();
                        fields.put(key, p.getText());
                    }
                }
                if (name.equals(fields.get("name"))) {
                    return new Vector(fields.get("secret"), fields.get("body"), fields.get("signature"));
                }
            }
        }
        throw new IllegalArgumentException(name);
    }

    record Run(int code, String out, String err) {
    }

    private static Run run(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new ScenextCli(Map.of(), new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                false).run(args);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void verifiesTheDocumentedWebhookFromAFile() throws Exception {
        Vector v = vector("docs-completed");
        Path body = dir.resolve("body.json");
        Files.writeString(body, v.body());

        Run r = run("", "webhook", "verify", "--secret", v.secret(), "--signature", v.signature(),
                "--tolerance", "100000h", body.toString());

        assertThat(r.code).as(r.err).isZero();
        assertThat(r.out).startsWith("{\"task_id\":\"12345\",\"status\":\"COMPLETED\",\"timestamp\":1672531200,"
                + "\"frames\":2,\"video_url\":\"https://oss.scenext.cn/Video/");
        assertThat(r.out + r.err).doesNotContain(v.secret());
    }

    @Test
    void verifiesABodyFromStdinWhateverItsKeyOrderAndSpacing() throws Exception {
        Vector v = vector("body-pretty");

        Run r = run(v.body(), "webhook", "verify", "--secret", v.secret(), "--signature", v.signature(),
                "--tolerance", "100000h");

        assertThat(r.code).as(r.err).isZero();
        assertThat(r.out).contains("\"task_id\":\"t-pretty\"");
    }

    @Test
    void anInvalidSignatureExitsWith1() throws Exception {
        Vector v = vector("docs-completed");
        String forged = v.signature().substring(0, 63) + (v.signature().endsWith("0") ? "1" : "0");

        Run r = run(v.body(), "webhook", "verify", "--secret", v.secret(), "--signature", forged,
                "--tolerance", "100000h");

        assertThat(r.code).isEqualTo(1);
        assertThat(r.out).isEmpty();
        assertThat(r.err).contains("invalid webhook (signature mismatch)");
    }

    @Test
    void aStaleEventExitsWith1() throws Exception {
        Vector v = vector("docs-completed");

        Run r = run(v.body(), "webhook", "verify", "--secret", v.secret(), "--signature", v.signature());

        assertThat(r.code).isEqualTo(1);
        assertThat(r.err).contains("stale timestamp");
    }

    @Test
    void missingOptionsAreUsageErrors() {
        assertThat(run("{}", "webhook", "verify", "--secret", "k").code).isEqualTo(2);
        assertThat(run("{}", "webhook", "verify", "--signature", "00").code).isEqualTo(2);
        assertThat(run("", "webhook").code).isEqualTo(2);
        assertThat(run("", "webhook", "forward").code).isEqualTo(2);
        assertThat(run("", "webhook", "listen", "--secret", "k", "--port", "http").code).isEqualTo(2);
    }

    @Test
    void listenPrintsEachNewEventOnceAndRefusesForgeriesAsDocumented() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        AtomicInteger exit = new AtomicInteger(-1);
        Thread listener = new Thread(() -> exit.set(new ScenextCli(Map.of(), InputStream.nullInputStream(),
                new PrintStream(out, true, StandardCharsets.UTF_8), errStream, false)
                .run("webhook", "listen", "--host", "127.0.0.1", "--port", "0", "--secret", SECRET,
                        "--path", "/hooks/scenext")));
        listener.start();
        int port = awaitPort(err);
        URI url = URI.create("http://127.0.0.1:" + port + "/hooks/scenext");
        String body = "{\"task_id\": \"t-1\", \"status\": \"COMPLETED\", \"progress\": [], \"result\": [{\"type\": "
                + "\"video\", \"content\": \"https://oss.example/v.mp4\"}], \"timestamp\": "
                + Instant.now().getEpochSecond() + "}";
        String signature = WebhookSigner.of(SECRET).sign(body);

        int first = post(url, body, signature);
        int repeat = post(url, body, signature);
        int forged = post(url, body, WebhookSigner.of("sk-someone-else").sign(body));
        int unsigned = post(url, body, null);
        int notAnObject = post(url, "[1, 2]", WebhookSigner.of(SECRET).sign("[1, 2]"));
        String stale = body.replaceAll("\"timestamp\": \\d+", "\"timestamp\": 1672531200");
        int old = post(url, stale, WebhookSigner.of(SECRET).sign(stale));
        int wrongPath = post(URI.create("http://127.0.0.1:" + port + "/other"), body, signature);

        listener.interrupt();
        listener.join(10_000);

        assertThat(new int[] {first, repeat, forged, unsigned, notAnObject, old, wrongPath})
                .containsExactly(200, 200, 401, 400, 400, 401, 404);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("{\"task_id\":\"t-1\",\"status\":\"COMPLETED\","
                + "\"timestamp\":" + body.replaceAll(".*\"timestamp\": (\\d+)}", "$1") + ",\"frames\":0,"
                + "\"video_url\":\"https://oss.example/v.mp4\"}\n");
        assertThat(exit.get()).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).doesNotContain(SECRET);
    }

    private static int awaitPort(ByteArrayOutputStream err) throws InterruptedException {
        Pattern p = Pattern.compile("Listening for Scenext webhooks on http://127\\.0\\.0\\.1:(\\d+)/");
        long guard = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(2);   // a hang guard only
        while (System.nanoTime() < guard) {
            Matcher m = p.matcher(err.toString(StandardCharsets.UTF_8));
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
            Thread.sleep(10);
        }
        throw new AssertionError("The listener did not start: " + err);
    }

    private static int post(URI url, String body, String signature) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(url).POST(HttpRequest.BodyPublishers.ofString(body))
                .timeout(java.time.Duration.ofSeconds(60))                 // a hang guard, not a measurement
                .header("Content-Type", "application/json");
        if (signature != null) {
            b.header("X-Signature", signature);
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void listenBindsThisMachineOnlyUnlessToldOtherwise() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        AtomicInteger exit = new AtomicInteger(-1);
        Thread listener = new Thread(() -> exit.set(new ScenextCli(Map.of(), InputStream.nullInputStream(),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false)
                .run("webhook", "listen", "--port", "0", "--secret", SECRET)));
        listener.start();
        awaitPort(err);                                        // the pattern requires http://127.0.0.1:PORT/

        listener.interrupt();
        listener.join(10_000);

        assertThat(err.toString(StandardCharsets.UTF_8)).contains("this machine only; --host 0.0.0.0 listens on "
                + "every interface");
        assertThat(exit.get()).isZero();
        assertThat(run("", "webhook", "listen", "--help").out).contains("--host HOST").contains("default 127.0.0.1");
    }

    @Test
    void aSlowClientDoesNotHoldUpOtherDeliveries() throws Exception {
        java.util.concurrent.CountDownLatch received = new java.util.concurrent.CountDownLatch(1);
        cn.scenext.core.webhook.WebhookHandler handler = cn.scenext.core.webhook.WebhookHandler.builder(
                cn.scenext.core.webhook.WebhookVerifier.of(SECRET)).onEvent(e -> received.countDown()).build();
        com.sun.net.httpserver.HttpServer server = WebhookCommands.serve("127.0.0.1", 0, "/webhook", handler,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        int port = server.getAddress().getPort();
        try (java.net.Socket slow = new java.net.Socket("127.0.0.1", port)) {
            // Headers and the start of a body, then nothing: the server is left reading this delivery.
            slow.getOutputStream().write(("POST /webhook HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json"
                    + "\r\nX-Signature: 00\r\nContent-Length: 1000\r\n\r\n{\"task_id\": ").getBytes(StandardCharsets.UTF_8));
            slow.getOutputStream().flush();
            String body = "{\"task_id\": \"t-2\", \"status\": \"COMPLETED\", \"progress\": [], \"result\": [], "
                    + "\"timestamp\": " + Instant.now().getEpochSecond() + "}";

            int status = post(URI.create("http://127.0.0.1:" + port + "/webhook"), body,
                    WebhookSigner.of(SECRET).sign(body));

            assertThat(status).isEqualTo(200);
            assertThat(received.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        } finally {
            WebhookCommands.stop(server);
        }
    }

    @Test
    void aPortInUseIsALocalProblem() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            Run r = run("", "webhook", "listen", "--port", String.valueOf(taken.getLocalPort()), "--secret", SECRET);

            assertThat(r.code).isEqualTo(7);
            assertThat(r.err).startsWith("error: Cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": ")
                    .contains("Choose another --port").doesNotContain("bug").doesNotContain("Exception");
        }
    }

    @Test
    void anUnreadableBodyFileIsALocalProblem() {
        Run r = run("", "webhook", "verify", "--secret", SECRET, "--signature", "00", dir.resolve("nope.json").toString());

        assertThat(r.code).isEqualTo(7);
        assertThat(r.err).startsWith("error: Cannot read " + dir.resolve("nope.json") + ": no such file.")
                .doesNotContain("bug");
    }
}
