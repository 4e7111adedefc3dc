package cn.scenext.core.poll;

import cn.scenext.core.internal.poll.PollRateLimiter;
import static cn.scenext.core.testing.Refusals.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.scenext.api.exception.InvalidValueException;
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
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("withFloor");
        assertThatThrownBy(() -> WaitOptions.builder().pollPolicy(
                PollPolicy.backoff(Duration.ofMillis(200), Duration.ofSeconds(10), 2)))
                .isInstanceOf(InvalidValueException.class);

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
        assertThatThrownBy(() -> PollPolicy.fixed(Duration.ZERO)).isInstanceOf(InvalidValueException.class)
                .satisfies(e -> assertThat(((InvalidValueException) e).field()).contains("interval"));
        assertThatThrownBy(() -> PollPolicy.backoff(Duration.ofSeconds(10), Duration.ofSeconds(5), 2))
                .isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> PollPolicy.backoff(Duration.ofSeconds(1), Duration.ofSeconds(5), 0.5))
                .isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> PollPolicy.defaults().withJitter(0.9)).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> PollPolicy.defaults().withFirstPollAfter(Duration.ofSeconds(-1)))
                .isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> WaitOptions.builder().timeout(Duration.ZERO)).isInstanceOf(InvalidValueException.class)
                .satisfies(e -> assertThat(((InvalidValueException) e).field()).contains("timeout"));
    }

    @Test
    void policiesAreValues() {
        assertThat(PollPolicy.fixed(Duration.ofSeconds(30))).isEqualTo(PollPolicy.defaults())
                .hasSameHashCodeAs(PollPolicy.defaults());
        assertThat(PollPolicy.defaults().withJitter(0)).isNotEqualTo(PollPolicy.defaults());
        assertThat(PollPolicy.defaults().toString()).contains("PT30S");
    }

    @Test
    void everyBuilderSettingIsCheckedWhereItIsSet() {
        assertRefused(() -> PollPolicy.builder().interval(Duration.ZERO), "interval");
        assertRefused(() -> PollPolicy.builder().initialInterval(Duration.ofSeconds(-1)), "initialInterval");
        assertRefused(() -> PollPolicy.builder().maxInterval(Duration.ZERO), "maxInterval");
        assertRefused(() -> PollPolicy.builder().multiplier(0.9), "multiplier");
        assertRefused(() -> PollPolicy.builder().multiplier(Double.NaN), "multiplier");
        assertRefused(() -> PollPolicy.builder().multiplier(Double.POSITIVE_INFINITY), "multiplier");
        assertRefused(() -> PollPolicy.builder().jitter(0.51), "jitter");
        assertRefused(() -> PollPolicy.builder().jitter(-0.01), "jitter");
        assertRefused(() -> PollPolicy.builder().firstPollDelay(Duration.ofMillis(-1)), "firstPollDelay");
        assertRefused(() -> PollPolicy.builder().floor(Duration.ZERO), "floor");
        assertRefused(() -> PollPolicy.defaults().withFloor(Duration.ZERO), "floor");
        assertRefused(() -> PollPolicy.defaults().intervalAfter(1, 1.0), "random");
        assertThatThrownBy(() -> PollPolicy.builder().interval(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("interval");
    }

    @Test
    void buildNamesBothIntervalsWhenTheLongestIsShorterThanTheInitial() {
        PollPolicy.Builder b = PollPolicy.builder().initialInterval(Duration.ofMinutes(1));

        assertThatThrownBy(b::build).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("maxInterval").hasMessageContaining("initialInterval")
                .satisfies(e -> assertThat(((InvalidValueException) e).field()).isEqualTo("maxInterval"));
        assertThat(b.maxInterval(Duration.ofMinutes(2)).build().maxInterval()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void theBuilderStartsFromTheDefaultsAndAFixedIntervalSetsBothEnds() {
        assertThat(PollPolicy.builder().build()).isEqualTo(PollPolicy.defaults());
        assertThat(PollPolicy.builder().interval(Duration.ofSeconds(10)).build())
                .isEqualTo(PollPolicy.fixed(Duration.ofSeconds(10)));
        assertThat(PollPolicy.builder().interval(Duration.ofMinutes(2)).build().maxInterval())
                .isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void toBuilderRoundTripsEverySetting() {
        PollPolicy p = PollPolicy.builder().initialInterval(Duration.ofSeconds(4)).maxInterval(Duration.ofSeconds(40))
                .multiplier(1.5).jitter(0.3).firstPollDelay(Duration.ofSeconds(12)).floor(Duration.ofMillis(200))
                .build();

        PollPolicy copy = p.toBuilder().build();

        assertThat(copy).isEqualTo(p).hasSameHashCodeAs(p).hasToString(p.toString());
        assertThat(copy.initialInterval()).isEqualTo(Duration.ofSeconds(4));
        assertThat(copy.maxInterval()).isEqualTo(Duration.ofSeconds(40));
        assertThat(copy.multiplier()).isEqualTo(1.5);
        assertThat(copy.jitter()).isEqualTo(0.3);
        assertThat(copy.firstPollDelay()).isEqualTo(Duration.ofSeconds(12));
        assertThat(copy.floor()).isEqualTo(Duration.ofMillis(200));
        assertThat(p.toBuilder().jitter(0).build()).isEqualTo(p.withJitter(0)).isNotEqualTo(p);
    }

    @Test
    void theWithMethodsEqualTheBuilder() {
        PollPolicy p = PollPolicy.backoff(Duration.ofSeconds(5), Duration.ofMinutes(1), 2.0);

        assertThat(p.withFirstPollAfter(Duration.ofSeconds(3)))
                .isEqualTo(p.toBuilder().firstPollDelay(Duration.ofSeconds(3)).build());
        assertThat(p.withFloor(Duration.ofMillis(10))).isEqualTo(p.toBuilder().floor(Duration.ofMillis(10)).build());
        assertThat(p).isEqualTo(PollPolicy.builder().initialInterval(Duration.ofSeconds(5))
                .maxInterval(Duration.ofMinutes(1)).multiplier(2.0).build());
    }

    @Test
    void waitOptionsRoundTripThroughToBuilder() {
        WaitOptions o = WaitOptions.builder().pollPolicy(PollPolicy.fixed(Duration.ofSeconds(10)))
                .timeout(Duration.ofMinutes(7)).throwOnTaskFailure(false).refreshStatusOnWebhook(true)
                .maxRepeatedFailures(5).callbackExecutor(Runnable::run).build();

        WaitOptions copy = o.toBuilder().build();

        assertThat(copy.pollPolicy()).isEqualTo(o.pollPolicy());
        assertThat(copy.timeout()).isEqualTo(Duration.ofMinutes(7));
        assertThat(copy.throwOnTaskFailure()).isFalse();
        assertThat(copy.refreshStatusOnWebhook()).isTrue();
        assertThat(copy.maxRepeatedFailures()).isEqualTo(5);
        assertThat(copy.callbackExecutor()).isSameAs(o.callbackExecutor());
        assertThat(copy.progressListener()).isSameAs(o.progressListener());
        assertThat(copy).hasToString(o.toString());
        assertThat(o.toBuilder().timeout(Duration.ofMinutes(8)).build().timeout()).isEqualTo(Duration.ofMinutes(8));
        assertThat(o.timeout()).isEqualTo(Duration.ofMinutes(7));
    }

    @Test
    void everyWaitOptionIsCheckedWhereItIsSet() {
        assertRefused(() -> WaitOptions.builder().timeout(Duration.ofSeconds(-1)), "timeout");
        assertRefused(() -> WaitOptions.builder().maxRepeatedFailures(0), "maxRepeatedFailures");
        assertRefused(() -> WaitOptions.builder().pollPolicy(PollPolicy.fixed(Duration.ofMillis(10))), "pollPolicy");
        assertThatThrownBy(() -> WaitOptions.builder().progressListener(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> WaitOptions.builder().callbackExecutor(null)).isInstanceOf(NullPointerException.class);
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
