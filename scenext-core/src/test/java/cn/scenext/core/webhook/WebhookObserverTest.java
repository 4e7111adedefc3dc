package cn.scenext.core.webhook;

import static cn.scenext.core.testing.SignedEvents.SENT;
import static cn.scenext.core.testing.SignedEvents.body;
import static cn.scenext.core.testing.SignedEvents.signature;
import static cn.scenext.core.testing.SignedEvents.verifierAt;
import static org.assertj.core.api.Assertions.assertThat;

import cn.scenext.api.exception.WebhookVerificationException.Reason;
import cn.scenext.core.ScenextClient;
import cn.scenext.core.testing.VirtualTimeApi;
import java.io.ByteArrayInputStream;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link WebhookObserver}s see every delivery once with what the handler made of it, whether registered on
 * the client (for the handlers {@code client.webhooks()} builds) or on a handler's builder; what they throw
 * changes no response.
 */
class WebhookObserverTest {
    private final VirtualTimeApi env = new VirtualTimeApi();
    private final List<String> seen = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        env.close();
    }

    private static String describe(WebhookResponse r) {
        return r.outcome() + r.rejection().map(e -> " " + e.reason()).orElse("");
    }

    @Test
    void clientObserverSeesEveryDeliveryOfTheClientsHandlersByOutcomeAndReason() {
        ScenextClient client = env.client(b -> b.addWebhookObserver(r -> seen.add(describe(r))));
        WebhookHandler handler = client.webhooks().handler(verifierAt(SENT));
        byte[] completed = body("COMPLETED", 2, SENT);

        assertThat(handler.handle(signature(completed), completed).outcome()).isEqualTo(WebhookResponse.Outcome.ACCEPTED);
        handler.handle(signature(completed), completed);
        handler.handle(signature(completed), body("COMPLETED", 1, SENT));
        handler.handle((String) null, completed);
        handler.handle(Collections.singletonMap("Content-Length", "999999999")::get, new ByteArrayInputStream(completed));

        assertThat(seen).containsExactly("ACCEPTED", "DUPLICATE", "REJECTED " + Reason.SIGNATURE_MISMATCH,
                "REJECTED " + Reason.MISSING_SIGNATURE, "REJECTED " + Reason.MISSING_SIGNATURE);
    }

    @Test
    void streamedDeliveryOverTheLimitIsToldOnceAsRejected() {
        WebhookHandler handler = WebhookHandler.builder(verifierAt(SENT)).addObserver(r -> seen.add(describe(r)))
                .build();
        byte[] completed = body("COMPLETED", 2, SENT);
        java.util.Map<String, String> headers = new java.util.HashMap<>();
        headers.put(WebhookHandler.SIGNATURE_HEADER, signature(completed));
        headers.put("Content-Length", String.valueOf(Long.MAX_VALUE));

        WebhookResponse response = handler.handle(headers::get, new ByteArrayInputStream(completed));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(seen).containsExactly("REJECTED " + Reason.BODY_TOO_LARGE);
    }

    @Test
    void throwingObserverChangesNoResponseAndTheNextIsStillTold() {
        WebhookHandler handler = WebhookHandler.builder(verifierAt(SENT))
                .addObserver(r -> {
                    throw new AssertionError("observer broke");
                })
                .addObserver(r -> seen.add(describe(r)))
                .build();
        byte[] completed = body("COMPLETED", 2, SENT);

        WebhookResponse response = handler.handle(signature(completed), completed);

        assertThat(response.outcome()).isEqualTo(WebhookResponse.Outcome.ACCEPTED);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(seen).containsExactly("ACCEPTED");
    }
}
