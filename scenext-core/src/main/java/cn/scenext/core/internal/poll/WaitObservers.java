package cn.scenext.core.internal.poll;

import cn.scenext.core.internal.http.Redactor;
import cn.scenext.core.poll.WaitObserver;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client's {@link WaitObserver}s, called in order with whatever they throw contained (logged at WARN, with
 * the API key redacted), so that an observer never ends, stalls or fails a wait.
 */
public final class WaitObservers {
    private static final Logger LOG = LoggerFactory.getLogger(WaitObservers.class);

    private final List<WaitObserver> observers;
    private final Redactor redactor;

    /**
     * Holds the observers.
     *
     * @param observers the observers, in the order they are called
     * @param redactor removes the API key from what their failures put in log lines
     */
    public WaitObservers(List<WaitObserver> observers, Redactor redactor) {
        this.observers = Collections.unmodifiableList(new ArrayList<>(observers));
        this.redactor = redactor;
    }

    /**
     * Whether there is no observer: callers then build no snapshot.
     *
     * @return {@code true} without observers
     */
    boolean isEmpty() {
        return observers.isEmpty();
    }

    /**
     * Calls every observer.
     *
     * @param method the method's name, for the log line of a failure
     * @param call calls the method on one observer
     */
    void each(String method, Consumer<WaitObserver> call) {
        for (WaitObserver observer : observers) {
            try {
                call.accept(observer);
            } catch (Throwable e) { // Errors too (an assertion in a test): an observer never stalls its wait
                LOG.warn("Wait observer {} failed in {}; ignored, the wait goes on: {}",
                        observer.getClass().getName(), method, redactor.redact(String.valueOf(e)));
            }
        }
    }
}
