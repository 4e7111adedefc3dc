package cn.scenext.core.internal.canonical;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Properties of the canonical form over random JSON values written in random ways. */
public class CanonicalJsonPropertiesTest {
    @Provide
    Arbitrary<Object> values() {
        return JsonTrees.values();
    }

    @Provide
    Arbitrary<Double> doubles() {
        return JsonTrees.doubles();
    }

    @Property(tries = 2000)
    void canonicalFormReadsBackAsTheSameValue(@ForAll("values") Object value, @ForAll long seed) {
        String text = JsonTrees.write(value, new Random(seed));

        String canonical = CanonicalJson.canonicalize(text);

        assertThat(JsonTrees.read(canonical)).isEqualTo(value);
    }

    @Property(tries = 2000)
    void canonicalFormIsAFixedPointOfPrintableAscii(@ForAll("values") Object value, @ForAll long seed) {
        String canonical = CanonicalJson.canonicalize(JsonTrees.write(value, new Random(seed)));

        assertThat(CanonicalJson.canonicalize(canonical)).isEqualTo(canonical);
        assertThat(canonical.chars()).allMatch(c -> c >= 0x20 && c <= 0x7E);
    }

    @Property(tries = 1000)
    void formattingDoesNotChangeTheCanonicalForm(@ForAll("values") Object value, @ForAll long seed1,
            @ForAll long seed2) {
        String a = CanonicalJson.canonicalize(JsonTrees.write(value, new Random(seed1)));
        byte[] b = CanonicalJson.canonicalize(JsonTrees.write(value, new Random(seed2)).getBytes(StandardCharsets.UTF_8));

        assertThat(new String(b, StandardCharsets.US_ASCII)).isEqualTo(a);
    }

    @Property(tries = 1000)
    void objectKeysComeInCodePointOrder(@ForAll("values") Object value, @ForAll long seed) {
        Object read = JsonTrees.read(CanonicalJson.canonicalize(JsonTrees.write(value, new Random(seed))));

        assertKeysOrdered(read);
    }

    private static void assertKeysOrdered(Object v) {
        if (v instanceof Map) {
            List<String> keys = new ArrayList<>(((Map<String, ?>) v).keySet());
            for (int i = 1; i < keys.size(); i++) {
                int[] a = keys.get(i - 1).codePoints().toArray();
                int[] b = keys.get(i).codePoints().toArray();
                assertThat(java.util.Arrays.compare(a, b)).as("%s before %s", keys.get(i - 1), keys.get(i)).isNegative();
            }
            ((Map<String, ?>) v).values().forEach(CanonicalJsonPropertiesTest::assertKeysOrdered);
        } else if (v instanceof List) {
            ((List<?>) v).forEach(CanonicalJsonPropertiesTest::assertKeysOrdered);
        }
    }

    @Property(tries = 20000)
    void floatsAreTheShortestClosestDecimalThatReadsBack(@ForAll("doubles") double d) {
        String repr = PythonFloats.repr(d);

        if (Double.isNaN(d) || Double.isInfinite(d)) {
            assertThat(repr).isIn("NaN", "Infinity", "-Infinity");
            return;
        }
        assertThat(Double.doubleToRawLongBits(Double.parseDouble(repr))).isEqualTo(Double.doubleToRawLongBits(d));
        if (d == 0) {
            return;
        }
        BigDecimal shown = new BigDecimal(repr);
        int digits = shown.stripTrailingZeros().precision();
        if (digits > 1) { // one digit fewer, rounded to nearest, no longer reads back as d
            BigDecimal shorter = new BigDecimal(d).round(new MathContext(digits - 1, RoundingMode.HALF_EVEN));
            assertThat(Double.parseDouble(shorter.toString())).isNotEqualTo(d);
        }
        BigDecimal exact = new BigDecimal(d);
        BigDecimal unit = BigDecimal.ONE.scaleByPowerOfTen(shown.stripTrailingZeros().scale() * -1);
        for (BigDecimal neighbour : new BigDecimal[] {shown.add(unit), shown.subtract(unit)}) {
            if (Double.parseDouble(neighbour.toString()) == d) { // as short and reads back: must not be closer
                assertThat(neighbour.subtract(exact).abs()).isGreaterThanOrEqualTo(shown.subtract(exact).abs());
            }
        }
    }
}
