package cn.scenext.core.internal.canonical;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.math.BigInteger;

/**
 * The table both fast float paths multiply by: every power of ten from 10^{@value #MIN_POW10} to 10^{@value
 * #MAX_POW10} as a 126-bit approximation from above, {@code 10^e = G * 2^(BETA - 125)} with {@code 2^125 <= G <
 * 2^126}, its two 64-bit halves in {@link #HI} and {@link #LO} and its binary exponent in {@link #BETA}; the
 * powers of five a long holds, which tell when a decimal is exactly a dyadic rational; and the high half of a
 * 64 by 64-bit product, which Java 8 lacks ({@code Math.unsignedMultiplyHigh} is JDK 18). Built once, from exact
 * {@link BigInteger} arithmetic, when {@link DecimalToDouble} or {@link ShortestDecimal} first runs.
 */
final class PowersOfTen {
    /** The smallest power of ten in the table: below it every 19-digit decimal reads as zero. */
    static final int MIN_POW10 = -343;
    /** The largest power of ten in the table (10^324 scales the smallest subnormal's interval). */
    static final int MAX_POW10 = 324;

    /** 5^0 to 5^27, the largest below 2^63. */
    static final long[] POW5 = new long[28];
    /** For 10^e at {@code e - MIN_POW10}: the bits 64..125 of ceil(G). */
    static final long[] HI = new long[MAX_POW10 - MIN_POW10 + 1];
    /** For 10^e at {@code e - MIN_POW10}: the bits 0..63 of ceil(G). */
    static final long[] LO = new long[HI.length];
    /** For 10^e at {@code e - MIN_POW10}: BETA, i.e. floor(log2(10^e)). */
    static final int[] BETA = new int[HI.length];

    private static final long MASK32 = 0xFFFF_FFFFL;
    /** {@code Math.multiplyHigh(long, long)} (signed) on JDK 9 and later, else {@code null}. */
    private static final MethodHandle MULTIPLY_HIGH = findMultiplyHigh();

    static {
        long five = 1;
        for (int i = 0; i < POW5.length; i++) {
            POW5[i] = five;
            five *= 5;
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

    private PowersOfTen() {
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

    private static MethodHandle findMultiplyHigh() {
        try {
            return MethodHandles.publicLookup().findStatic(Math.class, "multiplyHigh",
                    MethodType.methodType(long.class, long.class, long.class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null; // Java 8
        }
    }

    /** The high 64 bits of the unsigned 128-bit product of {@code a} and {@code b}. */
    static long unsignedMultiplyHigh(long a, long b) {
        if (MULTIPLY_HIGH != null) {
            long high;
            try {
                high = (long) MULTIPLY_HIGH.invokeExact(a, b);
            } catch (Throwable e) {
                throw new AssertionError(e); // Math.multiplyHigh throws nothing
            }
            // The signed product's high word, corrected for each operand read as unsigned.
            return high + ((a >> 63) & b) + ((b >> 63) & a);
        }
        return portableMultiplyHigh(a, b);
    }

    /** {@link #unsignedMultiplyHigh} in 32-bit pieces, for Java 8. */
    static long portableMultiplyHigh(long a, long b) {
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
}
