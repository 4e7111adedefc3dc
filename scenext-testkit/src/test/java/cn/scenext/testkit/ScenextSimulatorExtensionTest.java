package cn.scenext.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import cn.scenext.api.GenerateVideoRequest;
import cn.scenext.api.TaskId;
import cn.scenext.core.ScenextClient;
import java.time.Duration;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScenextSimulatorExtensionTest {
    @RegisterExtension
    static ScenextSimulatorExtension scenext = ScenextSimulatorExtension.create()
            .simulator(sim -> sim.taskDuration(Duration.ofMinutes(1)).framesPerTask(3))
            .client(client -> client.userAgentSuffix("extension-test/1"));

    private static ScenextSimulator first;

    @Test
    @Order(1)
    void injectsARunningSimulatorAndAClientPointedAtIt(ScenextClient client, ScenextSimulator simulator) {
        first = simulator;
        TaskId id = client.generateVideo(GenerateVideoRequest.ofQuestion("What is 1 + 1?"));

        assertThat(client.baseUrl()).isEqualTo(simulator.baseUrl());
        assertThat(simulator.findTask(id)).isPresent();
        assertThat(simulator.requests().get(0).headers().firstValue("User-Agent").get()).endsWith("extension-test/1");
        assertThat(scenext.getClient()).isSameAs(client);
    }

    @Test
    @Order(2)
    void sharesTheSimulatorAcrossTheClassButResetsIt(ScenextSimulator simulator) {
        assertThat(simulator).isSameAs(first);
        assertThat(simulator.tasks()).isEmpty();
        assertThat(simulator.requests()).isEmpty();
    }
}
