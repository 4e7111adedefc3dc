package cn.scenext.core.harness;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The wait harness as a JUnit entry point, tagged {@code harness} and left out of ordinary builds (see
 * {@link WaitHarness} for the command). It checks only that every wait completed and that each task was polled
 * as often as it needed; the figures are printed, not asserted.
 */
@Tag("harness")
class WaitHarnessTest {

    @Test
    void tenThousandConcurrentWaitsComplete() throws InterruptedException {
        WaitHarness.Config config = WaitHarness.Config.parse(System.getProperty("harness.args", "").trim().isEmpty()
                ? new String[0] : System.getProperty("harness.args").trim().split("\\s+"));

        WaitHarness.Result result = WaitHarness.run(config);

        System.out.println("Wait harness: " + config + ", max heap " + Runtime.getRuntime().maxMemory() / 1048576
                + " MiB\n" + result);
        assertThat(result.completed).isEqualTo(config.tasks);
        assertThat(result.statusRequests).isEqualTo((long) config.tasks * config.pollsToComplete);
    }
}
