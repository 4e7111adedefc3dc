package cn.scenext.tck;

import cn.scenext.api.transport.Transport;
import cn.scenext.api.transport.TransportOptions;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;

/**
 * What the contract's tests need from the class that runs them: the transport under test, the WireMock
 * server on loopback, and clean-up after each test. {@link TransportContractTest} provides it all; implement
 * it yourself only to run a part of the contract.
 */
public interface ContractFixture {

    /**
     * Creates a transport under test, closed after the test.
     *
     * @param options the options to create it with
     * @return a new transport
     */
    Transport open(TransportOptions options);

    /**
     * The WireMock server the test talks to, reset before each test.
     *
     * @return the running server
     */
    WireMockServer wireMock();

    /**
     * Closes a resource after the test, before the transports opened by it.
     *
     * @param resource the resource
     * @param <T> its type
     * @return the resource
     */
    <T extends AutoCloseable> T closeAfterTest(T resource);

    /**
     * Whether the transport's {@link Transport#close()} closes its idle pooled connections on this JVM. Only a
     * transport whose HTTP library cannot do it (the JDK's {@code HttpClient} before Java 21) returns
     * {@code false}, and the test of it is then skipped with that reason.
     *
     * @return {@code true} unless the library cannot close them
     */
    default boolean closeReleasesIdleConnections() {
        return true;
    }

    /**
     * Whether the transport's HTTP library sends a GET or HEAD once more, by itself, when the connection closed
     * before a single byte of the response came (the JDK's {@code HttpClient} does, and has no switch to stop it). Such
     * a request is idempotent and surely left without a response, and no other request is ever sent again; every other
     * transport returns {@code false}, and the contract then expects exactly one request at the server.
     *
     * @return {@code false} unless the library resends idempotent requests left without a response
     */
    default boolean resendsIdempotentRequestsWithoutResponse() {
        return false;
    }

    /** How many times a library that resends GETs left without a response by itself may do so for one call. */
    int LIBRARY_RESENDS_AT_MOST = 2;

    /**
     * A transport under test with options whose timeouts never fire in a passing test.
     *
     * @return a new transport, closed after the test
     */
    default Transport transport() {
        return open(Contract.OPTIONS);
    }

    /**
     * An address on the WireMock server.
     *
     * @param path the path and query, starting with {@code /}
     * @return the absolute URI
     */
    default URI url(String path) {
        return URI.create("http://127.0.0.1:" + wireMock().port() + path);
    }
}
