package cn.scenext.core.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import cn.scenext.api.exception.ErrorDetails;
import cn.scenext.api.exception.ProtocolException;
import cn.scenext.api.exception.RateLimitException;
import cn.scenext.api.exception.ScenextException;
import cn.scenext.api.exception.ServerException;
import cn.scenext.api.exception.TransportException;
import cn.scenext.core.RetryPolicy;
import cn.scenext.core.schedule.VirtualScheduler;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryRulesTest {
    private final VirtualScheduler time = new VirtualScheduler();
    private final RetryPolicy policy = RetryPolicy.builder().maxRetries(3).initialBackoff(Duration.ofSeconds(1))
            .maxBackoff(Duration.ofSeconds(8)).jitter(0).maxElapsed(Duration.ofSeconds(60)).build();
    private final RetryRules rules = new RetryRules(policy, Duration.ofSeconds(30), time);

    @Test
    void aReadRetriesEveryTemporaryFailureAndNothingElse() {
        assertThat(RetryRules.isRetryable(Calls.read(), sent())).isTrue();
        assertThat(RetryRules.isRetryable(Calls.read(), notSent())).isTrue();
        assertThat(RetryRules.isRetryable(Calls.read(), rateLimited())).isTrue();
        assertThat(RetryRules.isRetryable(Calls.read(), server(502, null))).isTrue();
        assertThat(RetryRules.isRetryable(Calls.read(), server(408, null))).isTrue();
        assertThat(RetryRules.isRetryable(Calls.read(), server(200, "odd"))).isFalse();
        assertThat(RetryRules.isRetryable(Calls.read(), cancelled())).isFalse();
        assertThat(RetryRules.isRetryable(Calls.read(), new ProtocolException("garbled", null,
                ErrorDetails.of(200, null, null)))).isFalse();
    }

    @Test
    void aCreationRetriesOnlyWhatSurelyCreatedNothing() {
        assertThat(RetryRules.isRetryable(Calls.create(), notSent())).isTrue();
        assertThat(RetryRules.isRetryable(Calls.create(), rateLimited())).isTrue();
        assertThat(RetryRules.isRetryable(Calls.create(), server(503, "busy"))).isTrue();

        assertThat(RetryRules.isRetryable(Calls.create(), sent())).isFalse();
        assertThat(RetryRules.isRetryable(Calls.create(), server(503, null))).as("a proxy's 503").isFalse();
        assertThat(RetryRules.isRetryable(Calls.create(), server(500, "boom"))).isFalse();
        assertThat(RetryRules.isRetryable(Calls.create(), new ServerException("x",
                ErrorDetails.of(503, "busy", null).withTaskMayHaveBeenCreated()))).isFalse();
    }

    @Test
    void delaysFollowThePolicyAndARetryAfter() {
        assertThat(rules.delay(Calls.read(), Outcome.failure(sent(), null), 1, time.nanoTime(),
                RetryRules.NO_DEADLINE)).isEqualTo(Duration.ofSeconds(1));
        assertThat(rules.delay(Calls.read(), Outcome.failure(sent(), null), 2, time.nanoTime(),
                RetryRules.NO_DEADLINE)).isEqualTo(Duration.ofSeconds(2));
        assertThat(rules.delay(Calls.read(), Outcome.failure(rateLimited(), Duration.ofSeconds(5)), 1,
                time.nanoTime(), RetryRules.NO_DEADLINE)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void noRetryPastTheAttemptsTheTotalTimeOrTheDeadline() {
        long start = time.nanoTime();
        Outcome<String> failed = Outcome.failure(sent(), null);

        assertThat(rules.delay(Calls.read(), failed, 4, start, RetryRules.NO_DEADLINE)).as("attempts").isNull();
        assertThat(rules.delay(Calls.read(), failed, 1, start, start + Duration.ofMillis(500).toNanos()))
                .as("deadline").isNull();
        time.advanceBy(Duration.ofSeconds(59).plusMillis(500));
        assertThat(rules.delay(Calls.read(), failed, 1, start, RetryRules.NO_DEADLINE)).as("total time").isNull();
        assertThat(rules.delay(Calls.read(), Outcome.failure(server(200, "odd"), null), 1, time.nanoTime(),
                RetryRules.NO_DEADLINE)).as("final").isNull();
    }

    @Test
    void anAttemptNeverOutlivesItsCall() {
        long start = time.nanoTime();

        assertThat(rules.attemptTimeout(start)).isEqualTo(Duration.ofSeconds(30));
        time.advanceBy(Duration.ofSeconds(50));
        assertThat(rules.attemptTimeout(start)).isEqualTo(Duration.ofSeconds(10));
        time.advanceBy(Duration.ofSeconds(20));
        assertThat(rules.attemptTimeout(start)).isEqualTo(Duration.ofMillis(1));
    }

    @Test
    void aCreationGivenUpAfterItsRequestWentOutSaysTheTaskMayExist() {
        ScenextException concluded = RetryRules.concluded(Calls.create(), sent());
        ScenextException read = RetryRules.concluded(Calls.read(), sent());
        ScenextException neverSent = RetryRules.concluded(Calls.create(), notSent());

        assertThat(concluded.taskMayHaveBeenCreated()).isTrue();
        assertThat(concluded).isInstanceOf(TransportException.class).hasCauseInstanceOf(TransportException.class);
        assertThat(read.taskMayHaveBeenCreated()).isFalse();
        assertThat(neverSent.taskMayHaveBeenCreated()).isFalse();
    }

    private static TransportException sent() {
        return new TransportException(TransportException.Reason.READ_TIMEOUT, "timed out", null);
    }

    private static TransportException notSent() {
        return new TransportException(TransportException.Reason.CONNECT_FAILED, "refused", null);
    }

    private static TransportException cancelled() {
        return new TransportException(TransportException.Reason.CANCELLED, "cancelled", null);
    }

    private static RateLimitException rateLimited() {
        return new RateLimitException("slow down", ErrorDetails.of(429, null, null), null);
    }

    private static ServerException server(int status, String serviceMessage) {
        return new ServerException("failed", ErrorDetails.of(status, serviceMessage, null));
    }
}
