package cn.scenext.examples;

import cn.scenext.api.TaskId;
import cn.scenext.api.exception.ConfigurationException;
import cn.scenext.api.transport.Transport;
import cn.scenext.api.transport.TransportOptions;
import cn.scenext.api.transport.TransportProvider;
import cn.scenext.apache.ApacheTransportProvider;
import cn.scenext.core.ScenextClient;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Supplier;

/**
 * Choosing the HTTP library the client runs on. With several transports on the classpath (this jar has all
 * four), the client takes the one named on its builder, else the one named by the system property
 * {@code scenext.transport} or the environment variable {@code SCENEXT_TRANSPORT}, else the highest priority
 * (okhttp 40, apache 30, retrofit 20, jdk 10). A {@link Transport} built by hand, with options of its own,
 * wins over all of them.
 *
 * <pre>
 * SCENEXT_API_KEY=sk-... java -cp scenext.jar cn.scenext.examples.ChooseTransport [TASK_ID]
 * java -Dscenext.transport=jdk -cp scenext.jar cn.scenext.examples.ChooseTransport
 * </pre>
 *
 * <p>Given a task id, each client reads that task's status; nothing is created, so nothing costs credits.
 */
public final class ChooseTransport {
    /** The system property that names the transport, as the client reads it. */
    private static final String TRANSPORT_PROPERTY = "scenext.transport";

    private ChooseTransport() {
    }

    /**
     * Builds a client each way and prints the transport it runs on.
     *
     * @param args an optional task id whose status each client reads
     */
    public static void main(String[] args) {
        Optional<TaskId> taskId = args.length > 0 ? Optional.of(TaskId.of(args[0])) : Optional.empty();
        run(() -> ScenextClient.builder().fromEnv(), System.out, taskId);    // SCENEXT_API_KEY, SCENEXT_BASE_URL
    }

    /**
     * Builds a client each way, prints its transport's name and, given a task, reads its status with it.
     *
     * @param settings a new builder with the key and base URL set, for each client
     * @param out where to print what happens
     * @param taskId a task each client reads the status of, or empty
     * @return the transport names, in the order printed: automatic, by name, by system property, by instance
     */
    public static List<String> run(Supplier<ScenextClient.Builder> settings, PrintStream out,
            Optional<TaskId> taskId) {
        List<String> used = new ArrayList<>();
        out.println("On the classpath: " + available());

        // 1. Automatic: scenext.transport or SCENEXT_TRANSPORT if set, else the highest priority.
        used.add(use("automatic", settings.get(), out, taskId));

        // 2. By name on the builder.
        used.add(use("by name", settings.get().transport("jdk"), out, taskId));

        // 3. By system property, usually given on the command line: java -Dscenext.transport=retrofit ...
        String previous = System.setProperty(TRANSPORT_PROPERTY, "retrofit");
        try {
            used.add(use("by system property", settings.get(), out, taskId));
        } finally {
            restoreProperty(previous);
        }

        // 4. A transport built from its provider, with options of its own; the client does not close it.
        TransportOptions options = TransportOptions.builder()
                .connectTimeout(Duration.ofSeconds(5))
                .maxConcurrentRequests(32)
                .build();
        try (Transport apache = new ApacheTransportProvider().create(options)) {
            used.add(use("by instance", settings.get().transport(apache), out, taskId));
        }

        // A name that is not on the classpath is refused with the names that are.
        try {
            settings.get().transport("netty").build().close();
        } catch (ConfigurationException e) {
            out.println("netty: " + e.getMessage());
        }
        return used;
    }

    private static String use(String how, ScenextClient.Builder builder, PrintStream out, Optional<TaskId> taskId) {
        try (ScenextClient client = builder.build()) {
            String line = how + ": " + client.transportName();
            if (taskId.isPresent()) {
                line += ", " + taskId.get() + " is " + client.getStatus(taskId.get()).state();
            }
            out.println(line);
            return client.transportName();
        }
    }

    private static String available() {
        // The providers the client finds, through the SPI's own ServiceLoader: highest priority first.
        List<TransportProvider> providers = new ArrayList<>();
        ServiceLoader.load(TransportProvider.class, ChooseTransport.class.getClassLoader()).forEach(providers::add);
        providers.sort(Comparator.comparingInt(TransportProvider::priority).reversed()
                .thenComparing(TransportProvider::name));
        List<String> names = new ArrayList<>();
        for (TransportProvider p : providers) {
            names.add(p.name() + " (priority " + p.priority() + ")");
        }
        return String.join(", ", names);
    }

    private static void restoreProperty(String previous) {
        if (previous == null) {
            System.clearProperty(TRANSPORT_PROPERTY);
        } else {
            System.setProperty(TRANSPORT_PROPERTY, previous);
        }
    }
}
