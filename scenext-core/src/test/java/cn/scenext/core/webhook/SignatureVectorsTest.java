package cn.scenext.core.webhook;

import cn.scenext.core.internal.canonical.CanonicalJson;
import static org.assertj.core.api.Assertions.assertThat;

import cn.scenext.api.TaskState;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every shared vector of {@code ../shared/api/webhook-signature-vectors.jsonl}. */
class SignatureVectorsTest {
    static Stream<TestData.Case> vectors() {
        return TestData.jsonl(TestData.VECTORS).stream();
    }

    @Test
    void allSharedVectorsAreHere() {
        List<TestData.Case> vectors = TestData.jsonl(TestData.VECTORS);
        assertThat(vectors).hasSize(25);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void canonicalFormIsTheSignedText(TestData.Case v) {
        byte[] canonical = CanonicalJson.canonicalize(v.bytes("body"));
        assertThat(new String(canonical, StandardCharsets.US_ASCII)).isEqualTo(v.get("canonical"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void signerReproducesTheSignature(TestData.Case v) {
        assertThat(WebhookSigner.of(v.get("secret")).sign(v.bytes("body"))).isEqualTo(v.get("signature"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void verifierAcceptsTheDelivery(TestData.Case v) {
        WebhookVerifier verifier = WebhookVerifier.builder()
                .secret(v.get("secret"))
                .clock(v.clockAtTimestamp())
                .build();

        WebhookEvent event = verifier.verify(v.bytes("body"), v.get("signature"));

        assertThat(event.taskId().value()).isNotBlank();
        assertThat(event.state()).isIn(TaskState.COMPLETED, TaskState.FAILED, TaskState.IN_PROGRESS);
        assertThat(event.timestamp()).isEqualTo(v.clockAtTimestamp().instant());
    }
}
