package cn.scenext.okhttp.internal;

import cn.scenext.api.internal.DaemonThreads;
import cn.scenext.api.transport.TransportOptions;
import java.util.Objects;
import java.util.concurrent.LinkedBlockingQueue;
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
     * A builder of a client of its own: a dispatcher that admits {@link TransportOptions#maxConcurrentRequests()}
     * calls at once (per host too) and runs them on at most as many daemon threads named {@code
     * <threadPrefix>-<n>-}, which end after 60 s idle; a pool of as many connections, the options' connect and
     * read timeouts (the read timeout bounds writes too) and proxy, and OkHttp's own retries and redirects off:
     * the Scenext client decides what may be sent again.
     *
     * @param options the transport's options
     * @param threadPrefix e.g. {@code scenext-okhttp}
     * @return the builder, for the caller's additions
     */
    public static OkHttpClient.Builder newBuilder(TransportOptions options, String threadPrefix) {
        Objects.requireNonNull(options, "options");
        // The dispatcher bounds the calls in flight, and the pool has as many threads, with a queue in front: the
        // dispatcher hands the next queued call over from a worker that is still finishing the previous one, and
        // that call waits in the queue for a moment, where a pool without a queue would have to start a thread for
        // it (or, capped, refuse it). So the transport never has more threads than calls it admits at once.
        int admitted = options.maxConcurrentRequests();
        ThreadPoolExecutor executor = new ThreadPoolExecutor(admitted, admitted, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), DaemonThreads.named(threadPrefix + "-" + CLIENT_NUMBER.incrementAndGet() + "-"));
        executor.allowCoreThreadTimeOut(true); // idle threads end after 60 s, as before
        Dispatcher dispatcher = new Dispatcher(executor);
        dispatcher.setMaxRequests(admitted);
        dispatcher.setMaxRequestsPerHost(admitted);
        OkHttpClient.Builder b = new OkHttpClient.Builder()
                .dispatcher(dispatcher)
                .connectionPool(new ConnectionPool(admitted, 5, TimeUnit.MINUTES))
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
