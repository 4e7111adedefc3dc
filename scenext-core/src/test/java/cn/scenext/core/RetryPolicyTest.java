package cn.scenext.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    @Test
    void retryDelayHonoursRetryAfterUpToItsCapElseBacksOff() {
        RetryPolicy p = RetryPolicy.builder().jitter(0).maxRetryAfter(Duration.ofSeconds(60)).build();

        assertThat(p.retryDelay(1, Duration.ofSeconds(5), 0.5)).isEqualTo(Duration.ofSeconds(5));
        assertThat(p.retryDelay(1, Duration.ofSeconds(600), 0.5)).isEqualTo(Duration.ofSeconds(60));
        assertThat(p.retryDelay(2, null, 0.5)).isEqualTo(Duration.ofSeconds(1));
    }
}
