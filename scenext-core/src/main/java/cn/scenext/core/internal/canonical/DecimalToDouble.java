package cn.scenext.core.internal.canonical;

import static cn.scenext.core.internal.canonical.PowersOfTen.BETA;
import static cn.scenext.core.internal.canonical.PowersOfTen.HI;
import static cn.scenext.core.internal.canonical.PowersOfTen.LO;
import static cn.scenext.core.internal.canonical.PowersOfTen.MIN_POW10;
import static cn.scenext.core.internal.canonical.PowersOfTen.POW5;
import static cn.scenext.core.internal.canonical.PowersOfTen.unsignedMultiplyHigh;

/**
 * Decimal to double in a bounded number of 64-bit operations, for the canonicalization that runs before a
 * webhook's signature is checked (where exact big-number arithmetic would let a forged body of subnormals cost
 * seconds): the significand, at most 19 digits, is multiplied by the 126-bit approximation of the power of ten
 * from {@link PowersOfTen}, and the product rounded once. The approximation's error is known, so this knows
 * exactly when it cannot decide (a decimal very near halfway between two doubles); then it says so, and {@link
 * PythonFloats} takes the exact, slow path, which is rare and bounded, so the cost stays linear in the input.
 * {@link ShortestDecimal} is the other direction.
 */
final class DecimalToDouble {
    private static final long MANTISSA = (1L << 52) - 1;
    private static final long HIDDEN = 1L << 52;
    private static final double[] SMALL_POW10 = new double[23];

    static {
        double p = 1;
        for (int i = 0; i < SMALL_POW10.length; i++) {
            SMALL_POW10[i] = p; // exact: 10^22 is the largest power of ten a double holds exactly
            p *= 10;
        }
    }

    private DecimalToDouble() {
    }

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
}
