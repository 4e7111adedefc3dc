package cn.scenext.core.internal.canonical;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Float literals already in Python's repr form (as a Python sender writes every float) and near misses of that form
 * (another exponent layout, a padding zero, a different 17th digit), through the canonical writer, alone and inside
 * arrays, against the exact BigDecimal search laid out by {@link FloatFastPathsTest#exactRepr}: repr's form comes
 * out unchanged, every near miss as the repr of its double.
 */
class ReprFormLiteralsTest {
    private static final long SEED = 0xB10C5L;

    private static String canonical(String literal) {
        return new String(CanonicalJson.canonicalize(literal.getBytes(StandardCharsets.US_ASCII)),
                StandardCharsets.US_ASCII);
    }

    private static void check(String literal, List<String> mismatches) {
        // Inside an array too, so that bytes after the literal are there to be overwritten by mistake.
        String expected = FloatFastPathsTest.exactRepr(Double.parseDouble(literal));
        String alone = canonical(literal);
        String inArray = canonical("[" + literal + ",7," + literal + "]");
        if (!alone.equals(expected) || !inArray.equals("[" + expected + ", 7, " + expected + "]")) {
            mismatches.add(literal + ": " + alone + " / " + inArray + ", expected " + expected);
        }
    }

    private static double randomDouble(SplittableRandom random, int kind) {
        switch (kind) {
            case 0:
                return Double.longBitsToDouble(random.nextLong(1, 1L << 52)); // subnormal
            case 1:
                return random.nextDouble() * Math.pow(10, random.nextInt(-6, 20)); // around the fixed layout's ends
            case 2:
                return (double) random.nextLong(1, 1L << 53) / (1L << random.nextInt(0, 60));
            default:
                double d;
                do {
                    d = Double.longBitsToDouble(random.nextLong());
                } while (Double.isNaN(d) || Double.isInfinite(d));
                return Math.abs(d);
        }
    }

    @Test
    void randomDoublesInReprLayoutAreKeptAndEveryNearMissIsRewrittenExactly() {
        SplittableRandom random = new SplittableRandom(SEED + 1);
        List<String> mismatches = new ArrayList<>();
        for (int n = 0; n < 20_000 && mismatches.size() < 20; n++) {
            double d = randomDouble(random, n % 4);
            if (d == 0) {
                continue;
            }
            if (random.nextBoolean()) {
                d = -d;
            }
            String repr = FloatFastPathsTest.exactRepr(d);
            check(repr, mismatches);
            if (!canonical(repr).equals(repr)) {
                mismatches.add(repr + " is repr but was not kept");
            }
            for (String variant : nearMisses(repr, d)) {
                check(variant, mismatches);
            }
        }
        assertThat(mismatches).isEmpty();
    }

    /** Literals of (about) the same value that differ from repr in one point of layout or in the last digit. */
    private static List<String> nearMisses(String repr, double d) {
        List<String> out = new ArrayList<>();
        out.add(String.format(Locale.ROOT, "%.16e", d)); // 17 digits, often with a zero at the end
        out.add(String.format(Locale.ROOT, "%.15e", d));
        out.add(Double.toString(d)); // Java's layout: E, no plus sign, not always shortest before JDK 19
        int e = repr.indexOf('e');
        String mantissa = e < 0 ? repr : repr.substring(0, e);
        String exponent = e < 0 ? "" : repr.substring(e);
        out.add(mantissa + (mantissa.indexOf('.') < 0 ? ".0" : "0") + exponent); // a trailing zero
        if (e >= 0) {
            out.add(mantissa + exponent.toUpperCase(Locale.ROOT));
            out.add(mantissa + exponent.replace("+", ""));
            out.add(mantissa + exponent.substring(0, 2) + "0" + exponent.substring(2)); // e+005
            if (exponent.length() == 5) {
                out.add(mantissa + exponent.substring(0, 2) + exponent.substring(3)); // e+5: one digit
            }
        } else {
            out.add(repr + "e0");
            out.add(repr + "e+00");
        }
        // The last digit one up and one down: another 17-digit decimal of the same double, or of its neighbour.
        int last = mantissa.length() - 1;
        char c = mantissa.charAt(last);
        if (c > '0' && c < '9') {
            out.add(mantissa.substring(0, last) + (char) (c + 1) + exponent);
            out.add(mantissa.substring(0, last) + (char) (c - 1) + exponent);
        }
        return out;
    }

    @Test
    void literalsAtTheLayoutsBoundariesAreKeptOnlyWhenTheyAreRepr() {
        String[] repr = {"0.0001", "1e-05", "0.001", "1.5e-05", "0.00012345678901234567", "1234567890123456.0",
            "1e+16", "9999999999999998.0", "1.0000000000000002e+16", "1e+22", "1e+99", "1e+100", "1.5e-100",
            "1e-99", "5e-324", "2.2250738585072014e-308", "2.225073858507201e-308", "1.7976931348623157e+308",
            "0.1", "0.30000000000000004", "123.456", "100.0", "1.0", "-1.0", "-2.5e-07", "123456789012345.67",
            "0.12345678901234568", "9.999999999999999e+22", "4.9406564584124654e-324"};
        List<String> mismatches = new ArrayList<>();
        for (String literal : repr) {
            check(literal, mismatches);
        }
        String[] notRepr = {"0.00001", "1.0e-05", "1e-5", "1E-05", "10e-06", "0.1e-04", "1e16", "1.0e+16",
            "10000000000000000.0", "1e+016", "1.00e+22", "1e+099", "1e100", "5e-0324", "100.00", "1.00", "1e0",
            "1.5e+00", "0.30000000000000001", "0.30000000000000003", "1.2345678901234567890e+10", "2.5E-07",
            "4.9e-324", "3e-324", "17976931348623157e292", "0.0100", "123.4560"};
        for (String literal : notRepr) {
            check(literal, mismatches);
        }
        assertThat(mismatches).isEmpty();
        assertThat(canonical("1.5e-05")).isEqualTo("1.5e-05");
        assertThat(canonical("4.9e-324")).isEqualTo("5e-324");
        assertThat(canonical("1e+016")).isEqualTo("1e+16");
        assertThat(canonical("0.30000000000000001")).isEqualTo("0.3");
    }

    /**
     * The shortest digits written in other layouts (the point moved, with the exponent making up for it; zeros
     * before and after; {@code E}; no point at all): the writer copies the literal's own digits into repr's layout,
     * stepping over the point wherever it falls among them, so every place of the point is tried.
     */
    @Test
    void theShortestDigitsInAnyLayoutComeOutInReprsLayout() {
        SplittableRandom random = new SplittableRandom(SEED + 2);
        List<String> mismatches = new ArrayList<>();
        for (int n = 0; n < 20_000 && mismatches.size() < 20; n++) {
            double d = randomDouble(random, n % 4);
            if (d == 0) {
                continue;
            }
            String repr = FloatFastPathsTest.exactRepr(d);
            int e = repr.indexOf('e');
            String mantissa = e < 0 ? repr : repr.substring(0, e);
            int exponent = e < 0 ? 0 : Integer.parseInt(repr.substring(e + 1));
            String digits = mantissa.replace(".", "");
            int point = mantissa.indexOf('.');
            String significant = digits.replaceFirst("^0+", "").replaceFirst("0+$", "");
            // The value is 0.significant * 10^decpt.
            int decpt = point - (digits.length() - digits.replaceFirst("^0+", "").length()) + exponent;
            int at = random.nextInt(0, significant.length() + 1); // significant digits before the point
            String trailing = "000".substring(random.nextInt(0, 4));
            String layout;
            int place; // the literal without its exponent is 0.significant * 10^place
            if (random.nextInt(4) == 0) {
                layout = significant + trailing; // no point
                place = significant.length() + trailing.length();
            } else if (at == 0) {
                String zeros = "000".substring(random.nextInt(0, 4));
                layout = "0." + zeros + significant + trailing;
                place = -zeros.length();
            } else {
                String fraction = significant.substring(at) + trailing;
                layout = significant.substring(0, at) + "." + (fraction.isEmpty() ? "0" : fraction);
                place = at;
            }
            int shift = decpt - place; // what the exponent must add for the digits' new place
            String literal = layout + (random.nextBoolean() ? "E" : "e") + (shift >= 0 && random.nextBoolean() ? "+" : "")
                    + shift;
            if (random.nextBoolean()) {
                literal = "-" + literal;
            }
            if (Double.parseDouble(literal) != (literal.startsWith("-") ? -d : d)) {
                mismatches.add("the test built " + literal + " for " + repr);
                continue;
            }
            check(literal, mismatches);
        }
        assertThat(mismatches).isEmpty();
        assertThat(canonical("12E5")).isEqualTo("1200000.0");
        assertThat(canonical("1.0E-320")).isEqualTo("1e-320");
        assertThat(canonical("100.5e0")).isEqualTo("100.5");
        assertThat(canonical("1005e-1")).isEqualTo("100.5");
        assertThat(canonical("0.0012345E-2")).isEqualTo("1.2345e-05");
        assertThat(canonical("123456789.98765433")).isEqualTo("123456789.98765433");
        assertThat(canonical("2.2250738585072014E-308")).isEqualTo("2.2250738585072014e-308");
    }
}
