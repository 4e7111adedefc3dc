package cn.scenext.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import cn.scenext.api.TaskState;
import cn.scenext.core.testing.WebhookEndpoint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The JDK's own HTTP server receiving webhooks through the handler, as the documentation shows it. */
class WebhookHttpServerTest {
    private static final long TS = 1672531200L;
    /** Under the 64 KiB the JDK server drains from an unread body, so a 413 leaves the connection reusable. */
    private static final int MAX_BODY = 16 * 1024;

    private final List<WebhookEvent> received = new CopyOnWriteArrayList<>();
    private WebhookEndpoint endpoint;

    @BeforeEach
    void start() throws IOException {
        WebhookVerifier verifier = WebhookVerifier.builder()
                .secrets(Arrays.asList("sk-test-1234567890", "\u5bc6\u94a5-key-\u00e9")) // the vectors' two keys
                .clock(WebhookVerifierTest.clockAt(TS + 60))
                .maxBodyBytes(MAX_BODY)
                .build();
        endpoint = WebhookEndpoint.serve(WebhookHandler.builder(verifier).onEvent(received::add).build());
    }

    @AfterEach
    void stop() {
        endpoint.close();
    }

    private int post(byte[] body, String signature) throws Exception {
        return endpoint.post(body, signature);
    }

    @Test
    void receivesEverySharedVectorOnceAndRejectsTheRest() throws Exception {
        List<TestData.Case> current = new ArrayList<>();
        List<TestData.Case> future = new ArrayList<>();
        for (TestData.Case v : TestData.jsonl(TestData.VECTORS)) {
            (v.get("canonical").contains("\"timestamp\": " + TS) ? current : future).add(v);
        }
        assertThat(current).hasSize(17);
        assertThat(future).hasSize(8);

        for (TestData.Case v : current) {
            assertThat(post(v.bytes("body"), v.get("signature"))).as(v.name()).isEqualTo(200);
        }
        for (TestData.Case v : current) {
            assertThat(post(v.bytes("body"), v.get("signature"))).as("again " + v.name()).isEqualTo(200);
        }
        for (TestData.Case v : future) { // sent a year or more after this server's clock
            assertThat(post(v.bytes("body"), v.get("signature"))).as(v.name()).isEqualTo(401);
        }

        assertThat(received).hasSize(17);
        assertThat(received).extracting(e -> e.key().asString()).doesNotHaveDuplicates();
        assertThat(received).filteredOn(e -> e.state() == TaskState.FAILED).hasSize(2);
    }

    @Test
    void answersBadDeliveriesWithTheirStatus() throws Exception {
        TestData.Case docs = TestData.jsonl(TestData.VECTORS).get(0);
        String signature = docs.get("signature");
        String wrong = (signature.charAt(0) == 'f' ? "e" : "f") + signature.substring(1);
        byte[] stale = ("{\"task_id\": \"t-stale\", \"status\": \"COMPLETED\", \"timestamp\": " + (TS - 600) + "}")
                .getBytes(StandardCharsets.UTF_8);
        byte[] notAnObject = "[\"task_id\", \"12345\"]".getBytes(StandardCharsets.UTF_8);
        byte[] tooLarge = new byte[MAX_BODY + 1];
        Arrays.fill(tooLarge, (byte) ' ');

        assertThat(post(docs.bytes("body"), null)).isEqualTo(400);
        assertThat(post(notAnObject, WebhookSigner.of("sk-test-1234567890").sign(notAnObject))).isEqualTo(400);
        assertThat(post(docs.bytes("body"), wrong)).isEqualTo(401);
        assertThat(post(docs.bytes("body"), "sha256=" + signature)).isEqualTo(401);
        assertThat(post(stale, WebhookSigner.of("sk-test-1234567890").sign(stale))).isEqualTo(401);
        assertThat(post(tooLarge, signature)).isEqualTo(413);
        assertThat(received).isEmpty();

        assertThat(post(docs.bytes("body"), signature)).isEqualTo(200);
        assertThat(received).hasSize(1);
    }
}
