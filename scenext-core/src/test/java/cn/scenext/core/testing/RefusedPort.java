package cn.scenext.core.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * A loopback port that refuses connections for as long as it is held: a socket bound to it (without address reuse)
 * that never listens. Unlike a port taken from a closed {@code ServerSocket}, no other process on the machine
 * (another build's server, say) can bind it meanwhile, so a connection to it is refused however busy the machine.
 */
public final class RefusedPort implements AutoCloseable {
    private final Socket socket = new Socket();

    /**
     * Binds a free loopback port.
     *
     * @throws IOException when no port can be bound
     */
    public RefusedPort() throws IOException {
        socket.setReuseAddress(false);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    /**
     * The port.
     *
     * @return the port number, refusing connections until {@link #close()}
     */
    public int port() {
        return socket.getLocalPort();
    }

    /**
     * Frees the port.
     *
     * @throws IOException when the socket cannot be closed
     */
    @Override
    public void close() throws IOException {
        socket.close();
    }
}
