package cn.scenext.micrometer;

import cn.scenext.api.exception.ConfigurationException;
import cn.scenext.api.transport.HttpRequest;
import cn.scenext.core.Attempt;
import cn.scenext.core.Interceptor;
import cn.scenext.core.ScenextClient;
import cn.scenext.core.poll.ObservedWait;
import cn.scenext.core.poll.WaitObserver;
import cn.scenext.core.webhook.WebhookObserver;
import cn.scenext.core.webhook.WebhookResponse;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Micrometer observations and meters for Scenext clients: one observation per API call, per download and per
 * attempt, one per task wait from its start to its end (the status requests it sent under it), gauges of calls,
 * downloads and waits in flight, the bytes of downloads, and a counter of webhook deliveries by result. Every name, key and meter is listed in {@code docs/observability.md}.
 *
 * <pre>{@code
 * ScenextObservability observability = ScenextObservability.builder()
 *     .observationRegistry(observationRegistry)   // traces (through micrometer-tracing) and timers
 *     .meterRegistry(meterRegistry)               // gauges, counters and distributions
 *     .build();
 * ScenextClient client = observability.instrument(ScenextClient.builder().apiKey(key)).build();
 * }</pre>
 *
 * <p>With only a {@link MeterRegistry}, the observations are recorded as timers in it (through Micrometer's
 * {@link DefaultMeterObservationHandler}). With only an {@link ObservationRegistry}, they go to its handlers
 * and no meter of this class's own is made (no gauges, counters or distributions: give a meter registry for
 * those). With both, observations go to the observation registry, whose handlers decide whether they become
 * timers too (Spring Boot's do), and the other meters to the meter registry.
 *
 * <p>One instance may instrument several clients: its gauges and counters then add theirs up. Thread-safe.
 * Nothing here calls the API; the observers are quick and never fail a call or a wait (the client contains
 * whatever they throw).
 */
public final class ScenextObservability {
    /** Gauge: API calls running now (started and not ended, retry delays included). */
    public static final String CALLS_IN_FLIGHT = "scenext.client.calls.in.flight";
    /** Gauge: downloads running now (from before their first request to the file in place, or the failure). */
    public static final String DOWNLOADS_IN_FLIGHT = "scenext.client.downloads.in.flight";
    /** Distribution summary: bytes each ended download received, by {@code outcome}. */
    public static final String DOWNLOAD_BYTES = "scenext.client.download.bytes";
    /** Gauge: waits for tasks running now. */
    public static final String WAITS_IN_FLIGHT = "scenext.task.waits.in.flight";
    /** Distribution summary: status requests sent by each ended wait. */
    public static final String WAIT_POLLS = "scenext.task.wait.polls";
    /** Distribution summary: distinct storyboard frames seen by each ended wait. */
    public static final String WAIT_FRAMES = "scenext.task.wait.frames";
    /** Timer: for waits a webhook ended, the time from the event's timestamp to its receipt. */
    public static final String WEBHOOK_LAG = "scenext.task.wait.webhook.lag";
    /** Counter: webhook deliveries handled, by {@code result} and {@code reason}. */
    public static final String WEBHOOK_DELIVERIES = "scenext.webhook.deliveries";

    private final ObservationRegistry observations;
    private final MeterRegistry meters;
    private final ScenextCallObservationConvention callConvention;
    private final ScenextCallObservationConvention attemptConvention;
    private final ScenextWaitObservationConvention waitConvention;
    /** Open observations by call id (API calls, downloads, and the attempt in flight of each), and by wait id. */
    private final ConcurrentMap<Long, Observation> calls = new ConcurrentHashMap<>();
    private final ConcurrentMap<Long, Observation> downloads = new ConcurrentHashMap<>();
    private final ConcurrentMap<Long, Observation> attempts = new ConcurrentHashMap<>();
    private final ConcurrentMap<Long, Observation> waits = new ConcurrentHashMap<>();
    private final Interceptor interceptor = new CallInterceptor();
    private final WaitObserver waitObserver = new WaitRecorder();
    private final WebhookObserver webhookObserver = this::onDelivery;

    private ScenextObservability(Builder b) {
        if (b.observations == null && b.meters == null) {
            throw new ConfigurationException("ScenextObservability needs an ObservationRegistry, a MeterRegistry or "
                    + "both: call observationRegistry(...) or meterRegistry(...) on its builder.");
        }
        this.meters = b.meters;
        if (b.observations != null) {
            this.observations = b.observations;
        } else {
            ObservationRegistry own = ObservationRegistry.create();
            own.observationConfig().observationHandler(new DefaultMeterObservationHandler(b.meters));
            this.observations = own;
        }
        this.callConvention = b.callConvention;
        this.attemptConvention = b.attemptConvention;
        this.waitConvention = b.waitConvention;
        if (meters != null) {
            Gauge.builder(CALLS_IN_FLIGHT, calls, Map::size).description("Scenext API calls running now")
                    .baseUnit("calls").register(meters);
            Gauge.builder(DOWNLOADS_IN_FLIGHT, downloads, Map::size).description("Scenext downloads running now")
                    .baseUnit("downloads").register(meters);
            Gauge.builder(WAITS_IN_FLIGHT, waits, Map::size).description("Waits for Scenext tasks running now")
                    .baseUnit("waits").register(meters);
        }
    }

    /**
     * Starts an instrumentation.
     *
     * @return a builder; give it a registry or two
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Instruments a client being built: adds this instrumentation's interceptor, wait observer and webhook
     * observer (the last reports the deliveries of every handler built through {@code client.webhooks()}).
     *
     * @param builder the client's builder
     * @return the same builder, to go on with
     */
    public ScenextClient.Builder instrument(ScenextClient.Builder builder) {
        return builder.addInterceptor(interceptor).addWaitObserver(waitObserver).addWebhookObserver(webhookObserver);
    }

    /**
     * The interceptor that observes calls and attempts, for a builder set up by hand.
     *
     * @return the interceptor
     */
    public Interceptor interceptor() {
        return interceptor;
    }

    /**
     * The observer of waits, for a builder set up by hand.
     *
     * @return the observer
     */
    public WaitObserver waitObserver() {
        return waitObserver;
    }

    /**
     * The observer of webhook deliveries, for a {@code WebhookHandler} built without the client
     * ({@code WebhookHandler.builder(verifier).addObserver(observability.webhookObserver())}).
     *
     * @return the observer
     */
    public WebhookObserver webhookObserver() {
        return webhookObserver;
    }

    /**
     * The API calls running now in the instrumented clients, as the {@value #CALLS_IN_FLIGHT} gauge reads.
     *
     * @return 0 or more
     */
    public int callsInFlight() {
        return calls.size();
    }

    /**
     * The downloads running now in the instrumented clients, as the {@value #DOWNLOADS_IN_FLIGHT} gauge reads.
     *
     * @return 0 or more
     */
    public int downloadsInFlight() {
        return downloads.size();
    }

    /**
     * The waits running now in the instrumented clients, as the {@value #WAITS_IN_FLIGHT} gauge reads.
     *
     * @return 0 or more
     */
    public int waitsInFlight() {
        return waits.size();
    }

    private static boolean isApiCall(Attempt attempt) {
        return !"download".equals(attempt.operation());
    }

    /** The open observations of the calls of an attempt's kind: API calls, or downloads. */
    private ConcurrentMap<Long, Observation> callsOf(Attempt attempt) {
        return isApiCall(attempt) ? calls : downloads;
    }

    /** Starts a call's observation: under its wait's, for a status request a wait sent. */
    private Observation callObservation(Attempt attempt) {
        ScenextCallContext context = new ScenextCallContext(false, attempt);
        Observation observation = Observation.createNotStarted(callConvention,
                DefaultScenextCallObservationConvention.CALL, () -> context, observations);
        Observation wait = attempt.waitId().isPresent() ? waits.get(attempt.waitId().getAsLong()) : null;
        if (wait != null) {
            observation.parentObservation(wait);
        }
        return observation.start();
    }

    private void recordBytes(Attempt download) {
        if (meters != null && download.bytesTransferred().isPresent()) {
            DistributionSummary.builder(DOWNLOAD_BYTES).description("Bytes each Scenext download received")
                    .baseUnit("bytes").tags("outcome", DefaultScenextCallObservationConvention.outcome(download))
                    .register(meters).record(download.bytesTransferred().getAsLong());
        }
    }

    private static void end(Observation observation, Attempt attempt) {
        Observation.Context context = observation.getContext();
        if (context instanceof ScenextCallContext) { // not for a no-op observation (predicate, no-op registry)
            ((ScenextCallContext) context).attempt(attempt);
        }
        attempt.failure().ifPresent(observation::error);
        observation.stop();
    }

    private void onDelivery(WebhookResponse response) {
        if (meters == null) {
            return;
        }
        String reason = response.rejection().map(r -> r.reason().name())
                .orElse(DefaultScenextCallObservationConvention.NONE);
        Counter.builder(WEBHOOK_DELIVERIES).description("Scenext webhook deliveries handled, by result")
                .tags("result", response.outcome().name().toLowerCase(Locale.ROOT), "reason", reason)
                .register(meters).increment();
    }

    /** Observes API calls and downloads, and their attempts. */
    private final class CallInterceptor implements Interceptor {
        @Override
        public HttpRequest onRequest(Attempt attempt, HttpRequest request) {
            boolean api = isApiCall(attempt);
            // Kept even when observations are a no-op: the in-flight gauges count them.
            Observation parent = callsOf(attempt).computeIfAbsent(attempt.callId(), id -> callObservation(attempt));
            if (observations.isNoop()) {
                return request;
            }
            ScenextCallContext context = new ScenextCallContext(true, attempt);
            // Only API requests carry trace headers: a download goes to the object store's signed URL.
            HttpRequest.Builder carrier = api ? request.toBuilder() : null;
            context.setCarrier(carrier);
            Observation observation = Observation.createNotStarted(attemptConvention,
                    DefaultScenextCallObservationConvention.ATTEMPT, () -> context, observations);
            observation.parentObservation(parent);
            observation.start();
            Observation earlier = attempts.put(attempt.callId(), observation);
            if (earlier != null) {
                earlier.stop(); // cannot happen: one attempt of a call at a time
            }
            return carrier != null ? carrier.build() : request;
        }

        @Override
        public void onAttemptEnd(Attempt attempt) {
            Observation observation = attempts.remove(attempt.callId());
            if (observation != null) {
                end(observation, attempt);
            }
        }

        @Override
        public void onCallEnd(Attempt lastAttempt) {
            Observation open = attempts.remove(lastAttempt.callId()); // an attempt cut short by a cancel or close
            if (open != null) {
                end(open, lastAttempt);
            }
            Observation call = callsOf(lastAttempt).remove(lastAttempt.callId());
            if (call == null) { // ended before its first attempt
                call = callObservation(lastAttempt);
            }
            end(call, lastAttempt);
            if (!isApiCall(lastAttempt)) {
                recordBytes(lastAttempt);
            }
        }
    }

    /** Observes waits, and records their polls, frames and webhook lag. */
    private final class WaitRecorder implements WaitObserver {
        @Override
        public void onWaitStarted(ObservedWait wait) {
            ScenextWaitContext context = new ScenextWaitContext(wait);
            waits.put(wait.id(), Observation.createNotStarted(waitConvention,
                    DefaultScenextWaitObservationConvention.INSTANCE, () -> context, observations).start());
        }

        @Override
        public void onWaitEnded(ObservedWait wait) {
            Observation observation = waits.remove(wait.id());
            if (observation != null) {
                Observation.Context context = observation.getContext();
                if (context instanceof ScenextWaitContext) { // not for a no-op observation
                    ((ScenextWaitContext) context).observedWait(wait);
                }
                wait.failure().ifPresent(observation::error);
                observation.stop();
            }
            if (meters == null) {
                return;
            }
            String outcome = wait.outcome().map(Enum::name).orElse(DefaultScenextWaitObservationConvention.RUNNING);
            Tags tags = Tags.of("outcome", outcome,
                    "ended.by", wait.endedBy().map(Enum::name).orElse(DefaultScenextWaitObservationConvention.RUNNING));
            DistributionSummary.builder(WAIT_POLLS).description("Status requests sent by each wait for a task")
                    .baseUnit("requests").tags(tags).register(meters).record(wait.polls());
            DistributionSummary.builder(WAIT_FRAMES).description("Storyboard frames seen by each wait for a task")
                    .baseUnit("frames").tags(tags).register(meters).record(wait.frames());
            if (wait.webhookLag().isPresent()) {
                Duration lag = wait.webhookLag().get();
                Timer.builder(WEBHOOK_LAG).description("Time from a webhook event's timestamp to its receipt, for "
                        + "waits it ended (negative lags, from a clock running ahead, count as 0)")
                        .tags("outcome", outcome).register(meters).record(lag.isNegative() ? Duration.ZERO : lag);
            }
        }
    }

    /** Builds a {@link ScenextObservability}. Not thread-safe. */
    public static final class Builder {
        private ObservationRegistry observations;
        private MeterRegistry meters;
        private ScenextCallObservationConvention callConvention;
        private ScenextCallObservationConvention attemptConvention;
        private ScenextWaitObservationConvention waitConvention;

        private Builder() {
        }

        /**
         * Sets where observations go: their handlers make timers, spans (with micrometer-tracing) or logs.
         *
         * @param registry the registry
         * @return this builder
         */
        public Builder observationRegistry(ObservationRegistry registry) {
            this.observations = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /**
         * Sets where gauges, counters and distributions go; without an observation registry, the observations
         * become timers here too.
         *
         * @param registry the registry
         * @return this builder
         */
        public Builder meterRegistry(MeterRegistry registry) {
            this.meters = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /**
         * Replaces the names and keys of whole calls' observations (default
         * {@link DefaultScenextCallObservationConvention#CALL}).
         *
         * @param convention the convention
         * @return this builder
         */
        public Builder callConvention(ScenextCallObservationConvention convention) {
            this.callConvention = Objects.requireNonNull(convention, "convention");
            return this;
        }

        /**
         * Replaces the names and keys of attempts' observations (default
         * {@link DefaultScenextCallObservationConvention#ATTEMPT}).
         *
         * @param convention the convention
         * @return this builder
         */
        public Builder attemptConvention(ScenextCallObservationConvention convention) {
            this.attemptConvention = Objects.requireNonNull(convention, "convention");
            return this;
        }

        /**
         * Replaces the names and keys of waits' observations (default
         * {@link DefaultScenextWaitObservationConvention#INSTANCE}).
         *
         * @param convention the convention
         * @return this builder
         */
        public Builder waitConvention(ScenextWaitObservationConvention convention) {
            this.waitConvention = Objects.requireNonNull(convention, "convention");
            return this;
        }

        /**
         * Builds the instrumentation, registering its gauges when there is a meter registry.
         *
         * @return the instrumentation
         * @throws ConfigurationException when neither registry was given
         */
        public ScenextObservability build() {
            return new ScenextObservability(this);
        }
    }
}
