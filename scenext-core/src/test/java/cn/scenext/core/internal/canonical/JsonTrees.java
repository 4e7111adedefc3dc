package cn.scenext.core.internal.canonical;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * Random JSON values for property tests, a writer that varies everything Python's {@code json.loads} ignores,
 * and a reader for the canonical form. Values: {@code Map} (last value of a repeated key), {@code List},
 * {@code String}, {@code BigInteger}, {@code Double}, {@code Boolean}, {@code null} (as {@link #NULL}).
 */
public final class JsonTrees {
    static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };
    private static final JsonFactory READER = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    private JsonTrees() {
    }

    private static final int MAX_DEPTH = 4;

    /** Any JSON value, nested up to {@value #MAX_DEPTH} levels, at most four members a container. */
    static Arbitrary<Object> values() {
        return values(MAX_DEPTH);
    }

    private static Arbitrary<Object> values(int depth) {
        if (depth == 0) {
            return scalars();
        }
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, scalars()),
                net.jqwik.api.Tuple.of(1, values(depth - 1).list().ofMaxSize(4).map(l -> (Object) l)),
                net.jqwik.api.Tuple.of(1, Arbitraries.maps(keys(), values(depth - 1)).ofMaxSize(4)
                        .map(m -> (Object) new LinkedHashMap<>(m))));
    }

    private static Arbitrary<Object> scalars() {
        return Arbitraries.oneOf(strings(true).map(s -> (Object) s), integers().map(i -> (Object) i),
                doubles().map(d -> (Object) d), Arbitraries.of(Boolean.TRUE, Boolean.FALSE, NULL));
    }

    /** Keys: any code points (no lone surrogates: Jackson refuses them in names), plus look-alikes. */
    static Arbitrary<String> keys() {
        return Arbitraries.oneOf(strings(false), Arbitraries.of("a", "A", "aa", "a ", "\u00e9", "e\u0301", "\uff01",
                "\ud83d\ude00", "\ue000", "\ud800\udc00", "", "\\", "\u0000"));
    }

    /** Strings of code points from every class of character; lone surrogates only when asked. */
    static Arbitrary<String> strings(boolean loneSurrogates) {
        Arbitrary<Integer> ascii = Arbitraries.integers().between(0, 0x7F);
        Arbitrary<Integer> bmp = Arbitraries.integers().between(0x80, 0xFFFF).filter(c -> c < 0xD800 || c > 0xDFFF);
        Arbitrary<Integer> astral = Arbitraries.integers().between(0x10000, 0x10FFFF);
        Arbitrary<Integer> lone = Arbitraries.integers().between(0xD800, 0xDFFF);
        Arbitrary<Integer> special = Arbitraries.of((int) '"', (int) '\\', (int) '/', 0x7F, 0x2028, 0xFEFF, 0xFFFF);
        Arbitrary<Integer> codePoint = loneSurrogates
                ? Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(5, ascii), net.jqwik.api.Tuple.of(2, bmp),
                        net.jqwik.api.Tuple.of(2, astral), net.jqwik.api.Tuple.of(2, special),
                        net.jqwik.api.Tuple.of(1, lone))
                : Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(5, ascii), net.jqwik.api.Tuple.of(2, bmp),
                        net.jqwik.api.Tuple.of(2, astral), net.jqwik.api.Tuple.of(2, special));
        return codePoint.list().ofMaxSize(10).map(cps -> {
            StringBuilder sb = new StringBuilder();
            for (int cp : cps) {
                sb.appendCodePoint(cp);
            }
            return sb.toString();
        });
    }

    static Arbitrary<BigInteger> integers() {
        return Arbitraries.oneOf(Arbitraries.bigIntegers().between(BigInteger.valueOf(-1000), BigInteger.valueOf(1000)),
                Arbitraries.longs().map(BigInteger::valueOf),
                Arbitraries.bigIntegers().between(BigInteger.TEN.pow(40).negate(), BigInteger.TEN.pow(40)));
    }

    /** Doubles from every corner: random bits (subnormals, huge, tiny), simple decimals, signed zeros, non-finite. */
    static Arbitrary<Double> doubles() {
        return Arbitraries.oneOf(
                Arbitraries.longs().map(Double::longBitsToDouble),
                Arbitraries.doubles().between(-1e6, 1e6).ofScale(3),
                Arbitraries.integers().between(-330, 310).map(e -> Double.parseDouble("1e" + e)),
                Arbitraries.of(0.0, -0.0, Double.MIN_VALUE, Double.MAX_VALUE, Double.MIN_NORMAL, 1e16, 1e-4, 1e-5,
                        9999999999999998.0, 0.1, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY));
    }

    /** Writes {@code v} as JSON, varying whitespace, escaping, key order, number spelling, and adding decoys. */
    static String write(Object v, Random r) {
        StringBuilder sb = new StringBuilder();
        write(v, r, sb);
        return ws(r) + sb + ws(r);
    }

    private static void write(Object v, Random r, StringBuilder sb) {
        if (v instanceof Map) {
            List<Map.Entry<?, ?>> entries = new ArrayList<>(((Map<?, ?>) v).entrySet());
            java.util.Collections.shuffle(entries, r);
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : entries) {
                if (r.nextInt(10) == 0) { // a decoy: the same key earlier with another value, which must lose
                    member(new AbstractMap.SimpleEntry<>(e.getKey(), "decoy"), first, r, sb);
                    first = false;
                }
                member(e, first, r, sb);
                first = false;
            }
            sb.append(ws(r)).append('}');
        } else if (v instanceof List) {
            sb.append('[');
            boolean first = true;
            for (Object x : (List<?>) v) {
                sb.append(first ? "" : ",").append(ws(r));
                write(x, r, sb);
                sb.append(ws(r));
                first = false;
            }
            sb.append(ws(r)).append(']');
        } else if (v instanceof String) {
            string((String) v, r, sb);
        } else if (v instanceof BigInteger) {
            sb.append(v.equals(BigInteger.ZERO) && r.nextBoolean() ? "-0" : v.toString());
        } else if (v instanceof Double) {
            sb.append(doubleText((Double) v, r));
        } else {
            sb.append(v == NULL ? "null" : v.toString());
        }
    }

    private static void member(Map.Entry<?, ?> e, boolean first, Random r, StringBuilder sb) {
        sb.append(first ? "" : ",").append(ws(r));
        string((String) e.getKey(), r, sb);
        sb.append(ws(r)).append(':').append(ws(r));
        write(e.getValue(), r, sb);
    }

    private static String ws(Random r) {
        if (r.nextInt(3) != 0) {
            return "";
        }
        String[] spaces = {" ", "\n", "\t", "\r", "  "};
        return spaces[r.nextInt(spaces.length)];
    }

    private static String doubleText(double d, Random r) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return Double.isNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity";
        }
        switch (r.nextInt(4)) {
            case 0:
                return Double.toString(d); // Java's own spelling, e.g. 1.0E-5: not shortest before JDK 19
            case 1:
                return String.format(Locale.ROOT, "%.16e", d);
            case 2:
                if (d != 0 && Math.abs(d) < 1e25 && Math.abs(d) > 1e-25) {
                    String plain = new BigDecimal(d).toPlainString(); // the exact value: many digits
                    return plain.contains(".") ? plain : plain + ".0";
                }
                return Double.toString(d);
            default:
                return PythonFloats.repr(d);
        }
    }

    private static void string(String s, Random r, StringBuilder sb) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean mustEscape = c < 0x20 || c == '"' || c == '\\' || Character.isSurrogate(c);
            if (mustEscape || r.nextInt(8) == 0) {
                escape(c, r, sb);
            } else {
                sb.append(c);
            }
        }
        sb.append('"');
    }

    private static void escape(char c, Random r, StringBuilder sb) {
        String shortForm = c == '"' ? "\\\"" : c == '\\' ? "\\\\" : c == '\n' ? "\\n" : c == '\t' ? "\\t"
                : c == '\r' ? "\\r" : c == '\b' ? "\\b" : c == '\f' ? "\\f" : c == '/' ? "\\/" : null;
        if (shortForm != null && r.nextBoolean()) {
            sb.append(shortForm);
        } else {
            sb.append(String.format(r.nextBoolean() ? "\\u%04x" : "\\u%04X", (int) c));
        }
    }

    /** Reads a canonical form back: maps keep the document's key order. */
    static Object read(String json) {
        try (JsonParser p = READER.createParser(json)) {
            Object v = read(p, p.nextToken());
            if (p.nextToken() != null) {
                throw new IllegalStateException("trailing data");
            }
            return v;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Object read(JsonParser p, JsonToken t) throws IOException {
        switch (t) {
            case START_OBJECT:
                Map<String, Object> m = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String k = p.currentName();
                    m.put(k, read(p, p.nextToken()));
                }
                return m;
            case START_ARRAY:
                List<Object> l = new ArrayList<>();
                JsonToken x;
                while ((x = p.nextToken()) != JsonToken.END_ARRAY) {
                    l.add(read(p, x));
                }
                return l;
            case VALUE_STRING:
                return p.getText();
            case VALUE_NUMBER_INT:
                return new BigInteger(p.getText());
            case VALUE_NUMBER_FLOAT:
                return Double.parseDouble(p.getText());
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            default:
                return NULL;
        }
    }
}
