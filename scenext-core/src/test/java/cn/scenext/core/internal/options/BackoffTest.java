package cn.scenext.core.internal.options;

import static org.assertj.core.api.Assertions.assertThat;

import cn.scenext.core.RetryPolicy;
import cn.scenext.core.poll.PollPolicy;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void growsByTheMultiplierUpToTheMaxThenStays() {
        Backoff b = Backoff.of(Duration.ofSeconds(1), Duration.ofSeconds(10), 3, 0, Duration.ZERO);

        assertThat(b.delay(1, 0.5)).isEqualTo(Duration.ofSeconds(1));
        assertThat(b.delay(2, 0.5)).isEqualTo(Duration.ofSeconds(3));
        assertThat(b.delay(3, 0.5)).isEqualTo(Duration.ofSeconds(9));
        assertThat(b.delay(4, 0.5)).isEqualTo(Duration.ofSeconds(10));
        assertThat(b.delay(Integer.MAX_VALUE, 0.5)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void theFloorHoldsEvenUnderFullJitter() {
        Backoff b = Backoff.of(Duration.ofSeconds(2), Duration.ofSeconds(2), 1, 1, Duration.ofSeconds(1));

        assertThat(b.delay(1, 0.0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(b.delay(1, 0.5)).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void retryAndPollPoliciesComputeTheSameSequenceForTheSameSettings() {
        RetryPolicy retry = RetryPolicy.builder().initialBackoff(Duration.ofSeconds(5))
                .maxBackoff(Duration.ofMinutes(1)).multiplier(2).jitter(0.1).build();
        PollPolicy poll = PollPolicy.builder().initialInterval(Duration.ofSeconds(5))
                .maxInterval(Duration.ofMinutes(1)).multiplier(2).jitter(0.1).build();
        Random random = new Random(7);

        for (int n = 1; n <= 10; n++) {
            double r = random.nextDouble();
            assertThat(poll.intervalAfter(n, r)).as("step %d", n).isEqualTo(retry.backoff(n, r));
        }
    }
}
