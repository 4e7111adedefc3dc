package cn.scenext.spring;

import static org.assertj.core.api.Assertions.assertThat;

import cn.scenext.api.GenerateVideoRequest;
import cn.scenext.core.ScenextClient;
import cn.scenext.micrometer.ScenextObservability;
import cn.scenext.testkit.ScenextSimulator;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Micrometer instrumentation of the client bean: when it is configured, and that the client reports to it. */
class ScenextMicrometerAutoConfigurationTest {
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ScenextAutoConfiguration.class,
                    ScenextMicrometerAutoConfiguration.class))
            .withPropertyValues("scenext.transport=jdk");

    @Test
    void withoutAnObservationRegistryNothingIsInstrumented() {
        runner.withPropertyValues("scenext.api-key=sk-test-1234")
                .run(context -> assertThat(context).hasSingleBean(ScenextClient.class)
                        .doesNotHaveBean(ScenextObservability.class));
    }

    @Test
    void withoutScenextMicrometerNothingIsInstrumented() {
        runner.withPropertyValues("scenext.api-key=sk-test-1234").withUserConfiguration(Registries.class)
                .withClassLoader(new FilteredClassLoader(ScenextObservability.class))
                .run(context -> assertThat(context).hasSingleBean(ScenextClient.class)
                        .doesNotHaveBean(ScenextObservability.class));
    }

    @Test
    void theClientsCallsAndWaitsAreObservedInTheApplicationsRegistries() {
        try (ScenextSimulator sim = ScenextSimulator.start()) {
            runner.withUserConfiguration(Registries.class)
                    .withPropertyValues("scenext.api-key=" + sim.apiKey(), "scenext.base-url=" + sim.baseUrl())
                    .run(context -> {
                        assertThat(context).hasSingleBean(ScenextObservability.class);
                        ScenextClient client = context.getBean(ScenextClient.class);
                        client.getStatus(client.generateVideo(GenerateVideoRequest.ofQuestion("What is 1 + 1?")));
                        MeterRegistry meters = context.getBean(MeterRegistry.class);
                        assertThat(meters.find("scenext.client.call").tag("operation", "create").timer())
                                .isNotNull().satisfies(t -> assertThat(t.count()).isEqualTo(1));
                        assertThat(meters.find("scenext.client.call").tag("operation", "status")
                                .tag("transport", "jdk").timer()).isNotNull();
                        assertThat(meters.find(ScenextObservability.CALLS_IN_FLIGHT).gauge()).isNotNull()
                                .satisfies(g -> assertThat(g.value()).isZero());
                        assertThat(meters.find(ScenextObservability.WAITS_IN_FLIGHT).gauge()).isNotNull();
                    });
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Registries {
        @Bean
        SimpleMeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }

        @Bean
        ObservationRegistry observationRegistry(SimpleMeterRegistry meters) {
            ObservationRegistry registry = ObservationRegistry.create();
            registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
            return registry;
        }
    }
}
