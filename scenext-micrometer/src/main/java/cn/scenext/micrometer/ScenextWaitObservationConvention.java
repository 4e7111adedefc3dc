package cn.scenext.micrometer;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and keys of the observations of task waits. Implement it to change them, and pass it to
 * {@link ScenextObservability.Builder#waitConvention}; {@link DefaultScenextWaitObservationConvention} is the
 * default.
 */
public interface ScenextWaitObservationConvention extends ObservationConvention<ScenextWaitContext> {

    @Override
    default boolean supportsContext(Observation.Context context) {
        return context instanceof ScenextWaitContext;
    }
}
