package cn.scenext.core.testing;

import cn.scenext.core.ScenextClient;
import cn.scenext.core.schedule.VirtualScheduler;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A scripted loopback API (the shared MockServer), a loopback transport and a virtual-time scheduler, and clients
 * over them whose exchanges virtual time waits for: a "30 minute" wait runs in milliseconds. Closing it closes the
 * clients it built, then the transport and the API.
 */
public final class VirtualTimeApi implements AutoCloseable {
    /** The API key the clients use. */
    public static final String API_KEY = "test-key-123";

    private final ScriptedServer api = new ScriptedServer();
    private final VirtualScheduler time = new VirtualScheduler();
    private final LoopbackTransport transport = LoopbackTransport.create();
    private final List<ScenextClient> clients = new CopyOnWriteArrayList<>();

    /**
     * The scripted API.
     *
     * @return the server
     */
    public ScriptedServer api() {
        return api;
    }

    /**
     * The clients' virtual time.
     *
     * @return the scheduler
     */
    public VirtualScheduler time() {
        return time;
    }

    /**
     * A client builder set to the API, with the tracked transport and the virtual scheduler.
     *
     * @return the builder, for more settings
     */
    public ScenextClient.Builder clientBuilder() {
        return ScenextClient.builder().apiKey(API_KEY).baseUrl(api.baseUrl()).transport(time.tracking(transport))
                .scheduler(time);
    }

    /**
     * Builds a client from {@link #clientBuilder()}, closed with this.
     *
     * @param settings more settings, applied last
     * @return the client
     */
    public ScenextClient client(Consumer<ScenextClient.Builder> settings) {
        ScenextClient.Builder b = clientBuilder();
        settings.accept(b);
        ScenextClient client = b.build();
        clients.add(client);
        return client;
    }

    /**
     * The real transport, not tracked by virtual time: for clients whose transport wraps it.
     *
     * @return the transport
     */
    public LoopbackTransport transport() {
        return transport;
    }

    @Override
    public void close() {
        for (ScenextClient client : clients) {
            client.close();
        }
        transport.close();
        api.close();
    }
}
