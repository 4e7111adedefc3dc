package cn.scenext.core.poll;

import cn.scenext.core.internal.poll.PollRateLimiter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.scenext.api.exception.ValidationException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PollPolicyTest {

    @Test
    void defaultPollsAtOnceThenEveryThirtySecondsWithinTenPercent() {
        PollPolicy p = PollPolicy.defaults();

        assertThat(p.firstPollDelay()).isZero();
        assertThat(p.intervalAfter(1, 0.0)).isEqualTo(Duration.ofSeconds(27));
        assertThat(p.intervalAfter(7, 0.5)).isEqualTo(Duration.ofSeconds(30));
        assertThat(p.intervalAfter(100, 0.999_999)).isBetween(Duration.ofMillis(32_999), Duration.ofSeconds(33));
    }

    @Test
    void backoffGrowsByTheMultiplierUpToTheMax() {
        PollPolicy p = PollPolicy.backoff(Duration.ofSeconds(5), Duration.ofSeconds(60), 2.0).withJitter(0);

        assertThat(p.intervalAfter(1, 0.3)).isEqualTo(Duration.ofSeconds(5));
        assertThat(p.intervalAfter(2, 0.3)).isEqualTo(Duration.ofSeconds(10));
        assertThat(p.intervalAfter(4, 0.3)).isEqualTo(Duration.ofSeconds(40));
        assertThat(p.intervalAfter(5, 0.3)).isEqualTo(Duration.ofSeconds(60));
        assertThat(p.intervalAfter(50, 0.3)).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void jitterNeverTakesAnIntervalBelowTheFloor() {
        PollPolicy p = PollPolicy.fixed(Duration.ofSeconds(1)).withJitter(0.5);

        assertThat(p.intervalAfter(3, 0.0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(p.intervalAfter(3, 0.99)).isGreaterThan(Duration.ofSeconds(1));
    }

    @Test
    void pollingFasterThanTheFloorIsRefusedUnlessTheFloorIsLowered() {
        PollPolicy fast = PollPolicy.fixed(Duration.ofMillis(100));

        assertThatThrownBy(() -> WaitOptions.builder().pollPolicy(fast))
                .isInstanceOf(ValidationException.class).hasMessageContaining("withFloor");
        assertThatThrownBy(() -> WaitOptions.builder().pollPolicy(
                PollPolicy.backoff(Duration.ofMillis(200), Duration.ofSeconds(10), 2)))
                .isInstanceOf(ValidationException.class);

        WaitOptions allowed = WaitOptions.builder().pollPolicy(fast.withFloor(Duration.ofMillis(100))).build();
        assertThat(allowed.pollPolicy().intervalAfter(1, 0.0)).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void firstPollMayBeDelayed() {
        assertThat(PollPolicy.defaults().withFirstPollAfter(Duration.ofMinutes(2)).firstPollDelay())
                .isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void badValuesGetTypedErrorsNamingTheField() {
        assertThatThrownBy(() -> PollPolicy.fixed(Duration.ZERO)).isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).field()).contains("interval"));
        assertThatThrownBy(() -> PollPolicy.backoff(Duration.ofSeconds(10), Duration.ofSeconds(5), 2))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> PollPolicy.backoff(Duration.ofSeconds(1), Duration.ofSeconds(5), 0.5))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> PollPolicy.defaults().withJitter(0.9)).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> PollPolicy.defaults().withFirstPollAfter(Duration.ofSeconds(-1)))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> WaitOptions.builder().timeout(Duration.ZERO)).isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).field()).contains("timeout"));
    }

    @Test
    void policiesAreValues() {
        assertThat(PollPolicy.fixed(Duration.ofSeconds(30))).isEqualTo(PollPolicy.defaults())
                .hasSameHashCodeAs(PollPolicy.defaults());
        assertThat(PollPolicy.defaults().withJitter(0)).isNotEqualTo(PollPolicy.defaults());
        assertThat(PollPolicy.defaults().toString()).contains("PT30S");
    }

    @Test
    void rateLimiterHandsOutSlotsOneSpacingApart() {
        PollRateLimiter limiter = PollRateLimiter.of(4);

        assertThat(limiter.reserve(0)).isEqualTo(0);
        assertThat(limiter.reserve(0)).isEqualTo(250_000_000L);
        assertThat(limiter.reserve(100_000_000L)).isEqualTo(500_000_000L);
        assertThat(limiter.reserve(2_000_000_000L)).isEqualTo(2_000_000_000L);
        assertThat(PollRateLimiter.of(0)).isNull();
    }
}
