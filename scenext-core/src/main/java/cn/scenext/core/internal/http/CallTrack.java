package cn.scenext.core.internal.http;

import cn.scenext.api.exception.ScenextException;
import cn.scenext.api.exception.TransportException;
import cn.scenext.api.internal.Futures;
import cn.scenext.core.Attempt;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One API call of the {@link HttpPipeline} across its attempts: counts it in flight from its start to its end,
 * stamps its attempts with the call's id and transport, and tells the interceptors of each decoded attempt and,
 * once, of the call's end. Thread-safe: an asynchronous call's attempts run on several threads, one at a time.
 */
final class CallTrack {
    private final HttpPipeline pipeline;
    private final ApiCall<?> call;
    private final AtomicInteger inFlight;
    private final long id = Attempt.nextCallId();
    private final long startNanos;
    private final AtomicBoolean ended = new AtomicBoolean();
    /**
     * The latest attempt: started, ended, or decoded; {@code null} before the first starts. Kept up to date only
     * for interceptors: without any, no attempt is copied to record its end or result.
     */
    private volatile Attempt current;

    /** Starts tracking a call that started at {@code startNanos}, counting it in {@code inFlight}. */
    CallTrack(HttpPipeline pipeline, ApiCall<?> call, long startNanos, AtomicInteger inFlight) {
        this.pipeline = pipeline;
        this.call = call;
        this.startNanos = startNanos;
        this.inFlight = inFlight;
        inFlight.incrementAndGet();
    }

    /** When the call started, on the scheduler's clock. */
    long startNanos() {
        return startNanos;
    }

    /** The attempt numbered {@code number} starts now. */
    Attempt start(int number) {
        Attempt a = forWait(Attempt.starting(id, pipeline.transport.name(), call.operation(), number, call.taskId(),
                startNanos, pipeline.scheduler.nanoTime()));
        current = a;
        return a;
    }

    /** The attempt, marked with the wait the call runs for when it runs for one. */
    private Attempt forWait(Attempt a) {
        return call.waitId() > 0 ? a.forWait(call.waitId()) : a;
    }

    /** The current attempt ended with a response, not yet decoded. */
    void responded(Attempt ended) {
        current = ended;
    }

    /** The current attempt's response was decoded: with {@code failure} {@code null} when it succeeded. */
    void decoded(int statusCode, ScenextException failure) {
        if (pipeline.interceptors.isEmpty()) {
            return;
        }
        Attempt a = current.withResult(statusCode, failure);
        current = a;
        pipeline.interceptors.onAttemptEnd(a);
    }

    /** The call ended, with {@code failure} {@code null} when it succeeded; only the first end counts. */
    void end(Throwable failure) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        inFlight.decrementAndGet();
        if (pipeline.interceptors.isEmpty()) {
            return;
        }
        Attempt last = current;
        if (last == null) { // ended before its first attempt started (the client closed)
            last = forWait(Attempt.starting(id, pipeline.transport.name(), call.operation(), 0, call.taskId(),
                    startNanos, startNanos));
        }
        pipeline.interceptors.onCallEnd(last.endedAt(pipeline.scheduler.nanoTime())
                .withResult(last.statusCode().orElse(-1), callFailure(failure)));
    }

    private ScenextException callFailure(Throwable failure) {
        Throwable t = failure == null ? null : Futures.unwrap(failure);
        if (t == null || t instanceof ScenextException) {
            return (ScenextException) t;
        }
        if (t instanceof CancellationException) {
            return new TransportException(TransportException.Reason.CANCELLED, call.describe() + " was cancelled", t);
        }
        return new ScenextException(call.describe() + " failed: " + pipeline.redactor.redact(String.valueOf(t)), t);
    }
}
