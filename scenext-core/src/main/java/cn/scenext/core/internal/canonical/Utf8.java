package cn.scenext.core.internal.canonical;

/**
 * Strict UTF-8 validation, as Python's {@code bytes.decode("utf-8")} does it: no overlong forms, nothing above
 * U+10FFFF, no truncated sequences. Encoded surrogates are refused too (the JSON parser refuses them anyway),
 * and so is a NUL byte among the first four, where the parser would take it for UTF-16 or UTF-32 text.
 */
public final class Utf8 {
    /** {@link #check} found only ASCII. */
    static final int ASCII = -1;
    /** {@link #check} found valid UTF-8 with some non-ASCII characters. */
    static final int VALID = -2;
    private static final int SNIFFED_BYTES = 4;

    private Utf8() {
    }

    /**
     * Checks {@code b}.
     *
     * @return {@link #ASCII}, {@link #VALID}, or the offset of the first byte that does not start a valid sequence
     */
    static int check(byte[] b) {
        int end = b.length;
        for (int i = 0; i < Math.min(end, SNIFFED_BYTES); i++) {
            if (b[i] == 0) {
                return i;
            }
        }
        boolean ascii = true;
        int i = 0;
        while (i < end) {
            if (i + 8 <= end && (b[i] | b[i + 1] | b[i + 2] | b[i + 3] | b[i + 4] | b[i + 5] | b[i + 6] | b[i + 7]) >= 0) {
                i += 8; // eight ASCII bytes
                continue;
            }
            if (b[i] >= 0) {
                i++;
                continue;
            }
            int n = sequenceLength(b, i, end);
            if (n < 0) {
                return i;
            }
            ascii = false;
            i += n;
        }
        return ascii ? ASCII : VALID;
    }

    /** The length of the valid multi-byte sequence at {@code i}, or -1. */
    static int sequenceLength(byte[] b, int i, int end) {
        int c = b[i] & 0xFF;
        if (c < 0xC2 || c > 0xF4) {
            return -1; // a continuation byte, an overlong two-byte lead, or beyond U+10FFFF
        }
        int n = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        if (i + n > end) {
            return -1;
        }
        int c1 = b[i + 1] & 0xFF;
        int low = 0x80;
        int high = 0xBF;
        if (c == 0xE0) {
            low = 0xA0; // overlong
        } else if (c == 0xED) {
            high = 0x9F; // a surrogate
        } else if (c == 0xF0) {
            low = 0x90; // overlong
        } else if (c == 0xF4) {
            high = 0x8F; // beyond U+10FFFF
        }
        if (c1 < low || c1 > high) {
            return -1;
        }
        for (int k = 2; k < n; k++) {
            if ((b[i + k] & 0xC0) != 0x80) {
                return -1;
            }
        }
        return n;
    }
}
