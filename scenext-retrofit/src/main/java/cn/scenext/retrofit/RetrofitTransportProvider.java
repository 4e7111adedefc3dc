package cn.scenext.retrofit;

import cn.scenext.api.transport.Transport;
import cn.scenext.api.transport.TransportOptions;
import cn.scenext.api.transport.TransportProvider;

/**
 * Provides the {@value #NAME} transport, on Retrofit with its own OkHttp 5; registered for
 * {@link java.util.ServiceLoader}. Its priority, {@value #PRIORITY}, is third of the four transports (okhttp 40,
 * apache 30, retrofit 20, jdk 10): it moves the same bytes as the okhttp transport through one more layer, so
 * with scenext-okhttp also present that one is chosen unless this one is named.
 */
public final class RetrofitTransportProvider implements TransportProvider {
    /** The transport's name. */
    public static final String NAME = "retrofit";
    /** The priority among transports found on the classpath when none is named. */
    public static final int PRIORITY = 20;

    /** Creates the provider; called by {@link java.util.ServiceLoader}. */
    public RetrofitTransportProvider() {
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
        return RetrofitTransport.create(options);
    }
}
