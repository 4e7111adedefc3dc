package cn.scenext.core.internal.canonical;

/** Key order of Python's {@code sort_keys}: by Unicode code point, not by UTF-16 unit. */
public final class Keys {
    private Keys() {
    }

    /**
     * Compares two strings by code point. A surrogate pair counts as the one code point it encodes and a lone
     * surrogate as itself, as Python holds the strings that {@code json.loads} returns.
     */
    static int compare(String a, String b) {
        if (a == b) {
            return 0;
        }
        int n = Math.min(a.length(), b.length());
        int i = 0;
        while (i < n && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        if (i == n) {
            return a.length() - b.length();
        }
        char ca = a.charAt(i);
        char cb = b.charAt(i);
        if (!Character.isSurrogate(ca) && !Character.isSurrogate(cb)) {
            return ca - cb;
        }
        if (i > 0 && Character.isHighSurrogate(a.charAt(i - 1))
                && (Character.isLowSurrogate(ca) || Character.isLowSurrogate(cb))) {
            i--; // the difference is in the second half of a pair (or a pair against a lone high surrogate)
        }
        return Character.codePointAt(a, i) - Character.codePointAt(b, i);
    }
}
