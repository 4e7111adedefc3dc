package cn.scenext.tck;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * A listening socket on loopback that accepts nothing and whose backlog is full, so that a new connection
 * attempt gets no reply at all and runs into its connect timeout: the loopback stand-in for an unreachable
 * host.
 */
final class FullBacklog implements Closeable {
    private static final int FILL_TIMEOUT_MILLIS = 200;
    private static final int MAX_FILLERS = 64;

    private final ServerSocket server;
    private final List<Socket> fillers = new ArrayList<>();

    private FullBacklog(ServerSocket server) {
        this.server = server;
    }

    static FullBacklog open() throws IOException {
        FullBacklog b = new FullBacklog(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
        for (int i = 0; i < MAX_FILLERS; i++) {
            Socket s = new Socket();
            try {
                s.connect(b.server.getLocalSocketAddress(), FILL_TIMEOUT_MILLIS);
                b.fillers.add(s);
            } catch (SocketTimeoutException e) {
                s.close();
                return b; // the queue is full: connecting now hangs
            }
        }
        b.close();
        throw new IllegalStateException("The backlog of a loopback socket never filled after " + MAX_FILLERS
                + " connections; this system cannot simulate a connect timeout on loopback");
    }

    URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getLocalPort() + path);
    }

    @Override
    public void close() throws IOException {
        for (Socket s : fillers) {
            s.close();
        }
        server.close();
    }
}
