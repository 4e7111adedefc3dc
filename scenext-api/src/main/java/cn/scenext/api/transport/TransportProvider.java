package cn.scenext.api.transport;

/**
 * Creates {@link Transport}s; found by {@link java.util.ServiceLoader} through a
 * {@code META-INF/services/cn.scenext.api.transport.TransportProvider} entry in each transport module.
 */
public interface TransportProvider {

    /**
     * The name users choose this transport by ({@code builder().transport("okhttp")}, the system property
     * {@code scenext.transport}, the environment variable {@code SCENEXT_TRANSPORT}).
     *
     * @return a short lower-case name, e.g. {@code okhttp}
     */
    String name();

    /**
     * The preference among several transports on the classpath when none is named: the highest wins.
     *
     * @return the priority
     */
    int priority();

    /**
     * Creates a transport for one client.
     *
     * @param options timeouts, proxy and user agent
     * @return a new transport, owned by the caller, who closes it
     */
    Transport create(TransportOptions options);
}
