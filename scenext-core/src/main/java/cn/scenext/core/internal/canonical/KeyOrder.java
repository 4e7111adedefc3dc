package cn.scenext.core.internal.canonical;

/**
 * The order of object keys under Python's {@code sort_keys}: by Unicode code point, not by UTF-16 unit. The
 * canonical writer holds each key as the UTF-8 encoding of its code points, a lone surrogate (which JSON can
 * spell as an escape, and Python keeps as one code point) encoded as a three-byte sequence like any other code
 * point of the BMP. In that form, comparing the bytes unsigned and then the lengths orders keys by code point.
 */
final class KeyOrder {
    private KeyOrder() {
    }

    /**
     * Compares the keys {@code b[aFrom, aTo)} and {@code b[bFrom, bTo)} by code point.
     *
     * @return negative, zero or positive as the first key sorts before, equal to or after the second
     */
    static int compare(byte[] b, int aFrom, int aTo, int bFrom, int bTo) {
        int aLength = aTo - aFrom;
        int bLength = bTo - bFrom;
        int n = Math.min(aLength, bLength);
        for (int i = 0; i < n; i++) {
            int x = b[aFrom + i] & 0xFF;
            int y = b[bFrom + i] & 0xFF;
            if (x != y) {
                return x - y;
            }
        }
        return aLength - bLength;
    }

    /**
     * Appends the code point {@code cp} of a key to {@code k} in the form {@link #compare} orders: its UTF-8
     * encoding, a lone surrogate's as for any other code point of the BMP.
     *
     * @param k the key bytes, with room for four more at {@code at}
     * @return the position after the code point
     */
    static int encode(int cp, byte[] k, int at) {
        if (cp < 0x80) {
            k[at++] = (byte) cp;
        } else if (cp < 0x800) {
            k[at++] = (byte) (0xC0 | (cp >> 6));
            k[at++] = (byte) (0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            k[at++] = (byte) (0xE0 | (cp >> 12));
            k[at++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
            k[at++] = (byte) (0x80 | (cp & 0x3F));
        } else {
            k[at++] = (byte) (0xF0 | (cp >> 18));
            k[at++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
            k[at++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
            k[at++] = (byte) (0x80 | (cp & 0x3F));
        }
        return at;
    }
}
