package cn.scenext.spring;

import cn.scenext.micrometer.ScenextObservability;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Instruments the auto-configured client with {@code scenext-micrometer} when it is on the classpath and the
 * application has an {@link ObservationRegistry} (Spring Boot's actuator makes one): observations of every API
 * call, attempt and task wait (timers through Boot's observation handlers, spans through micrometer-tracing when
 * present), and, with a {@link MeterRegistry}, the gauges of calls and waits in flight and the counter of webhook
 * deliveries by result. The names are listed in {@code docs/observability.md}.
 */
@AutoConfiguration(before = ScenextAutoConfiguration.class, afterName = {
    // Spring Boot 4
    "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration",
    "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
    "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration",
    // Spring Boot 3.5
    "org.springframework.boot.actuate.autoconfigure.observation.ObservationAutoConfiguration",
    "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
    "org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration"})
@ConditionalOnClass(name = {"cn.scenext.micrometer.ScenextObservability",
    "io.micrometer.observation.ObservationRegistry"})
@ConditionalOnBean(ObservationRegistry.class)
public class ScenextMicrometerAutoConfiguration {
    /** Created by Spring. */
    public ScenextMicrometerAutoConfiguration() {
    }

    /**
     * The instrumentation, on the application's registries.
     *
     * @param observations the observation registry
     * @param meters the meter registry, when there is one
     * @return the instrumentation
     */
    @Bean
    @ConditionalOnMissingBean
    public ScenextObservability scenextObservability(ObservationRegistry observations,
            ObjectProvider<MeterRegistry> meters) {
        ScenextObservability.Builder builder = ScenextObservability.builder().observationRegistry(observations);
        MeterRegistry registry = meters.getIfUnique();
        if (registry != null) {
            builder.meterRegistry(registry);
        }
        return builder.build();
    }

    /**
     * Instruments the client builder.
     *
     * @param observability the instrumentation
     * @return the customizer
     */
    @Bean
    public ScenextClientBuilderCustomizer scenextObservabilityCustomizer(ScenextObservability observability) {
        return observability::instrument;
    }
}
