package cn.scenext.core.internal.http;

import cn.scenext.api.exception.ClientClosedException;
import cn.scenext.api.exception.ErrorDetails;
import cn.scenext.api.exception.ResponseTooLargeException;
import cn.scenext.api.exception.ScenextException;
import cn.scenext.api.exception.TransportException;
import cn.scenext.api.internal.Futures;
import cn.scenext.api.transport.HttpRequest;
import cn.scenext.api.transport.HttpResponse;
import cn.scenext.api.transport.Transport;
import cn.scenext.api.transport.TransportOptions;
import cn.scenext.core.Attempt;
import cn.scenext.core.Interceptor;
import cn.scenext.core.RetryPolicy;
import cn.scenext.core.schedule.Scheduler;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs API calls over the transport, synchronously ({@link #call}) or not ({@link #callAsync}), with the same
 * rules, and sends the single attempts of downloads ({@link #send}). The call loop is here; each job it runs
 * is a part of its own: {@link RequestPreparer} (credentials to the API's origin only, default headers),
 * {@link Interceptors} (showing each attempt to the interceptors), {@link CappedBodyReader} (the response
 * within its size cap), {@link EnvelopeDecoder} (the envelope, typed errors) and {@link RetryRules} (what is
 * retried, when, and until when); {@link CallTrack} counts each call in flight and tells the interceptors of its
 * attempts' and its own end. Tracks asynchronous calls to fail them on {@link #close()}. Thread-safe; one per
 * client.
 */
public final class HttpPipeline implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpPipeline.class);
    /** A deadline that never comes: only the retry policy bounds the call. */
    public static final long NO_DEADLINE = RetryRules.NO_DEADLINE;

    final Transport transport;
    final Scheduler scheduler;
    final Redactor redactor;
    final Interceptors interceptors;
    final RequestPreparer preparer;
    final CappedBodyReader bodyReader;
    final EnvelopeDecoder decoder;
    final RetryRules retries;
    private final Map<CompletableFuture<?>, AsyncCall<?>> pending = new ConcurrentHashMap<>();
    /** API calls started and not ended, synchronous and asynchronous, retry delays included. */
    private final AtomicInteger callsInFlight = new AtomicInteger();
    /** Downloads started and not ended: from before their first request to the file in place, or the failure. */
    private final AtomicInteger downloadsInFlight = new AtomicInteger();
    private volatile boolean closed;

    /**
     * Creates the pipeline, with the default call timeout.
     *
     * @param transport the transport
     * @param baseUrl the API's base URL; credentials go to its origin only
     * @param apiKey the API key
     * @param userAgent the {@code User-Agent} of every request
     * @param interceptors the interceptors, in order
     * @param retryPolicy the retry policy
     * @param scheduler the timer for asynchronous retries and the clock for elapsed time
     * @param clock the wall clock, for {@code Retry-After} dates
     */
    public HttpPipeline(Transport transport, URI baseUrl, String apiKey, String userAgent,
            List<Interceptor> interceptors, RetryPolicy retryPolicy, Scheduler scheduler, Clock clock) {
        this(transport, baseUrl, apiKey, userAgent, interceptors, retryPolicy, TransportOptions.DEFAULT_CALL_TIMEOUT,
                scheduler, clock);
    }

    /**
     * Creates the pipeline.
     *
     * @param transport the transport
     * @param baseUrl the API's base URL; credentials go to its origin only
     * @param apiKey the API key
     * @param userAgent the {@code User-Agent} of every request
     * @param interceptors the interceptors, in order
     * @param retryPolicy the retry policy; its {@link RetryPolicy#maxElapsed()} is each call's total timeout
     * @param callTimeout the longest one attempt of an API call may take, body included
     * @param scheduler the timer for asynchronous retries and the clock for elapsed time
     * @param clock the wall clock, for {@code Retry-After} dates
     */
    public HttpPipeline(Transport transport, URI baseUrl, String apiKey, String userAgent,
            List<Interceptor> interceptors, RetryPolicy retryPolicy, Duration callTimeout, Scheduler scheduler,
            Clock clock) {
        this.transport = transport;
        this.scheduler = scheduler;
        this.redactor = new Redactor(apiKey);
        this.interceptors = new Interceptors(interceptors, redactor);
        this.preparer = new RequestPreparer(baseUrl, apiKey, userAgent, this.interceptors);
        this.bodyReader = new CappedBodyReader(transport.name());
        this.decoder = new EnvelopeDecoder(new ErrorMapper(redactor), clock);
        this.retries = new RetryRules(retryPolicy, callTimeout, scheduler);
    }

    /**
     * The redactor for this client's key.
     *
     * @return the redactor
     */
    public Redactor redactor() {
        return redactor;
    }

    /**
     * The scheduler shared by this client's retries and waits.
     *
     * @return the scheduler
     */
    public Scheduler scheduler() {
        return scheduler;
    }

    /**
     * The retry policy.
     *
     * @return the policy
     */
    public RetryPolicy retryPolicy() {
        return retries.policy();
    }

    /**
     * Runs a call, retrying as allowed, and returns its value.
     *
     * @param call the call
     * @param deadlineNanos no retry starts after this time on the scheduler's clock ({@link #NO_DEADLINE}
     *     for none beyond the policy's)
     * @param <T> what the call returns
     * @return the decoded response
     * @throws ScenextException typed by what went wrong
     */
    public <T> T call(ApiCall<T> call, long deadlineNanos) {
        ensureOpen();
        CallTrack track = track(call, scheduler.nanoTime());
        try {
            T value = callTracked(call, deadlineNanos, track);
            track.end(null);
            return value;
        } catch (RuntimeException | Error e) {
            track.end(e);
            throw e;
        }
    }

    /**
     * How many API calls are running now: started, synchronous or not, and not ended (those waiting to retry
     * included). Downloads are not counted: see {@link #downloadsInFlight()}.
     *
     * @return the number of calls in flight
     */
    public int callsInFlight() {
        return callsInFlight.get();
    }

    /**
     * How many downloads are running now: started and not ended (their retry delays included).
     *
     * @return the number of downloads in flight
     */
    public int downloadsInFlight() {
        return downloadsInFlight.get();
    }

    /**
     * The name of the transport, as attempts carry it.
     *
     * @return e.g. {@code okhttp}
     */
    public String transportName() {
        return transport.name();
    }

    /** A download starts: it counts as in flight until {@link #downloadEnded}. */
    public void downloadStarted() {
        downloadsInFlight.incrementAndGet();
    }

    /**
     * A download ended: no longer in flight, and the interceptors are told, once, as of an API call's end.
     *
     * @param lastRequest the download's last request, carrying the download's result and bytes
     */
    public void downloadEnded(Attempt lastRequest) {
        downloadsInFlight.decrementAndGet();
        interceptors.onCallEnd(lastRequest);
    }

    /** Starts tracking a call: it counts as in flight until its track ends. */
    CallTrack track(ApiCall<?> call, long startNanos) {
        return new CallTrack(this, call, startNanos, callsInFlight);
    }

    private <T> T callTracked(ApiCall<T> call, long deadlineNanos, CallTrack track) {
        long start = track.startNanos();
        for (int attempt = 1; ; attempt++) {
            Outcome<T> outcome;
            try {
                BufferedResponse response = attemptSync(call, track, attempt, start);
                outcome = decoder.decode(call, attempt, response);
                track.decoded(response.statusCode(), outcome.failure);
            } catch (TransportException e) {
                outcome = Outcome.failure(e, null);
            }
            if (outcome.isSuccess()) {
                return outcome.value;
            }
            Duration delay = retryDelay(call, outcome, attempt, start, deadlineNanos);
            if (delay == null) {
                throw RetryRules.concluded(call, outcome.failure);
            }
            try {
                scheduler.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TransportException(TransportException.Reason.CANCELLED, "Interrupted while waiting to retry "
                        + call.describe(), e);
            }
            ensureOpen();
        }
    }

    /**
     * Runs a call without blocking the caller, retrying as allowed. Cancelling the future aborts the attempt
     * in flight and any retry to come.
     *
     * @param call the call
     * @param deadlineNanos no retry starts after this time on the scheduler's clock
     * @param <T> what the call returns
     * @return the decoded response to come, or a typed {@link ScenextException}
     */
    public <T> CompletableFuture<T> callAsync(ApiCall<T> call, long deadlineNanos) {
        CompletableFuture<T> result = new CompletableFuture<>();
        if (closed) {
            result.completeExceptionally(closedException());
            return result;
        }
        AsyncCall<T> state = new AsyncCall<>(this, call, result, scheduler.nanoTime(), deadlineNanos);
        pending.put(result, state);
        result.whenComplete((v, e) -> {
            pending.remove(result);
            state.track.end(e);
            if (result.isCancelled()) {
                state.cancel();
            }
        });
        state.attempt(1);
        return result;
    }

    /**
     * Sends one attempt through the interceptors with credentials where they belong, and returns the response
     * with its body still streaming. For downloads, which manage their own retries.
     *
     * @param attempt the attempt, for interceptors
     * @param request the request without credentials
     * @return the response; the caller closes it
     * @throws TransportException when the exchange fails
     */
    public HttpResponse send(Attempt attempt, HttpRequest request) {
        return send(attempt, request, true);
    }

    /**
     * Sends one attempt through the interceptors, with credentials only when allowed and on the API's
     * origin, and returns the response with its body still streaming. Downloads pass {@code false} once a
     * redirect has left the origin they started from. No call timeout applies unless the request carries
     * one ({@link HttpRequest#timeout()}): a download may stream for long, and watches for stalls itself.
     *
     * @param given the attempt, for interceptors (stamped with this transport when it names none)
     * @param request the request without credentials
     * @param credentials whether the API key may be added (it still goes to the API's origin only)
     * @return the response; the caller closes it
     * @throws TransportException when the exchange fails
     */
    public HttpResponse send(Attempt given, HttpRequest request, boolean credentials) {
        ensureOpen();
        Attempt attempt = Attempt.UNKNOWN_TRANSPORT.equals(given.transport()) ? given.onTransport(transport.name())
                : given;
        HttpRequest prepared = preparer.prepare(attempt, request, false, credentials);
        if (!prepared.timeout().isPresent()) {
            prepared = prepared.toBuilder().timeout(Duration.ZERO).build();
        }
        HttpResponse response;
        try {
            response = transport.execute(prepared);
        } catch (RuntimeException e) {
            TransportException failure = asTransportFailure(e, request);
            Attempt ended = attempt.endedAt(scheduler.nanoTime());
            interceptors.onFailure(ended, failure);
            interceptors.onAttemptEnd(ended.withResult(-1, failure));
            throw failure;
        }
        Attempt ended = attempt.endedAt(scheduler.nanoTime());
        interceptors.onResponse(ended, response);
        interceptors.onAttemptEnd(ended.withResult(response.statusCode(), null));
        return response;
    }

    /**
     * Whether a URI is on the API's origin (scheme, host and port), the only place credentials may go.
     *
     * @param uri any absolute URI
     * @return {@code true} when it shares the base URL's origin
     */
    public boolean isApiOrigin(URI uri) {
        return preparer.isApiOrigin(uri);
    }

    private <T> BufferedResponse attemptSync(ApiCall<T> call, CallTrack track, int attempt, long startNanos) {
        Attempt a = track.start(attempt);
        HttpRequest request = prepareCall(a, call, startNanos);
        BufferedResponse buffered;
        try (HttpResponse response = transport.execute(request)) {
            buffered = new BufferedResponse(request.uri(), response.statusCode(), response.headers(),
                    bodyReader.read(response, call));
        } catch (IOException e) {
            // Closing failed after the body was read: the response is complete, so this cannot happen with
            // a value in hand; treat it as the I/O failure it is.
            throw failed(a, new TransportException(TransportException.Reason.IO_ERROR,
                    "Connection to " + request.uri().getHost() + " failed: " + e, e));
        } catch (ResponseTooLargeException e) {
            throw CappedBodyReader.tooLarge(call, failed(a, e));
        } catch (TransportException e) {
            ResponseTooLargeException big = CappedBodyReader.tooLargeIn(e);
            if (big != null) {
                throw CappedBodyReader.tooLarge(call, failed(a, big));
            }
            throw failed(a, e);
        } catch (ScenextException e) {
            endedWith(a, e);
            throw e; // a response too large to be the API's: final, not a transport failure
        } catch (RuntimeException e) {
            throw failed(a, asTransportFailure(e, request));
        }
        responded(call, track, a, buffered);
        return buffered;
    }

    /** The request of one attempt of an API call: prepared, and timed to end within the call. */
    HttpRequest prepareCall(Attempt attempt, ApiCall<?> call, long startNanos) {
        return preparer.prepare(attempt, call.request(), true, true, retries.attemptTimeout(startNanos));
    }

    /** The wait before the next attempt, or {@code null} when the failure is final or the client closed. */
    Duration retryDelay(ApiCall<?> call, Outcome<?> outcome, int attempt, long startNanos, long deadlineNanos) {
        return closed ? null : retries.delay(call, outcome, attempt, startNanos, deadlineNanos);
    }

    /** An attempt ended with a response in memory: shows it to the interceptors and logs it (not decoded yet). */
    void responded(ApiCall<?> call, CallTrack track, Attempt attempt, BufferedResponse response) {
        if (interceptors.isEmpty() && !LOG.isDebugEnabled()) {
            return; // no one to tell: the attempt's end is not even copied
        }
        Attempt ended = attempt.endedAt(scheduler.nanoTime());
        track.responded(ended);
        interceptors.onResponse(ended, response);
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} #{}: HTTP {} ({} bytes) in {} ms", call.describe(), ended.number(), response.statusCode(),
                    response.body().length, ended.elapsed().toMillis());
        }
    }

    /** An attempt ended without a response: shows the failure to the interceptors and logs it. */
    TransportException failed(Attempt attempt, TransportException e) {
        Attempt ended = attempt.endedAt(scheduler.nanoTime());
        interceptors.onFailure(ended, e);
        interceptors.onAttemptEnd(ended.withResult(-1, e));
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} #{}: {} after {} ms", attempt.operation(), attempt.number(), redactor.redact(e.getMessage()),
                    ended.elapsed().toMillis());
        }
        return e;
    }

    /** An attempt ended with a final error before its response was decoded (too large to be the API's). */
    void endedWith(Attempt attempt, ScenextException e) {
        interceptors.onAttemptEnd(attempt.endedAt(scheduler.nanoTime()).withResult(e.statusCode().orElse(-1), e));
    }

    /** Any failure of a transport becomes a {@link TransportException}; a transport bug must not escape raw. */
    TransportException asTransportFailure(Throwable e, HttpRequest request) {
        Throwable t = Futures.unwrap(e);
        if (t instanceof TransportException) {
            return (TransportException) t;
        }
        String host = request.uri().getHost();
        if (t instanceof CancellationException) {
            return new TransportException(TransportException.Reason.CANCELLED, "The call to " + host
                    + " was cancelled", t);
        }
        return new TransportException(TransportException.Reason.IO_ERROR, "The " + transport.name()
                + " transport failed on " + request.method() + " " + host + ": " + redactor.redact(String.valueOf(t)),
                t);
    }

    boolean isClosed() {
        return closed;
    }

    private void ensureOpen() {
        if (closed) {
            throw closedException();
        }
    }

    static ClientClosedException closedException() {
        return new ClientClosedException("The Scenext client is closed; build a new one.");
    }

    static ClientClosedException closedWhileCreating() {
        return new ClientClosedException("The Scenext client was closed while the task creation was in flight. "
                + ErrorMapper.MAY_HAVE_BEEN_CREATED, ErrorDetails.none().withTaskMayHaveBeenCreated());
    }

    /**
     * Fails every asynchronous call still running with a {@link ClientClosedException}; later calls fail at
     * once. Does not close the transport, which the client owns.
     */
    @Override
    public void close() {
        closed = true;
        for (Map.Entry<CompletableFuture<?>, AsyncCall<?>> e : new ArrayList<>(pending.entrySet())) {
            e.getKey().completeExceptionally(e.getValue().mayHaveCreated() ? closedWhileCreating() : closedException());
        }
    }
}
