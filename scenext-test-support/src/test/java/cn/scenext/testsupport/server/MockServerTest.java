package cn.scenext.testsupport.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MockServerTest {
    private final MockServer server = MockServer.start();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @AfterEach
    void close() {
        server.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(server.uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void answersFromTheQueueInOrderAndRecordsEachRequestWhole() throws Exception {
        server.enqueue(MockResponse.json(201, "{\"a\":1}").withHeader("X-Trace", "t1"));
        server.enqueue(MockResponse.status(204));

        HttpResponse<String> first = http.send(HttpRequest.newBuilder(server.uri("/api/gen_video?x=a%20b"))
                .header("Authorization", "Bearer k").header("X-Multi", "1")
                .POST(HttpRequest.BodyPublishers.ofString("{\"prompt\":\"cat\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> second = get("/two");

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(first.body()).isEqualTo("{\"a\":1}");
        assertThat(first.headers().firstValue("x-trace")).contains("t1");
        assertThat(first.headers().firstValue("content-type")).contains("application/json");
        assertThat(second.statusCode()).isEqualTo(204);

        RecordedRequest r = server.takeRequest(10, TimeUnit.SECONDS);
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo("/api/gen_video");
        assertThat(r.target()).isEqualTo("/api/gen_video?x=a%20b");
        assertThat(r.queryParameter("x")).isEqualTo("a b");
        assertThat(r.queryParameter("y")).isNull();
        assertThat(r.header("authorization")).isEqualTo("Bearer k");
        assertThat(r.headerValues("X-MULTI")).containsExactly("1");
        assertThat(r.bodyUtf8()).isEqualTo("{\"prompt\":\"cat\"}");
        assertThat(r.sequenceNumber()).isZero();
        assertThat(server.takeRequest(10, TimeUnit.SECONDS).path()).isEqualTo("/two");
        assertThat(server.takeRequest(0, TimeUnit.SECONDS)).isNull();
        assertThat(server.requests()).extracting(RecordedRequest::path).containsExactly("/api/gen_video", "/two");
        assertThat(server.requests("GET", "/two")).hasSize(1);
    }

    @Test
    void anEmptyQueueAnswersA500NamingTheRequest() throws Exception {
        HttpResponse<String> r = get("/nothing?q=1");

        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.body()).contains("GET /nothing?q=1");
    }

    @Test
    void routesByMethodAndPathTheLastResponseRepeatingAndTheNewestRouteWinning() throws Exception {
        RoutingDispatcher routes = server.route();
        routes.on("GET", "/status", MockResponse.ok("1"), MockResponse.ok("2"));
        routes.on(r -> r.path().startsWith("/files/"), r -> MockResponse.ok("file " + r.path()));
        routes.on("GET", "/files/special", MockResponse.status(403));

        assertThat(get("/status").body()).isEqualTo("1");
        assertThat(get("/status?ignored=query").body()).isEqualTo("2");
        assertThat(get("/status").body()).isEqualTo("2");
        assertThat(get("/files/a").body()).isEqualTo("file /files/a");
        assertThat(get("/files/special").statusCode()).isEqualTo(403);
        HttpResponse<String> unrouted = get("/other");
        assertThat(unrouted.statusCode()).isEqualTo(404);
        assertThat(unrouted.body()).contains("no route for GET /other");
    }

    @Test
    void aFailingDispatcherAnswersA500InsteadOfDroppingTheConnection() throws Exception {
        server.dispatcher(r -> {
            throw new IllegalStateException("boom");
        });

        HttpResponse<String> r = get("/x");

        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.body()).contains("boom");
    }

    @Test
    void sendsAChunkedBodyInChunksOfTheGivenSize() throws Exception {
        server.enqueue(MockResponse.ok("abcdefg").withChunks(3));

        try (RawClient raw = new RawClient(server)) {
            raw.send("GET /c HTTP/1.1\r\nHost: x\r\n\r\n");
            String response = raw.readUntil("0\r\n\r\n");
            assertThat(response).contains("Transfer-Encoding: chunked").doesNotContain("Content-Length")
                    .endsWith("\r\n\r\n3\r\nabc\r\n3\r\ndef\r\n1\r\ng\r\n0\r\n\r\n");
        }
        assertThat(get("/again").statusCode()).isEqualTo(500); // the queue is used up
    }

    @Test
    void decodesAChunkedRequestBodyAndAnswersExpectContinue() throws Exception {
        server.enqueue(MockResponse.ok("{}"));

        try (RawClient raw = new RawClient(server)) {
            raw.send("POST /up HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "4\r\nabcd\r\n2;ext=1\r\nef\r\n0\r\n\r\n");
            assertThat(raw.readUntil("{}")).startsWith("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\n");
        }
        assertThat(server.takeRequest(10, TimeUnit.SECONDS).bodyUtf8()).isEqualTo("abcdef");
    }

    @Test
    void cutsABodyShortAfterAnnouncingItWhole() throws Exception {
        server.enqueue(MockResponse.ok("0123456789").withBodyCutAfter(4));

        try (RawClient raw = new RawClient(server)) {
            raw.send("GET /v HTTP/1.1\r\nHost: x\r\n\r\n");
            String all = raw.readToEnd();
            assertThat(all).contains("Content-Length: 10").endsWith("\r\n\r\n0123");
        }
        server.enqueue(MockResponse.ok("0123456789").withBodyCutAfter(4));
        assertThatThrownBy(() -> get("/v")).isInstanceOf(IOException.class);
    }

    @Test
    void cutsAChunkedBodyInsideAChunk() throws Exception {
        server.enqueue(MockResponse.ok("abcdef").withChunks(4).withBodyCutAfter(2));

        try (RawClient raw = new RawClient(server)) {
            raw.send("GET /v HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(raw.readToEnd()).endsWith("\r\n\r\n4\r\nab");
        }
    }

    @Test
    void disconnectsWithoutAResponseAfterRecordingTheRequest() throws Exception {
        server.enqueue(MockResponse.fault(MockResponse.Fault.DISCONNECT));

        try (RawClient raw = new RawClient(server)) {
            raw.send("GET /gone HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(raw.readToEnd()).isEmpty();
        }
        assertThat(server.takeRequest(10, TimeUnit.SECONDS).path()).isEqualTo("/gone");
    }

    @Test
    void resetsTheConnection() throws Exception {
        server.enqueue(MockResponse.fault(MockResponse.Fault.RESET));

        try (RawClient raw = new RawClient(server)) {
            raw.send("GET /reset HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThatThrownBy(raw::readToEnd).isInstanceOf(IOException.class).hasMessageContaining("reset");
        }
    }

    @Test
    void recordsTheRequestBeforeADelayedResponseIsSent() throws Exception {
        server.enqueue(MockResponse.ok("late").withHeadersDelay(Duration.ofHours(1)));

        try (RawClient raw = new RawClient(server)) {
            raw.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(server.takeRequest(30, TimeUnit.SECONDS).path()).isEqualTo("/slow");
            raw.socket.setSoTimeout(100);
            assertThatThrownBy(() -> raw.in.read()).isInstanceOf(SocketTimeoutException.class);
        }
    }

    @Test
    void awaitsRequestsSentFromAnotherThread() throws Exception {
        server.enqueue(MockResponse.ok("1")).enqueue(MockResponse.ok("2"));
        Thread sender = new Thread(() -> {
            try {
                get("/a");
                get("/b");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        sender.start();

        assertThat(server.awaitRequests(r -> r.path().startsWith("/"), 2, 30, TimeUnit.SECONDS)).isTrue();
        assertThat(server.awaitRequests(r -> r.path().equals("/c"), 1, 0, TimeUnit.SECONDS)).isFalse();
        assertThat(server.awaitRequests(r -> true, 0, 0, TimeUnit.SECONDS)).isTrue();
        sender.join();
    }

    @Test
    void tricklesABodyOneByteAtATime() throws Exception {
        server.enqueue(MockResponse.ok("ab").withThrottle(1, Duration.ofHours(1)));

        try (RawClient raw = new RawClient(server)) {
            raw.send("GET /trickle HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(raw.readUntil("\r\n\r\na")).startsWith("HTTP/1.1 200 OK");
            raw.socket.setSoTimeout(100);
            // The second byte waits an hour behind the first: the server sends it only after its period.
            assertThatThrownBy(() -> raw.in.read()).isInstanceOf(SocketTimeoutException.class);
        }
    }

    @Test
    void throttledBodiesArriveWhole() throws Exception {
        server.enqueue(MockResponse.ok("abcdefghij").withThrottle(3, Duration.ZERO).withChunks(4));

        assertThat(get("/t").body()).isEqualTo("abcdefghij");
    }

    @Test
    void keepsAConnectionAliveForTheNextRequestUntilTheClientAsksToClose() throws Exception {
        server.enqueue(MockResponse.ok("one")).enqueue(MockResponse.ok("two"));

        try (RawClient raw = new RawClient(server)) {
            raw.send("GET /1 HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(raw.readUntil("one")).contains("Content-Length: 3").doesNotContain("Connection: close");
            raw.send("GET /2 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            assertThat(raw.readToEnd()).contains("Connection: close").endsWith("two");
        }
        RecordedRequest first = server.takeRequest(10, TimeUnit.SECONDS);
        RecordedRequest second = server.takeRequest(10, TimeUnit.SECONDS);
        assertThat(second.connectionIndex()).isEqualTo(first.connectionIndex());
        assertThat(first.exchangeIndex()).isZero();
        assertThat(second.exchangeIndex()).isEqualTo(1);
        assertThat(server.connectionCount()).isEqualTo(1);
    }

    @Test
    void answersAHeadRequestWithoutABody() throws Exception {
        server.enqueue(MockResponse.ok("body!")).enqueue(MockResponse.ok("next"));

        try (RawClient raw = new RawClient(server)) {
            raw.send("HEAD /h HTTP/1.1\r\nHost: x\r\n\r\nGET /n HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            String all = raw.readToEnd();
            assertThat(all).startsWith("HTTP/1.1 200 OK\r\n").doesNotContain("body!").endsWith("next");
        }
    }

    @Test
    void rejectsAMalformedRequestLineWith400() throws Exception {
        try (RawClient raw = new RawClient(server)) {
            raw.send("NONSENSE\r\n\r\n");
            assertThat(raw.readToEnd()).startsWith("HTTP/1.1 400 Bad Request");
        }
        assertThat(server.requestCount()).isZero();
    }

    @Test
    void closeEndsEveryThreadOfTheServerEvenMidResponse() throws Exception {
        server.enqueue(MockResponse.ok("abc").withThrottle(1, Duration.ofHours(1)));
        RawClient raw = new RawClient(server);
        raw.send("GET /stuck HTTP/1.1\r\nHost: x\r\n\r\n");
        raw.readUntil("\r\n\r\na");
        assertThat(serverThreads()).isNotEmpty();

        server.close();

        assertThat(serverThreads()).isEmpty();
        raw.close();
        server.close(); // idempotent
        assertThatThrownBy(() -> new Socket("127.0.0.1", server.port()).close()).isInstanceOf(ConnectException.class);
    }

    @Test
    void listensOnLoopbackOnly() throws Exception {
        InetAddress other = null;
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                if (a instanceof Inet4Address && !a.isLoopbackAddress()) {
                    other = a;
                }
            }
        }
        assumeTrue(other != null, "the machine has no non-loopback IPv4 address");
        InetAddress target = other;

        assertThatThrownBy(() -> {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(target, server.port()), 10_000);
            }
        }).isInstanceOf(ConnectException.class);
        assertThat(server.baseUrl()).isEqualTo("http://127.0.0.1:" + server.port());
    }

    @Test
    void refusesBadScripts() {
        assertThatThrownBy(() -> MockResponse.status(99)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MockResponse.ok("x").withHeader("A", "b\r\nInjected: 1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CR or LF");
        assertThatThrownBy(() -> MockResponse.ok("x").withHeader("A:B", "v"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MockResponse.ok("abc").withBodyCutAfter(3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 bytes");
        assertThatThrownBy(() -> MockResponse.ok("abc").withChunks(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MockResponse.ok("abc").withThrottle(1, Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MockResponse.fault(MockResponse.Fault.NONE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RoutingDispatcher().on("GET", "/x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> server.url("no-slash")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void responsesAreImmutableCopies() {
        MockResponse base = MockResponse.ok("x");
        MockResponse varied = base.withHeader("Retry-After", "5").withReason("Slow Down");

        assertThat(base.header("Retry-After")).isNull();
        assertThat(varied.header("retry-after")).isEqualTo("5");
        assertThat(varied.reason()).isEqualTo("Slow Down");
        assertThat(base.reason()).isEqualTo("OK");
        assertThat(MockResponse.status(299).reason()).isEqualTo("Mock");
    }

    private java.util.List<Thread> serverThreads() {
        java.util.List<Thread> mine = new java.util.ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith(server.name() + "-") && t.isAlive()) {
                mine.add(t);
            }
        }
        return mine;
    }

    /** A bare socket client, to see the bytes on the wire. */
    private static final class RawClient implements AutoCloseable {
        final Socket socket;
        final InputStream in;
        final OutputStream out;

        RawClient(MockServer server) throws IOException {
            socket = new Socket("127.0.0.1", server.port());
            socket.setSoTimeout(30_000);
            in = socket.getInputStream();
            out = socket.getOutputStream();
        }

        void send(String s) throws IOException {
            out.write(s.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }

        String readUntil(String end) throws IOException {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            while (!b.toString(StandardCharsets.ISO_8859_1).endsWith(end)) {
                int c = in.read();
                if (c < 0) {
                    throw new IOException("ended before '" + end + "': " + b.toString(StandardCharsets.ISO_8859_1));
                }
                b.write(c);
            }
            return b.toString(StandardCharsets.ISO_8859_1);
        }

        String readToEnd() throws IOException {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            byte[] buf = new byte[1024];
            int n;
            while ((n = in.read(buf)) >= 0) {
                b.write(buf, 0, n);
            }
            return b.toString(StandardCharsets.ISO_8859_1);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
