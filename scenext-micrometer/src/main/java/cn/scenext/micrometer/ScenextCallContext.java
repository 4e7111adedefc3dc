package cn.scenext.micrometer;

import cn.scenext.api.transport.HttpRequest;
import cn.scenext.core.Attempt;
import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.SenderContext;
import java.util.Objects;

/**
 * The context of an API call's or a download's observation, or of one attempt's: the {@link Attempt} as the
 * client last reported it (started, then ended with its result; for a download's call, with
 * {@link Attempt#bytesTransferred()}). For an attempt of an API call, the carrier is the request being sent, so
 * that a tracing handler can add its propagation headers ({@code traceparent}); downloads carry none, so that
 * no trace header goes to the object store. The call of a status request a wait sent has the wait's
 * observation as its parent ({@link Attempt#waitId()}).
 */
public final class ScenextCallContext extends SenderContext<HttpRequest.Builder> {
    private final boolean attemptLevel;
    private volatile Attempt attempt;

    ScenextCallContext(boolean attemptLevel, Attempt attempt) {
        super((carrier, key, value) -> {
            if (carrier != null) {
                carrier.setHeader(key, value);
            }
        }, Kind.CLIENT);
        setRemoteServiceName("scenext");
        this.attemptLevel = attemptLevel;
        this.attempt = Objects.requireNonNull(attempt, "attempt");
    }

    /**
     * Whether this is the observation of one attempt ({@code scenext.client.attempt}) rather than of the whole
     * call ({@code scenext.client.call}).
     *
     * @return {@code true} for an attempt
     */
    public boolean isAttempt() {
        return attemptLevel;
    }

    /**
     * The attempt: for a call, its latest attempt, which carries the call's result once it ended.
     *
     * @return the attempt as last reported
     */
    public Attempt attempt() {
        return attempt;
    }

    void attempt(Attempt attempt) {
        this.attempt = Objects.requireNonNull(attempt, "attempt");
    }
}
