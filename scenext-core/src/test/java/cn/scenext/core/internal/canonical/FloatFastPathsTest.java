package cn.scenext.core.internal.canonical;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The one-pass float path of the canonical writer (digits read once by {@link NumberWriter}, {@link
 * PythonFloats#writeDecimal}, the two-product {@link ShortestDecimal#significand} and the direct {@link
 * PythonFloats#formatDecimal}) against references that share none of it: the exact BigDecimal search of {@link
 * PythonFloats#shortest(double)} laid out by a formatter written here from Python's rules, {@link
 * Double#parseDouble} for the value, and {@link BigDecimal} for the digit count.
 */
public class FloatFastPathsTest {
    private static final long SEED = 0x5CE7E48L;

    /** Python's {@code repr} of a finite double from the exact search, laid out independently of the SDK. */
    static String exactRepr(double d) {
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        if (d == 0) {
            return Double.doubleToRawLongBits(d) < 0 ? "-0.0" : "0.0";
        }
        BigDecimal shortest = PythonFloats.shortest(Math.abs(d));
        String digits = shortest.unscaledValue().toString();
        int decpt = digits.length() - shortest.scale();
        String sign = d < 0 ? "-" : "";
        if (decpt > -4 && decpt <= 16) {
            if (decpt <= 0) {
                return sign + "0." + repeat('0', -decpt) + digits;
            }
            if (decpt >= digits.length()) {
                return sign + digits + repeat('0', decpt - digits.length()) + ".0";
            }
            return sign + digits.substring(0, decpt) + "." + digits.substring(decpt);
        }
        int e = decpt - 1;
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return sign + mantissa + "e" + (e < 0 ? "-" : "+") + (Math.abs(e) < 10 ? "0" : "") + Math.abs(e);
    }

    static String repeat(char c, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(c);
        }
        return sb.toString();
    }

    private static String canonical(String literal) {
        return new String(CanonicalJson.canonicalize(literal.getBytes(StandardCharsets.US_ASCII)),
                StandardCharsets.US_ASCII);
    }

    private static void checkLiteral(String literal, List<String> mismatches) {
        String actual = canonical(literal);
        String expected = exactRepr(Double.parseDouble(literal));
        if (!actual.equals(expected)) {
            mismatches.add(literal + ": " + actual + ", expected " + expected);
        }
    }

    @Test
    void reprOfRandomDoublesMatchesTheExactSearch() {
        SplittableRandom random = new SplittableRandom(SEED);
        List<String> mismatches = new ArrayList<>();
        for (int n = 0; n < 30_000 && mismatches.size() < 20; n++) {
            double d = Double.longBitsToDouble(random.nextLong());
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                continue;
            }
            String actual = PythonFloats.repr(d);
            String expected = exactRepr(d);
            if (!actual.equals(expected)) {
                mismatches.add(Long.toHexString(Double.doubleToRawLongBits(d)) + ": " + actual + ", expected "
                        + expected);
            }
        }
        assertThat(mismatches).isEmpty();
    }

    @Test
    void reprOfAMillionRandomDoublesReadsBackAndIsNoLongerThanTheJdksDigits() {
        // Cheap checks over many values: the repr reads back as the same double, and it has no more significant
        // digits than Double.toString's (which reads back too, and is never shorter than the shortest).
        SplittableRandom random = new SplittableRandom(SEED + 1);
        List<String> mismatches = new ArrayList<>();
        for (int n = 0; n < 1_000_000 && mismatches.size() < 20; n++) {
            long bits = n % 4 == 0 ? random.nextLong(1, 1L << 52) : random.nextLong(); // a quarter subnormal
            double d = Double.longBitsToDouble(bits);
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                continue;
            }
            String repr = PythonFloats.repr(d);
            if (Double.doubleToRawLongBits(Double.parseDouble(repr)) != bits) {
                mismatches.add(repr + " does not read back as " + Long.toHexString(bits));
            } else if (significantDigits(repr) > significantDigits(Double.toString(d))) {
                mismatches.add(repr + " is longer than " + Double.toString(d));
            }
        }
        assertThat(mismatches).isEmpty();
    }

    /** The significant digits of a decimal literal: its digits before any exponent, less leading and trailing zeros. */
    private static int significantDigits(String text) {
        int end = text.indexOf('e') >= 0 ? text.indexOf('e') : text.indexOf('E') >= 0 ? text.indexOf('E') : text.length();
        StringBuilder digits = new StringBuilder();
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9' && (c != '0' || digits.length() > 0)) {
                digits.append(c);
            }
        }
        int n = digits.length();
        while (n > 0 && digits.charAt(n - 1) == '0') {
            n--;
        }
        return n;
    }

    @Test
    void literalsOfOneToNineteenDigitsMatchTheExactSearch() {
        SplittableRandom random = new SplittableRandom(SEED + 2);
        List<String> mismatches = new ArrayList<>();
        for (int n = 0; n < 30_000 && mismatches.size() < 20; n++) {
            int digits = random.nextInt(1, 20);
            StringBuilder sb = new StringBuilder();
            if (random.nextBoolean()) {
                sb.append('-');
            }
            StringBuilder significand = new StringBuilder();
            significand.append((char) ('1' + random.nextInt(9)));
            for (int k = 1; k < digits; k++) {
                significand.append((char) ('0' + random.nextInt(10)));
            }
            int point = random.nextInt(0, digits + 1); // digits before the point; 0 gives 0.ddd
            if (point == 0) {
                sb.append("0.").append(n % 5 == 0 ? "000" : "").append(significand);
            } else {
                sb.append(significand, 0, point).append('.').append(point == digits ? "0" : significand.substring(point));
            }
            // Exponents across the whole range: normal, subnormal, the edges, beyond both ends.
            int exponent = n % 3 == 0 ? random.nextInt(-345, 330) : random.nextInt(-30, 30);
            sb.append(n % 2 == 0 ? 'e' : 'E').append(exponent);
            checkLiteral(sb.toString(), mismatches);
        }
        assertThat(mismatches).isEmpty();
    }

    @Test
    void literalsAtPowersOfTenBoundariesAndHalfwayPointsMatchTheExactSearch() {
        List<String> mismatches = new ArrayList<>();
        for (int e = -330; e <= 310; e++) {
            for (String m : new String[] {"1", "1.0", "9.999999999999999", "9.9999999999999999", "5", "4.9",
                "2.2250738585072014", "2.225073858507201", "1.7976931348623157", "1.7976931348623159",
                "4.940656458412465", "2.4703282292062327", "2.4703282292062328", "123456789012345678",
                "1234567890123456789", "12345678901234567890123"}) {
                checkLiteral(m + "e" + e, mismatches);
            }
        }
        SplittableRandom random = new SplittableRandom(SEED + 3);
        for (int n = 0; n < 5_000; n++) {
            // Exact midpoints between two doubles, and decimals just beside them.
            double d = Math.scalb((double) random.nextLong(1L << 52, 1L << 53), random.nextInt(-1100, 960));
            BigDecimal mid = new BigDecimal(d).add(new BigDecimal(Math.nextUp(d))).divide(BigDecimal.valueOf(2));
            BigDecimal nudge = mid.ulp().scaleByPowerOfTen(-1);
            for (BigDecimal v : new BigDecimal[] {mid, mid.add(nudge), mid.subtract(nudge)}) {
                String literal = v.toString();
                if (literal.indexOf('.') < 0 && literal.indexOf('E') < 0) {
                    literal += ".0";
                }
                checkLiteral(literal.replace("E+", "e"), mismatches);
            }
            if (mismatches.size() > 20) {
                break;
            }
        }
        assertThat(mismatches).isEmpty();
    }

    @Test
    void digitCountIsTheDecimalLengthForEveryMagnitude() {
        long p = 1;
        for (int digits = 1; digits <= 18; digits++) {
            for (long n : new long[] {p, p + 1, 2 * p, 9 * p, p * 10 - 1}) {
                assertThat(PythonFloats.digitCount(n)).as("%d", n).isEqualTo(Long.toString(n).length());
            }
            p *= 10;
        }
        SplittableRandom random = new SplittableRandom(SEED + 4);
        for (int n = 0; n < 100_000; n++) {
            long v = random.nextLong(1, Long.MAX_VALUE) >>> random.nextInt(0, 63);
            if (v > 0) {
                assertThat(PythonFloats.digitCount(v)).isEqualTo(Long.toString(v).length());
            }
        }
        assertThat(PythonFloats.repr(1e16)).isEqualTo("1e+16");
    }
}
