package cn.scenext.core.internal.poll;

import static org.assertj.core.api.Assertions.assertThat;

import cn.scenext.api.exception.AuthenticationException;
import cn.scenext.api.exception.ErrorDetails;
import cn.scenext.api.exception.ProtocolException;
import cn.scenext.api.exception.RateLimitException;
import cn.scenext.api.exception.ServerException;
import cn.scenext.api.exception.TransportException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PollFailuresTest {
    private final PollFailures failures = new PollFailures();

    @Test
    void onlyFinalFailuresEndAWaitAtOnce() {
        assertThat(PollFailures.endsWait(new AuthenticationException("no", ErrorDetails.of(401, null, null))))
                .isTrue();
        assertThat(PollFailures.endsWait(new ProtocolException("redirect", null, ErrorDetails.of(302, null, null))))
                .isTrue();
        assertThat(PollFailures.endsWait(new IllegalStateException("a reader's bug"))).isTrue();

        assertThat(PollFailures.endsWait(envelope("odd"))).isFalse();
        assertThat(PollFailures.endsWait(new ServerException("down", ErrorDetails.of(503, null, null)))).isFalse();
        assertThat(PollFailures.endsWait(rateLimited(null))).isFalse();
        assertThat(PollFailures.endsWait(new TransportException(TransportException.Reason.CANCELLED, "x", null)))
                .as("the transport's cancel, not the wait's").isFalse();
    }

    @Test
    void theSameUnclassifiedFailureCountsUpAndAnotherStartsAgain() {
        assertThat(failures.record(envelope("odd (attempt 1)"))).isEqualTo(1);
        assertThat(failures.record(envelope("odd (attempt 1)"))).isEqualTo(2);
        assertThat(failures.record(envelope("other"))).isEqualTo(1);
        assertThat(failures.record(new ProtocolException("garbled", null, ErrorDetails.of(200, null, null))))
                .isEqualTo(1);
    }

    @Test
    void temporaryFailuresAndStatusesBreakTheRun() {
        failures.record(envelope("odd"));
        failures.record(envelope("odd"));

        assertThat(failures.record(new TransportException(TransportException.Reason.IO_ERROR, "cut", null))).isZero();
        assertThat(failures.record(envelope("odd"))).isEqualTo(1);
        failures.reset();
        assertThat(failures.record(envelope("odd"))).isEqualTo(1);
    }

    @Test
    void aRetryAfterDelaysTheNextPollWithinTheCapAndTheDeadline() {
        Duration cap = Duration.ofSeconds(60);

        assertThat(PollFailures.nextPollAtLeast(rateLimited(Duration.ofSeconds(5)), cap, Duration.ofHours(1)))
                .isEqualTo(Duration.ofSeconds(5));
        assertThat(PollFailures.nextPollAtLeast(rateLimited(Duration.ofDays(1)), cap, Duration.ofHours(1)))
                .isEqualTo(cap);
        assertThat(PollFailures.nextPollAtLeast(rateLimited(Duration.ofDays(1)), cap, Duration.ofSeconds(20)))
                .isEqualTo(Duration.ofSeconds(20));
        assertThat(PollFailures.nextPollAtLeast(rateLimited(null), cap, Duration.ofHours(1))).isZero();
        assertThat(PollFailures.nextPollAtLeast(envelope("odd"), cap, Duration.ofHours(1))).isZero();
    }

    private static ServerException envelope(String message) {
        return new ServerException("Scenext reported an error: " + message, ErrorDetails.of(200, message, null));
    }

    private static RateLimitException rateLimited(Duration retryAfter) {
        return new RateLimitException("slow down", ErrorDetails.of(429, null, null), retryAfter);
    }
}
