package cn.scenext.core.internal.http;

import cn.scenext.api.exception.ScenextException;
import cn.scenext.core.internal.json.ApiJson;
import cn.scenext.core.internal.json.MalformedJsonException;
import java.time.Clock;
import java.time.Duration;

/**
 * Turns a response read into memory into what one attempt came to: a non-2xx status or an error envelope
 * becomes the typed failure {@link ErrorMapper} gives it (with its {@code Retry-After}), a body that is not the
 * expected JSON a {@link cn.scenext.api.exception.ProtocolException}, and a success envelope the call's
 * decoded value. Thread-safe.
 */
final class EnvelopeDecoder {
    private final ErrorMapper errors;
    private final Clock clock;

    EnvelopeDecoder(ErrorMapper errors, Clock clock) {
        this.errors = errors;
        this.clock = clock;
    }

    /**
     * Decodes one attempt's response.
     *
     * @param call the call
     * @param attempt the attempt's number, for messages
     * @param response the response, in memory
     * @return the value, or the failure
     */
    <T> Outcome<T> decode(ApiCall<T> call, int attempt, BufferedResponse response) {
        if (!response.isSuccessful()) {
            Duration retryAfter = RetryAfter.parse(response.headers(), clock);
            return Outcome.failure(errors.map(call, response, null, attempt, retryAfter), retryAfter);
        }
        ApiJson.Envelope envelope;
        try {
            envelope = ApiJson.readEnvelope(response.body());
        } catch (MalformedJsonException e) {
            return Outcome.failure(errors.malformed(call, response, e), null);
        }
        if (envelope.isError()) {
            Duration retryAfter = RetryAfter.parse(response.headers(), clock); // read only when a response failed
            return Outcome.failure(errors.map(call, response, envelope, attempt, retryAfter), retryAfter);
        }
        try {
            return Outcome.success(call.decoder().decode(response, envelope));
        } catch (MalformedJsonException e) {
            return Outcome.failure(errors.malformed(call, response, e), null);
        } catch (ScenextException e) {
            return Outcome.failure(e, null);
        }
    }
}
