package cn.scenext.core.testing;

import cn.scenext.core.RetryPolicy;
import cn.scenext.core.ScenextClient;
import cn.scenext.core.schedule.Scheduler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * What the download tests share: the API and an object store on two loopback origins (two {@link ScriptedServer}s),
 * a loopback transport, a real timer, and clients over them with fast retries. Closing it closes the clients it
 * built, then the timer, the transport and both servers.
 */
public final class DownloadEnv implements AutoCloseable {
    /** The API key the clients use. */
    public static final String API_KEY = "test-key-123";

    private final ScriptedServer api = new ScriptedServer();
    private final ScriptedServer store = new ScriptedServer();
    private final LoopbackTransport transport = LoopbackTransport.create();
    private final Scheduler scheduler;
    private final List<ScenextClient> clients = new CopyOnWriteArrayList<>();

    /**
     * Starts the servers and the timer.
     *
     * @param timerName the timer thread's name, after the test
     */
    public DownloadEnv(String timerName) {
        this.scheduler = Scheduler.system(timerName);
    }

    /**
     * The API's origin.
     *
     * @return the server
     */
    public ScriptedServer api() {
        return api;
    }

    /**
     * The object store's origin.
     *
     * @return the server
     */
    public ScriptedServer store() {
        return store;
    }

    /**
     * The clients' timer.
     *
     * @return the scheduler
     */
    public Scheduler scheduler() {
        return scheduler;
    }

    /**
     * Builds a client set to the API, with the loopback transport, the timer and retries 1 to 5 ms apart; closed
     * with this.
     *
     * @param settings more settings, applied last (a clock, an interceptor, another retry policy)
     * @return the client
     */
    public ScenextClient client(Consumer<ScenextClient.Builder> settings) {
        ScenextClient.Builder b = ScenextClient.builder().apiKey(API_KEY).baseUrl(api.baseUrl()).transport(transport)
                .scheduler(scheduler).retryPolicy(RetryPolicy.builder().initialBackoff(Duration.ofMillis(1))
                        .maxBackoff(Duration.ofMillis(5)).build());
        settings.accept(b);
        ScenextClient client = b.build();
        clients.add(client);
        return client;
    }

    @Override
    public void close() {
        for (ScenextClient client : clients) {
            client.close();
        }
        scheduler.close();
        transport.close();
        api.close();
        store.close();
    }
}
