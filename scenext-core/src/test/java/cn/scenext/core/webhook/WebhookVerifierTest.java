package cn.scenext.core.webhook;

import cn.scenext.core.internal.canonical.CanonicalJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import cn.scenext.api.Frame;
import cn.scenext.api.ResultItem;
import cn.scenext.api.TaskState;
import cn.scenext.api.exception.ConfigurationException;
import cn.scenext.api.exception.WebhookVerificationException;
import cn.scenext.api.exception.WebhookVerificationException.Reason;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookVerifierTest {
    static final String SECRET = "sk-test-1234567890";
    static final long TS = 1672531200L;
    static final Clock AT_TS = clockAt(TS);

    static Clock clockAt(long epochSecond) {
        return Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC);
    }

    static WebhookVerifier verifierAt(Clock clock) {
        return WebhookVerifier.builder().secret(SECRET).clock(clock).build();
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** An event body with the given extra members; {@code timestamp} is {@link #TS}. */
    static byte[] event(String status, String extra) {
        return utf8("{\"task_id\": \"t-1\", \"status\": \"" + status + "\", \"timestamp\": " + TS + extra + "}");
    }

    static String sign(byte[] body) {
        return WebhookSigner.of(SECRET).sign(body);
    }

    static Reason rejection(WebhookVerifier verifier, byte[] body, String signature) {
        return catchThrowableOfType(WebhookVerificationException.class, () -> verifier.verify(body, signature))
                .reason();
    }

    /**
     * The body exactly as the service writes it, Python's {@code json.dumps(data)}: members in insertion order,
     * non-ASCII as lowercase {@code \\uXXXX} escapes (a surrogate pair beyond the BMP), DEL escaped; and the
     * internal status {@code unknown}. The signature was computed by Python 3.11 over
     * {@code json.dumps(data, sort_keys=True)}.
     */
    /**
     * A forged 1 MB body (the default limit) of subnormal floats, the input that cost seconds when canonicalization
     * used exact arithmetic, is rejected for its signature; so are bodies of floats from the whole range and of
     * decimals at and next to halfway between two doubles, and of long and out-of-range literals.
     */
    @ParameterizedTest
    @ValueSource(strings = {"subnormal", "random", "halfway", "long", "huge"})
    void rejectsAForgedMegabyteOfFloatsForItsSignature(String kind) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        StringBuilder sb = new StringBuilder("{\"task_id\": \"t-1\", \"status\": \"COMPLETED\", \"timestamp\": " + TS
                + ", \"x\": [");
        String separator = "";
        while (sb.length() < WebhookVerifier.DEFAULT_MAX_BODY_BYTES - 2000) {
            sb.append(separator);
            separator = ", ";
            switch (kind) {
                case "subnormal":
                    sb.append(String.format(java.util.Locale.ROOT, "%.16e",
                            Double.longBitsToDouble(random.nextLong(1, 1L << 52))));
                    break;
                case "random":
                    double d = Double.longBitsToDouble(random.nextLong() & 0x7FEF_FFFF_FFFF_FFFFL);
                    sb.append(String.format(java.util.Locale.ROOT, "%.16e", d));
                    break;
                case "halfway":
                    long odd = (1L << 53) + 1 + 2 * random.nextLong(0, 1L << 40);
                    sb.append(odd / 2).append(random.nextBoolean() ? ".5" : ".50000000000000000001");
                    break;
                case "long":
                    sb.append("0.").append(String.join("", java.util.Collections.nCopies(1500, "3"))).append("e-300");
                    break;
                default:
                    sb.append("1.5e").append(random.nextBoolean() ? "" : "-").append(random.nextLong(1, 1L << 62));
                    break;
            }
        }
        byte[] body = utf8(sb.append("]}").toString());
        assertThat(body.length).isLessThanOrEqualTo(WebhookVerifier.DEFAULT_MAX_BODY_BYTES);
        WebhookVerifier verifier = verifierAt(AT_TS);

        assertThat(rejection(verifier, body, "0123456789abcdef".repeat(4))).isEqualTo(Reason.SIGNATURE_MISMATCH);
        // The same body signed is accepted: the forged one was refused for its signature, not for its floats.
        assertThat(verifier.verify(body, sign(body)).taskId().value()).isEqualTo("t-1");
    }

    @Test
    void acceptsABodyAsPythonWritesItWithTheStatusUnknown() {
        byte[] body = utf8("{\"task_id\": \"d988d4d9-72f0-4b76-97b0-ca974335dcf4\", \"status\": \"unknown\","
                + " \"progress\": [{\"id\": \"frame1\", \"image\": \"https://oss.scenext.cn/f1.png?a=1&b=2\"}],"
                + " \"title\": \"\\u5085\\u91cc\\u53f6 \\u2014 \\u007f tab\\t \\ud83d\\ude00 \\u00e9\","
                + " \"score\": 0.1, \"timestamp\": 1672531200}");
        String pythonSignature = "911b10e23f6ddba3c4fa0660c5cf96abbacff2158558e6a968347444eff20cb0";

        WebhookEvent event = verifierAt(AT_TS).verify(body, pythonSignature);

        assertThat(event.state()).isEqualTo(TaskState.UNKNOWN);
        assertThat(event.rawStatus()).isEqualTo("unknown");
        assertThat(event.isTerminal()).isFalse();
        assertThat(event.toTaskStatus().title()).hasValue("\u5085\u91cc\u53f6 \u2014 \u007f tab\t \ud83d\ude00 \u00e9");
        assertThat(event.frames()).hasSize(1);
        assertThat(event.timestamp()).isEqualTo(Instant.ofEpochSecond(TS));
    }

    @Test
    void readsTheDocumentedCompletedEvent() {
        TestData.Case docs = TestData.jsonl(TestData.VECTORS).get(0);
        byte[] body = TestData.resource("webhook-completed.json");

        WebhookEvent event = verifierAt(AT_TS).verify(body, docs.get("signature"));

        assertThat(event.taskId().value()).isEqualTo("12345");
        assertThat(event.state()).isEqualTo(TaskState.COMPLETED);
        assertThat(event.isTerminal()).isTrue();
        assertThat(event.timestamp()).isEqualTo(Instant.ofEpochSecond(TS));
        assertThat(event.frames()).extracting(Frame::id).containsExactly("frame1", "frame2");
        assertThat(event.frames().get(1).imageUrl()).endsWith("Signature=5zB4nuv7PQkPDCzbKLMQBlb9f%2Bo%3D");
        assertThat(event.results()).extracting(ResultItem::type).containsExactly("video");
        assertThat(event.toTaskStatus().videoUrl()).hasValueSatisfying(url -> assertThat(url).contains(".mp4?"));
        assertThat(event.key()).isEqualTo(WebhookEvent.Key.of(event.taskId(), "COMPLETED", Instant.ofEpochSecond(TS)));
    }

    @Test
    void readsTheDocumentedFailedEventsReason() {
        TestData.Case failed = TestData.jsonl(TestData.VECTORS).get(1);

        WebhookEvent event = verifierAt(AT_TS).verify(TestData.resource("webhook-failed.json"), failed.get("signature"));

        assertThat(event.state()).isEqualTo(TaskState.FAILED);
        assertThat(event.toTaskStatus().failureMessage()).hasValue("Task execution failed");
    }

    @Test
    void acceptsASignatureOverTheRawBodyBytes() {
        byte[] body = TestData.resource("webhook-completed.json"); // pretty-printed: not the canonical form
        String rawSignature = WebhookSigner.of(SECRET).signRaw(body);

        assertThat(rawSignature).isNotEqualTo(sign(body));
        assertThat(verifierAt(AT_TS).verify(body, rawSignature).taskId().value()).isEqualTo("12345");
    }

    /**
     * A body over 16 KB with its top-level keys out of order, whose members the verifier leaves where they were
     * written and reads in key order: accepted signed over its canonical form or over its raw bytes, and sent in
     * canonical form itself (then raw and canonical are the same bytes); refused once a byte changes.
     */
    @Test
    void verifiesALargeBodyWhoseTopLevelKeysAreOutOfOrder() {
        StringBuilder sb = new StringBuilder("{\"timestamp\": " + TS + ", \"status\": \"FAILED\", \"x\": [");
        for (int i = 0; i < 4000; i++) {
            sb.append(i == 0 ? "" : ", ").append("{\"b\": ").append(i).append(", \"a\": 0.5}");
        }
        byte[] body = utf8(sb.append("], \"task_id\": \"t-1\", \"status\": \"COMPLETED\"}").toString());
        WebhookVerifier verifier = verifierAt(AT_TS);
        byte[] canonical = CanonicalJson.canonicalize(body);

        assertThat(new String(canonical, StandardCharsets.US_ASCII)).startsWith("{\"status\": \"COMPLETED\", \"task_id\":"
                + " \"t-1\", \"timestamp\": " + TS + ", \"x\": [{\"a\": 0.5, \"b\": 0}, {\"a\": 0.5, \"b\": 1}, ")
                .endsWith("{\"a\": 0.5, \"b\": 3999}]}");
        assertThat(verifier.verify(body, sign(body)).state()).isEqualTo(TaskState.COMPLETED);
        assertThat(verifier.verify(body, WebhookSigner.of(SECRET).signRaw(body)).state()).isEqualTo(TaskState.COMPLETED);
        assertThat(verifier.verify(canonical, WebhookSigner.of(SECRET).signRaw(canonical)).taskId().value())
                .isEqualTo("t-1");
        byte[] changed = body.clone();
        int at = body.length / 2;
        while (body[at] < '0' || body[at] > '9') {
            at++;
        }
        changed[at] = body[at] == '9' ? (byte) '8' : (byte) (body[at] + 1); // a digit changed: still an event
        assertThat(rejection(verifier, changed, sign(body))).isEqualTo(Reason.SIGNATURE_MISMATCH);
    }

    @Test
    void acceptsUppercaseHexAndSurroundingWhitespaceInTheHeader() {
        byte[] body = event("COMPLETED", "");
        String signature = " " + sign(body).toUpperCase(java.util.Locale.ROOT) + "\t";

        assertThat(verifierAt(AT_TS).verify(body, signature).state()).isEqualTo(TaskState.COMPLETED);
    }

    @Test
    void acceptsAnyConfiguredSecretWhileKeysRotate() {
        byte[] body = event("COMPLETED", "");
        WebhookVerifier rotating = WebhookVerifier.builder()
                .secrets(Arrays.asList("sk-new-key", SECRET))
                .clock(AT_TS)
                .build();

        assertThat(rotating.verify(body, sign(body)).state()).isEqualTo(TaskState.COMPLETED);
        assertThat(rotating.verify(body, WebhookSigner.of("sk-new-key").sign(body)).state())
                .isEqualTo(TaskState.COMPLETED);
        assertThat(rejection(rotating, body, WebhookSigner.of("sk-retired").sign(body)))
                .isEqualTo(Reason.SIGNATURE_MISMATCH);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t"})
    void rejectsAMissingSignature(String header) {
        assertThat(rejection(verifierAt(AT_TS), event("COMPLETED", ""), header)).isEqualTo(Reason.MISSING_SIGNATURE);
        assertThat(rejection(verifierAt(AT_TS), event("COMPLETED", ""), null)).isEqualTo(Reason.MISSING_SIGNATURE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "sha256=3e14b8eceab5c589f7fd220f452adff64337faa3fd8a1bc2c822d4b032dc68ff",
        "3e14b8eceab5c589f7fd220f452adff64337faa3fd8a1bc2c822d4b032dc68f",
        "3e14b8eceab5c589f7fd220f452adff64337faa3fd8a1bc2c822d4b032dc68ff0",
        "3e14b8eceab5c589f7fd220f452adff64337faa3fd8a1bc2c822d4b032dc68fg",
        "3e14b8eceab5c589f7fd220f452adff64337faa3fd8a1bc2c822d4b032dc68f\u0661"})
    void rejectsASignatureThatIsNot64HexDigits(String header) {
        assertThat(rejection(verifierAt(AT_TS), event("COMPLETED", ""), header)).isEqualTo(Reason.MALFORMED_SIGNATURE);
    }

    @Test
    void rejectsAWrongSignature() {
        byte[] body = event("COMPLETED", "");
        String signature = sign(body);
        String flipped = (signature.charAt(0) == '0' ? '1' : '0') + signature.substring(1);

        assertThat(rejection(verifierAt(AT_TS), body, flipped)).isEqualTo(Reason.SIGNATURE_MISMATCH);
    }

    @Test
    void rejectsABodyChangedAfterSigning() {
        byte[] body = event("FAILED", "");
        String signature = sign(body);
        byte[] forged = event("COMPLETED", "");

        assertThat(rejection(verifierAt(AT_TS), forged, signature)).isEqualTo(Reason.SIGNATURE_MISMATCH);
    }

    @Test
    void checksTheSignatureBeforeAnythingInTheBody() {
        byte[] stale = event("COMPLETED", "");
        byte[] notAnEvent = utf8("{\"hello\": \"world\"}");
        String wrong = sign(utf8("{\"other\": 1}"));

        assertThat(rejection(verifierAt(clockAt(TS + 3600)), stale, wrong)).isEqualTo(Reason.SIGNATURE_MISMATCH);
        assertThat(rejection(verifierAt(AT_TS), notAnEvent, wrong)).isEqualTo(Reason.SIGNATURE_MISMATCH);
    }

    @Test
    void acceptsTimestampsUpToTheToleranceEitherWay() {
        byte[] body = event("COMPLETED", "");
        String signature = sign(body);

        assertThat(verifierAt(clockAt(TS + 300)).verify(body, signature).timestamp().getEpochSecond()).isEqualTo(TS);
        assertThat(verifierAt(clockAt(TS - 300)).verify(body, signature).timestamp().getEpochSecond()).isEqualTo(TS);
    }

    @Test
    void rejectsAStaleOrFutureTimestamp() {
        byte[] body = event("COMPLETED", "");
        String signature = sign(body);

        assertThat(rejection(verifierAt(clockAt(TS + 301)), body, signature)).isEqualTo(Reason.STALE_TIMESTAMP);
        assertThat(rejection(verifierAt(clockAt(TS - 301)), body, signature)).isEqualTo(Reason.FUTURE_TIMESTAMP);
    }

    @Test
    void appliesAConfiguredTolerance() {
        byte[] body = event("COMPLETED", "");
        WebhookVerifier strict = WebhookVerifier.builder().secret(SECRET).tolerance(Duration.ofSeconds(10))
                .clock(clockAt(TS + 11)).build();

        assertThat(strict.tolerance()).isEqualTo(Duration.ofSeconds(10));
        assertThat(rejection(strict, body, sign(body))).isEqualTo(Reason.STALE_TIMESTAMP);
    }

    @Test
    void readsFractionalAndOutOfRangeTimestamps() {
        byte[] fractional = utf8("{\"task_id\": \"t\", \"status\": \"COMPLETED\", \"timestamp\": 1672531200.5}");
        byte[] huge = utf8("{\"task_id\": \"t\", \"status\": \"COMPLETED\", \"timestamp\": 1" + "0".repeat(40) + "}");
        byte[] hugeNegative = utf8("{\"task_id\": \"t\", \"status\": \"COMPLETED\", \"timestamp\": -1e300}");

        assertThat(verifierAt(AT_TS).verify(fractional, sign(fractional)).timestamp())
                .isEqualTo(Instant.ofEpochSecond(TS, 500_000_000));
        assertThat(rejection(verifierAt(AT_TS), huge, sign(huge))).isEqualTo(Reason.FUTURE_TIMESTAMP);
        assertThat(rejection(verifierAt(AT_TS), hugeNegative, sign(hugeNegative))).isEqualTo(Reason.STALE_TIMESTAMP);
    }

    @Test
    void rejectsABodyOverTheLimit() {
        byte[] body = event("COMPLETED", "");
        WebhookVerifier small = WebhookVerifier.builder().secret(SECRET).clock(AT_TS).maxBodyBytes(body.length).build();
        byte[] larger = event("COMPLETED", ", \"x\": 1");

        assertThat(small.verify(body, sign(body)).state()).isEqualTo(TaskState.COMPLETED);
        assertThat(rejection(small, larger, sign(larger))).isEqualTo(Reason.BODY_TOO_LARGE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[1, 2]", "\"text\"", "42", "null", "{", "{\"a\": }", "not json"})
    void rejectsABodyThatIsNotAJsonObject(String body) {
        assertThat(rejection(verifierAt(AT_TS), utf8(body), sign(utf8("{}")))).isEqualTo(Reason.MALFORMED_BODY);
        assertThat(rejection(verifierAt(AT_TS), null, sign(utf8("{}")))).isEqualTo(Reason.MALFORMED_BODY);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"status\": \"COMPLETED\", \"timestamp\": 1672531200}",
        "{\"task_id\": \" \", \"status\": \"COMPLETED\", \"timestamp\": 1672531200}",
        "{\"task_id\": [\"t\"], \"status\": \"COMPLETED\", \"timestamp\": 1672531200}",
        "{\"task_id\": \"t\", \"timestamp\": 1672531200}",
        "{\"task_id\": \"t\", \"status\": 3, \"timestamp\": 1672531200}",
        "{\"task_id\": \"t\", \"status\": \"COMPLETED\"}",
        "{\"task_id\": \"t\", \"status\": \"COMPLETED\", \"timestamp\": \"1672531200\"}",
        "{\"task_id\": \"t\", \"status\": \"COMPLETED\", \"timestamp\": NaN}",
        "{\"task_id\": \"t\", \"status\": \"COMPLETED\", \"timestamp\": 1672531200, \"task_id\": null}"})
    void rejectsASignedObjectThatIsNotAnEvent(String json) {
        byte[] body = utf8(json);

        assertThat(rejection(verifierAt(AT_TS), body, sign(body))).isEqualTo(Reason.MALFORMED_BODY);
    }

    @Test
    void readsRepeatedKeysAsTheSignedFormHasThem() {
        byte[] body = utf8("{\"task_id\": \"t\", \"status\": \"IN_PROGRESS\", \"progress\": [{\"id\": \"a\", \"image\": "
                + "\"u1\"}], \"timestamp\": 1672531200, \"status\": \"COMPLETED\", \"progress\": []}");

        WebhookEvent event = verifierAt(AT_TS).verify(body, sign(body));

        assertThat(event.state()).isEqualTo(TaskState.COMPLETED);
        assertThat(event.frames()).isEmpty();
    }

    @Test
    void readsTheResultAsAnObjectToo() {
        byte[] completed = event("COMPLETED", ", \"result\": {\"video_url\": \"https://v.example/a.mp4\"}");
        byte[] failed = event("FAILED", ", \"result\": {\"error\": \"out of credits\", \"video_url\": null}");

        assertThat(verifierAt(AT_TS).verify(completed, sign(completed)).toTaskStatus().videoUrl())
                .hasValue("https://v.example/a.mp4");
        assertThat(verifierAt(AT_TS).verify(failed, sign(failed)).toTaskStatus().failureMessage())
                .hasValue("out of credits");
    }

    @Test
    void keepsAnUnknownStatusAndANumericTaskId() {
        byte[] body = utf8("{\"task_id\": 12345, \"status\": \"QUEUED\", \"timestamp\": 1672531200}");

        WebhookEvent event = verifierAt(AT_TS).verify(body, sign(body));

        assertThat(event.taskId().value()).isEqualTo("12345");
        assertThat(event.state()).isEqualTo(TaskState.UNKNOWN);
        assertThat(event.rawStatus()).isEqualTo("QUEUED");
        assertThat(event.isTerminal()).isFalse();
    }

    @Test
    void readsTheEventAsTheSignedFormHasIt() {
        byte[] body = utf8("{\"task_id\": -0, \"status\": \"COMPLETED\", \"timestamp\": 1672531200.000}");

        WebhookEvent event = verifierAt(AT_TS).verify(body, sign(body));

        assertThat(CanonicalJson.canonicalize(new String(body, StandardCharsets.UTF_8)))
                .isEqualTo("{\"status\": \"COMPLETED\", \"task_id\": 0, \"timestamp\": 1672531200.0}");
        assertThat(event.taskId().value()).isEqualTo("0");
        assertThat(event.timestamp()).isEqualTo(Instant.ofEpochSecond(TS));
    }

    @Test
    void readsConsumptionTitleAndFramesWithoutIds() {
        byte[] body = event("COMPLETED", ", \"title\": \"Fourier\", \"progress\": [{\"image\": \"u1\"}, 7, "
                + "{\"id\": \"f3\", \"image\": \"u3\"}, {\"id\": \"no-image\"}], \"consumption\": [{\"type\": \"score\", "
                + "\"value\": 20, \"detail\": \"x\"}, {\"type\": \"score\", \"value\": \"-3.5\"}, {\"type\": \"score\"}]");

        WebhookEvent event = verifierAt(AT_TS).verify(body, sign(body));

        assertThat(event.toTaskStatus().title()).hasValue("Fourier");
        assertThat(event.frames()).containsExactly(Frame.of("frame1", "u1"), Frame.of("f3", "u3"));
        assertThat(event.toTaskStatus().consumptions()).hasSize(2);
        assertThat(event.toTaskStatus().creditsConsumed()).isEqualByComparingTo(new BigDecimal("16.5"));
    }

    @Test
    void neverPutsTheSecretInAMessageOrToString() {
        String secret = "sk-very-secret-value";
        WebhookVerifier verifier = WebhookVerifier.builder().secret(secret).clock(clockAt(TS + 9999)).build();
        byte[] body = event("COMPLETED", "");
        List<String> texts = new ArrayList<>();
        texts.add(verifier.toString());
        texts.add(WebhookSigner.of(secret).toString());
        for (String signature : new String[] {null, "xyz", sign(body), WebhookSigner.of(secret).sign(body)}) {
            texts.add(catchThrowableOfType(WebhookVerificationException.class,
                    () -> verifier.verify(body, signature)).getMessage());
        }

        assertThat(texts).hasSize(6).allSatisfy(text -> assertThat(text).doesNotContain(secret));
        assertThat(verifier.toString()).isEqualTo("WebhookVerifier{1 secret, tolerance=PT5M, maxBodyBytes=1048576}");
    }

    @Test
    void refusesToBuildWithoutAUsableSecret() {
        assertThatThrownBy(() -> WebhookVerifier.builder().build()).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> WebhookVerifier.of("")).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> WebhookVerifier.builder().tolerance(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WebhookVerifier.builder().maxBodyBytes(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void verifiesConcurrentlyWithoutMixingUpBodies() throws Exception {
        WebhookVerifier verifier = verifierAt(AT_TS);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 2000; i++) {
                        String id = "t-" + thread + "-" + i;
                        byte[] body = utf8("{\"task_id\": \"" + id + "\", \"status\": \"COMPLETED\", \"timestamp\": " + TS
                                + ", \"progress\": [{\"id\": \"f\", \"image\": \"" + id + "\"}]}");
                        WebhookEvent event = verifier.verify(body, sign(body));
                        if (!event.taskId().value().equals(id) || !event.frames().get(0).imageUrl().equals(id)) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> r : results) {
                assertThat(r.get(60, TimeUnit.SECONDS)).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
