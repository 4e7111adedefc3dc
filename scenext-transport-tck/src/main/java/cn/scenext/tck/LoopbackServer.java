package cn.scenext.tck;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A bare HTTP/1.1 server on loopback for what WireMock cannot script: responses held back until the test
 * releases them, bodies generated while the client reads, stalls in the middle of a body, and watching a
 * connection until the client closes it. Every connection runs the handler on its own daemon thread.
 */
final class LoopbackServer implements Closeable {
    /** Serves one connection. */
    interface Handler {
        void serve(Connection connection) throws Exception;
    }

    private final ServerSocket socket;
    private final List<Connection> connections = new CopyOnWriteArrayList<>();
    private final BlockingQueue<Connection> accepted = new LinkedBlockingQueue<>();
    private volatile boolean closed;

    private LoopbackServer(ServerSocket socket, Handler handler) {
        this.socket = socket;
        Thread acceptor = new Thread(() -> acceptLoop(handler), "tck-loopback-accept-" + socket.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    static LoopbackServer start(Handler handler) throws IOException {
        return start(0, handler);
    }

    static LoopbackServer start(int port, Handler handler) throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        return new LoopbackServer(s, handler);
    }

    /**
     * A loopback port held by a socket bound to it (without address reuse) that never listens: connecting to it
     * is refused, and no other process on the machine can bind it until the socket is closed, as one could a port
     * from a closed {@code ServerSocket} in the meantime.
     */
    static Socket heldRefusingPort() throws IOException {
        Socket held = new Socket();
        held.setReuseAddress(false);
        held.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        return held;
    }

    URI url(String path) {
        return URI.create("http://127.0.0.1:" + socket.getLocalPort() + path);
    }

    int port() {
        return socket.getLocalPort();
    }

    /** The next connection accepted, waiting up to the hang guard. */
    Connection nextConnection() throws InterruptedException {
        Connection c = accepted.poll(Contract.HANG_GUARD.toMillis(), TimeUnit.MILLISECONDS);
        if (c == null) {
            throw new AssertionError("No connection reached the server within " + Contract.HANG_GUARD);
        }
        return c;
    }

    private void acceptLoop(Handler handler) {
        while (!closed) {
            Socket s;
            try {
                s = socket.accept();
            } catch (IOException e) {
                return;
            }
            Connection c = new Connection(s);
            connections.add(c);
            accepted.add(c);
            Thread t = new Thread(() -> {
                try {
                    handler.serve(c);
                } catch (Exception e) {
                    // The client went away or the test ended: nothing to report from here.
                } finally {
                    c.close();
                }
            }, "tck-loopback-conn-" + s.getPort());
            t.setDaemon(true);
            t.start();
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
        for (Connection c : connections) {
            c.close();
        }
    }

    /** The request line and headers of a request read by the server, and its body. */
    static final class Request {
        final String method;
        final String target;
        final Map<String, String> headers;
        final byte[] body;

        Request(String method, String target, Map<String, String> headers, byte[] body) {
            this.method = method;
            this.target = target;
            this.headers = headers;
            this.body = body;
        }

        Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
        }
    }

    /** One accepted connection. */
    static final class Connection {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;

        Connection(Socket socket) {
            this.socket = socket;
            try {
                this.in = new BufferedInputStream(socket.getInputStream());
                this.out = socket.getOutputStream();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        /** Reads the next request, or returns empty when the client closed the connection first. */
        Optional<Request> readRequest() throws IOException {
            String requestLine = readLine();
            if (requestLine == null) {
                return Optional.empty();
            }
            String[] parts = requestLine.split(" ");
            Map<String, String> headers = new LinkedHashMap<>();
            for (String line = readLine(); line != null && !line.isEmpty(); line = readLine()) {
                int colon = line.indexOf(':');
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
            int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
            byte[] body = in.readNBytes(length);
            return Optional.of(new Request(parts[0], parts[1], headers, body));
        }

        private String readLine() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) != -1) {
                if (b == '\n') {
                    byte[] bytes = line.toByteArray();
                    int n = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                    return new String(bytes, 0, n, StandardCharsets.ISO_8859_1);
                }
                line.write(b);
            }
            return null;
        }

        /** Writes a status line and headers; the body follows with {@link #write(byte[])}. */
        void writeHead(int status, String... headerLines) throws IOException {
            StringBuilder sb = new StringBuilder("HTTP/1.1 ").append(status).append(" Status\r\n");
            for (String h : headerLines) {
                sb.append(h).append("\r\n");
            }
            out.write(sb.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }

        void write(byte[] bytes) throws IOException {
            out.write(bytes);
            out.flush();
        }

        /** Responds 200 with a body and keeps the connection open for the next request. */
        void respond(byte[] body) throws IOException {
            writeHead(200, "Content-Length: " + body.length, "Content-Type: text/plain");
            write(body);
        }

        /**
         * Waits until the client closes the connection: reads and drops whatever it sends until end of stream
         * or a reset.
         *
         * @return {@code true} when the client closed it within the hang guard
         */
        boolean awaitClosedByClient() throws IOException {
            socket.setSoTimeout((int) Contract.HANG_GUARD.toMillis());
            try {
                byte[] buffer = new byte[8192];
                while (in.read(buffer) != -1) {
                    // drain
                }
                return true;
            } catch (java.net.SocketTimeoutException e) {
                return false;
            } catch (SocketException e) {
                return true; // reset by the client
            }
        }

        void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // already closed
            }
        }
    }
}
