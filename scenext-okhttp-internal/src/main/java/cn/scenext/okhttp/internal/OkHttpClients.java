package cn.scenext.okhttp.internal;

import cn.scenext.api.internal.DaemonThreads;
import cn.scenext.api.transport.TransportOptions;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;

/**
 * The OkHttp client a transport owns, set up from {@link TransportOptions} the same way for every transport built
 * on OkHttp, and released the same way. Internal: no compatibility promise.
 */
public final class OkHttpClients {
    private static final AtomicInteger CLIENT_NUMBER = new AtomicInteger();

    private OkHttpClients() {
    }

    /**
     * A builder of a client of its own: a dispatcher on daemon threads named {@code <threadPrefix>-<n>-} that
     * admits {@link TransportOptions#maxConcurrentRequests()} calls at once (per host too), a pool of as many
     * connections, the options' connect and read timeouts (the read timeout bounds writes too) and proxy, and
     * OkHttp's own retries and redirects off: the Scenext client decides what may be sent again.
     *
     * @param options the transport's options
     * @param threadPrefix e.g. {@code scenext-okhttp}
     * @return the builder, for the caller's additions
     */
    public static OkHttpClient.Builder newBuilder(TransportOptions options, String threadPrefix) {
        Objects.requireNonNull(options, "options");
        // The dispatcher bounds the calls in flight; its pool must not, because the dispatcher hands the next
        // queued call over from a worker that is still finishing the previous one.
        ExecutorService executor = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
                new SynchronousQueue<>(), DaemonThreads.named(threadPrefix + "-" + CLIENT_NUMBER.incrementAndGet() + "-"));
        Dispatcher dispatcher = new Dispatcher(executor);
        dispatcher.setMaxRequests(options.maxConcurrentRequests());
        dispatcher.setMaxRequestsPerHost(options.maxConcurrentRequests());
        OkHttpClient.Builder b = new OkHttpClient.Builder()
                .dispatcher(dispatcher)
                .connectionPool(new ConnectionPool(options.maxConcurrentRequests(), 5, TimeUnit.MINUTES))
                .connectTimeout(options.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(options.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .writeTimeout(options.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .followRedirects(false)
                .followSslRedirects(false)
                .retryOnConnectionFailure(false);
        if (options.proxy().isPresent()) {
            b.proxy(options.proxy().get());
        }
        return b;
    }

    /**
     * Releases a client built from {@link #newBuilder}: cancels its calls in flight, stops its dispatcher's
     * threads and closes its pooled connections.
     *
     * @param client the client
     */
    public static void release(OkHttpClient client) {
        client.dispatcher().cancelAll();
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }
}
