package cn.scenext.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import cn.scenext.api.exception.WebhookVerificationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Whatever arrives, {@link WebhookVerifier#verify} returns an event or throws {@link WebhookVerificationException}
 * and {@link WebhookHandler#handle} answers 200, 400, 401 or 413: random bytes, mutated and truncated events,
 * hostile structures. Any other exception fails the property. The outcomes are counted into
 * {@code target/webhook-fuzz-outcomes.txt}.
 */
class WebhookVerifierFuzzTest {
    private static final String SECRET = "sk-test-1234567890";
    private static final byte[] DOCS = TestData.jsonl(TestData.VECTORS).get(0).get("body")
            .getBytes(StandardCharsets.UTF_8);
    private static final Map<String, AtomicLong> OUTCOMES = new ConcurrentHashMap<>();

    private final WebhookVerifier verifier = WebhookVerifier.builder()
            .secret(SECRET)
            .clock(Clock.fixed(Instant.ofEpochSecond(1672531200L), ZoneOffset.UTC))
            .maxBodyBytes(256 * 1024)
            .build();
    private final WebhookSigner signer = WebhookSigner.of(SECRET);

    /** Verifies and counts the outcome; any exception but a verification failure propagates and fails the try. */
    private void verifyAndCount(String property, byte[] body, String signature) {
        String outcome;
        try {
            verifier.verify(body, signature);
            outcome = "event";
        } catch (WebhookVerificationException e) {
            outcome = e.getClass().getSimpleName() + "/" + e.reason();
        }
        OUTCOMES.computeIfAbsent(property + " " + outcome, k -> new AtomicLong()).incrementAndGet();
        OUTCOMES.computeIfAbsent("all " + outcome.replaceAll("/.*", ""), k -> new AtomicLong()).incrementAndGet();
    }

    /** A signature the verifier will get past the header check with: wrong, right over the raw bytes, or junk. */
    private String signatureFor(byte[] body, int choice) {
        switch (Math.floorMod(choice, 4)) {
            case 0:
                return signer.signRaw(body);
            case 1:
                return "3e14b8eceab5c589f7fd220f452adff64337faa3fd8a1bc2c822d4b032dc68ff";
            case 2:
                return choice % 7 == 0 ? null : "zz";
            default:
                return signer.signRaw(DOCS);
        }
    }

    @Provide
    Arbitrary<byte[]> randomBytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(600);
    }

    @Property(tries = 10000)
    void randomBytesNeverEscapeAsAnotherException(@ForAll("randomBytes") byte[] body, @ForAll int choice) {
        verifyAndCount("random-bytes", body, signatureFor(body, choice));
    }

    @Property(tries = 10000)
    void mutatedEventsNeverEscapeAsAnotherException(@ForAll long seed, @ForAll int choice) {
        byte[] body = mutate(DOCS, new Random(seed));
        verifyAndCount("mutated-event", body, signatureFor(body, choice));
    }

    @Property(tries = 3000)
    void truncatedEventsNeverEscapeAsAnotherException(@ForAll long seed, @ForAll int choice) {
        Random r = new Random(seed);
        byte[] body = Arrays.copyOf(DOCS, r.nextInt(DOCS.length + 1));
        verifyAndCount("truncated-event", body, signatureFor(body, choice));
    }

    @Property(tries = 3000)
    void hostileStructuresNeverEscapeAsAnotherException(@ForAll long seed, @ForAll int choice) {
        byte[] body = hostile(new Random(seed));
        verifyAndCount("hostile", body, signatureFor(body, choice));
    }

    @Property(tries = 2000)
    void handlerAlwaysAnswersAKnownStatus(@ForAll("randomBytes") byte[] noise, @ForAll long seed,
            @ForAll int choice) {
        Random r = new Random(seed);
        byte[] body = r.nextBoolean() ? noise : r.nextBoolean() ? mutate(DOCS, r) : hostile(r);
        WebhookHandler handler = WebhookHandler.builder(verifier).build();

        WebhookResponse response = handler.handle(signatureFor(body, choice), body);

        assertThat(response.statusCode()).isIn(200, 400, 401, 413);
        OUTCOMES.computeIfAbsent("handler " + response.statusCode(), k -> new AtomicLong()).incrementAndGet();
    }

    /** A few random edits of a valid body: flips, deletions, insertions, duplications, byte swaps. */
    static byte[] mutate(byte[] original, Random r) {
        byte[] b = original.clone();
        int edits = 1 + r.nextInt(4);
        for (int e = 0; e < edits && b.length > 0; e++) {
            int at = r.nextInt(b.length);
            switch (r.nextInt(6)) {
                case 0:
                    b[at] = (byte) r.nextInt(256);
                    break;
                case 1:
                    b = concat(Arrays.copyOf(b, at), Arrays.copyOfRange(b, Math.min(b.length, at + 1 + r.nextInt(20)),
                            b.length));
                    break;
                case 2:
                    byte[] noise = new byte[1 + r.nextInt(8)];
                    r.nextBytes(noise);
                    b = concat(concat(Arrays.copyOf(b, at), noise), Arrays.copyOfRange(b, at, b.length));
                    break;
                case 3:
                    int end = Math.min(b.length, at + 1 + r.nextInt(40));
                    b = concat(concat(Arrays.copyOf(b, end), Arrays.copyOfRange(b, at, end)),
                            Arrays.copyOfRange(b, end, b.length));
                    break;
                case 4:
                    byte[] token = pick(r, "\"", "\\", "{", "}", "[", "]", ",", ":", "1e999", "-0", "NaN", "\\ud800",
                            "\\u", "\u00e9", "\u0000", "\ud83d\ude00").getBytes(StandardCharsets.UTF_8);
                    b = concat(concat(Arrays.copyOf(b, at), token), Arrays.copyOfRange(b, at, b.length));
                    break;
                default:
                    int other = r.nextInt(b.length);
                    byte t = b[at];
                    b[at] = b[other];
                    b[other] = t;
            }
        }
        return b;
    }

    /** Bodies built to hurt: deep nesting, huge numbers and strings, many keys, invalid UTF-8, odd literals. */
    static byte[] hostile(Random r) {
        StringBuilder sb = new StringBuilder();
        switch (r.nextInt(12)) {
            case 0:
                int depth = 400 + r.nextInt(800);
                sb.append(repeat(r.nextBoolean() ? "[" : "{\"a\":", depth)).append('1');
                return sb.toString().getBytes(StandardCharsets.US_ASCII); // unclosed or too deep
            case 1:
                int d = 100 + r.nextInt(500);
                return (repeat("[", d) + repeat("]", d)).getBytes(StandardCharsets.US_ASCII);
            case 2:
                return ("{\"task_id\": \"t\", \"status\": \"COMPLETED\", \"timestamp\": "
                        + (r.nextBoolean() ? "-" : "") + repeat("9", 1 + r.nextInt(6000)) + "}")
                        .getBytes(StandardCharsets.US_ASCII);
            case 3:
                return ("[1e" + (r.nextBoolean() ? "-" : "") + repeat("9", 1 + r.nextInt(30)) + ", 0."
                        + repeat("0", r.nextInt(5000)) + "1, " + repeat("1", r.nextInt(5000)) + ".5e-3]")
                        .getBytes(StandardCharsets.US_ASCII);
            case 4:
                return ("{\"task_id\": \"" + repeat(pick(r, "x", "\\u00e9", "\\ud83d\\ude00", "\\\"", "\u4e2d"),
                        1 + r.nextInt(40000)) + "\", \"status\": \"COMPLETED\", \"timestamp\": 1672531200}")
                        .getBytes(StandardCharsets.UTF_8);
            case 5:
                sb.append('{');
                int keys = 1 + r.nextInt(20000);
                for (int i = 0; i < keys; i++) {
                    sb.append(i == 0 ? "" : ",").append("\"k").append(r.nextInt(keys)).append("\":").append(i);
                }
                return sb.append('}').toString().getBytes(StandardCharsets.US_ASCII);
            case 6:
                byte[] body = DOCS.clone();
                byte[][] invalid = {{(byte) 0xC0, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xFF},
                    {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xE4, (byte) 0xB8}, {(byte) 0x80}};
                int at = r.nextInt(body.length);
                return concat(concat(Arrays.copyOf(body, at), invalid[r.nextInt(invalid.length)]),
                        Arrays.copyOfRange(body, at, body.length));
            case 7:
                return ("{\"task_id\": \"t\", \"status\": \"COMPLETED\", \"timestamp\": " + pick(r, "NaN", "Infinity",
                        "-Infinity", "+Infinity", "-INF", "1e400", "1672531200.0000000001", "-0", "true", "null",
                        "[]", "{}", "\"1672531200\"", "1.6725312e9", "9223372036854775808", "-9223372036854775809")
                        + "}").getBytes(StandardCharsets.US_ASCII);
            case 8:
                return pick(r, "\ufeff{}", "\ufeff\ufeff{}", "{}\u0000", "\u0000{}", "{\"\\ud800\": 1}",
                        "{\"a\": \"\\ud800\\ud800\"}", "{\"a\": \"\\udc00\"}", "[\"\\u12\"]", "[\"\\uzzzz\"]", "{,}",
                        "[01]", "[1.]", "[-]", "[.5]", "[+1]", "{\"a\":1,}", "[1,]", "// x\n{}", "/* x */{}", "{'a':1}",
                        "{\"a\"}", "\"", "tru", "nul", "[1 2]", "\r\n\t ").getBytes(StandardCharsets.UTF_8);
            case 9:
                byte[] big = new byte[200_000 + r.nextInt(100_000)];
                Arrays.fill(big, (byte) ' ');
                big[0] = '[';
                big[big.length - 1] = ']';
                return big; // over the 256 KiB limit or just under it
            case 10:
                return ("{\"task_id\": \"t\", \"status\": \"COMPLETED\", \"timestamp\": 1672531200, \"progress\": "
                        + pick(r, "7", "null", "{\"id\": 1}", "[1, [2], {\"id\": [], \"image\": {}}, null]",
                        "[{\"image\": 5}]") + ", \"result\": " + pick(r, "7", "null", "[\"x\"]", "{\"video_url\": []}",
                        "[{\"type\": 1, \"content\": false}]") + ", \"consumption\": " + pick(r, "{}", "[1]",
                        "[{\"type\": \"score\", \"value\": \"abc\"}]", "[{\"type\": \"score\", \"value\": NaN}]") + "}")
                        .getBytes(StandardCharsets.US_ASCII);
            default:
                byte[] junk = new byte[r.nextInt(64)];
                r.nextBytes(junk);
                return concat("{\"task_id\": \"".getBytes(StandardCharsets.US_ASCII), junk);
        }
    }

    private static String pick(Random r, String... options) {
        return options[r.nextInt(options.length)];
    }

    private static String repeat(String s, int n) {
        StringBuilder sb = new StringBuilder(s.length() * n);
        for (int i = 0; i < n; i++) {
            sb.append(s);
        }
        return sb.toString();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    @AfterContainer
    static void writeOutcomes() throws IOException {
        Map<String, Long> sorted = new TreeMap<>();
        OUTCOMES.forEach((k, v) -> sorted.put(k, v.get()));
        StringBuilder sb = new StringBuilder();
        sorted.forEach((k, v) -> sb.append(String.format("%-70s %7d%n", k, v)));
        Path out = Paths.get("target", "webhook-fuzz-outcomes.txt");
        Files.createDirectories(out.getParent());
        Files.write(out, sb.toString().getBytes(StandardCharsets.UTF_8));
    }
}
