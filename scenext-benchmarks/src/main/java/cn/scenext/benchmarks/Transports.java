package cn.scenext.benchmarks;

import cn.scenext.api.transport.Transport;
import cn.scenext.api.transport.TransportOptions;
import cn.scenext.api.transport.TransportProvider;
import java.util.ServiceLoader;

/** The transports in the jar by name, built with the options a program chooses (which the client builder hides). */
final class Transports {
    private Transports() {
    }

    /**
     * Creates a transport.
     *
     * @param name {@code okhttp}, {@code apache}, {@code retrofit} or {@code jdk}
     * @param options e.g. the most requests in flight
     * @return the transport; the caller closes it
     * @throws IllegalArgumentException when no transport has that name
     */
    static Transport create(String name, TransportOptions options) {
        for (TransportProvider provider : ServiceLoader.load(TransportProvider.class)) {
            if (provider.name().equals(name)) {
                return provider.create(options);
            }
        }
        throw new IllegalArgumentException("No transport named " + name + " in the benchmarks jar");
    }
}
