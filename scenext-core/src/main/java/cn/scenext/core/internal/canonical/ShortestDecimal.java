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
    /**
     * The significands of the subnormals of 1 to 20 units, whose rounding intervals span so few units of their
     * scale that {@link #significand} searches every integer in them: found once, by that search.
     */
    private static final long[] TINY = new long[21];

    static {
        for (int i = 1; i < TINY.length; i++) {
            TINY[i] = search(Double.longBitsToDouble(i));
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
        long n = significand(x);
        if (n <= 0) {
            return Long.MIN_VALUE;
        }
        int k = scale(x);
        while (n % 10 == 0) {
            n /= 10;
            k++;
        }
        int count = PythonFloats.digitCount(n);
        PythonFloats.writeDigits(digits, count, n);
        return ((long) (count + k) << 8) | count;
    }

    /**
     * The power of ten that {@link #significand} counts in for {@code x}: the shortest decimal of {@code x} is
     * {@code significand(x) * 10^scale(x)}.
     *
     * @param x positive, finite, not zero
     */
    static int scale(double x) {
        long bits = Double.doubleToRawLongBits(x);
        int biasedExponent = (int) (bits >>> 52);
        int q = biasedExponent == 0 ? -1074 : biasedExponent - 1075;
        boolean irregular = (bits & MANTISSA) == 0 && biasedExponent > 1;
        return irregular ? floorLog10ThreeQuartersPow2(q) : floorLog10Pow2(q);
    }

    /**
     * The shortest decimal that reads back as {@code x}, closest to it among the shortest, ties to an even last
     * digit, as an integer {@code n} in units of {@code 10^scale(x)} (it may end in zeros).
     *
     * <p>The three scaled values (the interval's ends and {@code x}) are products of one power of ten with
     * {@code C << h} for three neighbouring {@code C}, so only {@code x}'s product is multiplied out (two 64 by
     * 64-bit high products and two low ones); the ends are that product minus or plus the power of ten shifted
     * left, exactly, in 192-bit arithmetic. The result is the one the three separate products would give.
     *
     * @param x positive, finite, not zero
     * @return the significand, or -1 when the fast path cannot decide and the exact one must
     */
    static long significand(double x) {
        long bits = Double.doubleToRawLongBits(x);
        return bits < TINY.length ? TINY[(int) bits] : search(x);
    }

    /** {@link #significand}, computed. */
    private static long search(double x) {
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
        long cb = cv << h;
        // P = cb * G, exactly, in p2:p1:p0.
        long p0 = cb * lo;
        long t = unsignedMultiplyHigh(cb, lo);
        long u0 = cb * hi;
        long p1 = u0 + t;
        long p2 = unsignedMultiplyHigh(cb, hi) + (Long.compareUnsigned(p1, u0) < 0 ? 1 : 0);
        // (2 << h) * G = G << (h + 1), and for the irregular lower end (1 << h) * G = G << h: 4 <= shift <= 7.
        int sr = h + 1;
        long r0 = lo << sr;
        long r1 = (hi << sr) | (lo >>> (64 - sr));
        long r2 = hi >>> (64 - sr);
        int sl = irregular ? h : sr;
        long l0 = lo << sl;
        long l1 = (hi << sl) | (lo >>> (64 - sl));
        long l2 = hi >>> (64 - sl);
        // Upper end: P + R (only its two upper words are needed, with the carry out of the lowest).
        long ru0 = p0 + r0;
        long carry = Long.compareUnsigned(ru0, p0) < 0 ? 1 : 0;
        long ru1a = p1 + r1;
        long carry2 = Long.compareUnsigned(ru1a, p1) < 0 ? 1 : 0;
        long ru1 = ru1a + carry;
        carry2 += Long.compareUnsigned(ru1, ru1a) < 0 ? 1 : 0;
        long ru2 = p2 + r2 + carry2;
        // Lower end: P - L.
        long borrow = Long.compareUnsigned(p0, l0) < 0 ? 1 : 0;
        long ld1a = p1 - l1;
        long borrow2 = Long.compareUnsigned(p1, l1) < 0 ? 1 : 0;
        long ld1 = ld1a - borrow;
        borrow2 += Long.compareUnsigned(ld1a, borrow) < 0 ? 1 : 0;
        long ld2 = p2 - l2 - borrow2;

        long vl = scaledFloor(ld2, ld1, exact(irregular ? cv - 1 : cv - 2, q, k));
        long vv = scaledFloor(p2, p1, exact(cv, q, k));
        long vr = scaledFloor(ru2, ru1, exact(cv + 2, q, k));
        if ((vl | vv | vr) < 0) {
            return -1;
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
        return n <= 0 ? -1 : n;
    }

    /** Whether C * 2^q * 10^-k is an integer. */
    private static boolean exact(long c, int q, int k) {
        if (k <= 0) {
            return q - k >= 0 || Long.numberOfTrailingZeros(c) >= k - q; // C * 5^-k * 2^(q - k)
        }
        return k <= 23 && c % POW5[k] == 0; // C * 2^(q - k) / 5^k, with q - k > 0 and C < 2^55 < 5^24
    }

    /**
     * floor(P / 2^128) for P = cp * ceil(G), given P's two upper words, with what is known of the remainder, as
     * {@code floor << 1 | inexact}; or -1 when the approximation leaves it open (the exact value within 2^-63 of an
     * integer without being one).
     */
    private static long scaledFloor(long p2, long p1, boolean exact) {
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
