package cn.scenext.micrometer;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and keys of the observations of API calls and their attempts. Implement it to change them, and pass
 * it to {@link ScenextObservability.Builder#callConvention}; {@link DefaultScenextCallObservationConvention}
 * is the default.
 */
public interface ScenextCallObservationConvention extends ObservationConvention<ScenextCallContext> {

    @Override
    default boolean supportsContext(Observation.Context context) {
        return context instanceof ScenextCallContext;
    }
}
