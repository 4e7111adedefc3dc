package cn.scenext.core.internal.canonical;

import static cn.scenext.core.internal.canonical.PowersOfTen.BETA;
import static cn.scenext.core.internal.canonical.PowersOfTen.HI;
import static cn.scenext.core.internal.canonical.PowersOfTen.LO;
import static cn.scenext.core.internal.canonical.PowersOfTen.MIN_POW10;
import static cn.scenext.core.internal.canonical.PowersOfTen.POW5;
import static cn.scenext.core.internal.canonical.PowersOfTen.unsignedMultiplyHigh;

/**
 * Double to shortest decimal in a bounded number of 64-bit operations, for Python's {@code repr(float)} in
 * {@link PythonFloats}. It follows the idea of R. Giulietti's Schubfach: scaled by a power of ten chosen from
 * the double's binary exponent (the 126-bit approximations of {@link PowersOfTen}), the double's rounding
 * interval is between 1 and 10 units wide, so it holds at most one multiple of ten and at least one integer, and
 * the shortest decimal is one of a handful of candidates. Unlike {@code Double.toString} on JDK 19+, the result
 * is the truly shortest one (one digit when one digit is enough), the closest to the double among those, ties to
 * an even digit, as Python's {@code repr} writes it. The approximation's error is known, so this knows when it
 * cannot decide (no such double is known); then it says so, and the caller takes the exact, slow path. {@link
 * DecimalToDouble} is the other direction.
 */
final class ShortestDecimal {
    private static final long MANTISSA = (1L << 52) - 1;
    private static final long HIDDEN = 1L << 52;
    /** "00" to "99". */
    private static final byte[] DIGIT_PAIRS = new byte[200];
    /** Where {@link #shortest} builds its digits, right to left, before moving them to the front. */
    private static final int DIGITS_END = 20;

    static {
        for (int i = 0; i < 100; i++) {
            DIGIT_PAIRS[2 * i] = (byte) ('0' + i / 10);
            DIGIT_PAIRS[2 * i + 1] = (byte) ('0' + i % 10);
        }
    }

    private ShortestDecimal() {
    }

    /** floor(log10(2^q)) for |q| <= 1100. */
    static int floorLog10Pow2(int q) {
        return (int) ((q * 661_971_961_083L) >> 41);
    }

    /** floor(log10(3/4 * 2^q)) for |q| <= 1100. */
    static int floorLog10ThreeQuartersPow2(int q) {
        return (int) ((q * 661_971_961_083L - 274_743_187_321L) >> 41);
    }

    /**
     * Finds the shortest decimal that reads back as {@code x}, closest to it among the shortest, ties to an even
     * last digit, and writes its digits into {@code digits}.
     *
     * @param x positive, finite, not zero
     * @param digits scratch space of at least 20 bytes; the digits are left at its start
     * @return {@code (decpt << 8) | count}: the decimal is {@code 0.d1...dcount * 10^decpt}; or {@code
     *     Long.MIN_VALUE} when the fast path cannot decide and the exact one must
     */
    static long shortest(double x, byte[] digits) {
        long bits = Double.doubleToRawLongBits(x);
        int biasedExponent = (int) (bits >>> 52);
        long fraction = bits & MANTISSA;
        long c;
        int q;
        if (biasedExponent == 0) {
            c = fraction;
            q = -1074;
        } else {
            c = fraction | HIDDEN;
            q = biasedExponent - 1075;
        }
        // At the bottom of a binade (except the lowest) the double below is half as far as the one above.
        boolean irregular = fraction == 0 && biasedExponent > 1;
        int k = irregular ? floorLog10ThreeQuartersPow2(q) : floorLog10Pow2(q);
        int i = -k - MIN_POW10;
        int h = q + BETA[i] + 3; // (C << h) * G / 2^128 = C * 2^q * 10^-k; 3 <= h <= 6
        long hi = HI[i];
        long lo = LO[i];
        boolean inclusive = (c & 1) == 0; // round-half-even reads an interval bound back as x when c is even

        // The interval and x in quarter units of 10^k: X = C * 2^q * 10^-k for C = 4c - 2 (or - 1), 4c, 4c + 2.
        long cv = c << 2;
        long cl = irregular ? cv - 1 : cv - 2;
        long cr = cv + 2;
        long vl = scaledFloor(cl << h, hi, lo, exact(cl, q, k));
        long vv = scaledFloor(cv << h, hi, lo, exact(cv, q, k));
        long vr = scaledFloor(cr << h, hi, lo, exact(cr, q, k));
        if ((vl | vv | vr) < 0) {
            return Long.MIN_VALUE;
        }
        boolean exactL = (vl & 1) == 0;
        boolean exactV = (vv & 1) == 0;
        boolean exactR = (vr & 1) == 0;
        vl >>>= 1;
        vv >>>= 1;
        vr >>>= 1;

        long s = vv >> 2; // floor(x / 10^k)
        long n;
        if (s < 100) {
            n = smallest(vl, exactL, vv, exactV, vr, exactR, inclusive);
        } else {
            n = -1;
            long ten = s / 10 * 10;
            // The interval is under ten units wide: at most one multiple of ten lies in it, the shortest there is.
            if (inside(ten, vl, exactL, vr, exactR, inclusive)) {
                n = ten;
            } else if (inside(ten + 10, vl, exactL, vr, exactR, inclusive)) {
                n = ten + 10;
            } else {
                boolean sIn = inside(s, vl, exactL, vr, exactR, inclusive);
                boolean tIn = inside(s + 1, vl, exactL, vr, exactR, inclusive);
                if (sIn && tIn) {
                    n = closer(s, s + 1, vv, exactV);
                } else if (sIn) {
                    n = s;
                } else if (tIn) {
                    n = s + 1;
                }
            }
        }
        if (n <= 0) {
            return Long.MIN_VALUE;
        }
        return write(n, k, digits);
    }

    /**
     * Writes the digits of {@code n * 10^k} without trailing zeros: right to left, two digits per division by a
     * constant, on ints (n has at most 18 digits), then moved to the front.
     */
    private static long write(long n, int k, byte[] digits) {
        int end = DIGITS_END;
        int pos = end;
        long high = n / 100_000_000;
        int low = (int) (n - high * 100_000_000);
        if (high != 0) {
            for (int j = 0; j < 4; j++) { // exactly eight digits
                int next = low / 100;
                int pair = (low - next * 100) << 1;
                digits[--pos] = DIGIT_PAIRS[pair + 1];
                digits[--pos] = DIGIT_PAIRS[pair];
                low = next;
            }
            low = (int) high; // under 1.5 * 10^9: n < 2^57
        }
        while (low >= 100) {
            int next = low / 100;
            int pair = (low - next * 100) << 1;
            digits[--pos] = DIGIT_PAIRS[pair + 1];
            digits[--pos] = DIGIT_PAIRS[pair];
            low = next;
        }
        if (low >= 10) {
            digits[--pos] = DIGIT_PAIRS[(low << 1) + 1];
            digits[--pos] = DIGIT_PAIRS[low << 1];
        } else {
            digits[--pos] = (byte) ('0' + low);
        }
        int exponent = k;
        while (digits[end - 1] == '0') {
            end--;
            exponent++;
        }
        int count = end - pos;
        System.arraycopy(digits, pos, digits, 0, count);
        return ((long) (count + exponent) << 8) | count;
    }

    /** Whether C * 2^q * 10^-k is an integer. */
    private static boolean exact(long c, int q, int k) {
        if (k <= 0) {
            return q - k >= 0 || Long.numberOfTrailingZeros(c) >= k - q; // C * 5^-k * 2^(q - k)
        }
        return k <= 23 && c % POW5[k] == 0; // C * 2^(q - k) / 5^k, with q - k > 0 and C < 2^55 < 5^24
    }

    /**
     * floor((cp * ceil(G)) / 2^128) with what is known of the remainder, as {@code floor << 1 | inexact}; or -1
     * when the approximation leaves it open (the exact value within 2^-63 of an integer without being one).
     */
    private static long scaledFloor(long cp, long hi, long lo, boolean exact) {
        long a1 = unsignedMultiplyHigh(cp, lo);
        long b0 = cp * hi;
        long p1 = b0 + a1;
        long p2 = unsignedMultiplyHigh(cp, hi) + (Long.compareUnsigned(p1, b0) < 0 ? 1 : 0);
        // P exceeds the exact product by under cp < 2^61, i.e. under 2^-67 of a unit of p2.
        if (exact) {
            return p2 << 1;
        }
        if (Long.compareUnsigned(p1, 2) < 0) {
            return -1;
        }
        return p2 << 1 | 1;
    }

    /** Whether the integer {@code n} (in units of 10^k) lies in the interval given in quarter units. */
    private static boolean inside(long n, long vl, boolean exactL, long vr, boolean exactR, boolean inclusive) {
        long x = n << 2;
        if (inclusive) {
            return (x > vl || (x == vl && exactL)) && x <= vr;
        }
        return x > vl && (x < vr || (x == vr && !exactR));
    }

    /** Of two integers a &lt; b in the interval, the one closer to x (quarter units), ties to the even one. */
    private static long closer(long a, long b, long vv, boolean exactV) {
        long mid = (a + b) << 1; // (a + b) / 2 in quarter units
        if (vv < mid) {
            return a;
        }
        if (vv > mid || !exactV) {
            return b;
        }
        return (a & 1) == 0 ? a : b;
    }

    /**
     * For the tiniest subnormals, whose interval spans few units: every integer in it, fewest significant digits
     * first, then closest to x.
     */
    private static long smallest(long vl, boolean exactL, long vv, boolean exactV, long vr, boolean exactR,
            boolean inclusive) {
        long best = -1;
        int bestDigits = Integer.MAX_VALUE;
        for (long n = Math.max(1, vl >> 2); n <= (vr >> 2) + 1; n++) {
            if (!inside(n, vl, exactL, vr, exactR, inclusive)) {
                continue;
            }
            int digits = significantDigits(n);
            if (digits < bestDigits) {
                best = n;
                bestDigits = digits;
            } else if (digits == bestDigits) {
                best = closer(best, n, vv, exactV);
            }
        }
        return best;
    }

    private static int significantDigits(long n) {
        while (n % 10 == 0) {
            n /= 10;
        }
        int count = 0;
        for (; n != 0; n /= 10) {
            count++;
        }
        return count;
    }
}
