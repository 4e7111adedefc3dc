package cn.scenext.tck;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import cn.scenext.api.transport.Transport;
import cn.scenext.api.transport.TransportOptions;
import cn.scenext.api.transport.TransportProvider;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.Slf4jNotifier;
import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/**
 * The whole transport contract. A transport module runs it by extending this class in its tests and naming
 * its provider:
 *
 * <pre>{@code
 * class ApacheTransportContractTest extends TransportContractTest {
 *     @Override
 *     protected TransportProvider provider() {
 *         return new ApacheTransportProvider();
 *     }
 * }
 * }</pre>
 *
 * <p>Every test talks to servers on loopback only: a WireMock server shared by the class and reset before each
 * test, and small scripted servers where WireMock cannot hold a response back. Each transport a test opens is
 * closed after it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class TransportContractTest implements RequestContract, ResponseContract, TimeoutContract,
        FaultContract, AsyncContract, LifecycleContract, ClientRetryContract, FixtureContract, BoundedBodyContract,
        DeadlineContract {
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private final Deque<Transport> transports = new ArrayDeque<>();
    private WireMockServer wireMock;

    /** Creates the suite; subclasses name the provider. */
    protected TransportContractTest() {
    }

    /**
     * The provider of the transport under test.
     *
     * @return the provider, e.g. {@code new OkHttpTransportProvider()}
     */
    protected abstract TransportProvider provider();

    @BeforeAll
    final void startWireMock() {
        wireMock = new WireMockServer(options()
                .dynamicPort()
                .bindAddress("127.0.0.1")
                .gzipDisabled(true)
                .notifier(new Slf4jNotifier(false)));
        wireMock.start();
    }

    @AfterAll
    final void stopWireMock() {
        if (wireMock != null) {
            wireMock.stop();
        }
    }

    @BeforeEach
    final void resetWireMock() {
        wireMock.resetAll();
    }

    @AfterEach
    final void closeResources() throws Exception {
        Exception first = null;
        for (Deque<? extends AutoCloseable> d : java.util.Arrays.<Deque<? extends AutoCloseable>>asList(resources,
                transports)) {
            while (!d.isEmpty()) {
                try {
                    d.pop().close();
                } catch (Exception e) {
                    first = first == null ? e : first;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    @Override
    public final Transport open(TransportOptions options) {
        Transport t = provider().create(options);
        transports.push(t);
        return t;
    }

    @Override
    public final WireMockServer wireMock() {
        return wireMock;
    }

    @Override
    public final <T extends AutoCloseable> T closeAfterTest(T resource) {
        resources.push(resource);
        return resource;
    }
}
