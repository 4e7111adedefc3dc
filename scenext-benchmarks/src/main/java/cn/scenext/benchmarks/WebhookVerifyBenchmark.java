package cn.scenext.benchmarks;

import cn.scenext.api.TaskState;
import cn.scenext.api.exception.WebhookVerificationException;
import cn.scenext.core.internal.canonical.CanonicalJson;
import cn.scenext.core.webhook.WebhookEvent;
import cn.scenext.core.webhook.WebhookVerifier;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What receiving a webhook costs on one thread. {@link #verifyDocsPayload} verifies the documented COMPLETED
 * event exactly as signed in {@code webhook-signature-vectors.jsonl} ({@code docs-completed}): the body is
 * re-serialized in Python's canonical form, HMAC-SHA256'd, compared in constant time, and read into a
 * {@link WebhookEvent}, against a fixed clock a minute after the event's timestamp. {@link
 * #canonicalizeLargePayload} canonicalizes a 200-frame COMPLETED event, the largest a long task sends.
 *
 * <p>The {@code rejectForged...} benchmarks measure what an attacker costs before authentication: a 1 MB body
 * (the verifier's default limit) with a wrong signature, full of 17-digit floats: {@link
 * #rejectForgedSubnormals} subnormals (the case that cost seconds with exact arithmetic), {@link
 * #rejectForgedRandomDoubles} doubles from the whole range, {@link #rejectForgedHalfwayDecimals} decimals that
 * lie exactly or within a hair of halfway between two doubles (the worst case: each takes the exact, bounded
 * fallback parser).
 */
@State(Scope.Thread)
@Threads(1)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class WebhookVerifyBenchmark {
    private WebhookVerifier verifier;
    private byte[] docsBody;
    private String docsSignature;
    private byte[] largeBody;
    private byte[] forgedSubnormals;
    private byte[] forgedRandomDoubles;
    private byte[] forgedHalfway;
    private String forgedSignature;

    /** Reads the documented vector, builds the verifier and the large payload, and checks both work. */
    @Setup(Level.Trial)
    public void setUp() {
        Documented docs = Documented.open();
        verifier = docs.verifier();
        docsBody = docs.body();
        docsSignature = docs.signature();
        largeBody = largePayload(200);
        forgedSignature = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
        SplittableRandom random = new SplittableRandom(42);
        forgedSubnormals = forgedBody(() -> String.format(Locale.ROOT, "%.16e",
                Double.longBitsToDouble(random.nextLong(1, 1L << 52))));
        forgedRandomDoubles = forgedBody(() -> {
            double d;
            do {
                d = Double.longBitsToDouble(random.nextLong());
            } while (Double.isNaN(d) || Double.isInfinite(d));
            return String.format(Locale.ROOT, "%.16e", d);
        });
        forgedHalfway = forgedBody(() -> {
            long odd = (1L << 53) + 1 + 2 * random.nextLong(0, 1L << 40);
            return random.nextBoolean() ? odd / 2 + ".5" : odd / 2 + ".50000000000000000001";
        });
        for (byte[] forged : new byte[][] {forgedSubnormals, forgedRandomDoubles, forgedHalfway}) {
            if (rejectForged(forged) != WebhookVerificationException.Reason.SIGNATURE_MISMATCH) {
                throw new IllegalStateException("A forged body was not rejected for its signature");
            }
        }
    }

    /** A documented-looking event padded to 1 MB (the default limit) with an array of numbers. */
    static byte[] forgedBody(Supplier<String> number) {
        StringBuilder sb = new StringBuilder(WebhookVerifier.DEFAULT_MAX_BODY_BYTES)
                .append("{\"task_id\": \"d988d4d9-72f0-4b76-97b0-ca974335dcf4\", \"status\": \"COMPLETED\", "
                        + "\"timestamp\": 1672531200, \"x\": [");
        String next = number.get();
        boolean first = true;
        while (sb.length() + next.length() + 4 < WebhookVerifier.DEFAULT_MAX_BODY_BYTES) {
            if (!first) {
                sb.append(", ");
            }
            first = false;
            sb.append(next);
            next = number.get();
        }
        return sb.append("]}").toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** The forged bodies, named, for {@link WebhookCpuCost}; after {@link #setUp()}. */
    Map<String, byte[]> forgedBodies() {
        Map<String, byte[]> bodies = new LinkedHashMap<>();
        bodies.put("subnormals", forgedSubnormals);
        bodies.put("random doubles", forgedRandomDoubles);
        bodies.put("halfway decimals", forgedHalfway);
        return bodies;
    }

    WebhookVerificationException.Reason rejectForged(byte[] body) {
        try {
            verifier.verify(body, forgedSignature);
            throw new IllegalStateException("A forged body verified");
        } catch (WebhookVerificationException e) {
            return e.reason();
        }
    }

    /**
     * The documented vector ({@code docs-completed}) and a verifier for it, checked: the event reads as documented
     * and the canonical form is the vector's.
     *
     * @param verifier a verifier with the vector's secret and a clock a minute after its timestamp
     * @param body the body as signed
     * @param signature its signature
     */
    record Documented(WebhookVerifier verifier, byte[] body, String signature) {
        static Documented open() {
            SignatureVector docs = SignatureVector.named("docs-completed");
            byte[] body = docs.body().getBytes(StandardCharsets.UTF_8);
            Instant timestamp = Instant.ofEpochSecond(1672531200L); // the vector's own "timestamp"
            WebhookVerifier verifier = WebhookVerifier.builder()
                    .secret(docs.secret())
                    .clock(Clock.fixed(timestamp.plusSeconds(60), ZoneOffset.UTC))
                    .build();
            WebhookEvent event = verifier.verify(body, docs.signature());
            if (event.state() != TaskState.COMPLETED || event.frames().size() != 2
                    || !event.timestamp().equals(timestamp)) {
                throw new IllegalStateException("The documented webhook did not verify as expected: " + event);
            }
            if (!new String(CanonicalJson.canonicalize(body), StandardCharsets.UTF_8).equals(docs.canonical())) {
                throw new IllegalStateException("The canonical form differs from the vector's");
            }
            return new Documented(verifier, body, docs.signature());
        }
    }

    /** The documented event with {@code frames} storyboard frames, keys out of order as the service sends them. */
    static byte[] largePayload(int frames) {
        StringBuilder sb = new StringBuilder("{\"task_id\": \"d988d4d9-72f0-4b76-97b0-ca974335dcf4\", "
                + "\"status\": \"COMPLETED\", \"progress\": [");
        for (int i = 1; i <= frames; i++) {
            if (i > 1) {
                sb.append(", ");
            }
            sb.append("{\"image\": \"https://oss.scenext.cn/frame_img/d988d4d9-72f0-4b76-97b0-ca974335dcf4/"
                    + "ed6e7bae-cb5d-4e75-a6ae-b4beced80c92/frame").append(i)
                    .append(".png?OSSAccessKeyId=LTAI5tDkzckmQzw7eKj4s47h&Expires=").append(1749287113L + i)
                    .append("&Signature=ZofSGtAyhO3KolVaMC8ICUZJNWE%3D\", \"id\": \"frame").append(i).append("\"}");
        }
        sb.append("], \"result\": [{\"type\": \"video\", \"content\": \"https://oss.scenext.cn/Video/"
                + "d988d4d9-72f0-4b76-97b0-ca974335dcf4/Manimed6e7bae-cb5d-4e75-a6ae-b4beced80c92.mp4?OSSAccessKeyId="
                + "LTAI5tDkzckmQzw7eKj4s47h&Expires=1749288010&Signature=CZRkEsLpWctM9MS3v7IbpRvMcKI%3D\"}], "
                + "\"title\": \"Fourier series \\u2014 \u5085\u91cc\u53f6\u7ea7\u6570\", \"timestamp\": 1672531200}");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Verifies the documented COMPLETED webhook and reads its event.
     *
     * @return the event, consumed by JMH
     */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public WebhookEvent verifyDocsPayload() {
        return verifier.verify(docsBody, docsSignature);
    }

    /**
     * Canonicalizes a 200-frame COMPLETED event (about 40 KB).
     *
     * @return the canonical bytes, consumed by JMH
     */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public byte[] canonicalizeLargePayload() {
        return CanonicalJson.canonicalize(largeBody);
    }

    /**
     * Rejects a forged 1 MB body of subnormal floats.
     *
     * @return the rejection's reason, consumed by JMH
     */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public WebhookVerificationException.Reason rejectForgedSubnormals() {
        return rejectForged(forgedSubnormals);
    }

    /**
     * Rejects a forged 1 MB body of floats from the whole double range.
     *
     * @return the rejection's reason, consumed by JMH
     */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public WebhookVerificationException.Reason rejectForgedRandomDoubles() {
        return rejectForged(forgedRandomDoubles);
    }

    /**
     * Rejects a forged 1 MB body of decimals at or next to halfway between two doubles.
     *
     * @return the rejection's reason, consumed by JMH
     */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public WebhookVerificationException.Reason rejectForgedHalfwayDecimals() {
        return rejectForged(forgedHalfway);
    }
}
