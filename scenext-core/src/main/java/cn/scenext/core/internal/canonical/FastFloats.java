package cn.scenext.core.internal.canonical;

import java.math.BigInteger;

/**
 * Decimal to double and double to shortest decimal in a bounded number of 64-bit operations, for the
 * canonicalization that runs before a webhook's signature is checked (where exact big-number arithmetic would
 * let a forged body of subnormals cost seconds). Both directions multiply by a 126-bit approximation of a power
 * of ten from one table, and both know exactly when that approximation cannot decide; then they say so, and the
 * caller takes the exact, slow path. Such cases are rare (near-halfway decimals for parsing; none known for
 * formatting) and each is bounded, so the cost stays linear in the input.
 *
 * <p>The shortest-decimal search follows the idea of R. Giulietti's Schubfach: scaled by a power of ten chosen
 * from the double's binary exponent, the double's rounding interval is between 1 and 10 units wide, so it holds
 * at most one multiple of ten and at least one integer, and the shortest decimal is one of a handful of
 * candidates. Unlike {@code Double.toString} on JDK 19+, the result is the truly shortest one (one digit when one
 * digit is enough), the closest to the double among those, ties to an even digit, as Python's {@code repr}
 * writes it.
 */
public final class FastFloats {
    /** The smallest power of ten in the table: below it every 19-digit decimal reads as zero. */
    static final int MIN_POW10 = -343;
    /** The largest power of ten in the table (10^324 scales the smallest subnormal's interval). */
    static final int MAX_POW10 = 324;

    private static final long MASK32 = 0xFFFF_FFFFL;
    private static final long MANTISSA = (1L << 52) - 1;
    private static final long HIDDEN = 1L << 52;
    private static final double[] SMALL_POW10 = new double[23];
    private static final long[] POW5 = new long[28]; // 5^27 is the largest below 2^63
    /** "00" to "99". */
    private static final byte[] DIGIT_PAIRS = new byte[200];
    /** Where {@link #shortest} builds its digits, right to left, before moving them to the front. */
    private static final int DIGITS_END = 20;

    /** For 10^e: the bits 64..125 and 0..63 of ceil(G), where 10^e = G * 2^(BETA - 125), 2^125 <= G < 2^126. */
    private static final long[] HI = new long[MAX_POW10 - MIN_POW10 + 1];
    private static final long[] LO = new long[HI.length];
    private static final int[] BETA = new int[HI.length];

    static {
        double p = 1;
        for (int i = 0; i < SMALL_POW10.length; i++) {
            SMALL_POW10[i] = p; // exact: 10^22 is the largest power of ten a double holds exactly
            p *= 10;
        }
        long five = 1;
        for (int i = 0; i < POW5.length; i++) {
            POW5[i] = five;
            five *= 5;
        }
        for (int i = 0; i < 100; i++) {
            DIGIT_PAIRS[2 * i] = (byte) ('0' + i / 10);
            DIGIT_PAIRS[2 * i + 1] = (byte) ('0' + i % 10);
        }
        BigInteger ten = BigInteger.TEN;
        BigInteger power = BigInteger.ONE; // 10^|e|
        for (int e = 0; e <= Math.max(MAX_POW10, -MIN_POW10); e++) {
            if (e <= MAX_POW10) {
                // 10^e = N: beta = floor(log2 N); G = N * 2^(125 - beta), rounded up when the shift is to the right.
                int beta = power.bitLength() - 1;
                BigInteger g = beta <= 125 ? power.shiftLeft(125 - beta) : ceilShiftRight(power, beta - 125);
                store(e, g, beta);
            }
            if (e > 0 && -e >= MIN_POW10) {
                // 10^-e = 1 / N, N not a power of two: beta = -bitLength(N); G = 2^(125 - beta) / N, rounded up.
                int bits = power.bitLength();
                BigInteger[] qr = BigInteger.ONE.shiftLeft(125 + bits).divideAndRemainder(power);
                BigInteger g = qr[1].signum() == 0 ? qr[0] : qr[0].add(BigInteger.ONE);
                store(-e, g, -bits);
            }
            power = power.multiply(ten);
        }
    }

    private FastFloats() {
    }

    private static BigInteger ceilShiftRight(BigInteger n, int shift) {
        BigInteger q = n.shiftRight(shift);
        return q.shiftLeft(shift).equals(n) ? q : q.add(BigInteger.ONE);
    }

    private static void store(int e, BigInteger g, int beta) {
        if (g.bitLength() != 126) {
            throw new AssertionError("10^" + e + " scaled to " + g.bitLength() + " bits");
        }
        HI[e - MIN_POW10] = g.shiftRight(64).longValue();
        LO[e - MIN_POW10] = g.longValue();
        BETA[e - MIN_POW10] = beta;
    }

    /** The high 64 bits of the unsigned 128-bit product of {@code a} and {@code b}. */
    static long unsignedMultiplyHigh(long a, long b) {
        long a1 = a >>> 32;
        long a0 = a & MASK32;
        long b1 = b >>> 32;
        long b0 = b & MASK32;
        long p00 = a0 * b0;
        long p01 = a0 * b1;
        long p10 = a1 * b0;
        long mid = (p00 >>> 32) + (p01 & MASK32) + (p10 & MASK32);
        return a1 * b1 + (p01 >>> 32) + (p10 >>> 32) + (mid >>> 32);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Decimal to double

    /**
     * The double nearest to {@code w * 10^e} (ties to even), for an unsigned {@code w} of at most 10^19.
     *
     * @param w the significand, unsigned, not zero
     * @param e the decimal exponent
     * @return the positive double, or {@code NaN} when the decimal lies too close to halfway between two doubles
     *     for this method to decide
     */
    static double toDouble(long w, int e) {
        return toDouble(w, e, false);
    }

    /**
     * The double nearest to {@code w * 10^e}, or with {@code justAbove} to a decimal a little above it (above by
     * less than one unit of 10^e): then an exact tie rounds up rather than to even. The caller still has to make
     * sure that the decimal does not reach the next halfway point, e.g. by comparing with {@code toDouble(w + 1,
     * e)}.
     *
     * @param w the significand, unsigned, not zero
     * @param e the decimal exponent
     * @param justAbove whether the decimal is {@code w * 10^e} plus a positive amount of less than {@code 10^e}
     * @return the positive double, or {@code NaN} when the decimal lies too close to halfway between two doubles
     *     for this method to decide
     */
    static double toDouble(long w, int e, boolean justAbove) {
        if (e < MIN_POW10) {
            return 0.0; // below 10^-324: under half the smallest subnormal
        }
        if (e > 308) {
            return Double.POSITIVE_INFINITY;
        }
        if (!justAbove && w >= 0 && w <= HIDDEN << 1 && e >= -22 && e <= 22) {
            // Both operands are exact doubles, so one correctly rounded operation gives the result.
            return e >= 0 ? (double) w * SMALL_POW10[e] : (double) w / SMALL_POW10[-e];
        }
        int lz = Long.numberOfLeadingZeros(w);
        long m = w << lz;
        int i = e - MIN_POW10;
        long hi = HI[i];
        long lo = LO[i];
        // P = m * ceil(G), 192 bits in p2:p1:p0; the exact m * G is at most m (< 2^64) below it.
        long p0 = m * lo;
        long a1 = unsignedMultiplyHigh(m, lo);
        long b0 = m * hi;
        long p1 = b0 + a1;
        long p2 = unsignedMultiplyHigh(m, hi) + (Long.compareUnsigned(p1, b0) < 0 ? 1 : 0);
        int lead = 191 - Long.numberOfLeadingZeros(p2); // P's top bit: 188 or 189
        int shift = BETA[i] - 125 - lz; // bit j of P weighs 2^(j + shift)
        int p = Math.max(lead - 52, -1074 - shift); // the bit that becomes the last of the double
        if (p > lead + 1) {
            return 0.0; // under half the smallest subnormal
        }
        int pp = p - 128; // 8 <= pp <= 62: the rounding position lies in p2
        long mantissa = p2 >>> pp;
        long rest = p2 & ((1L << pp) - 1);
        long half = 1L << (pp - 1);
        if (rest > half || (rest == half && p1 != 0)) {
            mantissa++; // more than half even after taking off the approximation's error (under 2^64)
        } else if (rest == half) {
            if (e < 0) {
                // A decimal exactly halfway is a dyadic rational: w divisible by 5^-e. Then P's truncated mantissa
                // is the exact value's, which lies halfway above it: to even, or up when the decimal lies just above.
                if (-e >= POW5.length || w < 0 || w % POW5[-e] != 0) {
                    return Double.NaN;
                }
                mantissa += justAbove ? 1 : (mantissa & 1);
            } else if (e > 53) {
                return Double.NaN; // G is not an integer here, so P may be at, above or below halfway
            } else {
                // G is an integer for 0 <= e <= 53: P is exact, and p0 says whether it is exactly halfway.
                mantissa += p0 != 0 || justAbove ? 1 : (mantissa & 1);
            }
        }
        // else: under half; or P is within 2^64 above a multiple of 2^p the exact value lies just below, which
        // rounds up to the same mantissa.
        if (p == lead - 52) {
            int biased = lead + shift + 1023;
            if (mantissa == HIDDEN << 1) {
                mantissa = HIDDEN;
                biased++;
            }
            if (biased >= 2047) {
                return Double.POSITIVE_INFINITY;
            }
            return Double.longBitsToDouble(((long) biased << 52) | (mantissa & MANTISSA));
        }
        return Double.longBitsToDouble(mantissa); // subnormal, or 2^52 when it rounded up to the smallest normal
    }

    // ---------------------------------------------------------------------------------------------------------
    // Double to shortest decimal

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
