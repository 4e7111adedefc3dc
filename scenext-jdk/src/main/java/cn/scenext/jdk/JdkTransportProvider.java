package cn.scenext.jdk;

import cn.scenext.api.transport.Transport;
import cn.scenext.api.transport.TransportOptions;
import cn.scenext.api.transport.TransportProvider;

/**
 * Provides the {@value #NAME} transport, on the JDK's own {@code java.net.http.HttpClient}; registered for
 * {@link java.util.ServiceLoader}. Its priority, {@value #PRIORITY}, is the lowest of the four transports
 * (okhttp 40, apache 30, retrofit 20, jdk 10): it is chosen by itself only when no other transport is on the
 * classpath, since a project that added a third-party HTTP library most likely wants it used.
 */
public final class JdkTransportProvider implements TransportProvider {
    /** The transport's name. */
    public static final String NAME = "jdk";
    /** The priority among transports found on the classpath when none is named. */
    public static final int PRIORITY = 10;

    /** Creates the provider; called by {@link java.util.ServiceLoader}. */
    public JdkTransportProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    @Override
    public Transport create(TransportOptions options) {
        return JdkTransport.create(options);
    }
}
