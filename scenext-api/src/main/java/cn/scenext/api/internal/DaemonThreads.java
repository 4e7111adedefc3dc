package cn.scenext.api.internal;

import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Threads for a transport's own pools. They are daemons, so that a transport never keeps the JVM alive, as the
 * transport contract requires.
 */
public final class DaemonThreads {
    private DaemonThreads() {
    }

    /**
     * A factory of daemon threads named {@code prefix1}, {@code prefix2}, and so on.
     *
     * @param prefix the start of every thread's name, e.g. {@code scenext-jdk-3-}
     * @return the factory
     */
    public static ThreadFactory named(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        AtomicInteger number = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + number.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
