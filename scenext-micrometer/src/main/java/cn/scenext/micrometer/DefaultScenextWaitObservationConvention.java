package cn.scenext.micrometer;

import cn.scenext.core.poll.ObservedWait;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

/**
 * The default name and keys of task waits ({@value #NAME}). Low-cardinality keys (on metrics and traces):
 * {@code outcome} ({@code COMPLETED}, {@code FAILED}, {@code TIMEOUT}, {@code CANCELLED}, {@code CLOSED},
 * {@code ERROR}; {@code RUNNING} until the end) and {@code ended.by} ({@code POLL}, {@code WEBHOOK},
 * {@code TIMEOUT}, {@code CANCEL}, {@code CLOSE}). High-cardinality (traces only): {@code scenext.task.id},
 * {@code scenext.wait.polls}, {@code scenext.wait.frames}, and {@code scenext.wait.webhook.lag.ms} for a wait a
 * webhook ended. See {@code docs/observability.md}.
 */
public class DefaultScenextWaitObservationConvention implements ScenextWaitObservationConvention {
    /** The name of the observation of one wait for a task, from its start to its end. */
    public static final String NAME = "scenext.task.wait";
    /** The value of {@code outcome} and {@code ended.by} while the wait runs. */
    public static final String RUNNING = "RUNNING";

    /** The shared instance. */
    public static final DefaultScenextWaitObservationConvention INSTANCE = new DefaultScenextWaitObservationConvention();

    /** Creates the convention; subclass it to change a key or two. */
    public DefaultScenextWaitObservationConvention() {
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public String getContextualName(ScenextWaitContext context) {
        return "scenext wait";
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(ScenextWaitContext context) {
        ObservedWait w = context.observedWait();
        return KeyValues.of(
                KeyValue.of("outcome", w.outcome().map(Enum::name).orElse(RUNNING)),
                KeyValue.of("ended.by", w.endedBy().map(Enum::name).orElse(RUNNING)));
    }

    @Override
    public KeyValues getHighCardinalityKeyValues(ScenextWaitContext context) {
        ObservedWait w = context.observedWait();
        KeyValues kv = KeyValues.of(
                KeyValue.of("scenext.task.id", w.taskId().value()),
                KeyValue.of("scenext.wait.polls", String.valueOf(w.polls())),
                KeyValue.of("scenext.wait.frames", String.valueOf(w.frames())));
        return w.webhookLag().map(lag -> kv.and("scenext.wait.webhook.lag.ms", String.valueOf(lag.toMillis())))
                .orElse(kv);
    }
}
