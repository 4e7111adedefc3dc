package cn.scenext.core.harness;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An in-process fake of the Scenext API on loopback (the JDK's HTTP server), cheap enough for load: every
 * task completes after a set number of status polls, gaining a frame per poll on the way; {@code gen_video}
 * hands out new ids. Counts the status requests it answers. For harnesses and benchmarks, not for tests of
 * behaviour (use the shared {@code cn.scenext.testsupport.server.MockServer} there).
 *
 * <p>Kept apart from the shared server on purpose: {@link WaitHarness} measures the client's live threads, and
 * this server answers thousands of keep-alive connections from a fixed pool of {@code threads} (named
 * {@code fake-api-*}, left out of the figures), where the shared server would add one thread per connection to
 * what is measured.
 */
public final class FakeStatusServer implements AutoCloseable {
    private static final String STATUS_PREFIX = "/api/get_status/";

    static {
        // Without TCP_NODELAY the JDK server's separate header and body writes meet the client's delayed ACK,
        // and every keep-alive exchange stalls ~40 ms: the harness would measure that instead of the client.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final int pollsToComplete;
    private final HttpServer server;
    private final ExecutorService executor;
    private final ConcurrentHashMap<String, AtomicInteger> polls = new ConcurrentHashMap<>();
    private final AtomicLong statusRequests = new AtomicLong();
    private final AtomicLong created = new AtomicLong();

    /**
     * Starts a server.
     *
     * @param pollsToComplete the poll of a task that first answers {@code COMPLETED}; 1 or more
     * @param threads the server's threads
     */
    public FakeStatusServer(int pollsToComplete, int threads) {
        this.pollsToComplete = pollsToComplete;
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "fake-api-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext(STATUS_PREFIX, this::status);
        server.createContext("/api/gen_video", this::create);
        server.setExecutor(executor);
        server.start();
    }

    /**
     * The base URL to give the client.
     *
     * @return e.g. {@code http://127.0.0.1:40123/}
     */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    /**
     * How many status requests were answered.
     *
     * @return the count
     */
    public long statusRequests() {
        return statusRequests.get();
    }

    private void status(HttpExchange exchange) throws IOException {
        statusRequests.incrementAndGet();
        String id = exchange.getRequestURI().getRawPath().substring(STATUS_PREFIX.length());
        int poll = polls.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
        StringBuilder json = new StringBuilder(256).append("{\"status\":\"success\",\"data\":{\"task_id\":\"")
                .append(id).append("\",\"status\":\"").append(poll >= pollsToComplete ? "COMPLETED" : "IN_PROGRESS")
                .append("\",\"progress\":[");
        for (int f = 1; f <= Math.min(poll, 3); f++) {
            json.append(f == 1 ? "" : ",").append("{\"id\":\"frame").append(f)
                    .append("\",\"image\":\"http://127.0.0.1/f").append(f).append(".png?Expires=4102444800\"}");
        }
        json.append(']');
        if (poll >= pollsToComplete) {
            json.append(",\"result\":[{\"type\":\"video\",\"content\":\"http://127.0.0.1/").append(id)
                    .append(".mp4?Expires=4102444800\"}]");
        }
        respond(exchange, json.append("}}").toString());
    }

    private void create(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        respond(exchange, "{\"status\":\"success\",\"data\":{\"task_id\":\"task-" + created.incrementAndGet()
                + "\"}}");
    }

    private static void respond(HttpExchange exchange, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
