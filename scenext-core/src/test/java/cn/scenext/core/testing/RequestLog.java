package cn.scenext.core.testing;

import cn.scenext.api.transport.HttpRequest;
import cn.scenext.core.Attempt;
import cn.scenext.core.Interceptor;
import cn.scenext.core.schedule.Scheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** An interceptor that records each attempt's operation, URI and start time on the client's scheduler clock. */
public final class RequestLog implements Interceptor {
    /** One recorded attempt. */
    public static final class Entry {
        public final String operation;
        public final String uri;
        public final long nanos;

        Entry(String operation, String uri, long nanos) {
            this.operation = operation;
            this.uri = uri;
            this.nanos = nanos;
        }
    }

    private final Scheduler clock;
    private final List<Entry> entries = new ArrayList<>();

    /**
     * Creates a log.
     *
     * @param clock the clock the times are read from
     */
    public RequestLog(Scheduler clock) {
        this.clock = clock;
    }

    @Override
    public synchronized HttpRequest onRequest(Attempt attempt, HttpRequest request) {
        entries.add(new Entry(attempt.operation(), request.uri().toString(), clock.nanoTime()));
        return request;
    }

    /**
     * The attempts of one operation.
     *
     * @param operation e.g. {@code get_status}
     * @return the entries, in order
     */
    public synchronized List<Entry> of(String operation) {
        List<Entry> out = new ArrayList<>();
        for (Entry e : entries) {
            if (e.operation.equals(operation)) {
                out.add(e);
            }
        }
        return out;
    }

    /**
     * The gaps between consecutive attempts of one operation.
     *
     * @param operation e.g. {@code get_status}
     * @return one gap fewer than attempts
     */
    public synchronized List<Duration> gaps(String operation) {
        List<Entry> list = of(operation);
        List<Duration> gaps = new ArrayList<>();
        for (int i = 1; i < list.size(); i++) {
            gaps.add(Duration.ofNanos(list.get(i).nanos - list.get(i - 1).nanos));
        }
        return gaps;
    }
}
