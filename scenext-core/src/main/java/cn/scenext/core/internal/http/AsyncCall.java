package cn.scenext.core.internal.http;

import cn.scenext.api.exception.ResponseTooLargeException;
import cn.scenext.api.exception.ScenextException;
import cn.scenext.api.exception.TransportException;
import cn.scenext.api.transport.HttpRequest;
import cn.scenext.api.transport.HttpResponse;
import cn.scenext.core.Attempt;
import cn.scenext.core.schedule.Scheduler;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The state of one asynchronous call of the {@link HttpPipeline} across its attempts: the attempt in flight, the
 * timer of the next, and whether the call may have created a task. Each attempt runs on the thread that
 * completes the previous one's future (a transport's, or the scheduler's); the pipeline's parts do the work.
 *
 * @param <T> what the call returns
 */
final class AsyncCall<T> {
    private final HttpPipeline pipeline;
    private final ApiCall<T> call;
    private final CompletableFuture<T> result;
    private final long startNanos;
    private final long deadlineNanos;
    /** Counts the call in flight and tells the interceptors of its ends. */
    final CallTrack track;
    private volatile CompletableFuture<HttpResponse> inFlight;
    private volatile Scheduler.Cancellable timer;
    /** Whether an attempt may have reached the server and no retry has yet shown it created nothing. */
    private volatile boolean mayHaveSent;

    AsyncCall(HttpPipeline pipeline, ApiCall<T> call, CompletableFuture<T> result, long startNanos,
            long deadlineNanos) {
        this.pipeline = pipeline;
        this.call = call;
        this.result = result;
        this.startNanos = startNanos;
        this.deadlineNanos = deadlineNanos;
        this.track = pipeline.track(call, startNanos);
    }

    void attempt(int number) {
        if (result.isDone()) {
            return;
        }
        Attempt a = track.start(number);
        HttpRequest request;
        CompletableFuture<HttpResponse> f;
        try {
            request = pipeline.prepareCall(a, call, startNanos);
            mayHaveSent = true;
            f = pipeline.transport.executeAsync(request);
        } catch (RuntimeException e) {
            onFailure(number, pipeline.failed(a, pipeline.asTransportFailure(e, call.request())));
            return;
        }
        inFlight = f;
        if (result.isCancelled()) {
            f.cancel(true);
            return;
        }
        f.whenComplete((response, error) -> {
            try {
                completed(number, a, request, response, error);
            } catch (Throwable t) {
                // Whatever went wrong on the transport's thread, the caller's future must end.
                result.completeExceptionally(new TransportException(TransportException.Reason.IO_ERROR,
                        call.describe() + " failed unexpectedly: " + pipeline.redactor.redact(String.valueOf(t)), t));
            }
        });
    }

    private void completed(int number, Attempt a, HttpRequest request, HttpResponse response, Throwable error) {
        if (error != null) {
            ResponseTooLargeException big = CappedBodyReader.tooLargeIn(error);
            if (big != null) {
                fail(CappedBodyReader.tooLarge(call, pipeline.failed(a, big)));
            } else if (!result.isDone()) {
                onFailure(number, pipeline.failed(a, pipeline.asTransportFailure(error, request)));
            }
            return;
        }
        BufferedResponse buffered;
        try (HttpResponse r = response) {
            buffered = new BufferedResponse(request.uri(), r.statusCode(), r.headers(),
                    pipeline.bodyReader.read(r, call));
        } catch (TransportException e) {
            onFailure(number, pipeline.failed(a, e));
            return;
        } catch (ScenextException e) {
            pipeline.endedWith(a, e);
            fail(e);
            return;
        } catch (IOException | RuntimeException e) {
            onFailure(number, pipeline.failed(a, pipeline.asTransportFailure(e, request)));
            return;
        }
        pipeline.responded(call, track, a, buffered);
        Outcome<T> outcome = pipeline.decoder.decode(call, number, buffered);
        track.decoded(buffered.statusCode(), outcome.failure);
        if (outcome.isSuccess()) {
            track.end(null); // interceptors hear of the end before the caller does
            result.complete(outcome.value);
        } else {
            onOutcome(number, outcome);
        }
    }

    private void onFailure(int number, TransportException e) {
        onOutcome(number, Outcome.<T>failure(e, null));
    }

    private void onOutcome(int number, Outcome<T> outcome) {
        if (result.isDone()) {
            return;
        }
        if (pipeline.isClosed()) {
            // closed while this attempt was in flight: end as close() ends every pending call, whichever of the
            // two gets here first
            fail(mayHaveCreated() ? HttpPipeline.closedWhileCreating() : HttpPipeline.closedException());
            return;
        }
        Duration delay = pipeline.retryDelay(call, outcome, number, startNanos, deadlineNanos);
        if (delay == null) {
            fail(RetryRules.concluded(call, outcome.failure));
            return;
        }
        mayHaveSent = false; // retried, so the attempt surely created nothing
        try {
            timer = pipeline.scheduler.schedule(() -> attempt(number + 1), delay);
        } catch (RuntimeException e) {
            fail(pipeline.isClosed() ? HttpPipeline.closedException() : outcome.failure);
        }
    }

    /** Ends the call with a failure: the interceptors hear of the end before the caller does. */
    private void fail(ScenextException failure) {
        track.end(failure);
        result.completeExceptionally(failure);
    }

    /** Whether closing the client now leaves open that this call created a task. */
    boolean mayHaveCreated() {
        return call.createsTask() && mayHaveSent;
    }

    void cancel() {
        Scheduler.Cancellable t = timer;
        if (t != null) {
            t.cancel();
        }
        CompletableFuture<HttpResponse> f = inFlight;
        if (f != null) {
            f.cancel(true);
        }
    }
}
