package cn.scenext.core.internal.canonical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.scenext.core.internal.json.MalformedJsonException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The number scanner on runs of digits of every length, the digit writer, and UTF-8 checked inside the scan,
 * against references that share none of them: Java's own formatting and parsing, the exact BigDecimal search, and
 * {@link Utf8#check} run on the whole input.
 */
class ScanFastPathsTest {
    private static final long SEED = 0x5CA22L;

    @Test
    void digitsAreWrittenExactlyForEveryLength() {
        SplittableRandom random = new SplittableRandom(SEED + 1);
        byte[] b = new byte[32];
        for (int n = 0; n < 50_000; n++) {
            long value = random.nextLong(1, Long.MAX_VALUE) >>> random.nextInt(63);
            value = Math.max(value, 1);
            int count = PythonFloats.digitCount(value);
            PythonFloats.writeDigits(b, count, value);
            assertThat(new String(b, 0, count, StandardCharsets.US_ASCII)).isEqualTo(Long.toString(value));
        }
    }

    /** Literals whose runs of digits end at every offset of an eight-byte word, in arrays and at the input's end. */
    @Test
    void literalsOfEveryDigitRunLengthMatchTheExactSearch() {
        SplittableRandom random = new SplittableRandom(SEED + 2);
        List<String> mismatches = new ArrayList<>();
        for (int intDigits = 1; intDigits <= 40 && mismatches.size() < 20; intDigits++) {
            for (int fracDigits = 0; fracDigits <= 40; fracDigits++) {
                String literal = literal(random, intDigits, fracDigits);
                check(literal, mismatches);
                check("0." + repeat('0', random.nextInt(12)) + digits(random, intDigits), mismatches);
            }
        }
        assertThat(mismatches).isEmpty();
    }

    @Test
    void integersOfEveryLengthAreCopiedWhateverFollowsThem() {
        SplittableRandom random = new SplittableRandom(SEED + 3);
        for (int length = 1; length <= 70; length++) {
            String digits = random.nextInt(4) == 0 ? "1" + repeat('0', length - 1) : digits(random, length);
            for (String json : new String[] {digits, "-" + digits, "[" + digits + "]", "[" + digits + ", -" + digits
                    + "]", "{\"a\": " + digits + "}", "[" + digits + " ,1]"}) {
                assertThat(CanonicalJson.canonicalize(json)).isEqualTo(json.replace(" ,", ", "));
            }
        }
    }

    @Test
    void refusesNumbersBrokenRightAfterARunOfDigits() {
        for (int length = 1; length <= 24; length++) {
            String digits = "1" + repeat('2', length - 1);
            for (String json : new String[] {digits + ".", digits + "e", digits + ".5e+", digits + "x", "[" + digits
                    + ".]", "0" + digits, digits + ".." + digits, digits + "." + digits + "." + digits}) {
                assertThatThrownBy(() -> new CanonicalWriter().canonicalize(json.getBytes(StandardCharsets.US_ASCII), null))
                        .as(json).isInstanceOf(MalformedJsonException.class);
            }
        }
    }

    /** The scan checks UTF-8 itself now: the error must be the one the whole input's check names, as before. */
    @Test
    void invalidUtf8IsReportedAtItsFirstByteWhereverItIsAndWhateverOtherErrorThereIs() {
        String[] templates = {"{\"a\": \"x%sy\"}", "[1, %s]", "%s", "{\"k%s\": 1}", "[1 2, \"%s\"]", "[\"%s\"",
            "{\"a\": [1, 2, \"ok\u00e9\u4e2d\ud83d\ude00\", \"%s\"]}"};
        byte[][] invalid = {{(byte) 0xC0, (byte) 0xAF}, {(byte) 0xE0, (byte) 0x80, (byte) 0xAF},
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
            {(byte) 0xE4, (byte) 0xB8}, {(byte) 0x80}, {(byte) 0xFF}, {(byte) 0xF0, (byte) 0x9F, (byte) 0x98}};
        for (String template : templates) {
            for (byte[] bad : invalid) {
                byte[] json = splice(template, bad);
                int first = Utf8.check(json);
                assertThat(first).isGreaterThanOrEqualTo(0);
                assertThatThrownBy(() -> new CanonicalWriter().canonicalize(json, null)).isInstanceOf(MalformedJsonException.class)
                        .hasMessageContaining("not valid UTF-8 at byte " + first);
            }
        }
    }

    @Test
    void validMultiByteTextIsStillWrittenEscaped() {
        String json = "{\"\u00e9\u4e2d\ud83d\ude00\": \"caf\u00e9 \u4e2d \ud83d\ude00\"}";
        assertThat(CanonicalJson.canonicalize(json))
                .isEqualTo("{\"\\u00e9\\u4e2d\\ud83d\\ude00\": \"caf\\u00e9 \\u4e2d \\ud83d\\ude00\"}");
    }

    private static byte[] splice(String template, byte[] bad) {
        int at = template.indexOf("%s");
        byte[] head = template.substring(0, at).getBytes(StandardCharsets.UTF_8);
        byte[] tail = template.substring(at + 2).getBytes(StandardCharsets.UTF_8);
        byte[] json = new byte[head.length + bad.length + tail.length];
        System.arraycopy(head, 0, json, 0, head.length);
        System.arraycopy(bad, 0, json, head.length, bad.length);
        System.arraycopy(tail, 0, json, head.length + bad.length, tail.length);
        return json;
    }

    private static String literal(SplittableRandom random, int intDigits, int fracDigits) {
        StringBuilder sb = new StringBuilder();
        if (random.nextBoolean()) {
            sb.append('-');
        }
        sb.append(digits(random, intDigits));
        if (fracDigits > 0) {
            // Zeros, nines and runs that end in zeros: the cases where held digits, the tail and the scale meet.
            String fraction = random.nextInt(3) == 0 ? repeat(random.nextBoolean() ? '0' : '9', fracDigits)
                    : digits(random, fracDigits);
            if (random.nextInt(3) == 0 && fracDigits > 2) {
                fraction = fraction.substring(0, fracDigits - 2) + "01";
            }
            sb.append('.').append(fraction);
        }
        if (fracDigits == 0 || random.nextBoolean()) {
            sb.append(random.nextBoolean() ? 'e' : 'E').append(random.nextInt(-330, 310));
        }
        return sb.toString();
    }

    private static String digits(SplittableRandom random, int n) {
        StringBuilder sb = new StringBuilder().append((char) ('1' + random.nextInt(9)));
        for (int k = 1; k < n; k++) {
            sb.append((char) ('0' + random.nextInt(10)));
        }
        return sb.toString();
    }

    private static void check(String literal, List<String> mismatches) {
        String expected = exactRepr(Double.parseDouble(literal));
        for (String json : new String[] {literal, "[" + literal + "]", "[" + literal + ", " + literal + "]"}) {
            String actual = CanonicalJson.canonicalize(json);
            String want = json.startsWith("[") ? json.replace(literal, expected) : expected;
            if (!actual.equals(want)) {
                mismatches.add(json + ": " + actual + ", expected " + want);
            }
        }
    }

    private static String repeat(char c, int n) {
        return FloatFastPathsTest.repeat(c, n);
    }

    private static String exactRepr(double d) {
        return FloatFastPathsTest.exactRepr(d);
    }
}
