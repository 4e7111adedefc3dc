package cn.scenext.core.internal.http;

import cn.scenext.api.exception.TransportException;
import cn.scenext.api.transport.HttpRequest;
import cn.scenext.api.transport.HttpResponse;
import cn.scenext.core.Attempt;
import cn.scenext.core.Interceptor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows each attempt to the client's interceptors, in order, and contains them: whatever one throws
 * ({@link Error}s too, see {@link Interceptor}) is logged with the API key redacted and ignored, and the next
 * one runs. Thread-safe.
 */
final class Interceptors {
    private static final Logger LOG = LoggerFactory.getLogger(Interceptors.class);

    private final List<Interceptor> interceptors;
    private final Redactor redactor;

    Interceptors(List<Interceptor> interceptors, Redactor redactor) {
        this.interceptors = Collections.unmodifiableList(new ArrayList<>(interceptors));
        this.redactor = redactor;
    }

    /** Whether there are none, so that nothing is built only for them. */
    boolean isEmpty() {
        return interceptors.isEmpty();
    }

    /**
     * Lets each interceptor see, and replace, the request; one returning {@code null} or failing leaves it as
     * it was.
     */
    HttpRequest onRequest(Attempt attempt, HttpRequest request) {
        HttpRequest r = request;
        for (Interceptor interceptor : interceptors) {
            try {
                HttpRequest changed = interceptor.onRequest(attempt, r);
                if (changed != null) {
                    r = changed;
                }
            } catch (Throwable e) { // Errors too: see Interceptor
                ignored(interceptor, "onRequest", e);
            }
        }
        return r;
    }

    /** Shows each interceptor the response of an attempt that ended with one. */
    void onResponse(Attempt attempt, HttpResponse response) {
        each("onResponse", i -> i.onResponse(attempt, response));
    }

    /** Shows each interceptor the response of an attempt, read into memory; a copy only when one is there. */
    void onResponse(Attempt attempt, BufferedResponse response) {
        if (!interceptors.isEmpty()) {
            onResponse(attempt, response.toResponse());
        }
    }

    /** Shows each interceptor the failure of an attempt that ended without a response. */
    void onFailure(Attempt attempt, TransportException failure) {
        each("onFailure", i -> i.onFailure(attempt, failure));
    }

    /** Tells each interceptor that an attempt is over, with its result. */
    void onAttemptEnd(Attempt attempt) {
        each("onAttemptEnd", i -> i.onAttemptEnd(attempt));
    }

    /** Tells each interceptor that an API call ended, its last attempt carrying the call's result. */
    void onCallEnd(Attempt lastAttempt) {
        each("onCallEnd", i -> i.onCallEnd(lastAttempt));
    }

    /** Calls one method on each interceptor, in order, containing what it throws. */
    private void each(String method, Consumer<Interceptor> call) {
        for (Interceptor interceptor : interceptors) {
            try {
                call.accept(interceptor);
            } catch (Throwable e) { // Errors too: see Interceptor
                ignored(interceptor, method, e);
            }
        }
    }

    private void ignored(Interceptor interceptor, String method, Throwable e) {
        LOG.warn("Interceptor {} failed in {}; ignored: {}", interceptor.getClass().getName(), method,
                redactor.redact(String.valueOf(e)));
    }
}
