package cn.scenext.core.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A small object store on loopback (the JDK's HTTP server) serving one file at any path, that can cut its
 * answers short mid-body, honour or ignore {@code Range}, and records each request's {@code Range} and
 * {@code Authorization}: what WireMock cannot script.
 */
public final class FileServer implements AutoCloseable {
    private final byte[] content;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private final List<String> ranges = new ArrayList<>();
    private final List<String> authorizations = new ArrayList<>();
    private volatile int cutsLeft;
    private volatile int cutAt;
    private volatile boolean honourRange = true;

    /**
     * Starts a server for some content.
     *
     * @param content the file
     */
    public FileServer(byte[] content) {
        this.content = content.clone();
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /**
     * Cuts the next answers after some bytes of their body, closing the connection.
     *
     * @param answers how many answers to cut
     * @param afterBytes how many body bytes each sends first
     * @return this server
     */
    public FileServer cut(int answers, int afterBytes) {
        this.cutsLeft = answers;
        this.cutAt = afterBytes;
        return this;
    }

    /**
     * Makes the server ignore {@code Range}, always answering 200 with the whole file.
     *
     * @return this server
     */
    public FileServer ignoringRange() {
        this.honourRange = false;
        return this;
    }

    /**
     * The URL of the file.
     *
     * @param path e.g. {@code /video.mp4?Expires=...}
     * @return the URL
     */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /**
     * The {@code Range} of each request so far, {@code "none"} where absent.
     *
     * @return the values, in order
     */
    public synchronized List<String> ranges() {
        return new ArrayList<>(ranges);
    }

    /**
     * The {@code Authorization} of each request so far, {@code "none"} where absent.
     *
     * @return the values, in order
     */
    public synchronized List<String> authorizations() {
        return new ArrayList<>(authorizations);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String range = exchange.getRequestHeaders().getFirst("Range");
        synchronized (this) {
            ranges.add(range == null ? "none" : range);
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            authorizations.add(auth == null ? "none" : auth);
        }
        int start = 0;
        if (range != null && honourRange) {
            start = Integer.parseInt(range.substring("bytes=".length(), range.indexOf('-')));
            exchange.getResponseHeaders().set("Content-Range", "bytes " + start + "-" + (content.length - 1) + "/"
                    + content.length);
        }
        exchange.getResponseHeaders().set("ETag", "\"v1\"");
        int length = content.length - start;
        exchange.sendResponseHeaders(start > 0 ? 206 : 200, length);
        OutputStream out = exchange.getResponseBody();
        boolean cut = cutsLeft > 0;
        if (cut) {
            cutsLeft--;
            out.write(content, start, Math.min(cutAt, length));
            out.flush();
            exchange.close(); // fewer bytes than announced: the server drops the connection
            return;
        }
        out.write(content, start, length);
        out.close();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
