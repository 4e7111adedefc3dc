package cn.scenext.core.internal.canonical;

import cn.scenext.core.internal.json.MalformedJsonException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The escapes of JSON strings, both ways: reading those of the input as Python's {@code json} reads them (the
 * two-character escapes and <code>&#92;uXXXX</code>, a high and a low surrogate escaped one after the other
 * joined into one code point), and writing a code point as {@code json.dumps} writes it with {@code
 * ensure_ascii}: printable ASCII as it is but for {@code "} and {@code \}, the two-character escapes for those
 * and for backspace, form feed, newline, carriage return and tab, everything else as lowercase
 * <code>&#92;uXXXX</code>, beyond the BMP as a surrogate pair. Stateless; static methods the JIT inlines into
 * the {@link CanonicalWriter}'s string loop.
 */
final class StringEscapes {
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    /** For ASCII: 0 to copy, else the character after the backslash ({@code 'u'} for a <code>&#92;u00XX</code>). */
    private static final byte[] ESCAPES = new byte[128];
    /** For ASCII: the character a backslash and it stand for, -1 when that is no JSON escape ({@code u} aside). */
    private static final int[] UNESCAPES = new int[128];
    /** By unsigned byte: whether a string's byte is copied as it is (printable ASCII but the quote and backslash). */
    private static final boolean[] PLAIN = new boolean[256];

    static {
        for (int c = 0; c < 0x20; c++) {
            ESCAPES[c] = 'u';
        }
        ESCAPES['"'] = '"';
        ESCAPES['\\'] = '\\';
        ESCAPES['\b'] = 'b';
        ESCAPES['\f'] = 'f';
        ESCAPES['\n'] = 'n';
        ESCAPES['\r'] = 'r';
        ESCAPES['\t'] = 't';
        ESCAPES[0x7F] = 'u';
        Arrays.fill(UNESCAPES, -1);
        for (int c = 0; c < 128; c++) {
            PLAIN[c] = ESCAPES[c] == 0;
            if (ESCAPES[c] != 0 && ESCAPES[c] != 'u') {
                UNESCAPES[ESCAPES[c]] = c; // the two-character escapes read as they are written
            }
        }
        UNESCAPES['/'] = '/'; // read, never written: json.dumps leaves '/' as it is
    }

    private StringEscapes() {
    }

    /** Whether the string byte {@code b} is copied to the canonical form as it is, and stands for itself. */
    static boolean isPlain(byte b) {
        return PLAIN[b & 0xFF];
    }

    /**
     * Reads the escape at {@code p} (its backslash), as Python does: <code>&#92;uXXXX</code> of a high surrogate
     * followed by one of a low surrogate is the one code point they encode; any other surrogate stays as it is.
     *
     * @param in the input
     * @param p where the backslash is
     * @param end where the input ends
     * @return the code point the escape stands for; {@link #length} says how many bytes it took
     * @throws MalformedJsonException when it is no JSON escape, or the input ends inside it
     */
    static int read(byte[] in, int p, int end) {
        if (p + 1 >= end) {
            throw CanonicalWriter.malformed("a string without its closing quote", p);
        }
        byte c = in[p + 1];
        if (c != 'u') {
            int simple = c >= 0 ? UNESCAPES[c] : -1;
            if (simple < 0) {
                throw CanonicalWriter.malformed("an invalid escape in a string", p);
            }
            return simple;
        }
        int unit = hex4(in, p + 2, end);
        p += 6;
        if (unit >= 0xD800 && unit <= 0xDBFF && p + 6 <= end && in[p] == '\\' && in[p + 1] == 'u') {
            int low = hex4(in, p + 2, end);
            if (low >= 0xDC00 && low <= 0xDFFF) {
                return 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
            }
        }
        return unit;
    }

    /**
     * The bytes the escape at {@code p} took, once {@link #read} has read it as {@code codePoint}: only a
     * surrogate pair of escapes stands for a code point beyond the BMP.
     */
    static int length(byte[] in, int p, int codePoint) {
        return in[p + 1] != 'u' ? 2 : codePoint >= 0x10000 ? 12 : 6;
    }

    /** The four hexadecimal digits at {@code p}. */
    private static int hex4(byte[] in, int p, int end) {
        if (p + 4 > end) {
            throw CanonicalWriter.malformed("an invalid \\uXXXX escape", p);
        }
        int v = 0;
        for (int i = p; i < p + 4; i++) {
            int c = in[i];
            int d;
            if (c >= '0' && c <= '9') {
                d = c - '0';
            } else if (c >= 'a' && c <= 'f') {
                d = c - 'a' + 10;
            } else if (c >= 'A' && c <= 'F') {
                d = c - 'A' + 10;
            } else {
                throw CanonicalWriter.malformed("an invalid \\uXXXX escape", i);
            }
            v = (v << 4) | d;
        }
        return v;
    }

    /** Writes the code point {@code cp} of a string to {@code out}, escaped to ASCII as {@code json.dumps} does. */
    static void write(ByteSink out, int cp) {
        if (cp < 0x80) {
            byte simple = ESCAPES[cp];
            if (simple == 0) {
                out.write(cp);
            } else if (simple != 'u') {
                out.write2('\\', (char) simple);
            } else {
                unicodeEscape(out, cp);
            }
        } else if (cp < 0x10000) {
            unicodeEscape(out, cp);
        } else {
            unicodeEscape(out, Character.highSurrogate(cp));
            unicodeEscape(out, Character.lowSurrogate(cp));
        }
    }

    private static void unicodeEscape(ByteSink out, int c) {
        out.ensure(6);
        byte[] b = out.buf;
        int at = out.size;
        b[at++] = '\\';
        b[at++] = 'u';
        b[at++] = HEX[(c >> 12) & 0xF];
        b[at++] = HEX[(c >> 8) & 0xF];
        b[at++] = HEX[(c >> 4) & 0xF];
        b[at++] = HEX[c & 0xF];
        out.size = at;
    }
}
