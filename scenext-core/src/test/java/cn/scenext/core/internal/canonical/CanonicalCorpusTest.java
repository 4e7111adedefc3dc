package cn.scenext.core.internal.canonical;

import cn.scenext.core.webhook.TestData;
import cn.scenext.core.webhook.WebhookEvent;
import cn.scenext.core.webhook.WebhookSigner;
import cn.scenext.core.webhook.WebhookVerifier;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import cn.scenext.api.exception.WebhookVerificationException;
import cn.scenext.api.exception.WebhookVerificationException.Reason;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The corpus written by {@code src/test/python/gen_canonical_corpus.py}: thousands of random bodies, each with
 * the canonical form and signature Python computed for it.
 */
public class CanonicalCorpusTest {
    private static List<TestData.Case> corpus;

    @BeforeAll
    static void load() {
        corpus = TestData.jsonl(TestData.CORPUS);
    }

    @Test
    void corpusCoversEveryCategory() {
        Map<String, Integer> counts = new TreeMap<>();
        for (TestData.Case c : corpus) {
            for (String category : c.get("categories").split(",")) {
                counts.merge(category, 1, Integer::sum);
            }
        }
        assertThat(corpus).hasSize(3000);
        assertThat(counts).containsKeys("event", "object-not-event", "top-level-not-object", "keys-tricky",
                "keys-duplicate", "string-astral", "string-lone-surrogates", "string-control-chars",
                "string-short-escapes", "int-big", "int-negative-zero-text", "float-random-bits", "float-subnormal",
                "float-negative-zero", "float-non-finite", "float-overflow-literal", "float-underflow-literal",
                "float-long-exact-literal", "deep-nesting", "empty-array", "empty-object", "body-whitespace",
                "body-uppercase-hex-escapes", "body-escaped-slash", "body-utf8", "signed-raw", "result-object",
                "timestamp-float");
    }

    @Test
    void canonicalFormMatchesPythonForEveryBody() {
        List<String> mismatches = new ArrayList<>();
        for (TestData.Case c : corpus) {
            String canonical = new String(CanonicalJson.canonicalize(c.bytes("body")), StandardCharsets.US_ASCII);
            if (!canonical.equals(c.get("canonical"))) {
                mismatches.add(c.name() + " " + c.get("categories"));
            }
        }
        assertThat(mismatches).isEmpty();
    }

    @Test
    void canonicalFormIsAFixedPoint() {
        List<String> mismatches = new ArrayList<>();
        for (TestData.Case c : corpus) {
            byte[] canonical = c.bytes("canonical");
            if (!new String(CanonicalJson.canonicalize(canonical), StandardCharsets.US_ASCII).equals(c.get("canonical"))) {
                mismatches.add(c.name());
            }
        }
        assertThat(mismatches).isEmpty();
    }

    @Test
    void signerReproducesEverySignature() {
        List<String> mismatches = new ArrayList<>();
        for (TestData.Case c : corpus) {
            WebhookSigner signer = WebhookSigner.of(c.get("secret"));
            String signature = "raw".equals(c.get("signed_over")) ? signer.signRaw(c.bytes("body"))
                    : signer.sign(c.bytes("body"));
            if (!signature.equals(c.get("signature"))) {
                mismatches.add(c.name());
            }
        }
        assertThat(mismatches).isEmpty();
    }

    @Test
    void verifierAcceptsEveryEventAndReadsItsFields() {
        int verified = 0;
        for (TestData.Case c : corpus) {
            if (!c.has("task_id")) {
                continue;
            }
            WebhookVerifier verifier = WebhookVerifier.builder()
                    .secret(c.get("secret"))
                    .clock(c.clockAtTimestamp())
                    .build();

            WebhookEvent event = verifier.verify(c.bytes("body"), c.get("signature"));

            assertThat(event.taskId().value()).as(c.name()).isEqualTo(c.get("task_id"));
            assertThat(event.rawStatus()).as(c.name()).isEqualTo(c.get("status"));
            assertThat(event.timestamp().getEpochSecond()).as(c.name()).isEqualTo(Long.parseLong(c.get("timestamp")));
            assertThat(event.frames()).as(c.name()).hasSize(Integer.parseInt(c.get("frames")));
            assertThat(event.results()).as(c.name()).hasSize(Integer.parseInt(c.get("results")));
            verified++;
        }
        assertThat(verified).isGreaterThan(2000);
    }

    @Test
    void verifierRejectsEveryEventUnderAnotherSecret() {
        WebhookVerifier verifier = WebhookVerifier.of("not-the-secret");
        for (TestData.Case c : corpus) {
            if (c.has("task_id")) {
                WebhookVerificationException e = catchThrowableOfType(WebhookVerificationException.class,
                        () -> verifier.verify(c.bytes("body"), c.get("signature")));
                assertThat(e.reason()).as(c.name()).isEqualTo(Reason.SIGNATURE_MISMATCH);
            }
        }
    }

    @Test
    void verifierRejectsSignedBodiesThatAreNotEventsAsMalformed() {
        int rejected = 0;
        for (TestData.Case c : corpus) {
            if (c.has("task_id")) {
                continue;
            }
            WebhookVerifier verifier = WebhookVerifier.of(c.get("secret"));
            WebhookVerificationException e = catchThrowableOfType(WebhookVerificationException.class,
                    () -> verifier.verify(c.bytes("body"), c.get("signature")));
            assertThat(e.reason()).as(c.name()).isEqualTo(Reason.MALFORMED_BODY);
            rejected++;
        }
        assertThat(rejected).isGreaterThan(300);
    }
}
