package cn.scenext.okhttp;

import cn.scenext.api.transport.Transport;
import cn.scenext.api.transport.TransportOptions;
import cn.scenext.api.transport.TransportProvider;

/**
 * Provides the {@value #NAME} transport, on OkHttp; registered for {@link java.util.ServiceLoader}. Its priority,
 * {@value #PRIORITY}, is the highest of the four transports (okhttp 40, apache 30, retrofit 20, jdk 10): when
 * several are on the classpath and none is named, this one is chosen.
 */
public final class OkHttpTransportProvider implements TransportProvider {
    /** The transport's name. */
    public static final String NAME = "okhttp";
    /** Preferred over the others when several are on the classpath and none is named. */
    public static final int PRIORITY = 40;

    /** Creates the provider; called by {@link java.util.ServiceLoader}. */
    public OkHttpTransportProvider() {
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
        return OkHttpTransport.create(options);
    }
}
