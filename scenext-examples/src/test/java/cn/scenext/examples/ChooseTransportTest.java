package cn.scenext.examples;

import static org.assertj.core.api.Assertions.assertThat;

import cn.scenext.api.GenerateVideoRequest;
import cn.scenext.api.TaskId;
import cn.scenext.core.ScenextClient;
import cn.scenext.testkit.Endpoint;
import cn.scenext.testkit.ScenextSimulator;
import cn.scenext.testkit.ScenextSimulatorExtension;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ChooseTransportTest {
    @RegisterExtension
    static ScenextSimulatorExtension scenext = ScenextSimulatorExtension.create()
            .simulator(sim -> sim.taskDuration(Duration.ofMinutes(10)));      // still running when each client reads it

    @Test
    void eachWayOfChoosingGivesItsTransportAndWorks(ScenextClient client, ScenextSimulator simulator) {
        TaskId id = client.generateVideo(GenerateVideoRequest.ofQuestion("What is 1 + 1?"));
        ExampleTesting.Console console = new ExampleTesting.Console();

        List<String> used = ChooseTransport.run(simulator::newClient, console.out, Optional.of(id));

        // Automatic is okhttp: the highest priority, as long as SCENEXT_TRANSPORT does not name another.
        assertThat(used).containsExactly("okhttp", "jdk", "retrofit", "apache");
        assertThat(console.lines()).contains(
                "automatic: okhttp, " + id + " is IN_PROGRESS",
                "by name: jdk, " + id + " is IN_PROGRESS",
                "by system property: retrofit, " + id + " is IN_PROGRESS",
                "by instance: apache, " + id + " is IN_PROGRESS");
        assertThat(simulator.requests(Endpoint.GET_STATUS))
                .extracting(request -> request.headers().firstValue("User-Agent").orElse(""))
                .satisfiesExactly(
                        ua -> assertThat(ua).contains("(okhttp;"),
                        ua -> assertThat(ua).contains("(jdk;"),
                        ua -> assertThat(ua).contains("(retrofit;"),
                        ua -> assertThat(ua).contains("(apache;"));
    }

    @Test
    void printsTheTransportsOnTheClasspathAndRefusesAnUnknownName(ScenextSimulator simulator) {
        ExampleTesting.Console console = new ExampleTesting.Console();

        ChooseTransport.run(simulator::newClient, console.out, Optional.empty());

        assertThat(console.lines()).first().isEqualTo(
                "On the classpath: okhttp (priority 40), apache (priority 30), retrofit (priority 20), jdk (priority 10)");
        assertThat(console.lines()).filteredOn(line -> line.startsWith("netty: "))
                .singleElement().asString().contains("No Scenext transport named \"netty\"", "Available: okhttp");
        assertThat(System.getProperty("scenext.transport")).isNull();
        assertThat(simulator.requests()).isEmpty();
    }
}
