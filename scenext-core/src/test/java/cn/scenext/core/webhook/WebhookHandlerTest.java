package cn.scenext.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.scenext.api.exception.TransportException;
import cn.scenext.api.exception.WebhookVerificationException.Reason;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookHandlerTest {
    private static final String SECRET = WebhookVerifierTest.SECRET;
    private static final long TS = WebhookVerifierTest.TS;

    private final List<WebhookEvent> received = new ArrayList<>();
    private final WebhookVerifier verifier = WebhookVerifier.builder()
            .secret(SECRET)
            .clock(WebhookVerifierTest.AT_TS)
            .maxBodyBytes(1000)
            .build();
    private final WebhookHandler handler = WebhookHandler.builder(verifier).onEvent(received::add).build();

    private static byte[] event(String taskId, long timestamp) {
        return ("{\"task_id\": \"" + taskId + "\", \"status\": \"COMPLETED\", \"timestamp\": " + timestamp + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static String sign(byte[] body) {
        return WebhookSigner.of(SECRET).sign(body);
    }

    @Test
    void acceptsANewEventAndCallsEachListenerOnceInOrder() {
        List<String> calls = new ArrayList<>();
        WebhookHandler twoListeners = WebhookHandler.builder(verifier)
                .onEvent(e -> calls.add("first " + e.taskId()))
                .onEvent(e -> calls.add("second " + e.taskId()))
                .build();
        byte[] body = event("t-1", TS);

        WebhookResponse response = twoListeners.handle(sign(body), body);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.outcome()).isEqualTo(WebhookResponse.Outcome.ACCEPTED);
        assertThat(response.isDuplicate()).isFalse();
        assertThat(response.event()).hasValueSatisfying(e -> assertThat(e.taskId().value()).isEqualTo("t-1"));
        assertThat(response.message()).isEqualTo("accepted");
        assertThat(calls).containsExactly("first t-1", "second t-1");
    }

    @Test
    void acknowledgesARepeatWithoutCallingListeners() {
        byte[] body = event("t-1", TS);
        byte[] sameEventOtherSpelling = ("{\"timestamp\":" + TS + ",\"status\":\"COMPLETED\",\"task_id\":\"t-1\"}")
                .getBytes(StandardCharsets.UTF_8);
        handler.handle(sign(body), body);

        WebhookResponse repeat = handler.handle(sign(sameEventOtherSpelling), sameEventOtherSpelling);

        assertThat(repeat.statusCode()).isEqualTo(200);
        assertThat(repeat.isDuplicate()).isTrue();
        assertThat(repeat.event()).isPresent();
        assertThat(repeat.message()).isEqualTo("duplicate");
        assertThat(received).hasSize(1);
    }

    @Test
    void answersEachRejectionWithItsStatus() {
        byte[] body = event("t-1", TS);
        String good = sign(body);
        byte[] stale = event("t-1", TS - 301);
        byte[] future = event("t-1", TS + 301);
        byte[] array = "[1]".getBytes(StandardCharsets.UTF_8);
        byte[] large = event("t-" + "x".repeat(1000), TS);

        assertStatus(handler.handle((String) null, body), 400, Reason.MISSING_SIGNATURE);
        assertStatus(handler.handle(sign(array), array), 400, Reason.MALFORMED_BODY);
        assertStatus(handler.handle("not-hex", body), 401, Reason.MALFORMED_SIGNATURE);
        assertStatus(handler.handle(good.replace(good.charAt(5), good.charAt(5) == 'a' ? 'b' : 'a'), body), 401,
                Reason.SIGNATURE_MISMATCH);
        assertStatus(handler.handle(sign(stale), stale), 401, Reason.STALE_TIMESTAMP);
        assertStatus(handler.handle(sign(future), future), 401, Reason.FUTURE_TIMESTAMP);
        assertStatus(handler.handle(sign(large), large), 413, Reason.BODY_TOO_LARGE);
        assertThat(received).isEmpty();
    }

    private static void assertStatus(WebhookResponse response, int status, Reason reason) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.outcome()).isEqualTo(WebhookResponse.Outcome.REJECTED);
        assertThat(response.rejection()).hasValueSatisfying(e -> assertThat(e.reason()).isEqualTo(reason));
        assertThat(response.event()).isEmpty();
        assertThat(response.message()).isEqualTo("rejected: " + reason);
    }

    @Test
    void failingListenerAnswers500AndTheRetryIsHandledAsNew() {
        List<WebhookEvent> handled = new ArrayList<>();
        boolean[] fail = {true};
        WebhookHandler flaky = WebhookHandler.builder(verifier).onEvent(e -> {
            if (fail[0]) {
                fail[0] = false;
                throw new IllegalStateException("database down");
            }
            handled.add(e);
        }).build();
        byte[] body = event("t-1", TS);

        WebhookResponse first = flaky.handle(sign(body), body);
        WebhookResponse retry = flaky.handle(sign(body), body);

        assertThat(first.statusCode()).isEqualTo(500);
        assertThat(first.outcome()).isEqualTo(WebhookResponse.Outcome.FAILED);
        assertThat(first.failure()).hasValueSatisfying(e -> assertThat(e).hasMessage("database down"));
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(retry.isDuplicate()).isFalse();
        assertThat(handled).hasSize(1);
    }

    @Test
    void failingDeduplicatorAnswers500() {
        WebhookDeduplicator broken = new WebhookDeduplicator() {
            @Override
            public boolean firstDelivery(WebhookEvent.Key key) {
                throw new IllegalStateException("redis unreachable");
            }

            @Override
            public void forget(WebhookEvent.Key key) {
            }
        };
        WebhookHandler h = WebhookHandler.builder(verifier).deduplicator(broken).onEvent(received::add).build();
        byte[] body = event("t-1", TS);

        WebhookResponse response = h.handle(sign(body), body);

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(received).isEmpty();
    }

    @Test
    void findsTheSignatureHeaderInAnyCase() {
        byte[] body = event("t-1", TS);
        Map<String, List<String>> headers = new HashMap<>();
        headers.put("x-SIGNATURE", Collections.singletonList(sign(body)));
        headers.put(null, Collections.singletonList("HTTP/1.1 200")); // as HttpURLConnection reports the status line

        assertThat(handler.handle(headers, body).statusCode()).isEqualTo(200);
        assertThat(handler.handle(name -> name.equalsIgnoreCase("x-signature") ? sign(body) : null, body)
                .isDuplicate()).isTrue();
        assertThat(handler.handle(Collections.<String, List<String>>emptyMap(), body).statusCode()).isEqualTo(400);
    }

    @Test
    void readsAStreamedBodyUpToTheLimit() {
        byte[] body = event("t-1", TS);
        Map<String, List<String>> headers = Collections.singletonMap("X-Signature",
                Collections.singletonList(sign(body)));

        assertThat(handler.handle(headers, new ByteArrayInputStream(body)).statusCode()).isEqualTo(200);
        assertThat(handler.handle(headers, new ByteArrayInputStream(new byte[1001])).statusCode()).isEqualTo(413);
        assertThat(handler.handle(headers, new ByteArrayInputStream(new byte[1000])).statusCode()).isEqualTo(400);
    }

    @Test
    void refusesADeclaredLengthOverTheLimitWithoutReading() {
        InputStream unreadable = failingStream("must not be read");
        Map<String, List<String>> headers = new HashMap<>();
        headers.put("X-Signature", Collections.singletonList("a".repeat(64)));
        headers.put("Content-Length", Collections.singletonList("1001"));

        assertThat(handler.handle(headers, unreadable).statusCode()).isEqualTo(413);
    }

    @Test
    void reportsABrokenBodyStreamAsATransportFailure() {
        InputStream broken = failingStream("connection reset");

        assertThatThrownBy(() -> handler.handle(name -> "a".repeat(64), broken))
                .isInstanceOf(TransportException.class).hasMessageContaining("connection reset");
    }

    private static InputStream failingStream(String message) {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException(message);
            }
        };
    }

    @Test
    void describesItselfWithoutSecrets() {
        assertThat(handler.toString()).doesNotContain(SECRET).contains("1 secret").contains("listeners=1");
        assertThat(WebhookResponse.statusCodeFor(Reason.BODY_TOO_LARGE)).isEqualTo(413);
    }
}
