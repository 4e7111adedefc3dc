package cn.scenext.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.scenext.api.exception.TransportException;
import cn.scenext.api.exception.WebhookVerificationException.Reason;
import cn.scenext.core.internal.webhook.WebhookBodies;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
    void listenerThrowingAnErrorAnswers500AndTheRedeliveryRunsItAgain() {
        AtomicInteger calls = new AtomicInteger();
        WebhookHandler asserting = WebhookHandler.builder(verifier).onEvent(e -> {
            if (calls.incrementAndGet() == 1) {
                throw new AssertionError("expected the task to be IN_PROGRESS");
            }
        }).build();
        byte[] body = event("t-1", TS);

        WebhookResponse first = asserting.handle(sign(body), body);
        WebhookResponse redelivery = asserting.handle(sign(body), body);
        WebhookResponse repeat = asserting.handle(sign(body), body);

        assertThat(first.statusCode()).isEqualTo(500);
        assertThat(first.failure()).hasValueSatisfying(e -> assertThat(e).isInstanceOf(AssertionError.class));
        assertThat(redelivery.outcome()).isEqualTo(WebhookResponse.Outcome.ACCEPTED);
        assertThat(repeat.isDuplicate()).isTrue();
        assertThat(calls).hasValue(2);
    }

    @Test
    void virtualMachineErrorIsRethrownAfterTheEventIsForgotten() {
        boolean[] fail = {true};
        WebhookHandler h = WebhookHandler.builder(verifier).onEvent(e -> {
            if (fail[0]) {
                fail[0] = false;
                throw new OutOfMemoryError("simulated");
            }
            received.add(e);
        }).build();
        byte[] body = event("t-1", TS);

        assertThatThrownBy(() -> h.handle(sign(body), body)).isInstanceOf(OutOfMemoryError.class);
        WebhookResponse redelivery = h.handle(sign(body), body);

        assertThat(redelivery.outcome()).isEqualTo(WebhookResponse.Outcome.ACCEPTED);
        assertThat(received).hasSize(1);
    }

    @Test
    void copyArrivingWhileTheFirstIsInTheListenerGetsItsSuccess() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        WebhookResponse[] responses = firstAndCopy(calls, null);

        assertThat(responses[0].outcome()).isEqualTo(WebhookResponse.Outcome.ACCEPTED);
        assertThat(responses[1].statusCode()).isEqualTo(200);
        assertThat(responses[1].isDuplicate()).isTrue();
        assertThat(calls).hasValue(1);
    }

    @Test
    void copyArrivingWhileTheFirstIsInTheListenerGetsItsFailureAndTheEventIsForgotten() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        WebhookResponse[] responses = firstAndCopy(calls, new AssertionError("first copy fails"));

        assertThat(responses[0].statusCode()).isEqualTo(500);
        assertThat(responses[1].statusCode()).isEqualTo(500);
        assertThat(responses[1].failure()).hasValueSatisfying(e -> assertThat(e).hasMessage("first copy fails"));
        assertThat(calls).hasValue(1); // the copy did not run the listener: it took the first one's outcome
    }

    /**
     * Delivers an event, and a copy of it while the first is held in the listener; then lets the first end (throwing
     * {@code failure} when not null) and, when it failed, delivers the event once more.
     *
     * @return the responses to the first and to the copy
     */
    private WebhookResponse[] firstAndCopy(AtomicInteger calls, Error failure) throws Exception {
        CountDownLatch inListener = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        WebhookHandler slow = WebhookHandler.builder(verifier).onEvent(e -> {
            if (calls.incrementAndGet() == 1) {
                inListener.countDown();
                await(release);
                if (failure != null) {
                    throw failure;
                }
            }
        }).build();
        byte[] body = event("t-1", TS);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<WebhookResponse> first = pool.submit(() -> slow.handle(sign(body), body));
            assertThat(inListener.await(30, TimeUnit.SECONDS)).isTrue();
            Future<WebhookResponse> copy = pool.submit(() -> slow.handle(sign(body), body));
            while (slow.copiesWaiting() == 0) {
                Thread.yield(); // until the copy is parked on the first: an event, not a guessed duration
            }
            release.countDown();
            WebhookResponse[] responses = {first.get(30, TimeUnit.SECONDS), copy.get(30, TimeUnit.SECONDS)};
            assertThat(slow.copiesWaiting()).isZero();
            if (failure != null) {
                assertThat(slow.handle(sign(body), body).outcome()).isEqualTo(WebhookResponse.Outcome.ACCEPTED);
                assertThat(calls).hasValue(2);
                calls.set(1);
            }
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never released the listener");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void listenerHandingTheSameEventToItsHandlerDoesNotWaitForItself() {
        byte[] body = event("t-1", TS);
        List<WebhookResponse> inner = new ArrayList<>();
        WebhookHandler[] self = new WebhookHandler[1];
        self[0] = WebhookHandler.builder(verifier).onEvent(e -> inner.add(self[0].handle(sign(body), body))).build();

        WebhookResponse outer = self[0].handle(sign(body), body);

        assertThat(outer.outcome()).isEqualTo(WebhookResponse.Outcome.ACCEPTED);
        assertThat(inner).singleElement().satisfies(r -> assertThat(r.isDuplicate()).isTrue());
    }

    @Test
    void noDeduplicatorRunsConcurrentCopiesBothWithoutWaiting() throws Exception {
        CountDownLatch bothIn = new CountDownLatch(2);
        WebhookHandler h = WebhookHandler.builder(verifier).deduplicator(WebhookDeduplicator.none())
                .onEvent(e -> {
                    bothIn.countDown();
                    await(bothIn);
                }).build();
        byte[] body = event("t-1", TS);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<WebhookResponse> a = pool.submit(() -> h.handle(sign(body), body));
            Future<WebhookResponse> b = pool.submit(() -> h.handle(sign(body), body));
            assertThat(a.get(60, TimeUnit.SECONDS).outcome()).isEqualTo(WebhookResponse.Outcome.ACCEPTED);
            assertThat(b.get(60, TimeUnit.SECONDS).outcome()).isEqualTo(WebhookResponse.Outcome.ACCEPTED);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void limitOfIntegerMaxValueReadsAStreamedBody() {
        WebhookVerifier unlimited = WebhookVerifier.builder().secret(SECRET).clock(WebhookVerifierTest.AT_TS)
                .maxBodyBytes(Integer.MAX_VALUE).build();
        WebhookHandler h = WebhookHandler.builder(unlimited).build();
        byte[] body = event("t-1", TS);
        Map<String, List<String>> headers = Collections.singletonMap("X-Signature",
                Collections.singletonList(sign(body)));

        assertThat(h.handle(headers, new ByteArrayInputStream(body)).statusCode()).isEqualTo(200);
        assertThat(WebhookBodies.readAtMost(new ByteArrayInputStream(new byte[20_000]), Integer.MAX_VALUE))
                .hasSize(20_000);
        assertThat(WebhookBodies.readAtMost(new ByteArrayInputStream(new byte[0]), Integer.MAX_VALUE)).isEmpty();
    }

    @Test
    void readsExactlyUpToAnyLimit() {
        for (int limit : new int[] {1, 2, 8191, 8192, 8193, 16384, 20_000}) {
            assertThat(WebhookBodies.readAtMost(new ByteArrayInputStream(new byte[limit]), limit)).hasSize(limit);
            assertThat(WebhookBodies.readAtMost(new ByteArrayInputStream(new byte[limit + 1]), limit)).isNull();
        }
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
