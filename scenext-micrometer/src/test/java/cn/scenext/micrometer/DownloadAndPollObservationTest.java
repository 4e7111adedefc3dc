package cn.scenext.micrometer;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.scenext.api.GenerateVideoRequest;
import cn.scenext.api.TaskId;
import cn.scenext.api.TaskStatus;
import cn.scenext.api.exception.DownloadException;
import cn.scenext.core.ScenextClient;
import cn.scenext.core.download.DownloadOptions;
import cn.scenext.core.poll.PollPolicy;
import cn.scenext.core.poll.WaitOptions;
import cn.scenext.testkit.Endpoint;
import cn.scenext.testkit.Fault;
import cn.scenext.testkit.ScenextSimulator;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationView;
import io.micrometer.observation.tck.TestObservationRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole download is one {@code scenext.client.call} observation ({@code operation=download}) with its requests
 * as child attempts, counted in its own in-flight gauge and in the bytes summary; the status requests of a wait
 * are observed under the wait's observation. Against the testkit simulator over the JDK transport; nothing
 * asserted on time.
 */
class DownloadAndPollObservationTest {
    private static final long GUARD_SECONDS = 60;
    private static final WaitOptions QUICK_POLLS = WaitOptions.builder()
            .pollPolicy(PollPolicy.fixed(Duration.ofMillis(50)).withFloor(Duration.ofMillis(10))).build();

    @TempDir
    Path dir;

    private final ScenextSimulator sim = ScenextSimulator.builder().taskDuration(Duration.ofDays(1))
            .framesPerTask(1).start();
    private final TestObservationRegistry observations = TestObservationRegistry.create();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    /** Every observation's context as it stopped, in order. */
    private final List<Observation.Context> stopped = new CopyOnWriteArrayList<>();
    private final ScenextObservability observability;

    DownloadAndPollObservationTest() {
        observations.observationConfig().observationHandler(new ObservationHandler<Observation.Context>() {
            @Override
            public void onStop(Observation.Context context) {
                stopped.add(context);
            }

            @Override
            public boolean supportsContext(Observation.Context context) {
                return true;
            }
        });
        observability = ScenextObservability.builder().observationRegistry(observations).meterRegistry(meters)
                .build();
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private ScenextClient client() {
        return observability.instrument(sim.newClient().transport("jdk")).build();
    }

    private TaskStatus completedTask(ScenextClient client) {
        TaskId id = client.generateVideo(GenerateVideoRequest.ofQuestion("What is Fourier series"));
        sim.completeTask(id);
        return client.getStatus(id);
    }

    private List<ScenextCallContext> calls(String operation, boolean attempt) {
        return stopped.stream().filter(c -> c instanceof ScenextCallContext).map(c -> (ScenextCallContext) c)
                .filter(c -> c.isAttempt() == attempt)
                .filter(c -> DefaultScenextCallObservationConvention.operation(c.attempt()).equals(operation))
                .collect(Collectors.toList());
    }

    private double gauge(String name) {
        return meters.get(name).gauge().value();
    }

    @Test
    void aRetriedDownloadIsOneCallObservationOverItsRequestsWithItsBytes() throws IOException {
        List<double[]> gaugesDuring = new CopyOnWriteArrayList<>();
        Path saved;
        try (ScenextClient client = client()) {
            TaskStatus done = completedTask(client);
            sim.inject(Endpoint.FILES, Fault.status(503), 1);

            saved = client.download(done, dir.resolve("v.mp4"), DownloadOptions.builder()
                    .progressListener((bytes, total) -> gaugesDuring.add(new double[] {
                        gauge(ScenextObservability.DOWNLOADS_IN_FLIGHT), gauge(ScenextObservability.CALLS_IN_FLIGHT),
                        observability.downloadsInFlight()}))
                    .build());
        }
        long size = Files.size(saved);

        assertThat(observations).hasAnObservation(o -> o.hasNameEqualTo("scenext.client.call")
                .hasContextualNameEqualTo("scenext download")
                .hasLowCardinalityKeyValue("operation", "download")
                .hasLowCardinalityKeyValue("outcome", "SUCCESS")
                .hasLowCardinalityKeyValue("status", "200")
                .hasLowCardinalityKeyValue("transport", "jdk")
                .hasLowCardinalityKeyValue("attempts", "2")
                .hasHighCardinalityKeyValue("scenext.download.bytes", String.valueOf(size))
                .hasHighCardinalityKeyValueWithKey("scenext.task.id")
                .doesNotHaveError());
        List<ScenextCallContext> downloadCalls = calls("download", false);
        assertThat(downloadCalls).hasSize(1);
        List<ScenextCallContext> requests = calls("download", true);
        assertThat(requests).hasSize(2).allSatisfy(r -> assertThat(r.getParentObservation().getContextView())
                .isSameAs(downloadCalls.get(0)));
        assertThat(requests).extracting(r -> r.getLowCardinalityKeyValue("retry").getValue())
                .containsExactly("0", "1");
        assertThat(requests).extracting(r -> r.getLowCardinalityKeyValue("status").getValue())
                .containsExactly("503", "200");

        DistributionSummary bytes = meters.get(ScenextObservability.DOWNLOAD_BYTES).tags("outcome", "SUCCESS")
                .summary();
        assertThat(bytes.count()).isEqualTo(1);
        assertThat(bytes.totalAmount()).isEqualTo((double) size);
        assertThat(bytes.getId().getBaseUnit()).isEqualTo("bytes");
        // While it ran: one download in flight, and no API call (downloads are counted apart).
        assertThat(gaugesDuring).isNotEmpty().allSatisfy(g -> assertThat(g).containsExactly(1.0, 0.0, 1.0));
        assertThat(gauge(ScenextObservability.DOWNLOADS_IN_FLIGHT)).isZero();
        assertThat(gauge(ScenextObservability.CALLS_IN_FLIGHT)).isZero();
    }

    @Test
    void aFailedDownloadEndsWithItsReasonAsOutcomeAndItsLastStatus() {
        try (ScenextClient client = client()) {
            TaskStatus done = completedTask(client);
            sim.inject(Endpoint.FILES, Fault.status(404), 1);

            assertThatThrownBy(() -> client.download(done, dir.resolve("v.mp4")))
                    .isInstanceOf(DownloadException.class);
        }

        assertThat(observations).hasAnObservation(o -> o.hasNameEqualTo("scenext.client.call")
                .hasLowCardinalityKeyValue("operation", "download")
                .hasLowCardinalityKeyValue("outcome", "DOWNLOAD_HTTP_ERROR")
                .hasLowCardinalityKeyValue("status", "404")
                .hasLowCardinalityKeyValue("attempts", "1")
                .hasHighCardinalityKeyValue("scenext.download.bytes", "0")
                .hasError());
        assertThat(meters.get(ScenextObservability.DOWNLOAD_BYTES).tags("outcome", "DOWNLOAD_HTTP_ERROR").summary()
                .count()).isEqualTo(1);
        assertThat(gauge(ScenextObservability.DOWNLOADS_IN_FLIGHT)).isZero();
    }

    @Test
    void aDownloadIsATimerWithTheCallsKeysInAPlainMeterRegistry() {
        SimpleMeterRegistry plain = new SimpleMeterRegistry();
        ScenextObservability metersOnly = ScenextObservability.builder().meterRegistry(plain).build();
        try (ScenextClient client = metersOnly.instrument(sim.newClient().transport("jdk")).build()) {
            client.download(completedTask(client), dir.resolve("v.mp4"));
        }

        Timer download = plain.get("scenext.client.call").tags("operation", "download", "outcome", "SUCCESS",
                "status", "200", "transport", "jdk", "attempts", "1", "error", "none").timer();
        assertThat(download.count()).isEqualTo(1);
        // The same keys as the API calls' timers, as Prometheus requires of one name.
        Timer create = plain.get("scenext.client.call").tags("operation", "create").timer();
        assertThat(download.getId().getTags()).extracting(t -> t.getKey())
                .containsExactlyElementsOf(create.getId().getTags().stream().map(t -> t.getKey())
                        .collect(Collectors.toList()));
        assertThat(plain.get(ScenextObservability.DOWNLOAD_BYTES).summary().count()).isEqualTo(1);
    }

    @Test
    void theStatusRequestsOfAWaitAreObservedUnderTheWait() throws Exception {
        try (ScenextClient client = client()) {
            TaskId id = client.generateVideo(GenerateVideoRequest.ofQuestion("What is Fourier series"));
            CompletableFuture<TaskStatus> wait = client.waitForCompletionAsync(id, QUICK_POLLS);
            sim.completeTask(id);
            wait.get(GUARD_SECONDS, TimeUnit.SECONDS);
            client.getStatus(id); // the application's own: under no wait
        }

        List<ScenextWaitContext> waits = stopped.stream().filter(c -> c instanceof ScenextWaitContext)
                .map(c -> (ScenextWaitContext) c).collect(Collectors.toList());
        assertThat(waits).hasSize(1);
        ScenextWaitContext waitContext = waits.get(0);
        List<ScenextCallContext> statusCalls = calls("status", false);
        List<ScenextCallContext> polls = statusCalls.stream().filter(c -> c.attempt().waitId().isPresent())
                .collect(Collectors.toList());
        assertThat(polls).hasSize(waitContext.observedWait().polls()).isNotEmpty()
                .allSatisfy(p -> assertThat(p.getParentObservation().getContextView()).isSameAs(waitContext))
                .allSatisfy(p -> assertThat(p.attempt().waitId()).hasValue(waitContext.observedWait().id()));
        // Each poll's attempt is under its poll, so a trace reads wait > poll > attempt.
        assertThat(calls("status", true)).filteredOn(a -> a.attempt().waitId().isPresent())
                .allSatisfy(a -> assertThat(polls).contains((ScenextCallContext) a.getParentObservation()
                        .getContextView()));
        assertThat(statusCalls).filteredOn(c -> !c.attempt().waitId().isPresent()).singleElement()
                .satisfies(c -> assertThat(parentContext(c) instanceof ScenextWaitContext).isFalse());
    }

    private static Object parentContext(Observation.Context context) {
        ObservationView parent = context.getParentObservation();
        return parent == null ? null : parent.getContextView();
    }
}
