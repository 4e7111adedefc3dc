package cn.scenext.benchmarks.loopback;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A minimal HTTP/1.1 server on loopback that serves fixed, pre-encoded responses by path prefix, keeping
 * connections alive; one daemon thread per connection, blocking I/O. Both sides of every comparison talk to
 * the same instance, so its cost is the same on both; it is kept far below a client's so that it does not hide
 * the client's overhead (the JDK's {@code HttpServer} costs more per request than the clients measured here).
 *
 * <p>It reads each request's head (and skips a {@code Content-Length} body), and writes the response with one
 * {@code write}. Enough HTTP for the benchmarks, not a general server.
 */
public final class LoopbackHttpServer implements Closeable {
    private static final byte[] HEAD_END = {'\r', '\n', '\r', '\n'};
    private static final int MAX_HEAD = 64 * 1024;

    private final ServerSocket socket;
    private final Map<String, EncodedResponse> routes;
    private final EncodedResponse notFound;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connectionsAccepted = new AtomicInteger();
    private final AtomicLong requestsServed = new AtomicLong();
    private final Thread acceptor;
    private volatile boolean closed;

    private LoopbackHttpServer(Map<String, EncodedResponse> routes) throws IOException {
        this.routes = new LinkedHashMap<>(routes);
        this.notFound = EncodedResponse.json(404, "{\"status\": \"error\", \"data\": {\"messages\": \"Not found\"}}"
                .getBytes(StandardCharsets.UTF_8));
        this.socket = new ServerSocket();
        this.socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
        this.acceptor = new Thread(this::acceptLoop, "loopback-http-acceptor");
        this.acceptor.setDaemon(true);
        this.acceptor.start();
    }

    /**
     * Starts a server serving the given routes.
     *
     * @param routes path prefix to response; the longest matching prefix wins, anything else is a 404
     * @return the running server, to close when done
     * @throws IOException when no loopback port can be bound
     */
    public static LoopbackHttpServer start(Map<String, EncodedResponse> routes) throws IOException {
        return new LoopbackHttpServer(Objects.requireNonNull(routes, "routes"));
    }

    /**
     * The server's base URL.
     *
     * @return {@code http://127.0.0.1:<port>/}
     */
    public URI baseUrl() {
        return URI.create("http://" + socket.getInetAddress().getHostAddress() + ":" + socket.getLocalPort() + "/");
    }

    /**
     * How many connections were accepted so far: with keep-alive, one per client thread in a steady state.
     *
     * @return the count
     */
    public int connectionsAccepted() {
        return connectionsAccepted.get();
    }

    /**
     * How many requests were served so far (counted as each response starts, so every response a client has read
     * is in the count).
     *
     * @return the count
     */
    public long requestsServed() {
        return requestsServed.get();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket s;
            try {
                s = socket.accept();
            } catch (IOException e) {
                return; // closed
            }
            connectionsAccepted.incrementAndGet();
            connections.add(s);
            Thread t = new Thread(() -> serve(s), "loopback-http-" + connectionsAccepted.get());
            t.setDaemon(true);
            t.start();
        }
    }

    private void serve(Socket s) {
        try (Socket c = s; InputStream in = c.getInputStream(); OutputStream out = c.getOutputStream()) {
            c.setTcpNoDelay(true);
            RequestReader reader = new RequestReader(in);
            RequestReader.Head head;
            while ((head = reader.next()) != null) {
                // Counted before the response goes out, so a client that has its response always sees it counted.
                requestsServed.incrementAndGet();
                responseFor(head.path()).writeTo(out);
                if (head.wantsClose()) {
                    return;
                }
            }
        } catch (SocketException e) {
            // the client went away, or the server closed
        } catch (IOException e) {
            // a broken request: drop the connection
        } finally {
            connections.remove(s);
        }
    }

    private EncodedResponse responseFor(String path) {
        EncodedResponse best = null;
        int bestLength = -1;
        for (Map.Entry<String, EncodedResponse> e : routes.entrySet()) {
            if (path.startsWith(e.getKey()) && e.getKey().length() > bestLength) {
                best = e.getValue();
                bestLength = e.getKey().length();
            }
        }
        return best != null ? best : notFound;
    }

    /** Stops accepting and closes every open connection. */
    @Override
    public void close() {
        closed = true;
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
        for (Socket s : connections) {
            try {
                s.close();
            } catch (IOException e) {
                // already closed
            }
        }
    }

    /** Reads request heads from one connection, one after the other. */
    static final class RequestReader {
        private final InputStream in;
        private byte[] buffer = new byte[8192];
        private int start;
        private int end;

        RequestReader(InputStream in) {
            this.in = in;
        }

        /** What the server needs of a request. */
        record Head(String path, boolean wantsClose) {
        }

        /** The next request's head, its body skipped; {@code null} at the end of the connection. */
        Head next() throws IOException {
            int headEnd;
            while ((headEnd = indexOf(HEAD_END, start, end)) < 0) {
                if (!fill()) {
                    return null;
                }
            }
            String text = new String(buffer, start, headEnd - start, StandardCharsets.ISO_8859_1);
            start = headEnd + HEAD_END.length;
            int lineEnd = text.indexOf("\r\n");
            String requestLine = lineEnd < 0 ? text : text.substring(0, lineEnd);
            int sp1 = requestLine.indexOf(' ');
            int sp2 = requestLine.indexOf(' ', sp1 + 1);
            if (sp1 < 0 || sp2 < 0) {
                throw new IOException("Not an HTTP request line: " + requestLine);
            }
            long bodyLength = 0;
            boolean close = false;
            for (int i = lineEnd + 2; lineEnd >= 0 && i < text.length(); ) {
                int next = text.indexOf("\r\n", i);
                String line = next < 0 ? text.substring(i) : text.substring(i, next);
                int colon = line.indexOf(':');
                if (colon > 0) {
                    String name = line.substring(0, colon).trim();
                    String value = line.substring(colon + 1).trim();
                    if (name.equalsIgnoreCase("Content-Length")) {
                        bodyLength = Long.parseLong(value);
                    } else if (name.equalsIgnoreCase("Connection")) {
                        close = value.equalsIgnoreCase("close");
                    }
                }
                i = next < 0 ? text.length() : next + 2;
            }
            skip(bodyLength);
            return new Head(requestLine.substring(sp1 + 1, sp2), close);
        }

        private void skip(long n) throws IOException {
            long left = n;
            while (left > 0) {
                if (start == end && !fill()) {
                    throw new IOException("The request body ended early");
                }
                int take = (int) Math.min(left, end - start);
                start += take;
                left -= take;
            }
        }

        private boolean fill() throws IOException {
            if (start > 0) {
                System.arraycopy(buffer, start, buffer, 0, end - start);
                end -= start;
                start = 0;
            }
            if (end == buffer.length) {
                if (buffer.length >= MAX_HEAD) {
                    throw new IOException("Request head too large");
                }
                buffer = java.util.Arrays.copyOf(buffer, buffer.length * 2);
            }
            int n = in.read(buffer, end, buffer.length - end);
            if (n < 0) {
                return false;
            }
            end += n;
            return true;
        }

        private int indexOf(byte[] pattern, int from, int to) {
            outer:
            for (int i = from; i <= to - pattern.length; i++) {
                for (int j = 0; j < pattern.length; j++) {
                    if (buffer[i + j] != pattern[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }
    }
}
