package cn.scenext.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import cn.scenext.api.exception.InvalidValueException;
import java.time.Duration;
import java.util.Random;
import cn.scenext.core.testing.Refusals;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RetryPolicyTest {
    /** The highest random draw a caller can make: the largest double below 1. */
    private static final double ALMOST_ONE = Math.nextDown(1.0);

    private static RetryPolicy.Builder noJitter() {
        return RetryPolicy.builder().jitter(0);
    }

    private static void assertRefused(ThrowingCallable setter, String field, String inMessage) {
        Refusals.assertRefused(setter, field).hasMessageContaining(inMessage);
    }

    // ---- defaults -----------------------------------------------------------------------------------------

    @Test
    void defaultsAreTheDocumentedOnes() {
        RetryPolicy p = RetryPolicy.defaults();

        assertThat(p.maxRetries()).isEqualTo(2);
        assertThat(p.initialBackoff()).isEqualTo(Duration.ofMillis(500));
        assertThat(p.maxBackoff()).isEqualTo(Duration.ofSeconds(8));
        assertThat(p.multiplier()).isEqualTo(2.0);
        assertThat(p.jitter()).isEqualTo(0.2);
        assertThat(p.maxRetryAfter()).isEqualTo(Duration.ofSeconds(60));
        assertThat(p.maxElapsed()).isEqualTo(RetryPolicy.DEFAULT_TOTAL_TIMEOUT).isEqualTo(Duration.ofSeconds(60));
        assertThat(RetryPolicy.builder().build()).isEqualTo(p);
    }

    @Test
    void noneRetriesNothingAndKeepsTheOtherDefaults() {
        RetryPolicy none = RetryPolicy.none();

        assertThat(none.maxRetries()).isZero();
        assertThat(none).isEqualTo(RetryPolicy.defaults().toBuilder().maxRetries(0).build());
        assertThat(none.maxElapsed()).isEqualTo(RetryPolicy.DEFAULT_TOTAL_TIMEOUT);
    }

    // ---- every setter's bounds ----------------------------------------------------------------------------

    @Test
    void maxRetriesTakesZeroAndMoreOnly() {
        assertThat(RetryPolicy.builder().maxRetries(0).build().maxRetries()).isZero();
        assertThat(RetryPolicy.builder().maxRetries(Integer.MAX_VALUE).build().maxRetries())
                .isEqualTo(Integer.MAX_VALUE);
        assertRefused(() -> RetryPolicy.builder().maxRetries(-1), "maxRetries", "-1");
        assertRefused(() -> RetryPolicy.builder().maxRetries(Integer.MIN_VALUE), "maxRetries", "0 or more");
    }

    @Test
    void backoffDurationsTakeZeroAndMoreOnly() {
        RetryPolicy zero = RetryPolicy.builder().initialBackoff(Duration.ZERO).maxBackoff(Duration.ZERO).build();
        assertThat(zero.backoff(5, 0.9)).isZero();

        assertRefused(() -> RetryPolicy.builder().initialBackoff(Duration.ofNanos(-1)), "initialBackoff",
                "must not be negative");
        assertRefused(() -> RetryPolicy.builder().maxBackoff(Duration.ofSeconds(-1)), "maxBackoff",
                "must not be negative");
        assertRefused(() -> RetryPolicy.builder().maxRetryAfter(Duration.ofMillis(-1)), "maxRetryAfter",
                "must not be negative");
        assertThat(RetryPolicy.builder().maxRetryAfter(Duration.ZERO).build().maxRetryAfter()).isZero();
    }

    @Test
    void maxElapsedMustBePositive() {
        assertThat(RetryPolicy.builder().maxElapsed(Duration.ofNanos(1)).build().maxElapsed())
                .isEqualTo(Duration.ofNanos(1));
        assertRefused(() -> RetryPolicy.builder().maxElapsed(Duration.ZERO), "maxElapsed", "positive");
        assertRefused(() -> RetryPolicy.builder().maxElapsed(Duration.ofSeconds(-5)), "maxElapsed", "positive");
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.999, 0.0, -1.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void multiplierMustBeAFiniteNumberOfAtLeastOne(double bad) {
        assertRefused(() -> RetryPolicy.builder().multiplier(bad), "multiplier", "finite number >= 1");
    }

    @Test
    void multiplierOfOneGivesAConstantBackoff() {
        RetryPolicy p = noJitter().multiplier(1.0).initialBackoff(Duration.ofSeconds(3)).build();

        assertThat(p.backoff(1, 0.5)).isEqualTo(Duration.ofSeconds(3));
        assertThat(p.backoff(40, 0.5)).isEqualTo(Duration.ofSeconds(3));
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.01, 1.01, Double.NaN, Double.POSITIVE_INFINITY})
    void jitterMustBeBetweenZeroAndOne(double bad) {
        assertRefused(() -> RetryPolicy.builder().jitter(bad), "jitter", "between 0.0 and 1.0");
    }

    @Test
    void jitterTakesBothEnds() {
        assertThat(RetryPolicy.builder().jitter(0).build().jitter()).isZero();
        assertThat(RetryPolicy.builder().jitter(1).build().jitter()).isEqualTo(1.0);
    }

    @Test
    void nullsAreRefusedNamingTheSetting() {
        assertThatThrownBy(() -> RetryPolicy.builder().initialBackoff(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("initialBackoff");
        assertThatThrownBy(() -> RetryPolicy.builder().maxBackoff(null)).hasMessage("maxBackoff");
        assertThatThrownBy(() -> RetryPolicy.builder().maxRetryAfter(null)).hasMessage("maxRetryAfter");
        assertThatThrownBy(() -> RetryPolicy.builder().maxElapsed(null)).hasMessage("maxElapsed");
    }

    @Test
    void aRefusedValueLeavesTheBuilderAsItWas() {
        RetryPolicy.Builder b = RetryPolicy.builder().maxRetries(4);
        assertThatThrownBy(() -> b.maxRetries(-1)).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> b.jitter(2)).isInstanceOf(InvalidValueException.class);

        RetryPolicy p = b.build();
        assertThat(p.maxRetries()).isEqualTo(4);
        assertThat(p.jitter()).isEqualTo(0.2);
    }

    @Test
    void buildNamesBothSettingsOfTheRuleThatSpansThem() {
        RetryPolicy.Builder b = RetryPolicy.builder().initialBackoff(Duration.ofSeconds(10))
                .maxBackoff(Duration.ofSeconds(2));

        assertRefused(b::build, "maxBackoff", "initialBackoff");
        assertThat(b.maxBackoff(Duration.ofSeconds(10)).build().maxBackoff()).isEqualTo(Duration.ofSeconds(10));
    }

    // ---- the backoff sequence -----------------------------------------------------------------------------

    @Test
    void backoffDoublesFromTheInitialUpToTheCap() {
        RetryPolicy p = noJitter().initialBackoff(Duration.ofMillis(500)).maxBackoff(Duration.ofSeconds(8)).build();

        assertThat(p.backoff(1, 0.5)).isEqualTo(Duration.ofMillis(500));
        assertThat(p.backoff(2, 0.5)).isEqualTo(Duration.ofSeconds(1));
        assertThat(p.backoff(3, 0.5)).isEqualTo(Duration.ofSeconds(2));
        assertThat(p.backoff(4, 0.5)).isEqualTo(Duration.ofSeconds(4));
        assertThat(p.backoff(5, 0.5)).isEqualTo(Duration.ofSeconds(8));
        assertThat(p.backoff(6, 0.5)).isEqualTo(Duration.ofSeconds(8));
        assertThat(p.backoff(1_000, 0.5)).isEqualTo(Duration.ofSeconds(8));
        assertThat(p.backoff(Integer.MAX_VALUE, 0.5)).isEqualTo(Duration.ofSeconds(8));
    }

    @Test
    void aRetryNumberBelowOneCountsAsTheFirst() {
        RetryPolicy p = noJitter().build();

        assertThat(p.backoff(0, 0.5)).isEqualTo(p.backoff(1, 0.5));
        assertThat(p.backoff(-3, 0.5)).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void anotherMultiplierScalesEachStep() {
        RetryPolicy p = noJitter().initialBackoff(Duration.ofSeconds(1)).multiplier(1.5)
                .maxBackoff(Duration.ofMinutes(1)).build();

        assertThat(p.backoff(2, 0.5)).isEqualTo(Duration.ofMillis(1500));
        assertThat(p.backoff(3, 0.5)).isEqualTo(Duration.ofMillis(2250));
    }

    @Test
    void hugeDurationsSaturateInsteadOfOverflowing() {
        Duration century = Duration.ofDays(365L * 1000);
        RetryPolicy p = RetryPolicy.builder().jitter(1).initialBackoff(century).maxBackoff(century)
                .multiplier(1e300).build();

        assertThat(p.backoff(1, ALMOST_ONE)).isPositive();
        assertThat(p.backoff(1_000_000, ALMOST_ONE)).isPositive();
        assertThat(p.backoff(2, 0.0)).isZero();
    }

    // ---- jitter bounds ------------------------------------------------------------------------------------

    @Test
    void jitterSpreadsEachBackoffWithinItsBoundsAndNeverAboveTheCapTimesOnePlusJitter() {
        RetryPolicy p = RetryPolicy.builder().jitter(0.2).build();
        Random random = new Random(12);

        for (int retry = 1; retry <= 12; retry++) {
            long base = noJitter().build().backoff(retry, 0.5).toNanos();
            for (int i = 0; i < 500; i++) {
                long nanos = p.backoff(retry, random.nextDouble()).toNanos();
                assertThat(nanos).as("retry %d", retry).isBetween((long) (base * 0.8), (long) (base * 1.2));
                assertThat(nanos).isLessThanOrEqualTo((long) (p.maxBackoff().toNanos() * 1.2));
            }
        }
    }

    @Test
    void theRandomDrawMapsLinearlyOntoTheSpread() {
        RetryPolicy p = RetryPolicy.builder().jitter(0.2).initialBackoff(Duration.ofSeconds(10))
                .maxBackoff(Duration.ofSeconds(10)).build();

        assertThat(p.backoff(1, 0.0).toNanos()).isCloseTo(8_000_000_000L, within(1L));
        assertThat(p.backoff(1, 0.25).toNanos()).isCloseTo(9_000_000_000L, within(1L));
        assertThat(p.backoff(1, 0.5)).isEqualTo(Duration.ofSeconds(10));
        assertThat(p.backoff(1, 0.75).toNanos()).isCloseTo(11_000_000_000L, within(1L));
        assertThat(p.backoff(1, ALMOST_ONE)).isLessThanOrEqualTo(Duration.ofSeconds(12))
                .isGreaterThan(Duration.ofMillis(11_999));
    }

    @Test
    void fullJitterReachesFromZeroToTwiceTheBackoff() {
        RetryPolicy p = RetryPolicy.builder().jitter(1).initialBackoff(Duration.ofSeconds(1))
                .maxBackoff(Duration.ofSeconds(1)).build();

        assertThat(p.backoff(1, 0.0)).isZero();
        assertThat(p.backoff(1, ALMOST_ONE)).isLessThan(Duration.ofSeconds(2)).isGreaterThan(Duration.ofMillis(1999));
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.1, 1.0, 1.5, Double.NaN})
    void aRandomDrawOutsideZeroToOneIsRefused(double bad) {
        assertRefused(() -> RetryPolicy.defaults().backoff(1, bad), "random", "[0, 1)");
        assertRefused(() -> RetryPolicy.defaults().retryDelay(1, Duration.ofSeconds(1), bad), "random", "[0, 1)");
    }

    // ---- Retry-After --------------------------------------------------------------------------------------

    @Test
    void retryAfterIsHonouredUpToItsCapElseTheBackoffApplies() {
        RetryPolicy p = noJitter().maxRetryAfter(Duration.ofSeconds(60)).build();

        assertThat(p.retryDelay(1, Duration.ofSeconds(5), 0.5)).isEqualTo(Duration.ofSeconds(5));
        assertThat(p.retryDelay(1, Duration.ofSeconds(60), 0.5)).isEqualTo(Duration.ofSeconds(60));
        assertThat(p.retryDelay(1, Duration.ofSeconds(600), 0.5)).isEqualTo(Duration.ofSeconds(60));
        assertThat(p.retryDelay(2, null, 0.5)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void retryAfterIsNeitherJitteredNorBoundByTheBackoffCap() {
        RetryPolicy p = RetryPolicy.builder().jitter(1).maxBackoff(Duration.ofSeconds(1))
                .maxRetryAfter(Duration.ofMinutes(5)).build();

        assertThat(p.retryDelay(1, Duration.ofSeconds(30), 0.0)).isEqualTo(Duration.ofSeconds(30));
        assertThat(p.retryDelay(7, Duration.ofSeconds(30), ALMOST_ONE)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aRetryAfterInThePastMeansRetryAtOnceAndZeroMeansZero() {
        RetryPolicy p = RetryPolicy.defaults();

        assertThat(p.retryDelay(1, Duration.ofSeconds(-30), 0.5)).isZero();
        assertThat(p.retryDelay(1, Duration.ZERO, 0.5)).isZero();
    }

    @Test
    void aZeroCapIgnoresEveryRetryAfterWait() {
        RetryPolicy p = RetryPolicy.builder().maxRetryAfter(Duration.ZERO).build();

        assertThat(p.retryDelay(1, Duration.ofHours(1), 0.5)).isZero();
    }

    // ---- toBuilder and value semantics ---------------------------------------------------------------------

    @Test
    void toBuilderRoundTripsEverySetting() {
        RetryPolicy p = RetryPolicy.builder().maxRetries(7).initialBackoff(Duration.ofMillis(250))
                .maxBackoff(Duration.ofSeconds(20)).multiplier(3).jitter(0.35).maxRetryAfter(Duration.ofSeconds(90))
                .maxElapsed(Duration.ofMinutes(3)).build();

        RetryPolicy copy = p.toBuilder().build();

        assertThat(copy).isEqualTo(p).hasSameHashCodeAs(p).hasToString(p.toString());
        assertThat(copy.maxRetries()).isEqualTo(7);
        assertThat(copy.initialBackoff()).isEqualTo(Duration.ofMillis(250));
        assertThat(copy.maxBackoff()).isEqualTo(Duration.ofSeconds(20));
        assertThat(copy.multiplier()).isEqualTo(3.0);
        assertThat(copy.jitter()).isEqualTo(0.35);
        assertThat(copy.maxRetryAfter()).isEqualTo(Duration.ofSeconds(90));
        assertThat(copy.maxElapsed()).isEqualTo(Duration.ofMinutes(3));
        assertThat(copy.backoff(3, 0.1)).isEqualTo(p.backoff(3, 0.1));
    }

    @Test
    void toBuilderChangesOnlyWhatIsSetAndLeavesTheOriginalAlone() {
        RetryPolicy p = RetryPolicy.defaults();

        RetryPolicy changed = p.toBuilder().maxRetries(5).build();

        assertThat(changed.maxRetries()).isEqualTo(5);
        assertThat(changed).isNotEqualTo(p);
        assertThat(changed.toBuilder().maxRetries(2).build()).isEqualTo(p);
        assertThat(p.maxRetries()).isEqualTo(2);
    }

    @Test
    void eachSettingTakesPartInEquality() {
        RetryPolicy p = RetryPolicy.defaults();

        assertThat(p.toBuilder().maxRetries(3).build()).isNotEqualTo(p);
        assertThat(p.toBuilder().initialBackoff(Duration.ofMillis(400)).build()).isNotEqualTo(p);
        assertThat(p.toBuilder().maxBackoff(Duration.ofSeconds(9)).build()).isNotEqualTo(p);
        assertThat(p.toBuilder().multiplier(2.5).build()).isNotEqualTo(p);
        assertThat(p.toBuilder().jitter(0.1).build()).isNotEqualTo(p);
        assertThat(p.toBuilder().maxRetryAfter(Duration.ofSeconds(30)).build()).isNotEqualTo(p);
        assertThat(p.toBuilder().maxElapsed(Duration.ofSeconds(30)).build()).isNotEqualTo(p);
        assertThat(p).isNotEqualTo(null).isNotEqualTo("RetryPolicy");
    }

    @Test
    void toStringNamesEverySetting() {
        assertThat(RetryPolicy.defaults().toString()).contains("maxRetries=2", "initialBackoff=PT0.5S",
                "maxBackoff=PT8S", "multiplier=2.0", "jitter=0.2", "maxRetryAfter=PT1M", "maxElapsed=PT1M");
    }
}
