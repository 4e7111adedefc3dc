package cn.scenext.okhttp;

import cn.scenext.api.transport.Transport;
import cn.scenext.api.transport.TransportOptions;
import cn.scenext.api.transport.TransportProvider;

/** Provides the {@value #NAME} transport; registered for {@link java.util.ServiceLoader}. */
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
