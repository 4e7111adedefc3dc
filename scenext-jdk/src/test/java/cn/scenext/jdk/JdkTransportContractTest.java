package cn.scenext.jdk;

import cn.scenext.api.transport.TransportProvider;
import cn.scenext.tck.TransportContractTest;

/** The jdk transport passes the transport contract. */
class JdkTransportContractTest extends TransportContractTest {
    @Override
    protected TransportProvider provider() {
        return new JdkTransportProvider();
    }

    /** {@code HttpClient} can close its connections only from Java 21 on ({@code shutdownNow()}). */
    @Override
    public boolean closeReleasesIdleConnections() {
        return Runtime.version().feature() >= 21;
    }

    /**
     * {@code HttpClient} sends a GET once more when the connection closed before any byte of the response
     * ({@code MultiExchange}'s retry of a {@code ConnectionExpiredException}); no property turns it off.
     */
    @Override
    public boolean resendsIdempotentRequestsWithoutResponse() {
        return true;
    }
}
