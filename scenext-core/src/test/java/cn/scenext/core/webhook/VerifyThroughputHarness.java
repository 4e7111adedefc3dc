package cn.scenext.core.webhook;

import cn.scenext.core.internal.canonical.CanonicalJson;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * A rough single-thread throughput figure for {@link WebhookVerifier#verify} on the documented COMPLETED
 * payload (the shared vector {@code docs-completed}). Not a test and not a benchmark of record (the JMH
 * module is); run it by hand:
 *
 * <pre>
 * java -cp scenext-core/target/classes:scenext-core/target/test-classes:$(deps) \
 *     cn.scenext.core.webhook.VerifyThroughputHarness [seconds]
 * </pre>
 */
public final class VerifyThroughputHarness {
    private VerifyThroughputHarness() {
    }

    public static void main(String[] args) {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        TestData.Case docs = TestData.jsonl(TestData.VECTORS).get(0);
        byte[] body = docs.get("body").getBytes(StandardCharsets.UTF_8);
        String signature = docs.get("signature");
        WebhookVerifier verifier = WebhookVerifier.builder()
                .secret(docs.get("secret"))
                .clock(Clock.fixed(Instant.ofEpochSecond(1672531200L), ZoneOffset.UTC))
                .build();
        System.out.println("body " + body.length + " bytes, canonical "
                + CanonicalJson.canonicalize(body).length + " bytes");
        long sink = 0;
        for (int round = 0; round < 3 + seconds; round++) {
            long end = System.nanoTime() + 1_000_000_000L;
            long n = 0;
            while (System.nanoTime() < end) {
                for (int i = 0; i < 1000; i++) {
                    sink += verifier.verify(body, signature).frames().size();
                }
                n += 1000;
            }
            System.out.println((round < 3 ? "warm-up " : "measured ") + n + " verifications/s");
        }
        long canonicalOnly = 0;
        long end = System.nanoTime() + 2_000_000_000L;
        while (System.nanoTime() < end) {
            for (int i = 0; i < 1000; i++) {
                sink += CanonicalJson.canonicalize(body).length;
            }
            canonicalOnly += 1000;
        }
        System.out.println("canonicalize only: " + canonicalOnly / 2 + " /s (sink " + sink + ")");
    }
}
