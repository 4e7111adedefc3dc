package cn.scenext.core.internal.webhook;

/** Hexadecimal for signatures. */
public final class Hex {
    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private Hex() {
    }

    /**
     * Decodes {@code text} when it is exactly {@code 2 * length} hexadecimal digits (either case).
     *
     * @return the bytes, or {@code null} when the text is not that
     */
    public static byte[] decode(CharSequence text, int length) {
        if (text.length() != 2 * length) {
            return null;
        }
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            int hi = Character.digit(text.charAt(2 * i), 16);
            int lo = Character.digit(text.charAt(2 * i + 1), 16);
            if (hi < 0 || lo < 0 || text.charAt(2 * i) > 'f' || text.charAt(2 * i + 1) > 'f') {
                return null; // Character.digit also takes non-ASCII digits
            }
            out[i] = (byte) (hi << 4 | lo);
        }
        return out;
    }

    /** Lowercase hexadecimal of {@code bytes}. */
    public static String encode(byte[] bytes) {
        char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = DIGITS[(bytes[i] >> 4) & 0xF];
            out[2 * i + 1] = DIGITS[bytes[i] & 0xF];
        }
        return new String(out);
    }
}
