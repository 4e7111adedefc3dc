package cn.scenext.apache;

import cn.scenext.api.transport.Transport;
import cn.scenext.api.transport.TransportOptions;
import cn.scenext.api.transport.TransportProvider;

/**
 * Provides the {@value #NAME} transport, on Apache HttpClient 5; registered for {@link java.util.ServiceLoader}.
 * Its priority, {@value #PRIORITY}, is second of the four transports (okhttp 40, apache 30, retrofit 20,
 * jdk 10): with OkHttp also on the classpath OkHttp is chosen unless this one is named.
 */
public final class ApacheTransportProvider implements TransportProvider {
    /** The transport's name. */
    public static final String NAME = "apache";
    /** The priority among transports found on the classpath when none is named. */
    public static final int PRIORITY = 30;

    /** Creates the provider; called by {@link java.util.ServiceLoader}. */
    public ApacheTransportProvider() {
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
        return ApacheTransport.create(options);
    }
}
