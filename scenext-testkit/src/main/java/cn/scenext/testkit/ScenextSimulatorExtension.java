package cn.scenext.testkit;

import cn.scenext.core.ScenextClient;
import java.util.Objects;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives JUnit 5 tests a running {@link ScenextSimulator} and a {@link ScenextClient} pointed at it, both
 * injectable as test method parameters.
 *
 * <pre>{@code
 * class MyIntegrationTest {
 *     @RegisterExtension
 *     static ScenextSimulatorExtension scenext = ScenextSimulatorExtension.create()
 *             .simulator(sim -> sim.taskDuration(Duration.ofSeconds(1)));
 *
 *     @Test
 *     void createsAVideo(ScenextClient client, ScenextSimulator simulator) {
 *         TaskId id = client.generateVideo(GenerateVideoRequest.ofQuestion("What is 1 + 1?"));
 *         assertThat(simulator.tasks()).hasSize(1);
 *     }
 * }
 * }</pre>
 *
 * Registered on a static field (or with {@code @ExtendWith}), one simulator serves the whole class and is
 * {@link ScenextSimulator#reset() reset} before each test; on an instance field, each test gets its own.
 * Each test gets a new client, closed after it. The client's transport is found on the test classpath.
 * The simulator responds as the service's server code does unless told otherwise: for the documented responses,
 * {@code .simulator(sim -> sim.responseStyle(ResponseStyle.DOCUMENTED))}.
 */
public final class ScenextSimulatorExtension
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {
    private Consumer<ScenextSimulator.Builder> simulatorSettings = b -> { };
    private Consumer<ScenextClient.Builder> clientSettings = b -> { };
    private ScenextSimulator simulator;
    private boolean perClass;
    private ScenextClient client;

    /** An extension with the default simulator and client; what {@code @ExtendWith} uses. */
    public ScenextSimulatorExtension() {
    }

    /**
     * An extension with the default simulator and client, to configure further.
     *
     * @return the extension
     */
    public static ScenextSimulatorExtension create() {
        return new ScenextSimulatorExtension();
    }

    /**
     * Configures the simulator before it starts.
     *
     * @param settings applied to the simulator's builder
     * @return this extension
     */
    public ScenextSimulatorExtension simulator(Consumer<ScenextSimulator.Builder> settings) {
        this.simulatorSettings = Objects.requireNonNull(settings, "settings");
        return this;
    }

    /**
     * Configures each test's client before it is built (already given the simulator's URL and key).
     *
     * @param settings applied to the client's builder
     * @return this extension
     */
    public ScenextSimulatorExtension client(Consumer<ScenextClient.Builder> settings) {
        this.clientSettings = Objects.requireNonNull(settings, "settings");
        return this;
    }

    /**
     * The running simulator.
     *
     * @return the simulator
     * @throws IllegalStateException outside a test
     */
    public ScenextSimulator getSimulator() {
        if (simulator == null) {
            throw new IllegalStateException("The Scenext simulator runs only during tests");
        }
        return simulator;
    }

    /**
     * The current test's client.
     *
     * @return the client
     * @throws IllegalStateException outside a test
     */
    public ScenextClient getClient() {
        if (client == null) {
            throw new IllegalStateException("The Scenext client exists only during a test");
        }
        return client;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        simulator = startSimulator();
        perClass = true;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (simulator == null) {
            simulator = startSimulator();
            perClass = false;
        } else {
            simulator.reset();
        }
        ScenextClient.Builder b = simulator.newClient();
        clientSettings.accept(b);
        client = b.build();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (client != null) {
            client.close();
            client = null;
        }
        if (!perClass && simulator != null) {
            simulator.close();
            simulator = null;
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (simulator != null) {
            simulator.close();
            simulator = null;
        }
    }

    private ScenextSimulator startSimulator() {
        ScenextSimulator.Builder b = ScenextSimulator.builder();
        simulatorSettings.accept(b);
        return b.start();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == ScenextSimulator.class || type == ScenextClient.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == ScenextSimulator.class ? getSimulator() : getClient();
    }
}
