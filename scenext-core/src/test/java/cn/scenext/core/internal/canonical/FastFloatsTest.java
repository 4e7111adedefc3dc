package cn.scenext.core.internal.canonical;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The fast float paths against exact arithmetic: the shortest decimals of {@link ShortestDecimal} against the
 * BigDecimal search of {@link PythonFloats#shortest(double)}, the doubles of {@link DecimalToDouble} against {@link
 * Double#parseDouble}, over every binade's edges, the smallest subnormals, exact halfway decimals and many random
 * values; and the product of {@link PowersOfTen#unsignedMultiplyHigh} against {@link BigInteger}'s.
 */
public class FastFloatsTest {
    private static final long SEED = 0x5CE7E47L;

    @Test
    void logarithmFormulasAreExactOverTheDoubleRange() {
        for (int q = -1100; q <= 1100; q++) {
            assertThat(ShortestDecimal.floorLog10Pow2(q)).as("q=%d", q).isEqualTo(floorLog10(pow2(q)));
            assertThat(ShortestDecimal.floorLog10ThreeQuartersPow2(q)).as("3/4 q=%d", q)
                    .isEqualTo(floorLog10(pow2(q).multiply(new BigDecimal("0.75"))));
        }
    }

    private static BigDecimal pow2(int q) {
        return q >= 0 ? new BigDecimal(BigInteger.ONE.shiftLeft(q)) : BigDecimal.ONE.divide(
                new BigDecimal(BigInteger.ONE.shiftLeft(-q)));
    }

    private static int floorLog10(BigDecimal v) {
        return v.precision() - v.scale() - 1;
    }

    @Test
    void shortestMatchesTheExactSearchAtEveryBinadesEdges() {
        List<String> mismatches = new ArrayList<>();
        for (long biased = 1; biased < 2047; biased++) {
            for (long fraction : new long[] {0, 1, 2, 3, (1L << 52) - 1, (1L << 52) - 2, 1L << 51}) {
                check(Double.longBitsToDouble(biased << 52 | fraction), mismatches);
            }
        }
        assertThat(mismatches).isEmpty();
    }

    @Test
    void shortestMatchesTheExactSearchForTheSmallestSubnormalsAndTheLargest() {
        List<String> mismatches = new ArrayList<>();
        for (long bits = 1; bits <= 1200; bits++) {
            check(Double.longBitsToDouble(bits), mismatches);
        }
        for (long bits = (1L << 52) - 300; bits < (1L << 52) + 300; bits++) {
            check(Double.longBitsToDouble(bits), mismatches);
        }
        assertThat(mismatches).isEmpty();
    }

    @Test
    void shortestMatchesTheExactSearchForRandomAndRoundDoubles() {
        SplittableRandom random = new SplittableRandom(SEED);
        List<String> mismatches = new ArrayList<>();
        for (int n = 0; n < 60_000; n++) {
            long bits = random.nextLong() & Long.MAX_VALUE;
            double d = Double.longBitsToDouble(bits);
            if (!Double.isNaN(d) && !Double.isInfinite(d) && d != 0) {
                check(d, mismatches);
            }
        }
        for (int n = 0; n < 20_000; n++) {
            // Values with short decimals, exact integers, dyadic fractions and powers of ten: the exact cases.
            check(random.nextInt(1, 1_000_000) * Math.pow(10, random.nextInt(-30, 30)), mismatches);
            check((double) random.nextLong(1, Long.MAX_VALUE) / (1L << random.nextInt(0, 62)), mismatches);
            check(Math.scalb((double) random.nextLong(1, 1L << 53), random.nextInt(-1074, 971)), mismatches);
        }
        for (int e = -323; e <= 308; e++) {
            double p = Double.parseDouble("1e" + e);
            check(p, mismatches);
            check(Math.nextUp(p), mismatches);
            check(Math.nextDown(p), mismatches);
            check(Double.parseDouble("5e" + e), mismatches);
            check(Double.parseDouble("9.999999999999999e" + e), mismatches);
        }
        assertThat(mismatches).isEmpty();
    }

    private static void check(double d, List<String> mismatches) {
        if (d <= 0 || Double.isInfinite(d)) {
            return;
        }
        byte[] digits = new byte[32];
        long found = ShortestDecimal.shortest(d, digits);
        BigDecimal exact = PythonFloats.shortest(d);
        String expected = exact.unscaledValue() + "e" + (-exact.scale());
        if (found == Long.MIN_VALUE) {
            mismatches.add(Long.toHexString(Double.doubleToRawLongBits(d)) + ": undecided, exact " + expected);
            return;
        }
        int count = (int) (found & 0xFF);
        int decpt = (int) (found >> 8);
        String actual = new String(digits, 0, count, StandardCharsets.US_ASCII) + "e" + (decpt - count);
        if (!actual.equals(expected)) {
            mismatches.add(Long.toHexString(Double.doubleToRawLongBits(d)) + ": fast " + actual + ", exact "
                    + expected);
        }
    }

    @Test
    void parsesLikeTheJdkForRandomSignificandsAndExponents() {
        SplittableRandom random = new SplittableRandom(SEED);
        List<String> mismatches = new ArrayList<>();
        int undecided = 0;
        for (int n = 0; n < 200_000; n++) {
            long w = n % 3 == 0 ? random.nextLong(1, 1L << 54) : random.nextLong(1, Long.MAX_VALUE);
            if (n % 1000 == 0) {
                w = Long.parseUnsignedLong("10000000000000000000"); // 10^19, the largest the parser is given
            }
            int e = random.nextInt(-345, 310);
            undecided += parseCheck(w, e, mismatches) ? 0 : 1;
        }
        assertThat(mismatches).isEmpty();
        assertThat(undecided).isLessThan(10);
    }

    @Test
    void parsesSeventeenDigitReprsOfRandomDoublesIncludingSubnormals() {
        SplittableRandom random = new SplittableRandom(SEED + 1);
        List<String> mismatches = new ArrayList<>();
        for (int n = 0; n < 100_000; n++) {
            long bits = n % 4 == 0 ? random.nextLong(1, 1L << 52) : random.nextLong() & Long.MAX_VALUE;
            double d = Double.longBitsToDouble(bits);
            if (Double.isNaN(d) || Double.isInfinite(d) || d == 0) {
                continue;
            }
            String text = String.format(Locale.ROOT, "%.18e", d); // 19 significant digits
            int mark = text.indexOf('e');
            long w = Long.parseUnsignedLong(text.substring(0, mark).replace(".", ""));
            int e = Integer.parseInt(text.substring(mark + 1)) - 18;
            parseCheck(w, e, mismatches);
        }
        assertThat(mismatches).isEmpty();
    }

    @Test
    void exactHalfwayDecimalsRoundToEvenWithoutTheExactParser() {
        List<String> mismatches = new ArrayList<>();
        int undecided = 0;
        for (long m = (1L << 53) + 1; m < (1L << 53) + 2000; m += 2) {
            undecided += parseCheck(m, 0, mismatches) ? 0 : 1; // halfway between two doubles: even wins
            undecided += parseCheck(m * 5, -1, mismatches) ? 0 : 1; // m / 2, halfway one binade lower
            undecided += parseCheck(m * 25, -2, mismatches) ? 0 : 1; // m / 4
            undecided += parseCheck(m * 1000, -3, mismatches) ? 0 : 1;
            undecided += parseCheck(m * 5 * 5 * 5 * 5 * 5, -5, mismatches) ? 0 : 1; // m / 32
        }
        for (int shift = 0; shift < 10; shift++) {
            undecided += parseCheck(((1L << 53) + 1) << shift, 0, mismatches) ? 0 : 1;
        }
        assertThat(mismatches).isEmpty();
        assertThat(undecided).isZero();
    }

    @Test
    void decimalsBesideTheRangesLimitsParseLikeTheJdk() {
        List<String> mismatches = new ArrayList<>();
        parseCheck(7_4109846876186981L, -340, mismatches); // just above 1.5 x 2^-1074
        parseCheck(2_4703282292062327L, -340, mismatches); // just under half the smallest subnormal
        parseCheck(2_4703282292062328L, -340, mismatches); // just over it
        parseCheck(2_2250738585072011L, -324, mismatches); // the smallest normal's neighbourhood
        parseCheck(2_2250738585072014L, -324, mismatches);
        parseCheck(1_7976931348623157L, 292, mismatches); // the largest double
        parseCheck(1_7976931348623158L, 292, mismatches);
        parseCheck(1_7976931348623159L, 292, mismatches); // rounds to infinity
        parseCheck(1, -343, mismatches);
        parseCheck(Long.parseUnsignedLong("10000000000000000000"), -343, mismatches);
        parseCheck(1, 308, mismatches);
        assertThat(mismatches).isEmpty();
    }

    /** Checks one decimal; {@code false} when the fast parser left it undecided. */
    private static boolean parseCheck(long w, int e, List<String> mismatches) {
        double fast = DecimalToDouble.toDouble(w, e);
        if (Double.isNaN(fast)) {
            return false;
        }
        double jdk = Double.parseDouble(Long.toUnsignedString(w) + "e" + e);
        if (Double.doubleToRawLongBits(fast) != Double.doubleToRawLongBits(jdk)) {
            mismatches.add(Long.toUnsignedString(w) + "e" + e + ": fast " + fast + ", jdk " + jdk);
        }
        return true;
    }

    @Test
    void aDecimalJustAboveAnExactTieRoundsUp() {
        SplittableRandom random = new SplittableRandom(SEED);
        List<String> mismatches = new ArrayList<>();
        for (int n = 0; n < 20_000; n++) {
            long odd = (1L << 53) + 1 + 2 * random.nextLong(0, 1L << 51); // odd, under 2^54
            justAboveCheck(odd * 5, -1, mismatches); // odd / 2: halfway between two doubles of [2^52, 2^53)
            justAboveCheck(odd << random.nextInt(1, 10), 0, mismatches); // halfway between two larger doubles
            long near = random.nextLong(1, Long.MAX_VALUE); // and no tie at all: the same as without the flag
            int e = random.nextInt(-340, 300);
            double plain = DecimalToDouble.toDouble(near, e);
            double above = DecimalToDouble.toDouble(near, e, true);
            if (!Double.isNaN(plain) && !Double.isNaN(above) && plain != above
                    && Double.parseDouble(near + "0000000001e" + (e - 10)) != above) {
                mismatches.add(near + "e" + e + " just above: " + above + ", plain " + plain);
            }
        }
        assertThat(mismatches).isEmpty();
    }

    private static void justAboveCheck(long w, int e, List<String> mismatches) {
        double fast = DecimalToDouble.toDouble(w, e, true);
        double jdk = Double.parseDouble(Long.toUnsignedString(w) + "0000000001e" + (e - 10));
        if (Double.doubleToRawLongBits(fast) != Double.doubleToRawLongBits(jdk)) {
            mismatches.add(Long.toUnsignedString(w) + "e" + e + " and a little: fast " + fast + ", jdk " + jdk);
        }
    }

    @Test
    void longLiteralsReadAsTheJdkReadsThem() {
        // Literals of 20 to 60 significant digits: ties with a nonzero tail, the neighbourhoods of ties, and noise.
        SplittableRandom random = new SplittableRandom(SEED);
        List<String> mismatches = new ArrayList<>();
        for (int n = 0; n < 20_000; n++) {
            long odd = (1L << 53) + 1 + 2 * random.nextLong(0, 1L << 40);
            String tail = n % 3 == 0 ? "00000000000000000001" : n % 3 == 1 ? "4999999999999999999999" : "";
            StringBuilder noise = new StringBuilder();
            for (int k = random.nextInt(0, 40); k > 0; k--) {
                noise.append((char) ('0' + random.nextInt(10)));
            }
            String literal = (odd / 2) + ".5" + tail + noise + "e" + random.nextInt(-330, 300);
            String canonical = new String(CanonicalJson.canonicalize(literal.getBytes(StandardCharsets.US_ASCII)),
                    StandardCharsets.US_ASCII);
            String expected = PythonFloats.repr(Double.parseDouble(literal));
            if (!canonical.equals(expected)) {
                mismatches.add(literal + ": " + canonical + ", expected " + expected);
            }
        }
        assertThat(mismatches).isEmpty();
    }

    @Test
    void multiplyHighIsTheUnsignedHighWord() {
        SplittableRandom random = new SplittableRandom(SEED);
        BigInteger mask = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
        for (int n = 0; n < 10_000; n++) {
            long a = random.nextLong();
            long b = n % 10 == 0 ? -1L : random.nextLong();
            BigInteger product = new BigInteger(Long.toUnsignedString(a)).multiply(new BigInteger(
                    Long.toUnsignedString(b)));
            assertThat(PowersOfTen.unsignedMultiplyHigh(a, b)).isEqualTo(product.shiftRight(64).and(mask).longValue());
        }
    }
}
