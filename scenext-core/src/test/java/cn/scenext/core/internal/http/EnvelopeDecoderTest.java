package cn.scenext.core.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import cn.scenext.api.exception.AuthenticationException;
import cn.scenext.api.exception.ProtocolException;
import cn.scenext.api.exception.RateLimitException;
import cn.scenext.api.exception.ServerException;
import cn.scenext.api.transport.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class EnvelopeDecoderTest {
    private final EnvelopeDecoder decoder = new EnvelopeDecoder(new ErrorMapper(new Redactor(Calls.KEY)),
            Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));

    @Test
    void aSuccessEnvelopeIsTheCallsValue() {
        Outcome<String> outcome = decoder.decode(Calls.read(), 1, Calls.response(200, Calls.SUCCESS));

        assertThat(outcome.isSuccess()).isTrue();
        assertThat(outcome.value).isEqualTo("42");
    }

    @Test
    void aRefusedStatusIsTypedAndKeepsItsRetryAfter() {
        HttpHeaders headers = HttpHeaders.builder().set("Retry-After", "7").build();

        Outcome<String> limited = decoder.decode(Calls.read(), 2, Calls.response(429, headers, "{}"));
        Outcome<String> refused = decoder.decode(Calls.read(), 1, Calls.response(401, "{}"));

        assertThat(limited.failure).isInstanceOf(RateLimitException.class);
        assertThat(limited.retryAfter).isEqualTo(Duration.ofSeconds(7));
        assertThat(refused.failure).isInstanceOf(AuthenticationException.class);
    }

    @Test
    void anErrorEnvelopeAt200IsAFailureWithTheServicesMessage() {
        Outcome<String> outcome = decoder.decode(Calls.read(), 1, Calls.response(200, Calls.ERROR_ENVELOPE));

        assertThat(outcome.failure).isInstanceOf(ServerException.class);
        assertThat(outcome.failure.serviceMessage()).hasValue("something odd");
        assertThat(outcome.failure.statusCode()).hasValue(200);
    }

    @Test
    void aBodyThatIsNotJsonOrNotWhatTheCallExpectsIsAProtocolFailure() {
        Outcome<String> html = decoder.decode(Calls.read(), 1, Calls.response(200, "<html>hi</html>"));
        Outcome<String> noId = decoder.decode(Calls.create(), 1,
                Calls.response(200, "{\"status\":\"success\",\"data\":{}}"));

        assertThat(html.failure).isInstanceOf(ProtocolException.class);
        assertThat(noId.failure).isInstanceOf(ProtocolException.class).hasMessageContaining("no task_id");
        assertThat(noId.failure.taskMayHaveBeenCreated()).isTrue();
    }
}
