package cn.scenext.core.internal.canonical;

/**
 * The canonical writer's stages one at a time, for {@code cn.scenext.benchmarks.CanonicalStageCosts}: lives in
 * the engine's package (in the benchmarks jar only) to reach its package-private steps, so that each can be timed
 * alone on pre-extracted inputs. Not part of the SDK.
 */
public final class StageProbes {
    private final ByteSink sink = new ByteSink(2 * 1024 * 1024);
    private final byte[] digits = new byte[32];

    /** A probe with its own output buffer. */
    public StageProbes() {
    }

    /** Strict UTF-8 validation of {@code body}; returns its verdict. */
    public int utf8(byte[] body) {
        return Utf8.check(body);
    }

    /** Decimal to double for each {@code w[i] * 10^e[i]}; returns a checksum of the bits. */
    public long decimalToDouble(long[] w, int[] e, double[] into) {
        long sum = 0;
        for (int i = 0; i < w.length; i++) {
            double d = DecimalToDouble.toDouble(w[i], e[i], false);
            into[i] = d;
            sum += Double.doubleToRawLongBits(d);
        }
        return sum;
    }

    /** Shortest digits of each double (positive), into {@code n} and {@code k}; returns a checksum. */
    public long shortestDigits(double[] x, long[] n, int[] k) {
        long sum = 0;
        for (int i = 0; i < x.length; i++) {
            n[i] = ShortestDecimal.significand(x[i]);
            k[i] = ShortestDecimal.scale(x[i]);
            sum += n[i];
        }
        return sum;
    }

    /** Python's repr layout of each {@code n[i] * 10^k[i]}, with the separators; returns the bytes written. */
    public int format(long[] n, int[] k) {
        sink.reset();
        for (int i = 0; i < n.length; i++) {
            PythonFloats.formatDecimal(false, n[i], k[i], sink);
            sink.write2(',', ' ');
        }
        return sink.size;
    }

    /** The number writer (scan, conversion both ways, layout) over each literal {@code [start[i], ...)}. */
    public int numbers(byte[] body, int[] start) {
        sink.reset();
        for (int s : start) {
            NumberWriter.write(body, s, body.length, digits, sink, null, null);
            sink.write2(',', ' ');
        }
        return sink.size;
    }

    /** The whole canonicalization of {@code body} with {@code writer}; returns the canonical form's size. */
    public static int canonicalize(CanonicalWriter writer, byte[] body) {
        writer.canonicalize(body, null);
        return writer.out.size;
    }
}
