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
     * Writes {@code repr(float(literal))} for a literal whose digits a scanner has read once: its first 19
     * significant digits as {@code w}, the decimal exponent of {@code w}'s last digit, and whether a nonzero digit
     * follows them. A literal of at most 15 significant digits in the normal range is written from its own digits
     * (such a decimal is always the shortest form of the double it reads as); any other one is read as a double by
     * {@link DecimalToDouble} and written by {@link ShortestDecimal}.
     *
     * @param negative whether the literal starts with a minus sign
     * @param w the first (at most 19) significant digits, unsigned; 0 when the literal is zero
     * @param held how many significant digits {@code w} holds
     * @param scale {@code w} counts in units of {@code 10^scale}, clamped far beyond the range of doubles
     * @param tail whether a nonzero digit follows the 19 in {@code w}
     * @return {@code false} when this cannot decide (a literal within a hair of halfway between two doubles); then
     *     nothing was written and {@link #writeFloat} must
     */
    static boolean writeDecimal(boolean negative, long w, int held, long scale, boolean tail, ByteSink out) {
        return writeDecimal(negative, w, held, scale, tail, null, 0, 0, out);
    }

    /**
     * {@link #writeDecimal(boolean, long, int, long, boolean, ByteSink)} for a literal whose bytes are at hand:
     * when its significant digits are the ones to write (after trailing zeros are dropped), they are copied from it
     * rather than printed again from the integer.
     *
     * @param negative whether the literal starts with a minus sign
     * @param w the first (at most 19) significant digits, unsigned; 0 when the literal is zero
     * @param held how many significant digits {@code w} holds
     * @param scale {@code w} counts in units of {@code 10^scale}, clamped far beyond the range of doubles
     * @param tail whether a nonzero digit follows the 19 in {@code w}
     * @param src the literal's bytes, or {@code null} to print every digit from {@code w}
     * @param first where the literal's first significant digit is in {@code src}
     * @param point where its decimal point is, or any position before {@code first} when it has none there
     * @return {@code false} when this cannot decide (see the other overload); then nothing was written
     */
    static boolean writeDecimal(boolean negative, long w, int held, long scale, boolean tail, byte[] src, int first,
            int point, ByteSink out) {
        if (held == 0) {
            out.writeAscii(negative ? "-0.0" : "0.0");
            return true;
        }
        long sciExponent = held - 1 + scale;
        if (!tail && held <= 19) {
            // Trailing zeros are not significant (an odd w has none: half the literals skip the division).
            while ((w & 1) == 0 && (w >= 0 ? w % 10 : Long.remainderUnsigned(w, 10)) == 0) {
                w = w >= 0 ? w / 10 : Long.divideUnsigned(w, 10);
                held--;
                scale++;
            }
            if (held <= EXACT_DIGITS && sciExponent >= MIN_EXPONENT && sciExponent <= MAX_EXPONENT) {
                layout(negative, w, held, (int) scale, src, first, point, out);
                return true;
            }
        }
        double value;
        if (sciExponent < -400) {
            value = 0.0; // under 10^-399
        } else if (sciExponent > 400) {
            value = Double.POSITIVE_INFINITY;
        } else {
            int e = (int) scale;
            value = DecimalToDouble.toDouble(w, e, tail);
            if (tail && value == value) {
                // The literal lies strictly between w and w + 1 units: one double for both ends is its double.
                double above = DecimalToDouble.toDouble(w + 1, e);
                if (above != value) {
                    return false;
                }
            }
            if (value != value) {
                return false;
            }
        }
        // A literal with a tail has more digits than w: its own digits are never the shortest ones.
        writeRepr(negative ? -value : value, null, tail ? 0 : w, held, src, first, point, out);
        return true;
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
        if (used > count) {
            for (int k = count; k < used; k++) {
                w = Long.divideUnsigned(w, 10); // 19 digits may pass Long.MAX_VALUE: w is unsigned
            }
            used = count;
        }
        if (writeDecimal(negative, w, used, sciExponent - used + 1, count > used, out)) {
            return;
        }
        double value = exactly(c, first, stop, count, sciExponent);
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
        writeRepr(d, digits, 0, 0, null, 0, 0, out);
    }

    /**
     * {@link #writeRepr(double, byte[], ByteSink)} for the double of a literal at hand: when the shortest digits
     * are the literal's own ({@code w}, without trailing zeros, of {@code count} digits), they are copied from
     * {@code src} as {@link #layout} does; {@code w} 0 (or {@code src} {@code null}) prints them.
     */
    private static void writeRepr(double d, byte[] digits, long w, int count, byte[] src, int first, int point,
            ByteSink out) {
        if (Double.isNaN(d)) {
            out.writeAscii("NaN");
        } else if (Double.isInfinite(d)) {
            out.writeAscii(d > 0 ? "Infinity" : "-Infinity");
        } else if (d == 0) {
            out.writeAscii(Double.doubleToRawLongBits(d) < 0 ? "-0.0" : "0.0");
        } else {
            double abs = Math.abs(d);
            long n = ShortestDecimal.significand(abs);
            if (n > 0) {
                int e = ShortestDecimal.scale(abs);
                while ((n & 1) == 0 && n % 10 == 0) {
                    n /= 10;
                    e++;
                }
                if (src != null && n == w) {
                    // The literal's own digits are the shortest ones (and then its scale is the repr's): copy them.
                    layout(d < 0, n, count, e, src, first, point, out);
                } else {
                    layout(d < 0, n, digitCount(n), e, null, 0, 0, out);
                }
                return;
            }
            BigDecimal shortest = shortest(Math.abs(d));
            String text = shortest.unscaledValue().toString();
            if (digits == null) {
                digits = new byte[32];
            }
            for (int k = 0; k < text.length(); k++) {
                digits[k] = (byte) text.charAt(k);
            }
            format(d < 0, digits, text.length(), text.length() - shortest.scale(), out);
        }
    }

    /**
     * Writes the decimal {@code n * 10^e} in Python's repr layout, its digits straight into the output (no
     * scratch copy).
     *
     * @param n the significand, positive; trailing zeros allowed
     * @param e the decimal exponent
     */
    static void formatDecimal(boolean negative, long n, int e, ByteSink out) {
        while (n % 10 == 0) {
            n /= 10;
            e++;
        }
        layout(negative, n, digitCount(n), e, null, 0, 0, out);
    }

    /**
     * Writes {@code n * 10^e} ({@code n} positive, of {@code count} digits, not ending in zero) in Python's repr
     * layout; the digits are printed from {@code n}, or copied from {@code src} when it is not {@code null}.
     */
    private static void layout(boolean negative, long n, int count, int e, byte[] src, int first, int point,
            ByteSink out) {
        int decpt = count + e;
        out.ensure(count + 32);
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
                digits(b, at, count, n, src, first, point);
                at += count;
            } else if (decpt >= count) {
                digits(b, at, count, n, src, first, point);
                at += count;
                for (int k = count; k < decpt; k++) {
                    b[at++] = '0';
                }
                b[at++] = '.';
                b[at++] = '0';
            } else if (src != null && point - first == decpt) {
                copy(src, first, b, at, count + 1); // the literal has this layout already: its digits and point
                at += count + 1;
            } else {
                digits(b, at + 1, count, n, src, first, point);
                for (int k = 0; k < decpt; k++) {
                    b[at + k] = b[at + 1 + k]; // the integer part one place to the left, to make room for the point
                }
                b[at + decpt] = '.';
                at += count + 1;
            }
            out.size = at;
            return;
        }
        if (src != null && point == first + 1 && count > 1) {
            copy(src, first, b, at, count + 1); // d.ddd already, as in the literal
            at += count + 1;
        } else {
            digits(b, at + 1, count, n, src, first, point);
            b[at] = b[at + 1];
            if (count > 1) {
                b[at + 1] = '.';
                at += count + 1;
            } else {
                at++;
            }
        }
        out.size = writeExponent(b, at, decpt - 1);
    }

    /**
     * Writes the {@code count} digits of {@code n} at {@code at}: printed, or copied from the literal's significant
     * digits in {@code src} (from {@code first}, stepping over the point at {@code point}).
     */
    private static void digits(byte[] b, int at, int count, long n, byte[] src, int first, int point) {
        if (src == null) {
            writeDigits(b, at + count, n);
            return;
        }
        int before = point - first; // digits before the point, when it lies among them
        if (before <= 0 || before >= count) {
            before = count;
        }
        copy(src, first, b, at, before);
        copy(src, first + before + 1, b, at + before, count - before); // past the point
    }

    /** Copies {@code len} bytes between two arrays: a plain loop, since these runs are too short for arraycopy. */
    private static void copy(byte[] src, int from, byte[] dst, int to, int len) {
        for (int k = 0; k < len; k++) {
            dst[to + k] = src[from + k];
        }
    }

    /** Writes {@code e±XX} (at least two digits) at {@code at}, and returns the position after it. */
    private static int writeExponent(byte[] b, int at, int exp) {
        b[at++] = 'e';
        b[at++] = (byte) (exp < 0 ? '-' : '+');
        int abs = Math.abs(exp); // at most 324
        if (abs >= 100) {
            int hundreds = abs / 100;
            b[at++] = (byte) ('0' + hundreds);
            abs -= hundreds * 100;
        }
        b[at] = DIGIT_PAIRS[abs << 1];
        b[at + 1] = DIGIT_PAIRS[(abs << 1) + 1];
        return at + 2;
    }

    /** 10^0 to 10^18. */
    private static final long[] POW10 = new long[19];
    /** "00" to "99". */
    private static final byte[] DIGIT_PAIRS = new byte[200];

    static {
        long p = 1;
        for (int i = 0; i < POW10.length; i++) {
            POW10[i] = p;
            p *= 10;
        }
        for (int i = 0; i < 100; i++) {
            DIGIT_PAIRS[2 * i] = (byte) ('0' + i / 10);
            DIGIT_PAIRS[2 * i + 1] = (byte) ('0' + i % 10);
        }
    }

    /** The number of decimal digits of {@code n}, positive. */
    static int digitCount(long n) {
        int t = ((64 - Long.numberOfLeadingZeros(n)) * 1233) >>> 12; // floor(log10(2^bits)) approximately
        return n >= POW10[t] ? t + 1 : t;
    }

    /** Writes the digits of {@code n} (positive) so that they end just before {@code end}, two per division. */
    static void writeDigits(byte[] b, int end, long n) {
        int pos = end;
        while (n >= 100_000_000L) {
            long next = n / 100_000_000L;
            int low = (int) (n - next * 100_000_000L);
            for (int j = 0; j < 4; j++) { // exactly eight digits
                int rest = low / 100;
                int pair = (low - rest * 100) << 1;
                b[--pos] = DIGIT_PAIRS[pair + 1];
                b[--pos] = DIGIT_PAIRS[pair];
                low = rest;
            }
            n = next;
        }
        int v = (int) n;
        while (v >= 100) {
            int rest = v / 100;
            int pair = (v - rest * 100) << 1;
            b[--pos] = DIGIT_PAIRS[pair + 1];
            b[--pos] = DIGIT_PAIRS[pair];
            v = rest;
        }
        if (v >= 10) {
            b[--pos] = DIGIT_PAIRS[(v << 1) + 1];
            b[--pos] = DIGIT_PAIRS[v << 1];
        } else {
            b[--pos] = (byte) ('0' + v);
        }
    }

    /** Writes the decimal {@code 0.d1d2...dn * 10^decpt} (at most 18 digits) in Python's repr layout. */
    private static void format(boolean negative, byte[] digits, int n, int decpt, ByteSink out) {
        long significand = 0;
        for (int k = 0; k < n; k++) {
            significand = significand * 10 + (digits[k] - '0');
        }
        formatDecimal(negative, significand, decpt - n, out);
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
