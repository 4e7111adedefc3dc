package cn.scenext.core.internal.canonical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import cn.scenext.api.exception.WebhookVerificationException;
import cn.scenext.api.exception.WebhookVerificationException.Reason;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The rules of Python's {@code json.dumps(obj, sort_keys=True)}, one at a time. Expected texts come from Python. */
public class CanonicalJsonTest {
    private static String canonical(String json) {
        return CanonicalJson.canonicalize(json);
    }

    private static Reason rejection(byte[] json) {
        return catchThrowableOfType(WebhookVerificationException.class, () -> CanonicalJson.canonicalize(json))
                .reason();
    }

    @Test
    void sortsKeysAndUsesPythonsSeparators() {
        assertThat(canonical("{\"b\":1,\"a\":{\"d\":[1,2],\"c\":null}}"))
                .isEqualTo("{\"a\": {\"c\": null, \"d\": [1, 2]}, \"b\": 1}");
    }

    @Test
    void sortsKeysByCodePointNotByUtf16Unit() {
        // U+FF01 is above the high surrogate D83D as a UTF-16 unit, but below U+1F600 as a code point.
        assertThat(canonical("{\"\\ud83d\\ude00\": 1, \"\\uff01\": 2, \"\\ue000\": 3, \"\\ud7ff\": 4}"))
                .isEqualTo("{\"\\ud7ff\": 4, \"\\ue000\": 3, \"\\uff01\": 2, \"\\ud83d\\ude00\": 1}");
    }

    @Test
    void sortsManyKeysStably() {
        StringBuilder in = new StringBuilder("{");
        for (int i = 99; i >= 0; i--) {
            in.append(i == 99 ? "" : ",").append("\"k").append(i).append("\":").append(i);
        }
        String out = canonical(in.append("}").toString());
        assertThat(out).startsWith("{\"k0\": 0, \"k1\": 1, \"k10\": 10, \"k11\": 11,").endsWith("\"k98\": 98, \"k99\": 99}");
    }

    @Test
    void sortsLargeObjectsWithRepeatedKeysKeepingEachLastValue() {
        java.util.Random random = new java.util.Random(42);
        java.util.Map<String, Integer> lastValues = new java.util.TreeMap<>(); // ASCII keys: code point order
        StringBuilder in = new StringBuilder("{");
        for (int i = 0; i < 2000; i++) {
            String key = "k" + random.nextInt(700);
            in.append(i == 0 ? "" : ", ").append('"').append(key).append("\": ").append(i);
            lastValues.put(key, i);
        }
        StringBuilder expected = new StringBuilder("{");
        lastValues.forEach((k, v) -> expected.append(expected.length() == 1 ? "" : ", ")
                .append('"').append(k).append("\": ").append(v));

        assertThat(canonical(in.append('}').toString())).isEqualTo(expected.append('}').toString());
    }

    @Test
    void keepsTheLastValueOfARepeatedKey() {
        assertThat(canonical("{\"a\": 1, \"b\": 2, \"a\": {\"x\": 3}, \"a\": [4]}")).isEqualTo("{\"a\": [4], \"b\": 2}");
    }

    @Test
    void escapesLikePythonsEnsureAscii() {
        assertThat(canonical("\"q\\\" b\\\\ s/ \\/ t\\t n\\n r\\r b\\b f\\f \\u0000 \\u001F \\u007F \u0080 \u00e9 \u4e2d\""))
                .isEqualTo("\"q\\\" b\\\\ s/ / t\\t n\\n r\\r b\\b f\\f \\u0000 \\u001f \\u007f \\u0080 \\u00e9 \\u4e2d\"");
    }

    @Test
    void writesCharactersBeyondTheBmpAsSurrogatePairs() {
        assertThat(canonical("\"rocket \uD83D\uDE80 \\uD83D\\uDE80\"")).isEqualTo("\"rocket \\ud83d\\ude80 \\ud83d\\ude80\"");
    }

    @Test
    void keepsLoneSurrogatesInValuesAsPythonDoes() {
        assertThat(canonical("[\"\\ud800\", \"\\udc00x\", \"\\ude00\\ud83d\"]"))
                .isEqualTo("[\"\\ud800\", \"\\udc00x\", \"\\ude00\\ud83d\"]");
    }

    @Test
    void sortsKeysWithLoneSurrogatesByCodePointAsPythonDoes() {
        // Printed by Python 3: json.dumps(json.loads(text), sort_keys=True); a pair of escapes is one code point.
        assertThat(canonical("{\"\\udc00\":1,\"\\ud800\\udc00\":2,\"\\uffff\":3,\"\\ud7ff\":4,\"\\ud800\\u0041\":5,"
                + "\"\\ud800\":6}"))
                .isEqualTo("{\"\\ud7ff\": 4, \"\\ud800\": 6, \"\\ud800A\": 5, \"\\udc00\": 1, \"\\uffff\": 3,"
                        + " \"\\ud800\\udc00\": 2}");
    }

    @Test
    void takesAnEscapedPairAndTheRawCharacterForTheSameKey() {
        assertThat(canonical("{\"\\ud83d\\ude80\": 1, \"\uD83D\uDE80\": 2, \"a\": 0}"))
                .isEqualTo("{\"a\": 0, \"\\ud83d\\ude80\": 2}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"\\x41\"", "\"\\u12\"", "\"\\u12G4\"", "\"\\ud800\\u12\"", "\"abc", "\"a\\",
        "[1, 2", "{\"a\": 1", "{\"a\"", "{\"a\":}", "-", "-a", "1e", "1e+", "0.e1", "tru", "nul", "NaNa", "Infinit",
        "[1]]", "{}}", "{,}", "[,1]", "{\"a\":1 \"b\":2}", "\u00a01", "[\f]"})
    void refusesBrokenTokensAndStructure(String json) {
        assertThat(rejection(json.getBytes(StandardCharsets.UTF_8))).isEqualTo(Reason.MALFORMED_BODY);
    }

    @Test
    void writesIntegersOfAnySizeAndMinusZeroAsZero() {
        assertThat(canonical("[-0, 0, -3, 9223372036854775815, -123456789012345678901234567890123456789]"))
                .isEqualTo("[0, 0, -3, 9223372036854775815, -123456789012345678901234567890123456789]");
    }

    @Test
    void acceptsIntegersUpToPythonsDigitLimit() {
        String digits = repeat('7', NumberWriter.MAX_INTEGER_DIGITS);
        assertThat(canonical("-" + digits)).isEqualTo("-" + digits);
        assertThat(rejection((digits + "7").getBytes(StandardCharsets.US_ASCII))).isEqualTo(Reason.MALFORMED_BODY);
    }

    @Test
    void keepsLiteralsAndPythonsNonFiniteNumbers() {
        assertThat(canonical("[true, false, null, NaN, Infinity, -Infinity, 1e999]"))
                .isEqualTo("[true, false, null, NaN, Infinity, -Infinity, Infinity]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"+Infinity", "-INF", "-NaN", "nan", "inf", "01", "1.", ".5", "+1", "[1,]", "{\"a\":1,}",
        "{'a': 1}", "{a: 1}", "[1] x", "[1] [2]", "", "   ", "\"tab\there\"", "// c\n1", "[1 2]", "{\"a\" 1}"})
    void refusesWhatPythonRefuses(String json) {
        assertThat(rejection(json.getBytes(StandardCharsets.UTF_8))).isEqualTo(Reason.MALFORMED_BODY);
    }

    @Test
    void refusesInvalidUtf8() {
        byte[][] invalid = {
            {'"', (byte) 0xC0, (byte) 0xAF, '"'}, // overlong '/'
            {'"', (byte) 0xE0, (byte) 0x80, (byte) 0xAF, '"'}, // overlong '/'
            {'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'}, // an encoded surrogate
            {'"', (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80, '"'}, // beyond U+10FFFF
            {'"', (byte) 0xE4, (byte) 0xB8, '"'}, // truncated
            {'"', (byte) 0x80, '"'}, // a lone continuation byte
            {'"', (byte) 0xFF, '"'},
            {0, '[', 0, ']'}, // UTF-16 text
        };
        for (byte[] json : invalid) {
            assertThat(rejection(json)).isEqualTo(Reason.MALFORMED_BODY);
        }
    }

    @Test
    void skipsAUtf8ByteOrderMarkInBytesButNotInAString() {
        byte[] withBom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '"', 'a', '"', ':', '1', '}'};
        assertThat(new String(CanonicalJson.canonicalize(withBom), StandardCharsets.US_ASCII)).isEqualTo("{\"a\": 1}");
        assertThat(catchThrowableOfType(WebhookVerificationException.class,
                () -> CanonicalJson.canonicalize("\ufeff{}")).reason()).isEqualTo(Reason.MALFORMED_BODY);
    }

    @Test
    void acceptsNestingUpToTheLimitAndRefusesDeeper() {
        int depth = CanonicalWriter.MAX_DEPTH;
        String ok = repeat('[', depth) + repeat(']', depth);
        assertThat(canonical(ok)).isEqualTo(ok);
        String tooDeep = repeat('[', depth + 1) + repeat(']', depth + 1);
        assertThat(rejection(tooDeep.getBytes(StandardCharsets.US_ASCII))).isEqualTo(Reason.MALFORMED_BODY);
    }

    @Test
    void writesEmptyContainersAndWhitespaceFreeForm() {
        assertThat(canonical(" {\n\t\"a\" : [ ] ,\r\"b\":{ } } ")).isEqualTo("{\"a\": [], \"b\": {}}");
    }

    @Test
    void copiesPlainAsciiStringsAndEscapesTheRestInTheSameBody() {
        assertThat(canonical("{\"u\": \"https://x.example/a?b=c&d=%3D\", \"e\": \"a\\u0041\\n\", \"d\": \"\u007f\"}"))
                .isEqualTo("{\"d\": \"\\u007f\", \"e\": \"aA\\n\", \"u\": \"https://x.example/a?b=c&d=%3D\"}");
    }

    private static String repeat(char c, int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(c);
        }
        return sb.toString();
    }
}
