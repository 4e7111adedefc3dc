package cn.scenext.testsupport.server;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A scriptable HTTP/1.1 server on loopback for the project's tests, modelled on OkHttp's {@code MockWebServer}:
 * responses come from a queue ({@link #enqueue}) or a {@link Dispatcher} ({@link #dispatcher}); every request is
 * recorded ({@link #takeRequest}, {@link #requests}) <em>before</em> its response is chosen or sent, so a test
 * that has seen a response always finds the request in the log. Scripted responses can be chunked, delayed,
 * throttled (down to a trickle of one byte at a time), cut short mid-body, or be a connection closed or reset
 * with no response at all ({@link MockResponse}).
 *
 * <p>Binds {@code 127.0.0.1} only, on a free port. Connections are kept alive (HTTP/1.1) until the client
 * closes them, asks {@code Connection: close}, or a fault ends them. One thread accepts, one thread serves each
 * open connection; {@link #close()} closes every socket and returns only once all those threads have ended.
 *
 * <pre>{@code
 * try (MockServer server = MockServer.start()) {
 *     server.enqueue(MockResponse.ok("{\"status\":\"success\",\"data\":{\"task_id\":\"1\"}}"));
 *     // ... point the client at server.baseUrl() ...
 *     RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
 *     assertThat(request.path()).isEqualTo("/api/gen_video");
 * }
 * }</pre>
 */
public final class MockServer implements AutoCloseable {
    private static final AtomicInteger SERVERS = new AtomicInteger();
    private static final int MAX_LINE = 64 * 1024;
    private static final int MAX_HEADERS = 200;
    private static final long JOIN_MILLIS = 30_000;

    private final String name = "mock-server-" + SERVERS.incrementAndGet();
    private final ServerSocket serverSocket;
    private final Thread acceptor;
    private final Set<Socket> openSockets = ConcurrentHashMap.newKeySet();
    private final Set<Thread> connectionThreads = ConcurrentHashMap.newKeySet();
    private final List<RecordedRequest> log = new CopyOnWriteArrayList<>();
    private final LinkedBlockingQueue<RecordedRequest> untaken = new LinkedBlockingQueue<>();
    /** Notified whenever a request enters the log. */
    private final Object logged = new Object();
    private final QueueDispatcher queue = new QueueDispatcher();
    private final AtomicInteger sequence = new AtomicInteger();
    private final AtomicInteger connections = new AtomicInteger();
    private volatile Dispatcher dispatcher = queue;
    private volatile boolean closed;

    private MockServer() throws IOException {
        serverSocket = new ServerSocket(0, 128, InetAddress.getByName("127.0.0.1"));
        acceptor = new Thread(this::acceptLoop, name + "-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /**
     * Starts a server on a free loopback port.
     *
     * @return the running server
     * @throws UncheckedIOException when no port can be bound
     */
    public static MockServer start() {
        try {
            return new MockServer();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind a loopback port", e);
        }
    }

    /**
     * The port the server listens on.
     *
     * @return the port
     */
    public int port() {
        return serverSocket.getLocalPort();
    }

    /**
     * The base URL, without a trailing slash.
     *
     * @return e.g. {@code http://127.0.0.1:40123}
     */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /**
     * The URL of a path on this server.
     *
     * @param pathAndQuery starting with {@code /}, e.g. {@code /video.mp4?Expires=1}
     * @return the URL
     * @throws IllegalArgumentException when the path does not start with {@code /}
     */
    public String url(String pathAndQuery) {
        if (!pathAndQuery.startsWith("/")) {
            throw new IllegalArgumentException("a path starts with '/': " + pathAndQuery);
        }
        return baseUrl() + pathAndQuery;
    }

    /**
     * The URI of a path on this server.
     *
     * @param pathAndQuery starting with {@code /}
     * @return the URI
     */
    public URI uri(String pathAndQuery) {
        return URI.create(url(pathAndQuery));
    }

    /**
     * A name for the server's threads, unique in the JVM: they are named {@code <name>-acceptor} and
     * {@code <name>-connection-<n>}.
     *
     * @return e.g. {@code mock-server-3}
     */
    public String name() {
        return name;
    }

    /**
     * Queues a response for the default dispatcher, which answers requests in order whatever their path.
     * Has no effect on the responses once {@link #dispatcher(Dispatcher)} set another dispatcher.
     *
     * @param response the response
     * @return this server
     */
    public MockServer enqueue(MockResponse response) {
        queue.enqueue(response);
        return this;
    }

    /**
     * Replaces the dispatcher (the default answers from {@link #enqueue}'s queue).
     *
     * @param dispatcher e.g. a {@link RoutingDispatcher}
     * @return this server
     */
    public MockServer dispatcher(Dispatcher dispatcher) {
        this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
        return this;
    }

    /**
     * Routes requests by method and path instead of the queue: installs a new {@link RoutingDispatcher} and
     * returns it for its routes.
     *
     * @return the dispatcher now in use
     */
    public RoutingDispatcher route() {
        RoutingDispatcher routes = new RoutingDispatcher();
        dispatcher(routes);
        return routes;
    }

    /**
     * Waits for the next request not yet taken.
     *
     * @param timeout how long to wait
     * @param unit the unit of the timeout
     * @return the request, or {@code null} when none came in time
     * @throws InterruptedException when interrupted while waiting
     */
    public RecordedRequest takeRequest(long timeout, TimeUnit unit) throws InterruptedException {
        return untaken.poll(timeout, unit);
    }

    /**
     * Waits for the next request not yet taken, without a limit.
     *
     * @return the request
     * @throws InterruptedException when interrupted while waiting
     */
    public RecordedRequest takeRequest() throws InterruptedException {
        return untaken.take();
    }

    /**
     * How many requests the server received (taken or not).
     *
     * @return the count
     */
    public int requestCount() {
        return log.size();
    }

    /**
     * Every request received so far, in order; {@link #takeRequest} does not remove them from this log.
     *
     * @return a snapshot
     */
    public List<RecordedRequest> requests() {
        return Collections.unmodifiableList(new ArrayList<>(log));
    }

    /**
     * The requests received so far that match.
     *
     * @param matcher which requests
     * @return a snapshot, in order
     */
    public List<RecordedRequest> requests(Predicate<RecordedRequest> matcher) {
        List<RecordedRequest> out = new ArrayList<>();
        for (RecordedRequest r : log) {
            if (matcher.test(r)) {
                out.add(r);
            }
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * The requests received so far with a method and path (the path without its query).
     *
     * @param method e.g. {@code GET}
     * @param path e.g. {@code /api/get_status/1}
     * @return a snapshot, in order
     */
    public List<RecordedRequest> requests(String method, String path) {
        return requests(r -> r.method().equalsIgnoreCase(method) && r.path().equals(path));
    }

    /**
     * Waits until the log holds some number of matching requests: for a test that must know a request was sent
     * by code that sends it on another thread, without sleeping for a guessed time.
     *
     * @param matcher which requests
     * @param count how many, 0 or more
     * @param timeout how long to wait at most (a guard against a hang, not a measure)
     * @param unit the unit of the timeout
     * @return {@code true} once that many were received, {@code false} when the time ran out first
     * @throws InterruptedException when interrupted while waiting
     */
    public boolean awaitRequests(Predicate<RecordedRequest> matcher, int count, long timeout, TimeUnit unit)
            throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        synchronized (logged) {
            while (requests(matcher).size() < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(logged, left);
            }
            return true;
        }
    }

    /**
     * How many connections the server accepted.
     *
     * @return the count
     */
    public int connectionCount() {
        return connections.get();
    }

    /**
     * Stops the server: closes the listening socket and every open connection (a response in progress is cut),
     * and returns once the acceptor and every connection thread have ended. Idempotent.
     *
     * @throws IllegalStateException when a dispatcher ignores interruption and keeps a thread running
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeQuietly(serverSocket);
        join(acceptor);
        // The acceptor has ended, so no connection thread starts any more.
        for (Socket s : openSockets) {
            closeQuietly(s);
        }
        for (Thread t : connectionThreads) {
            t.interrupt();
        }
        for (Thread t : connectionThreads) {
            join(t);
        }
    }

    @Override
    public String toString() {
        return "MockServer{" + baseUrl() + ", " + log.size() + " requests}";
    }

    private static void join(Thread t) {
        try {
            t.join(JOIN_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (t.isAlive()) {
            throw new IllegalStateException(t.getName() + " did not end on close (a dispatcher ignores interrupts?)");
        }
    }

    private void acceptLoop() {
        while (!closed) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException e) {
                return; // closed
            }
            if (closed) {
                closeQuietly(socket);
                return;
            }
            connectionThreads.removeIf(t -> !t.isAlive()); // ended ones need no join
            int index = connections.getAndIncrement();
            openSockets.add(socket);
            Thread t = new Thread(() -> serve(socket, index), name + "-connection-" + index);
            t.setDaemon(true);
            connectionThreads.add(t);
            t.start();
        }
    }

    private void serve(Socket socket, int connectionIndex) {
        try {
            socket.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = new BufferedOutputStream(socket.getOutputStream());
            for (int exchange = 0; !closed; exchange++) {
                RecordedRequest request = readRequest(in, out, connectionIndex, exchange);
                if (request == null) {
                    return;
                }
                log.add(request);
                untaken.add(request);
                synchronized (logged) {
                    logged.notifyAll();
                }
                MockResponse response;
                try {
                    response = dispatcher.dispatch(request);
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException | Error e) {
                    response = MockResponse.status(500).withHeader("Content-Type", "text/plain")
                            .withBody("MockServer: the dispatcher failed: " + e);
                }
                if (response == null) {
                    response = QueueDispatcher.unscripted(request);
                }
                if (!respond(socket, out, request, response)) {
                    return;
                }
            }
        } catch (IOException e) {
            // The client went away, or the server closes: nothing to answer.
        } catch (InterruptedException e) {
            // The server closes during a delay.
        } finally {
            closeQuietly(socket);
            openSockets.remove(socket);
        }
    }

    private RecordedRequest readRequest(InputStream in, OutputStream out, int connectionIndex, int exchange)
            throws IOException {
        String line = readLine(in);
        while (line != null && line.isEmpty()) {
            line = readLine(in); // tolerate stray CRLF between requests
        }
        if (line == null) {
            return null;
        }
        String[] parts = line.split(" ");
        if (parts.length != 3 || !parts[2].startsWith("HTTP/")) {
            writeAscii(out, "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            out.flush();
            return null;
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int n = 0;; n++) {
            String h = readLine(in);
            if (h == null) {
                return null;
            }
            if (h.isEmpty()) {
                break;
            }
            int colon = h.indexOf(':');
            if (colon <= 0 || n >= MAX_HEADERS) {
                throw new IOException("malformed request header: " + h);
            }
            headers.computeIfAbsent(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(h.substring(colon + 1).trim());
        }
        if ("100-continue".equalsIgnoreCase(first(headers, "expect"))) {
            writeAscii(out, "HTTP/1.1 100 Continue\r\n\r\n");
            out.flush();
        }
        byte[] body;
        String transferEncoding = first(headers, "transfer-encoding");
        String contentLength = first(headers, "content-length");
        if (transferEncoding != null && transferEncoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            body = readChunked(in);
        } else if (contentLength != null) {
            long length;
            try {
                length = Long.parseLong(contentLength);
            } catch (NumberFormatException e) {
                throw new IOException("bad Content-Length: " + contentLength);
            }
            if (length < 0 || length > Integer.MAX_VALUE) {
                throw new IOException("bad Content-Length: " + contentLength);
            }
            body = readFully(in, (int) length);
        } else {
            body = new byte[0];
        }
        return new RecordedRequest(parts[0], parts[1], parts[2], RecordedRequest.freeze(headers), body,
                sequence.getAndIncrement(), connectionIndex, exchange);
    }

    /** Writes a response; true when the connection stays open for the next request. */
    private boolean respond(Socket socket, OutputStream out, RecordedRequest request, MockResponse response)
            throws IOException, InterruptedException {
        switch (response.fault()) {
            case DISCONNECT:
                return false;
            case RESET:
                socket.setSoLinger(true, 0);
                return false;
            default:
                break;
        }
        sleep(response.headersDelay().toNanos());
        boolean keepAlive = wantsKeepAlive(request) && !"close".equalsIgnoreCase(response.header("Connection"));
        byte[] body = response.bodyRef();
        boolean mayHaveBody = !"HEAD".equalsIgnoreCase(request.method()) && response.status() >= 200
                && response.status() != 204 && response.status() != 304;
        boolean chunked = response.chunkSize() > 0 && mayHaveBody;
        StringBuilder head = new StringBuilder(256).append("HTTP/1.1 ").append(response.status()).append(' ')
                .append(response.reason()).append("\r\n");
        for (String h : response.headerLines()) {
            head.append(h).append("\r\n");
        }
        if (chunked && response.header("Transfer-Encoding") == null) {
            head.append("Transfer-Encoding: chunked\r\n");
        } else if (!chunked && response.header("Content-Length") == null
                && (mayHaveBody || "HEAD".equalsIgnoreCase(request.method()))) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        if (!keepAlive && response.header("Connection") == null) {
            head.append("Connection: close\r\n");
        }
        writeAscii(out, head.append("\r\n").toString());
        if (!mayHaveBody) {
            out.flush();
            return keepAlive;
        }
        int limit = response.fault() == MockResponse.Fault.CUT_BODY ? Math.min(response.cutAfter(), body.length)
                : body.length;
        Throttle throttle = new Throttle(response.throttleBytes(), response.throttlePeriod().toNanos());
        int chunkSize = chunked ? response.chunkSize() : Math.max(body.length, 1);
        for (int chunkStart = 0; chunkStart < body.length; chunkStart += chunkSize) {
            int chunkEnd = Math.min(body.length, chunkStart + chunkSize);
            if (chunked) {
                writeAscii(out, Integer.toHexString(chunkEnd - chunkStart) + "\r\n");
            }
            int sendEnd = Math.min(chunkEnd, limit);
            throttle.write(out, body, chunkStart, sendEnd);
            if (sendEnd < chunkEnd || sendEnd == limit && limit < body.length) {
                out.flush(); // cut short: the announced length is never reached
                return false;
            }
            if (chunked) {
                writeAscii(out, "\r\n");
            }
        }
        if (limit < body.length) {
            out.flush();
            return false;
        }
        if (chunked) {
            writeAscii(out, "0\r\n\r\n");
        }
        out.flush();
        return keepAlive;
    }

    private static boolean wantsKeepAlive(RecordedRequest request) {
        String connection = request.header("Connection");
        if (connection != null && connection.toLowerCase(Locale.ROOT).contains("close")) {
            return false;
        }
        return !"HTTP/1.0".equals(request.version())
                || connection != null && connection.toLowerCase(Locale.ROOT).contains("keep-alive");
    }

    /** Writes body bytes with a flush and a wait after every {@code bytes} of them. */
    private static final class Throttle {
        private final long bytes;
        private final long periodNanos;
        private long sinceWait;

        Throttle(long bytes, long periodNanos) {
            this.bytes = bytes;
            this.periodNanos = periodNanos;
        }

        void write(OutputStream out, byte[] b, int from, int to) throws IOException, InterruptedException {
            if (bytes <= 0) {
                out.write(b, from, to - from);
                return;
            }
            int at = from;
            while (at < to) {
                int n = (int) Math.min(to - at, bytes - sinceWait);
                out.write(b, at, n);
                at += n;
                sinceWait += n;
                if (sinceWait == bytes) {
                    out.flush();
                    sleep(periodNanos);
                    sinceWait = 0;
                }
            }
        }
    }

    private static void sleep(long nanos) throws InterruptedException {
        if (nanos > 0) {
            TimeUnit.NANOSECONDS.sleep(nanos);
        }
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> v = headers.get(name);
        return v == null ? null : v.get(0);
    }

    private static byte[] readChunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine(in);
            if (sizeLine == null) {
                throw new IOException("request body ended inside a chunk header");
            }
            int semicolon = sizeLine.indexOf(';');
            int size;
            try {
                size = Integer.parseInt((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
            } catch (NumberFormatException e) {
                throw new IOException("bad chunk size: " + sizeLine);
            }
            if (size == 0) {
                String trailer;
                do {
                    trailer = readLine(in);
                } while (trailer != null && !trailer.isEmpty());
                return body.toByteArray();
            }
            body.write(readFully(in, size));
            readLine(in); // the CRLF after the chunk
        }
    }

    private static byte[] readFully(InputStream in, int length) throws IOException {
        byte[] b = new byte[length];
        int at = 0;
        while (at < length) {
            int n = in.read(b, at, length - at);
            if (n < 0) {
                throw new IOException("request body ended after " + at + " of " + length + " bytes");
            }
            at += n;
        }
        return b;
    }

    /** A line without its CRLF (or LF), or null at the end of the stream before any byte. */
    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                byte[] b = line.toByteArray();
                int len = b.length > 0 && b[b.length - 1] == '\r' ? b.length - 1 : b.length;
                return new String(b, 0, len, StandardCharsets.ISO_8859_1);
            }
            if (line.size() >= MAX_LINE) {
                throw new IOException("request line or header over " + MAX_LINE + " bytes");
            }
            line.write(c);
        }
        return line.size() == 0 ? null : new String(line.toByteArray(), StandardCharsets.ISO_8859_1);
    }

    private static void writeAscii(OutputStream out, String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // closing anyway
        }
    }
}
