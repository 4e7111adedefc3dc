package cn.scenext.core.internal.transport;

import cn.scenext.api.exception.ConfigurationException;
import cn.scenext.api.transport.TransportProvider;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the transport provider for one client, by these rules in order:
 * <ol>
 *   <li>a name given to the builder ({@code transport("apache")});</li>
 *   <li>the system property {@value #PROPERTY};</li>
 *   <li>the environment variable {@value #ENVIRONMENT_VARIABLE};</li>
 *   <li>the only provider on the classpath;</li>
 *   <li>among several, the highest {@link TransportProvider#priority()} (logged at INFO with how to choose).</li>
 * </ol>
 * Nothing is cached or shared: every client chooses for itself.
 */
public final class TransportDiscovery {
    /** The system property that names the transport. */
    public static final String PROPERTY = "scenext.transport";
    /** The environment variable that names the transport. */
    public static final String ENVIRONMENT_VARIABLE = "SCENEXT_TRANSPORT";
    /** The modules that bring a transport, for error messages. */
    static final String MODULES = "scenext-okhttp, scenext-apache, scenext-retrofit or scenext-jdk";

    private static final Logger LOG = LoggerFactory.getLogger(TransportDiscovery.class);

    private final Supplier<Iterable<TransportProvider>> providers;
    private final Function<String, String> systemProperties;
    private final Function<String, String> environment;

    /**
     * Discovery through {@link ServiceLoader} on a class loader, reading the real system properties and
     * environment.
     *
     * @param classLoader where to look for {@code META-INF/services} entries
     */
    public TransportDiscovery(ClassLoader classLoader) {
        this(() -> ServiceLoader.load(TransportProvider.class, classLoader), System::getProperty, System::getenv);
    }

    /**
     * Discovery over given sources, for tests.
     *
     * @param providers the providers to choose from
     * @param systemProperties looks up a system property
     * @param environment looks up an environment variable
     */
    public TransportDiscovery(Supplier<Iterable<TransportProvider>> providers,
            Function<String, String> systemProperties, Function<String, String> environment) {
        this.providers = Objects.requireNonNull(providers, "providers");
        this.systemProperties = Objects.requireNonNull(systemProperties, "systemProperties");
        this.environment = Objects.requireNonNull(environment, "environment");
    }

    /**
     * Chooses a provider.
     *
     * @param explicitName the name given to the builder, or {@code null}
     * @return the provider
     * @throws ConfigurationException when none is on the classpath, or the name asked for is not there
     */
    public TransportProvider select(String explicitName) {
        List<TransportProvider> found = load();
        String name = firstNonBlank(explicitName, systemProperties.apply(PROPERTY), environment.apply(ENVIRONMENT_VARIABLE));
        String source = explicitName != null && !explicitName.trim().isEmpty() ? "builder().transport(\"" + name + "\")"
                : notBlank(systemProperties.apply(PROPERTY)) ? "system property " + PROPERTY
                : "environment variable " + ENVIRONMENT_VARIABLE;
        if (name != null) {
            String wanted = name.trim().toLowerCase(Locale.ROOT);
            for (TransportProvider p : found) {
                if (p.name().equalsIgnoreCase(wanted)) {
                    return p;
                }
            }
            throw new ConfigurationException("No Scenext transport named \"" + name + "\" (asked for by " + source
                    + "). " + (found.isEmpty() ? "None is on the classpath: add " + MODULES + "."
                            : "Available: " + names(found) + "."));
        }
        if (found.isEmpty()) {
            throw new ConfigurationException("No Scenext transport on the classpath. Add one of the modules "
                    + MODULES + " (group cn.scenext), or pass a Transport to ScenextClient.builder().transport(...).");
        }
        if (found.size() == 1) {
            return found.get(0);
        }
        TransportProvider chosen = found.get(0);
        LOG.info("Several Scenext transports on the classpath ({}); using \"{}\", the highest priority. Choose with "
                + "ScenextClient.builder().transport(\"name\"), -D{}=name or {}=name.", names(found), chosen.name(),
                PROPERTY, ENVIRONMENT_VARIABLE);
        return chosen;
    }

    /**
     * Every provider that loads, highest priority first (ties by name).
     *
     * @return the providers
     */
    public List<TransportProvider> load() {
        List<TransportProvider> found = new ArrayList<>();
        Iterator<TransportProvider> it = providers.get().iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                found.add(it.next());
            } catch (ServiceConfigurationError | LinkageError e) {
                // A provider whose library is missing from the classpath: skip it, say why.
                LOG.warn("A Scenext transport provider could not be loaded and is skipped: {}", e.toString());
            }
        }
        found.sort(Comparator.comparingInt(TransportProvider::priority).reversed()
                .thenComparing(TransportProvider::name));
        return found;
    }

    private static String names(List<TransportProvider> providers) {
        return providers.stream().map(p -> p.name() + " (priority " + p.priority() + ")")
                .collect(Collectors.joining(", "));
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (notBlank(v)) {
                return v.trim();
            }
        }
        return null;
    }

    private static boolean notBlank(String s) {
        return s != null && !s.trim().isEmpty();
    }
}
