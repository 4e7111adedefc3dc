package cn.scenext.spring;

import static org.assertj.core.api.Assertions.assertThat;

import cn.scenext.core.ScenextClient;
import cn.scenext.testkit.ScenextSimulator;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The opt-in health indicator (Spring Boot 4 only: Boot 3.5's health API lives in other packages). */
class ScenextHealthTest {
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ScenextAutoConfiguration.class,
                    ScenextHealthAutoConfiguration.class))
            .withPropertyValues("scenext.api-key=sk-test-1234", "scenext.transport=jdk");

    @Test
    void offUnlessAskedFor() {
        runner.run(context -> assertThat(context).doesNotHaveBean(HealthIndicator.class));
    }

    @Test
    void reportsTheClientsStateWithoutCallingTheApi() {
        // The base URL is a closed port: a health check that called the API would fail.
        runner.withPropertyValues("scenext.health.enabled=true", "scenext.base-url=http://127.0.0.1:1/")
                .run(context -> {
                    assertThat(context).hasBean("scenextHealthIndicator");
                    HealthIndicator indicator = context.getBean("scenextHealthIndicator", HealthIndicator.class);
                    Health up = indicator.health();
                    assertThat(up.getStatus()).isEqualTo(Status.UP);
                    assertThat(up.getDetails()).containsEntry("open", true).containsEntry("waitsInFlight", 0)
                            .containsEntry("callsInFlight", 0).containsEntry("downloadsInFlight", 0)
                            .containsEntry("transport", "jdk");
                    assertThat(up.getDetails().toString()).doesNotContain("sk-test-1234");

                    context.getBean(ScenextClient.class).close();
                    Health down = indicator.health();
                    assertThat(down.getStatus()).isEqualTo(Status.DOWN);
                    assertThat(down.getDetails()).containsEntry("open", false);
                });
    }

    @Test
    void countsTheWaitsInFlight() {
        try (ScenextSimulator sim = ScenextSimulator.builder().taskDuration(java.time.Duration.ofHours(1)).start()) {
            runner.withPropertyValues("scenext.health.enabled=true", "scenext.base-url=" + sim.baseUrl(),
                    "scenext.api-key=" + sim.apiKey()).run(context -> {
                        ScenextClient client = context.getBean(ScenextClient.class);
                        HealthIndicator indicator = context.getBean("scenextHealthIndicator", HealthIndicator.class);
                        cn.scenext.api.TaskId id = client.generateVideo(cn.scenext.api.GenerateVideoRequest.ofQuestion("q"));
                        java.util.concurrent.CompletableFuture<?> wait = client.waitForCompletionAsync(id,
                                cn.scenext.core.poll.WaitOptions.builder().pollPolicy(cn.scenext.core.poll.PollPolicy
                                        .fixed(java.time.Duration.ofHours(1))
                                        .withFirstPollAfter(java.time.Duration.ofHours(1))).build());
                        assertThat(indicator.health().getDetails()).containsEntry("waitsInFlight", 1);
                        wait.cancel(true);
                        assertThat(indicator.health().getDetails()).containsEntry("waitsInFlight", 0);
                    });
        }
    }
}
