package cn.scenext.core.internal.canonical;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Floats written the way Python's {@code repr(float)} (and so {@code json.dumps}) writes them: the shortest
 * decimal that reads back as the same double, the closest one to the double when several are that short (ties
 * to an even last digit); fixed notation for 1e-4 &lt;= |x| &lt; 1e16 with at least one digit after the point,
 * otherwise {@code d.ddde±XX} with at least two exponent digits; {@code -0.0} kept; {@code NaN},
 * {@code Infinity} and {@code -Infinity} for the values JSON has no number for.
 *
 * <p>Java's own {@code Double.toString} is not shortest before JDK 19, and differs in format anyway, so the
 * digits are found here: from the JSON literal itself when it has at most 15 significant digits and is in the
 * normal range (such a decimal is always the shortest representation of the double it reads as), and
 * otherwise by {@link DecimalToDouble} (the literal's double) and {@link ShortestDecimal} (the double's
 * digits), in a bounded number of 64-bit operations per number; the exact search over the double's rounding
 * interval in {@link #shortest(double)} remains as the fallback for what those cannot decide, and as the
 * reference the tests compare them with.
 */
public final class PythonFloats {
    private static final BigDecimal HALF = new BigDecimal("0.5");
    /** Above this many significant digits a literal may not be its double's shortest form. */
    private static final int EXACT_DIGITS = 15;
    /** The literal shortcut holds for normal doubles; stay well inside their decimal range. */
    private static final int MIN_EXPONENT = -307;
    private static final int MAX_EXPONENT = 307;
    /** The significant digits the exact fallback parser is given at most (a midpoint has at most 767). */
    private static final int EXACT_PARSE_DIGITS = 800;

    private PythonFloats() {
    }

    /**
     * Writes {@code repr(float(literal))} for a JSON number literal with a fraction or an exponent, in time
     * linear in its length: the digits are scanned once, at most 19 of them are used to find the double (with an
     * exact, bounded fallback for a decimal within a hair of halfway between two doubles), and no big-number
     * arithmetic runs otherwise.
     *
     * @param c the literal's ASCII bytes, valid JSON number grammar
     * @param digits scratch space of at least 20 bytes
     */
    static void writeLiteral(byte[] c, int off, int len, byte[] digits, ByteSink out) {
        int end = off + len;
        int i = off;
        boolean negative = c[i] == '-';
        if (negative) {
            i++;
        }
        int intStart = i;
        while (i < end && isDigit(c[i])) {
            i++;
        }
        int intEnd = i;
        int fracStart = i;
        int fracEnd = i;
        if (i < end && c[i] == '.') {
            fracStart = ++i;
            while (i < end && isDigit(c[i])) {
                i++;
            }
            fracEnd = i;
        }
        long exponent = 0;
        if (i < end && (c[i] == 'e' || c[i] == 'E')) {
            i++;
            boolean negativeExponent = c[i] == '-';
            if (c[i] == '-' || c[i] == '+') {
                i++;
            }
            while (i < end && c[i] == '0') {
                i++;
            }
            // Beyond ten digits the exponent alone makes the value zero or infinite: clamp it there.
            exponent = end - i > 10 ? 10_000_000_000L : 0;
            while (i < end && exponent < 10_000_000_000L) {
                exponent = exponent * 10 + (c[i++] - '0');
            }
            if (negativeExponent) {
                exponent = -exponent;
            }
        }
        writeFloat(c, negative, intStart, intEnd, fracStart, fracEnd, exponent, digits, out);
    }

    /**
     * Writes {@code repr(float(literal))} for a JSON number literal whose parts a scanner has found already.
     *
     * @param c the literal's ASCII bytes
     * @param negative whether it starts with a minus sign
     * @param intStart where its integer part's digits start
     * @param intEnd where they end (the point, the exponent or the literal's end)
     * @param fracStart where the fraction's digits start, {@code intEnd} when there is no fraction
     * @param fracEnd where they end
     * @param exponent the exponent's value, clamped to 10^10 in magnitude
     * @param digits scratch space of at least 20 bytes
     */
    static void writeFloat(byte[] c, boolean negative, int intStart, int intEnd, int fracStart, int fracEnd,
            long exponent, byte[] digits, ByteSink out) {
        // The first significant digit and the decimal exponent of a number that starts there.
        int first = intStart;
        while (first < intEnd && c[first] == '0') {
            first++;
        }
        long sciExponent;
        if (first < intEnd) {
            sciExponent = intEnd - first - 1 + exponent;
        } else {
            first = fracStart;
            while (first < fracEnd && c[first] == '0') {
                first++;
            }
            if (first == fracEnd) {
                out.writeAscii(negative ? "-0.0" : "0.0");
                return;
            }
            sciExponent = fracStart - first - 1 + exponent;
        }
        // One pass over the significant digits (the point, '.' < '0', skipped): the first 19, and how many there are
        // up to the last nonzero one.
        int stop = fracEnd > fracStart ? fracEnd : intEnd;
        long w = 0;
        int used = 0;
        int seen = 0;
        int count = 0;
        for (int k = first; k < stop; k++) {
            int d = c[k] - '0';
            if (d < 0) {
                continue;
            }
            seen++;
            if (used < 19) {
                w = w * 10 + d;
                used++;
            }
            if (d != 0) {
                count = seen;
            }
        }
        if (count <= EXACT_DIGITS && sciExponent >= MIN_EXPONENT && sciExponent <= MAX_EXPONENT) {
            int n = 0;
            for (int k = first; n < count; k++) {
                byte b = c[k];
                if (b != '.') {
                    digits[n++] = b;
                }
            }
            format(negative, digits, count, (int) sciExponent + 1, out);
            return;
        }
        double value;
        if (sciExponent < -400) {
            value = 0.0; // under 10^-399
        } else if (sciExponent > 400) {
            value = Double.POSITIVE_INFINITY;
        } else {
            // w holds the first min(count, 19) significant digits, trailing zeros among them included: drop those.
            if (used > count) {
                for (int k = count; k < used; k++) {
                    w = Long.divideUnsigned(w, 10); // 19 digits may pass Long.MAX_VALUE: w is unsigned
                }
                used = count;
            }
            int e = (int) sciExponent - used + 1;
            // Digits dropped: the literal lies strictly between w and w + 1 units, just above w (so that a tie at
            // w rounds up), and one double for both ends is the literal's double.
            value = DecimalToDouble.toDouble(w, e, count > used);
            if (count > used && value == value) {
                double above = DecimalToDouble.toDouble(w + 1, e);
                if (above != value) {
                    value = Double.NaN;
                }
            }
            if (value != value) {
                value = exactly(c, first, stop, count, sciExponent);
            }
        }
        writeRepr(negative ? -value : value, digits, out);
    }

    /**
     * The literal's double by the JDK's exact parser, on a literal cut to a bounded length: every midpoint between
     * two doubles has at most 767 significant digits, so 800 digits and a final 1 standing for any nonzero digits
     * dropped compare with each exactly as the whole literal does.
     */
    private static double exactly(byte[] c, int first, int stop, int count, long sciExponent) {
        int used = Math.min(count, EXACT_PARSE_DIGITS);
        StringBuilder sb = new StringBuilder(used + 16).append("0.");
        for (int k = first; sb.length() < used + 2; k++) {
            if (c[k] != '.') {
                sb.append((char) c[k]);
            }
        }
        if (count > used) {
            sb.append('1');
        }
        return Double.parseDouble(sb.append('e').append(sciExponent + 1).toString());
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    /** Python's {@code repr(d)}. */
    static String repr(double d) {
        ByteSink out = new ByteSink(32);
        writeRepr(d, new byte[32], out);
        return new String(out.buf, 0, out.size, java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** Writes Python's {@code repr(d)}, with {@code NaN}, {@code Infinity} and {@code -Infinity} as JSON has them. */
    static void writeRepr(double d, byte[] digits, ByteSink out) {
        if (Double.isNaN(d)) {
            out.writeAscii("NaN");
        } else if (Double.isInfinite(d)) {
            out.writeAscii(d > 0 ? "Infinity" : "-Infinity");
        } else if (d == 0) {
            out.writeAscii(Double.doubleToRawLongBits(d) < 0 ? "-0.0" : "0.0");
        } else {
            long found = ShortestDecimal.shortest(Math.abs(d), digits);
            if (found != Long.MIN_VALUE) {
                format(d < 0, digits, (int) (found & 0xFF), (int) (found >> 8), out);
                return;
            }
            BigDecimal shortest = shortest(Math.abs(d));
            String text = shortest.unscaledValue().toString();
            for (int k = 0; k < text.length(); k++) {
                digits[k] = (byte) text.charAt(k);
            }
            format(d < 0, digits, text.length(), text.length() - shortest.scale(), out);
        }
    }

    /**
     * Writes the decimal {@code 0.d1d2...dn * 10^decpt} in Python's repr layout.
     *
     * @param digits the significant digits, no leading or trailing zeros
     */
    private static void format(boolean negative, byte[] digits, int n, int decpt, ByteSink out) {
        out.ensure(n + 32);
        byte[] b = out.buf;
        int at = out.size;
        if (negative) {
            b[at++] = '-';
        }
        if (decpt > -4 && decpt <= 16) {
            if (decpt <= 0) {
                b[at++] = '0';
                b[at++] = '.';
                for (int k = decpt; k < 0; k++) {
                    b[at++] = '0';
                }
                System.arraycopy(digits, 0, b, at, n);
                at += n;
            } else if (decpt >= n) {
                System.arraycopy(digits, 0, b, at, n);
                at += n;
                for (int k = n; k < decpt; k++) {
                    b[at++] = '0';
                }
                b[at++] = '.';
                b[at++] = '0';
            } else {
                System.arraycopy(digits, 0, b, at, decpt);
                at += decpt;
                b[at++] = '.';
                System.arraycopy(digits, decpt, b, at, n - decpt);
                at += n - decpt;
            }
            out.size = at;
            return;
        }
        b[at++] = digits[0];
        if (n > 1) {
            b[at++] = '.';
            System.arraycopy(digits, 1, b, at, n - 1);
            at += n - 1;
        }
        int e = decpt - 1;
        b[at++] = 'e';
        b[at++] = (byte) (e < 0 ? '-' : '+');
        int abs = Math.abs(e); // at most 324
        if (abs >= 100) {
            b[at++] = (byte) ('0' + abs / 100);
        }
        b[at++] = (byte) ('0' + abs / 10 % 10);
        b[at++] = (byte) ('0' + abs % 10);
        out.size = at;
    }

    /**
     * The shortest decimal inside the rounding interval of {@code x} (positive, finite), closest to {@code x}
     * among the shortest, ties to an even last digit; as a {@code BigDecimal} whose unscaled value holds exactly
     * its significant digits.
     */
    static BigDecimal shortest(double x) {
        BigDecimal value = new BigDecimal(x);
        boolean inclusive = (Double.doubleToRawLongBits(x) & 1) == 0; // round-half-even reads the bound back as x
        BigDecimal upper = x == Double.MAX_VALUE
                ? value.add(new BigDecimal(Math.ulp(x)).multiply(HALF))
                : value.add(new BigDecimal(Math.nextUp(x))).multiply(HALF);
        BigDecimal lower = value.add(new BigDecimal(Math.nextDown(x))).multiply(HALF);
        Interval interval = new Interval(lower, upper, inclusive);

        // The largest power of ten with a multiple in the interval: its multiples there are the shortest decimals.
        int low = leadingExponent(upper.subtract(lower)) - 1; // the interval is wider than 10^(low + 1): found
        int high = leadingExponent(upper); // no multiple of 10^(high + 1) is as small as the upper bound
        while (low < high) {
            int mid = low + (high - low + 1) / 2;
            if (interval.hasMultipleOf(mid)) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        int q = low;
        Closest closest = new Closest(value, interval);
        BigDecimal floor = value.setScale(-q, RoundingMode.FLOOR);
        closest.consider(floor);
        closest.consider(floor.add(BigDecimal.ONE.scaleByPowerOfTen(q)).setScale(-q));
        if (closest.best.unscaledValue().abs().toString().length() == 1) {
            // One digit is the shortest there is; when the interval reaches below 10^q, one-digit decimals of the
            // decade below are just as short and may be closer (only tiny subnormals have such wide intervals).
            BigDecimal belowFloor = value.setScale(1 - q, RoundingMode.FLOOR);
            considerOneDigit(closest, belowFloor);
            considerOneDigit(closest, belowFloor.add(BigDecimal.ONE.scaleByPowerOfTen(q - 1)).setScale(1 - q));
        }
        return closest.best;
    }

    private static void considerOneDigit(Closest closest, BigDecimal candidate) {
        int unscaled = candidate.unscaledValue().intValue();
        if (candidate.unscaledValue().bitLength() < 8 && unscaled >= 1 && unscaled <= 9) {
            closest.consider(candidate);
        }
    }

    /** floor(log10(v)) for a positive {@code v}. */
    private static int leadingExponent(BigDecimal v) {
        return v.precision() - v.scale() - 1;
    }

    /** The rounding interval of a double: the decimals that read back as it. */
    private static final class Interval {
        private final BigDecimal lower;
        private final BigDecimal upper;
        private final boolean inclusive;

        Interval(BigDecimal lower, BigDecimal upper, boolean inclusive) {
            this.lower = lower;
            this.upper = upper;
            this.inclusive = inclusive;
        }

        boolean contains(BigDecimal v) {
            int lo = v.compareTo(lower);
            int hi = v.compareTo(upper);
            return inclusive ? lo >= 0 && hi <= 0 : lo > 0 && hi < 0;
        }

        boolean hasMultipleOf(int q) {
            BigDecimal candidate = lower.setScale(-q, RoundingMode.CEILING);
            if (!contains(candidate)) {
                candidate = candidate.add(BigDecimal.ONE.scaleByPowerOfTen(q));
            }
            return contains(candidate);
        }
    }

    /** The candidate closest to a value, ties to an even last digit. */
    private static final class Closest {
        private final BigDecimal value;
        private final Interval interval;
        private BigDecimal best;
        private BigDecimal bestDistance;

        Closest(BigDecimal value, Interval interval) {
            this.value = value;
            this.interval = interval;
        }

        void consider(BigDecimal candidate) {
            if (!interval.contains(candidate)) {
                return;
            }
            BigDecimal distance = candidate.subtract(value).abs();
            int cmp = best == null ? -1 : distance.compareTo(bestDistance);
            if (cmp < 0 || (cmp == 0 && !candidate.unscaledValue().testBit(0) && best.unscaledValue().testBit(0))) {
                best = candidate;
                bestDistance = distance;
            }
        }
    }
}
