package cn.scenext.core.internal.http;

import cn.scenext.api.exception.ClientClosedException;
import cn.scenext.api.exception.ErrorDetails;
import cn.scenext.api.exception.ProtocolException;
import cn.scenext.api.exception.RateLimitException;
import cn.scenext.api.exception.ResponseTooLargeException;
import cn.scenext.api.exception.ScenextException;
import cn.scenext.api.exception.ServerException;
import cn.scenext.api.exception.TransportException;
import cn.scenext.api.transport.BoundedBuffer;
import cn.scenext.api.transport.HttpRequest;
import cn.scenext.api.transport.HttpResponse;
import cn.scenext.api.transport.Transport;
import cn.scenext.api.transport.TransportFailures;
import cn.scenext.api.transport.TransportOptions;
import cn.scenext.core.Attempt;
import cn.scenext.core.Interceptor;
import cn.scenext.core.RetryPolicy;
import cn.scenext.core.internal.json.ApiJson;
import cn.scenext.core.internal.json.MalformedJsonException;
import cn.scenext.core.schedule.Scheduler;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs API calls over the transport: adds credentials (to the API's own origin only), the user agent and
 * JSON headers, shows each attempt to the interceptors, reads the answer, maps errors to typed exceptions,
 * and retries what may be retried. Synchronous and asynchronous calls follow the same rules. Thread-safe;
 * one per client.
 */
public final class HttpPipeline implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpPipeline.class);
    /**
     * The largest API answer read into memory; a larger one is not the Scenext API. Transports buffering
     * asynchronous bodies enforce the same bound through {@link TransportOptions#maxBufferedBodyBytes()}.
     */
    static final int MAX_ANSWER_BYTES = TransportOptions.DEFAULT_MAX_BUFFERED_BODY_BYTES;
    /** A deadline that never comes: only the retry policy bounds the call. */
    public static final long NO_DEADLINE = Long.MAX_VALUE;

    private final Transport transport;
    private final URI baseUrl;
    private final String authorization;
    private final String userAgent;
    private final List<Interceptor> interceptors;
    private final RetryPolicy retryPolicy;
    private final Duration callTimeout;
    private final Scheduler scheduler;
    private final Clock clock;
    private final Redactor redactor;
    private final ErrorMapper errors;
    private final Map<CompletableFuture<?>, AsyncCall<?>> pending = new ConcurrentHashMap<>();
    /** API calls started and not ended, synchronous and asynchronous, retry delays included. */
    private final AtomicInteger callsInFlight = new AtomicInteger();
    private volatile boolean closed;

    /**
     * Creates the pipeline.
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
        this.callTimeout = callTimeout;
        this.transport = transport;
        this.baseUrl = baseUrl;
        this.authorization = "Bearer " + apiKey;
        this.userAgent = userAgent;
        this.interceptors = new ArrayList<>(interceptors);
        this.retryPolicy = retryPolicy;
        this.scheduler = scheduler;
        this.clock = clock;
        this.redactor = new Redactor(apiKey);
        this.errors = new ErrorMapper(redactor);
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
        return retryPolicy;
    }

    /**
     * Runs a call, retrying as allowed, and returns its value.
     *
     * @param call the call
     * @param deadlineNanos no retry starts after this time on the scheduler's clock ({@link #NO_DEADLINE}
     *     for none beyond the policy's)
     * @param <T> what the call returns
     * @return the decoded answer
     * @throws ScenextException typed by what went wrong
     */
    public <T> T call(ApiCall<T> call, long deadlineNanos) {
        ensureOpen();
        CallTrack track = new CallTrack(call, scheduler.nanoTime());
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
     * included). Downloads are not counted.
     *
     * @return the number of calls in flight
     */
    public int callsInFlight() {
        return callsInFlight.get();
    }

    private <T> T callTracked(ApiCall<T> call, long deadlineNanos, CallTrack track) {
        long start = track.startNanos;
        for (int attempt = 1; ; attempt++) {
            Outcome<T> outcome;
            try {
                BufferedResponse answer = attemptSync(call, track, attempt, start);
                outcome = decode(call, attempt, answer);
                track.decoded(answer.statusCode(), outcome.failure);
            } catch (TransportException e) {
                outcome = Outcome.failure(e, null);
            }
            if (outcome.failure == null) {
                return outcome.value;
            }
            Duration delay = retryDelay(call, outcome, attempt, start, deadlineNanos);
            if (delay == null) {
                throw concluded(call, outcome.failure);
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
     * @return the decoded answer to come, or a typed {@link ScenextException}
     */
    public <T> CompletableFuture<T> callAsync(ApiCall<T> call, long deadlineNanos) {
        CompletableFuture<T> result = new CompletableFuture<>();
        if (closed) {
            result.completeExceptionally(closedException());
            return result;
        }
        AsyncCall<T> state = new AsyncCall<>(call, result, scheduler.nanoTime(), deadlineNanos);
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
     * Sends one attempt through the interceptors with credentials where they belong, and returns the answer
     * with its body still streaming. For downloads, which manage their own retries.
     *
     * @param attempt the attempt, for interceptors
     * @param request the request without credentials
     * @return the answer; the caller closes it
     * @throws TransportException when the exchange fails
     */
    public HttpResponse send(Attempt attempt, HttpRequest request) {
        return send(attempt, request, true);
    }

    /**
     * Sends one attempt through the interceptors, with credentials only when allowed and on the API's
     * origin, and returns the answer with its body still streaming. Downloads pass {@code false} once a
     * redirect has left the origin they started from. No call timeout applies unless the request carries
     * one ({@link HttpRequest#timeout()}): a download may stream for long, and watches for stalls itself.
     *
     * @param given the attempt, for interceptors (stamped with this transport when it names none)
     * @param request the request without credentials
     * @param credentials whether the API key may be added (it still goes to the API's origin only)
     * @return the answer; the caller closes it
     * @throws TransportException when the exchange fails
     */
    public HttpResponse send(Attempt given, HttpRequest request, boolean credentials) {
        ensureOpen();
        Attempt attempt = Attempt.UNKNOWN_TRANSPORT.equals(given.transport()) ? given.onTransport(transport.name())
                : given;
        HttpRequest prepared = prepare(attempt, request, false, credentials);
        if (!prepared.timeout().isPresent()) {
            prepared = prepared.toBuilder().timeout(Duration.ZERO).build();
        }
        HttpResponse response;
        try {
            response = transport.execute(prepared);
        } catch (RuntimeException e) {
            TransportException failure = asTransportFailure(e, request);
            Attempt ended = attempt.endedAt(scheduler.nanoTime());
            notifyFailure(ended, failure);
            notifyAttemptEnd(ended.withResult(-1, failure));
            throw failure;
        }
        Attempt ended = attempt.endedAt(scheduler.nanoTime());
        notifyResponse(ended, response);
        notifyAttemptEnd(ended.withResult(response.statusCode(), null));
        return response;
    }

    private <T> BufferedResponse attemptSync(ApiCall<T> call, CallTrack track, int attempt, long startNanos) {
        Attempt a = track.start(attempt);
        HttpRequest request = timed(prepare(a, call.request(), true, true), startNanos);
        BufferedResponse answer;
        try (HttpResponse response = transport.execute(request)) {
            answer = new BufferedResponse(request.uri(), response.statusCode(), response.headers(), readCapped(response, call));
        } catch (IOException e) {
            // Closing failed after the body was read: the answer is complete, so this cannot happen with
            // a value in hand; treat it as the I/O failure it is.
            throw failed(a, new TransportException(TransportException.Reason.IO_ERROR,
                    "Connection to " + host(request) + " failed: " + e, e));
        } catch (ResponseTooLargeException e) {
            throw tooLarge(call, failed(a, e));
        } catch (TransportException e) {
            ResponseTooLargeException big = tooLargeIn(e);
            if (big != null) {
                throw tooLarge(call, failed(a, big));
            }
            throw failed(a, e);
        } catch (ScenextException e) {
            notifyAttemptEnd(a.endedAt(scheduler.nanoTime()).withResult(e.statusCode().orElse(-1), e));
            throw e; // an answer too large to be the API's: final, not a transport failure
        } catch (RuntimeException e) {
            throw failed(a, asTransportFailure(e, request));
        }
        Attempt ended = a.endedAt(scheduler.nanoTime());
        track.current = ended;
        notifyAnswer(ended, answer);
        logAnswer(call, ended, answer);
        return answer;
    }

    private TransportException failed(Attempt attempt, TransportException e) {
        Attempt ended = attempt.endedAt(scheduler.nanoTime());
        notifyFailure(ended, e);
        notifyAttemptEnd(ended.withResult(-1, e));
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} #{}: {} after {} ms", attempt.operation(), attempt.number(), redactor.redact(e.getMessage()),
                    ended.elapsed().toMillis());
        }
        return e;
    }

    /**
     * The attempt's own call timeout: the pipeline's, or what is left of the call's total timeout
     * ({@link RetryPolicy#maxElapsed()}) when that is less, so that no attempt outlives its call.
     */
    private HttpRequest timed(HttpRequest request, long startNanos) {
        long left = startNanos + retryPolicy.maxElapsed().toNanos() - scheduler.nanoTime();
        long nanos = Math.max(Math.min(callTimeout.toNanos(), left), Duration.ofMillis(1).toNanos());
        return request.toBuilder().timeout(Duration.ofNanos(nanos)).build();
    }

    /** The transport's refusal of an oversized body, wherever it sits in a failure's causes. */
    private static ResponseTooLargeException tooLargeIn(Throwable failure) {
        return TransportFailures.findCause(failure, ResponseTooLargeException.class);
    }

    private static ProtocolException tooLarge(ApiCall<?> call, TransportException refused) {
        return tooLarge(call, " (" + refused.getMessage() + ")", refused, ErrorDetails.none());
    }

    private byte[] readCapped(HttpResponse response, ApiCall<?> call) {
        try {
            if (response.body().isBuffered()) {
                byte[] buffered = response.body().bytes();
                if (buffered.length > MAX_ANSWER_BYTES) { // a transport given with a larger limit of its own
                    throw tooLarge(call, response.statusCode(), buffered.length);
                }
                return buffered;
            }
            long declared = response.body().contentLength().orElse(-1);
            if (declared > MAX_ANSWER_BYTES) {
                throw tooLarge(call, response.statusCode(), declared);
            }
            // Grows with what arrives, never with what the response announces; a small announced length is
            // read straight into an array of that size.
            return BoundedBuffer.start(transport.name(), call.request(), MAX_ANSWER_BYTES, declared)
                    .readFrom(response.body().stream(), transport.name(), call.request());
        } catch (IOException e) {
            ResponseTooLargeException big = tooLargeIn(e);
            if (big != null) {
                throw tooLarge(call, " (" + big.getMessage() + ")", big,
                        ErrorDetails.of(response.statusCode(), null, null));
            }
            // A body that stalls past the read timeout is a READ_TIMEOUT, as it would be before the headers.
            throw new TransportException(TransportFailures.classify(e), "Reading the answer to "
                    + call.describe() + " from " + call.request().uri().getHost() + " failed: " + e, e);
        }
    }

    private static ProtocolException tooLarge(ApiCall<?> call, int status, long size) {
        return tooLarge(call, " (" + size + " bytes)", null, ErrorDetails.of(status, null, null));
    }

    /**
     * The failure for a response too large to be the API's, however it was found (announced, or counted as it
     * arrived, here or in the transport): final, and for a task creation one that may have created the task.
     */
    private static ProtocolException tooLarge(ApiCall<?> call, String found, Throwable cause, ErrorDetails details) {
        return new ProtocolException("The answer to " + call.describe() + " is larger than "
                + (MAX_ANSWER_BYTES >> 20) + " MiB" + found + ": not a Scenext API answer."
                + (call.createsTask() ? " " + ErrorMapper.MAY_HAVE_BEEN_CREATED : ""), cause,
                call.createsTask() ? details.withTaskMayHaveBeenCreated() : details);
    }

    /**
     * The failure a call ends with: a transport failure of a task creation whose request may have been sent
     * becomes one that also says {@link ScenextException#taskMayHaveBeenCreated()} (same reason, the
     * original as its cause); every other failure is returned as it is.
     */
    static ScenextException concluded(ApiCall<?> call, ScenextException failure) {
        if (!call.createsTask() || !(failure instanceof TransportException) || failure.taskMayHaveBeenCreated()) {
            return failure;
        }
        TransportException t = (TransportException) failure;
        if (!t.requestMayHaveBeenSent()) {
            return failure;
        }
        return new TransportException(t.reason(), t.getMessage() + ". " + ErrorMapper.MAY_HAVE_BEEN_CREATED, t,
                ErrorDetails.none().withTaskMayHaveBeenCreated());
    }

    private <T> Outcome<T> decode(ApiCall<T> call, int attempt, BufferedResponse answer) {
        if (!answer.isSuccessful()) {
            Duration retryAfter = RetryAfter.parse(answer.headers(), clock);
            return Outcome.failure(errors.map(call, answer, null, attempt, retryAfter), retryAfter);
        }
        ApiJson.Envelope envelope;
        try {
            envelope = ApiJson.readEnvelope(answer.body());
        } catch (MalformedJsonException e) {
            return Outcome.failure(errors.malformed(call, answer, e), null);
        }
        if (envelope.isError()) {
            Duration retryAfter = RetryAfter.parse(answer.headers(), clock); // read only when an answer failed
            return Outcome.failure(errors.map(call, answer, envelope, attempt, retryAfter), retryAfter);
        }
        try {
            return Outcome.success(call.decoder().decode(answer, envelope));
        } catch (MalformedJsonException e) {
            return Outcome.failure(errors.malformed(call, answer, e), null);
        } catch (ScenextException e) {
            return Outcome.failure(e, null);
        }
    }

    /** The wait before the next attempt, or {@code null} when the failure is final. */
    private Duration retryDelay(ApiCall<?> call, Outcome<?> outcome, int attempt, long startNanos, long deadlineNanos) {
        ScenextException failure = outcome.failure;
        if (closed || attempt > retryPolicy.maxRetries() || !isRetryable(call, failure)) {
            return null;
        }
        Duration delay = retryPolicy.retryDelay(attempt, outcome.retryAfter, ThreadLocalRandom.current().nextDouble());
        long retryAt = scheduler.nanoTime() + delay.toNanos();
        boolean pastDeadline = deadlineNanos != NO_DEADLINE && retryAt - deadlineNanos > 0;
        if (retryAt - startNanos > retryPolicy.maxElapsed().toNanos() || pastDeadline) {
            LOG.debug("{}: not retrying after {}: the next attempt would start past the deadline", call.describe(),
                    failure.getClass().getSimpleName());
            return null;
        }
        if (LOG.isInfoEnabled()) {
            LOG.info("{} failed ({}); retrying in {} ms (attempt {} of {})", call.describe(), brief(failure),
                    delay.toMillis(), attempt + 1, retryPolicy.maxRetries() + 1);
        }
        return delay;
    }

    private String brief(ScenextException failure) {
        if (failure instanceof TransportException) {
            return ((TransportException) failure).reason().name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }
        return failure.statusCode().isPresent() ? "HTTP " + failure.statusCode().getAsInt()
                : failure.getClass().getSimpleName();
    }

    /**
     * Whether a failure may be retried for a call: reads retry every transient failure; task creation only
     * what surely never reached the application (a connection never made, a 429, a 503 carrying the
     * service's own envelope), never what may have created the task.
     */
    static boolean isRetryable(ApiCall<?> call, ScenextException failure) {
        if (call.createsTask() && failure.taskMayHaveBeenCreated()) {
            return false;
        }
        if (failure instanceof TransportException) {
            TransportException t = (TransportException) failure;
            if (t.reason() == TransportException.Reason.CANCELLED) {
                return false;
            }
            return !call.createsTask() || !t.requestMayHaveBeenSent();
        }
        if (failure instanceof RateLimitException) {
            return true; // turned away before processing
        }
        if (failure instanceof ServerException && failure.statusCode().isPresent()) {
            int status = failure.statusCode().getAsInt();
            if (call.createsTask()) {
                // Unavailable, said by the service itself: the request was not processed. A proxy's 503 (not
                // the envelope) may come after the request was forwarded.
                return status == 503 && failure.serviceMessage().isPresent();
            }
            return status >= 500 || status == 408;
        }
        return false;
    }

    private HttpRequest prepare(Attempt attempt, HttpRequest request, boolean api, boolean credentials) {
        HttpRequest r = request;
        for (Interceptor interceptor : interceptors) {
            try {
                HttpRequest changed = interceptor.onRequest(attempt, r);
                if (changed != null) {
                    r = changed;
                }
            } catch (Throwable e) { // Errors too: see Interceptor
                LOG.warn("Interceptor {} failed in onRequest; ignored: {}", interceptor.getClass().getName(),
                        redactor.redact(String.valueOf(e)));
            }
        }
        HttpRequest.Builder b = r.toBuilder().setHeader("User-Agent", userAgent);
        if (api) {
            b.setHeader("Accept", "application/json");
            if (r.hasBody()) {
                b.setHeader("Content-Type", "application/json; charset=utf-8");
            }
        }
        // Credentials go to the API's own origin, never to the object store or any other host, whatever an
        // interceptor did.
        b.removeHeader("Authorization");
        if (credentials && isApiOrigin(r.uri())) {
            b.setHeader("Authorization", authorization);
        }
        return b.build();
    }

    /**
     * Whether a URI is on the API's origin (scheme, host and port), the only place credentials may go.
     *
     * @param uri any absolute URI
     * @return {@code true} when it shares the base URL's origin
     */
    public boolean isApiOrigin(URI uri) {
        return UrlPaths.sameOrigin(uri, baseUrl);
    }

    private void notifyAnswer(Attempt attempt, BufferedResponse answer) {
        if (!interceptors.isEmpty()) { // the copy of the answer is for interceptors only
            notifyResponse(attempt, answer.toResponse());
        }
    }

    private void notifyResponse(Attempt attempt, HttpResponse response) {
        for (Interceptor interceptor : interceptors) {
            try {
                interceptor.onResponse(attempt, response);
            } catch (Throwable e) { // Errors too: see Interceptor
                LOG.warn("Interceptor {} failed in onResponse; ignored: {}", interceptor.getClass().getName(),
                        redactor.redact(String.valueOf(e)));
            }
        }
    }

    private void notifyFailure(Attempt attempt, TransportException failure) {
        for (Interceptor interceptor : interceptors) {
            try {
                interceptor.onFailure(attempt, failure);
            } catch (Throwable e) { // Errors too: see Interceptor
                LOG.warn("Interceptor {} failed in onFailure; ignored: {}", interceptor.getClass().getName(),
                        redactor.redact(String.valueOf(e)));
            }
        }
    }

    private void notifyAttemptEnd(Attempt attempt) {
        for (Interceptor interceptor : interceptors) {
            try {
                interceptor.onAttemptEnd(attempt);
            } catch (Throwable e) { // Errors too: see Interceptor
                LOG.warn("Interceptor {} failed in onAttemptEnd; ignored: {}", interceptor.getClass().getName(),
                        redactor.redact(String.valueOf(e)));
            }
        }
    }

    /**
     * One API call across its attempts: counts it in flight from its start to its end, and tells the
     * interceptors of each decoded attempt and, once, of the call's end.
     */
    private final class CallTrack {
        private final ApiCall<?> call;
        private final long id = Attempt.nextCallId();
        final long startNanos;
        private final AtomicBoolean ended = new AtomicBoolean();
        /** The latest attempt: started, ended, or decoded. */
        volatile Attempt current;

        CallTrack(ApiCall<?> call, long startNanos) {
            this.call = call;
            this.startNanos = startNanos;
            this.current = Attempt.starting(id, transport.name(), call.operation(), 0, call.taskId(), startNanos,
                    startNanos);
            callsInFlight.incrementAndGet();
        }

        Attempt start(int number) {
            Attempt a = Attempt.starting(id, transport.name(), call.operation(), number, call.taskId(), startNanos,
                    scheduler.nanoTime());
            current = a;
            return a;
        }

        /** The current attempt's response was decoded: with {@code failure} {@code null} when it succeeded. */
        void decoded(int statusCode, ScenextException failure) {
            Attempt a = current.withResult(statusCode, failure);
            current = a;
            notifyAttemptEnd(a);
        }

        /** The call ended, with {@code failure} {@code null} when it succeeded; only the first end counts. */
        void end(Throwable failure) {
            if (!ended.compareAndSet(false, true)) {
                return;
            }
            callsInFlight.decrementAndGet();
            if (interceptors.isEmpty()) {
                return;
            }
            Attempt last = current;
            Attempt a = last.endedAt(scheduler.nanoTime()).withResult(last.statusCode().orElse(-1),
                    callFailure(failure));
            for (Interceptor interceptor : interceptors) {
                try {
                    interceptor.onCallEnd(a);
                } catch (Throwable e) { // Errors too: see Interceptor
                    LOG.warn("Interceptor {} failed in onCallEnd; ignored: {}", interceptor.getClass().getName(),
                            redactor.redact(String.valueOf(e)));
                }
            }
        }

        private ScenextException callFailure(Throwable failure) {
            Throwable t = failure;
            while (t instanceof CompletionException && t.getCause() != null) {
                t = t.getCause();
            }
            if (t == null || t instanceof ScenextException) {
                return (ScenextException) t;
            }
            if (t instanceof CancellationException) {
                return new TransportException(TransportException.Reason.CANCELLED, call.describe()
                        + " was cancelled", t);
            }
            return new ScenextException(call.describe() + " failed: " + redactor.redact(String.valueOf(t)), t);
        }
    }

    private void logAnswer(ApiCall<?> call, Attempt ended, BufferedResponse answer) {
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} #{}: HTTP {} ({} bytes) in {} ms", call.describe(), ended.number(), answer.statusCode(),
                    answer.body().length, ended.elapsed().toMillis());
        }
    }

    private static String host(HttpRequest request) {
        return request.uri().getHost();
    }

    /** Any failure of a transport becomes a {@link TransportException}; a transport bug must not escape raw. */
    private TransportException asTransportFailure(Throwable e, HttpRequest request) {
        Throwable t = e;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof TransportException) {
            return (TransportException) t;
        }
        if (t instanceof CancellationException) {
            return new TransportException(TransportException.Reason.CANCELLED, "The call to " + host(request)
                    + " was cancelled", t);
        }
        return new TransportException(TransportException.Reason.IO_ERROR, "The " + transport.name()
                + " transport failed on " + request.method() + " " + host(request) + ": "
                + redactor.redact(String.valueOf(t)), t);
    }

    private void ensureOpen() {
        if (closed) {
            throw closedException();
        }
    }

    private static ClientClosedException closedException() {
        return new ClientClosedException("The Scenext client is closed; build a new one.");
    }

    private static ClientClosedException closedWhileCreating() {
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

    /** What one attempt came to. */
    private static final class Outcome<T> {
        final T value;
        final ScenextException failure;
        final Duration retryAfter;

        private Outcome(T value, ScenextException failure, Duration retryAfter) {
            this.value = value;
            this.failure = failure;
            this.retryAfter = retryAfter;
        }

        static <T> Outcome<T> success(T value) {
            return new Outcome<>(value, null, null);
        }

        static <T> Outcome<T> failure(ScenextException failure, Duration retryAfter) {
            return new Outcome<>(null, failure, retryAfter);
        }
    }

    /** The state of one asynchronous call across its attempts. */
    private final class AsyncCall<T> {
        private final ApiCall<T> call;
        private final CompletableFuture<T> result;
        private final long startNanos;
        private final long deadlineNanos;
        final CallTrack track;
        private volatile CompletableFuture<HttpResponse> inFlight;
        private volatile Scheduler.Cancellable timer;
        /** Whether an attempt may have reached the server and no retry has yet shown it created nothing. */
        private volatile boolean mayHaveSent;

        AsyncCall(ApiCall<T> call, CompletableFuture<T> result, long startNanos, long deadlineNanos) {
            this.call = call;
            this.result = result;
            this.startNanos = startNanos;
            this.deadlineNanos = deadlineNanos;
            this.track = new CallTrack(call, startNanos);
        }

        void attempt(int number) {
            if (result.isDone()) {
                return;
            }
            Attempt a = track.start(number);
            HttpRequest request;
            CompletableFuture<HttpResponse> f;
            try {
                request = timed(prepare(a, call.request(), true, true), startNanos);
                mayHaveSent = true;
                f = transport.executeAsync(request);
            } catch (RuntimeException e) {
                onFailure(number, failed(a, asTransportFailure(e, call.request())));
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
                            call.describe() + " failed unexpectedly: " + redactor.redact(String.valueOf(t)), t));
                }
            });
        }

        private void completed(int number, Attempt a, HttpRequest request, HttpResponse response, Throwable error) {
            if (error != null) {
                ResponseTooLargeException big = tooLargeIn(error);
                if (big != null) {
                    result.completeExceptionally(tooLarge(call, failed(a, big)));
                } else if (!result.isDone()) {
                    onFailure(number, failed(a, asTransportFailure(error, request)));
                }
                return;
            }
            BufferedResponse answer;
            try (HttpResponse r = response) {
                answer = new BufferedResponse(request.uri(), r.statusCode(), r.headers(), readCapped(r, call));
            } catch (TransportException e) {
                onFailure(number, failed(a, e));
                return;
            } catch (ScenextException e) {
                notifyAttemptEnd(a.endedAt(scheduler.nanoTime()).withResult(e.statusCode().orElse(-1), e));
                result.completeExceptionally(e);
                return;
            } catch (IOException | RuntimeException e) {
                onFailure(number, failed(a, asTransportFailure(e, request)));
                return;
            }
            Attempt ended = a.endedAt(scheduler.nanoTime());
            track.current = ended;
            notifyAnswer(ended, answer);
            logAnswer(call, ended, answer);
            Outcome<T> outcome = decode(call, number, answer);
            track.decoded(answer.statusCode(), outcome.failure);
            if (outcome.failure == null) {
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
            Duration delay = retryDelay(call, outcome, number, startNanos, deadlineNanos);
            if (delay == null) {
                ScenextException failure = concluded(call, outcome.failure);
                track.end(failure); // interceptors hear of the end before the caller does
                result.completeExceptionally(failure);
                return;
            }
            mayHaveSent = false; // retried, so the attempt surely created nothing
            try {
                timer = scheduler.schedule(() -> attempt(number + 1), delay);
            } catch (RuntimeException e) {
                result.completeExceptionally(closed ? closedException() : outcome.failure);
            }
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
}
