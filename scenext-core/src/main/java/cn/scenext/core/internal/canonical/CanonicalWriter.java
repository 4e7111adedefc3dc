package cn.scenext.core.internal.canonical;

import cn.scenext.core.internal.json.MalformedJsonException;
import com.fasterxml.jackson.core.JsonToken;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Scans UTF-8 JSON and writes what Python's {@code json.dumps(json.loads(text), sort_keys=True)} prints, in one
 * pass over the bytes: a scanner of its own that reads the grammar Python's {@code json} module reads (strict
 * JSON plus {@code NaN}, {@code Infinity} and {@code -Infinity}; whitespace only space, tab, CR and LF; no raw
 * control characters in strings) and turns each token straight into its canonical bytes, without building a
 * tree, strings or numbers for what no {@link Capture} asked about. Each object's members are written as they
 * come and, at its end, reordered by key in place when they were not in order already; a repeated key keeps its
 * last value. Reusable, not thread-safe.
 */
public final class CanonicalWriter {
    /** The deepest nesting accepted; Python itself gives up a little below 1000. */
    static final int MAX_DEPTH = 500;
    /** Python's default limit for the digits of an integer it reads ({@code sys.get_int_max_str_digits()}). */
    static final int MAX_INTEGER_DIGITS = 4300;

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    /** For ASCII: 0 to copy, else the character after the backslash ({@code 'u'} for a <code>&#92;u00XX</code>). */
    private static final byte[] ESCAPES = new byte[128];
    /** For ASCII: the character a backslash and it stand for, -1 when that is no JSON escape ({@code u} aside). */
    private static final int[] UNESCAPES = new int[128];
    /** By unsigned byte: whether a string's byte is copied as it is (printable ASCII but the quote and backslash). */
    private static final boolean[] PLAIN = new boolean[256];
    private static final int INSERTION_SORT_MAX = 24;
    /** Where an exponent read from a literal stops growing: far beyond any double, far within a long. */
    private static final long MAX_EXPONENT = 10_000_000_000L;
    private static final byte[] TRUE = ascii("true");
    private static final byte[] FALSE = ascii("false");
    private static final byte[] NULL = ascii("null");
    private static final byte[] NAN = ascii("NaN");
    private static final byte[] INFINITY = ascii("Infinity");
    private static final byte[] MINUS_INFINITY = ascii("-Infinity");

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
        for (int c = 0; c < 128; c++) {
            PLAIN[c] = ESCAPES[c] == 0;
        }
        Arrays.fill(UNESCAPES, -1);
        UNESCAPES['"'] = '"';
        UNESCAPES['\\'] = '\\';
        UNESCAPES['/'] = '/';
        UNESCAPES['b'] = '\b';
        UNESCAPES['f'] = '\f';
        UNESCAPES['n'] = '\n';
        UNESCAPES['r'] = '\r';
        UNESCAPES['t'] = '\t';
    }

    /** The canonical form, after {@link #canonicalize}. */
    public final ByteSink out = new ByteSink(4096);
    private final byte[] digits = new byte[32];
    /** The keys of the objects being written, each as the UTF-8 of its code points (see {@link KeyOrder}). */
    private byte[] keyBytes = new byte[1024];
    private int keyBytesSize;
    /** A string's characters, when a capture wants its text (or the key under which it reports). */
    private char[] text = new char[64];
    private int textSize;
    private byte[] reorder = new byte[1024];
    private int[] keyStarts = new int[32];
    private int[] keyEnds = new int[32];
    private int[] starts = new int[32];
    private int[] ends = new int[32];
    private int[] order = new int[32];
    private int[] mergeBuffer = new int[0];
    private int top;
    private int depth;
    private byte[] in;
    private int pos;
    private int end;

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Writes the canonical form of {@code json} into {@link #out}.
     *
     * @param json UTF-8 JSON; a leading byte-order mark is skipped, as Python's {@code json.loads(bytes)} skips it
     * @param root told about the top-level value, or {@code null}
     * @throws MalformedJsonException when the input is not UTF-8 JSON as Python reads it, or exceeds the limits
     */
    public void canonicalize(byte[] json, Capture root) {
        out.reset();
        top = 0;
        depth = 0;
        keyBytesSize = 0;
        int check = Utf8.check(json);
        if (check >= 0) {
            throw new MalformedJsonException("not valid UTF-8 at byte " + check);
        }
        in = json;
        end = json.length;
        pos = end >= 3 && json[0] == (byte) 0xEF && json[1] == (byte) 0xBB && json[2] == (byte) 0xBF ? 3 : 0;
        try {
            skipWhitespace();
            if (pos == end) {
                throw new MalformedJsonException("no JSON value");
            }
            value(null, root);
            skipWhitespace();
            if (pos != end) {
                throw new MalformedJsonException("more data after the JSON value, at byte " + pos);
            }
        } finally {
            in = null;
        }
    }

    /** Lets go of buffers that one large input made large. */
    public void shrink() {
        out.shrink();
        if (reorder.length > 64 * 1024) {
            reorder = new byte[1024];
        }
        if (keyBytes.length > 64 * 1024) {
            keyBytes = new byte[1024];
        }
        if (text.length > 4096) {
            text = new char[64];
        }
        if (starts.length > 4096) {
            keyStarts = new int[32];
            keyEnds = new int[32];
            starts = new int[32];
            ends = new int[32];
            order = new int[32];
            mergeBuffer = new int[0];
        }
    }

    private MalformedJsonException malformed(String what) {
        return new MalformedJsonException(what + " at byte " + pos);
    }

    private void skipWhitespace() {
        byte[] b = in;
        int p = pos;
        while (p < end) {
            byte c = b[p];
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                break;
            }
            p++;
        }
        pos = p;
    }

    /** Writes the value at {@link #pos} (not whitespace), found under {@code key} of {@code parent}. */
    private void value(String key, Capture parent) {
        if (pos == end) {
            throw malformed("the JSON ends early");
        }
        byte c = in[pos];
        switch (c) {
            case '{':
                object(parent == null ? null : parent.enter(key, true));
                return;
            case '[':
                array(parent == null ? null : parent.enter(key, false));
                return;
            case '"':
                stringValue(key, parent);
                return;
            case 't':
                literal(TRUE, JsonToken.VALUE_TRUE, key, parent);
                return;
            case 'f':
                literal(FALSE, JsonToken.VALUE_FALSE, key, parent);
                return;
            case 'n':
                literal(NULL, JsonToken.VALUE_NULL, key, parent);
                return;
            case 'N':
                literal(NAN, JsonToken.VALUE_NUMBER_FLOAT, key, parent);
                return;
            case 'I':
                literal(INFINITY, JsonToken.VALUE_NUMBER_FLOAT, key, parent);
                return;
            case '-':
                if (pos + 1 < end && in[pos + 1] == 'I') {
                    literal(MINUS_INFINITY, JsonToken.VALUE_NUMBER_FLOAT, key, parent);
                } else {
                    number(key, parent);
                }
                return;
            default:
                if (c >= '0' && c <= '9') {
                    number(key, parent);
                    return;
                }
                throw malformed("not a JSON value");
        }
    }

    /** A word such as {@code true}: copied as it is. */
    private void literal(byte[] word, JsonToken token, String key, Capture parent) {
        int n = word.length;
        if (end - pos < n) {
            throw malformed("not a JSON value");
        }
        for (int i = 0; i < n; i++) {
            if (in[pos + i] != word[i]) {
                throw malformed("not a JSON value");
            }
        }
        out.write(word, 0, n);
        pos += n;
        if (parent != null) {
            parent.scalar(key, token, parent.wantsText(key) ? new String(word, StandardCharsets.US_ASCII) : null);
        }
    }

    private void enterContainer() {
        if (++depth > MAX_DEPTH) {
            throw malformed("nesting deeper than " + MAX_DEPTH + " levels");
        }
        pos++;
        skipWhitespace();
    }

    private void object(Capture capture) {
        enterContainer();
        out.write('{');
        int base = top;
        if (pos < end && in[pos] == '}') {
            pos++;
        } else {
            while (true) {
                if (pos == end || in[pos] != '"') {
                    throw malformed("expected a key in double quotes");
                }
                if (top > base) {
                    out.write2(',', ' ');
                }
                int start = out.size;
                int keyStart = keyBytesSize;
                string(true, capture != null);
                String name = capture == null ? null : new String(text, 0, textSize);
                int keyEnd = keyBytesSize;
                skipWhitespace();
                if (pos == end || in[pos] != ':') {
                    throw malformed("expected ':' after a key");
                }
                pos++;
                skipWhitespace();
                out.write2(':', ' ');
                value(name, capture);
                push(keyStart, keyEnd, start, out.size);
                skipWhitespace();
                if (pos < end && in[pos] == ',') {
                    pos++;
                    skipWhitespace();
                } else if (pos < end && in[pos] == '}') {
                    pos++;
                    break;
                } else {
                    throw malformed("expected ',' or '}' in an object");
                }
            }
        }
        int n = top - base;
        if (n > 1) {
            sortMembers(base, n);
        }
        if (n > 0) {
            keyBytesSize = keyStarts[base];
        }
        top = base;
        depth--;
        out.write('}');
        if (capture != null) {
            capture.exit();
        }
    }

    private void array(Capture capture) {
        enterContainer();
        out.write('[');
        if (pos < end && in[pos] == ']') {
            pos++;
        } else {
            while (true) {
                value(null, capture);
                skipWhitespace();
                if (pos < end && in[pos] == ',') {
                    pos++;
                    skipWhitespace();
                    out.write2(',', ' ');
                } else if (pos < end && in[pos] == ']') {
                    pos++;
                    break;
                } else {
                    throw malformed("expected ',' or ']' in an array");
                }
            }
        }
        depth--;
        out.write(']');
        if (capture != null) {
            capture.exit();
        }
    }

    private void push(int keyStart, int keyEnd, int start, int end) {
        if (top == starts.length) {
            int size = top * 2;
            keyStarts = Arrays.copyOf(keyStarts, size);
            keyEnds = Arrays.copyOf(keyEnds, size);
            starts = Arrays.copyOf(starts, size);
            ends = Arrays.copyOf(ends, size);
        }
        keyStarts[top] = keyStart;
        keyEnds[top] = keyEnd;
        starts[top] = start;
        ends[top] = end;
        top++;
    }

    private int compareKeys(int i, int j) {
        return KeyOrder.compare(keyBytes, keyStarts[i], keyEnds[i], keyStarts[j], keyEnds[j]);
    }

    /** Puts the members {@code [base, base + n)}, written in document order, in key order; drops repeated keys. */
    private void sortMembers(int base, int n) {
        boolean sorted = true;
        for (int i = 1; i < n && sorted; i++) {
            sorted = compareKeys(base + i - 1, base + i) < 0;
        }
        if (sorted) {
            return;
        }
        int[] idx = sortedOrder(base, n);
        int regionStart = starts[base];
        int regionLength = ends[base + n - 1] - regionStart;
        if (reorder.length < regionLength) {
            reorder = new byte[Math.max(regionLength, reorder.length * 2)];
        }
        System.arraycopy(out.buf, regionStart, reorder, 0, regionLength);
        int at = regionStart;
        boolean first = true;
        for (int k = 0; k < n; k++) {
            int i = base + idx[k];
            if (k + 1 < n && compareKeys(i, base + idx[k + 1]) == 0) {
                continue; // the same key again later in the document: that value wins
            }
            if (!first) {
                out.buf[at++] = ',';
                out.buf[at++] = ' ';
            }
            first = false;
            int length = ends[i] - starts[i];
            System.arraycopy(reorder, starts[i] - regionStart, out.buf, at, length);
            at += length;
        }
        out.size = at;
    }

    /** Member indexes {@code 0..n-1} in stable key order. */
    private int[] sortedOrder(int base, int n) {
        if (order.length < n) {
            order = new int[Math.max(n, order.length * 2)];
        }
        int[] idx = order;
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        if (n <= INSERTION_SORT_MAX) {
            for (int i = 1; i < n; i++) {
                int v = idx[i];
                int j = i - 1;
                while (j >= 0 && compareKeys(base + idx[j], base + v) > 0) {
                    idx[j + 1] = idx[j];
                    j--;
                }
                idx[j + 1] = v;
            }
        } else {
            if (mergeBuffer.length < n) {
                mergeBuffer = new int[n];
            }
            mergeSort(base, idx, mergeBuffer, 0, n);
        }
        return idx;
    }

    private void mergeSort(int base, int[] a, int[] tmp, int from, int to) {
        if (to - from < 2) {
            return;
        }
        int mid = (from + to) >>> 1;
        mergeSort(base, a, tmp, from, mid);
        mergeSort(base, a, tmp, mid, to);
        if (compareKeys(base + a[mid - 1], base + a[mid]) <= 0) {
            return;
        }
        System.arraycopy(a, from, tmp, from, to - from);
        int i = from;
        int j = mid;
        for (int k = from; k < to; k++) {
            if (j >= to || (i < mid && compareKeys(base + tmp[i], base + tmp[j]) <= 0)) {
                a[k] = tmp[i++];
            } else {
                a[k] = tmp[j++];
            }
        }
    }

    /**
     * A number, by the grammar of Python's {@code json}: {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?}.
     * An integer is copied ({@code -0} as {@code 0}); a number with a fraction or an exponent is written as
     * Python's {@code repr(float)} writes it.
     */
    private void number(String key, Capture parent) {
        byte[] b = in;
        int start = pos;
        int p = pos;
        if (b[p] == '-') {
            p++;
        }
        int intStart = p;
        if (p == end || !isDigit(b[p])) {
            throw malformed("a number that is not JSON");
        }
        if (b[p] == '0') {
            p++; // a leading zero stands alone; a digit after it is extra data for the caller to refuse
        } else {
            while (p < end && isDigit(b[p])) {
                p++;
            }
        }
        int intEnd = p;
        int fracStart = p;
        int fracEnd = p;
        boolean floating = false;
        if (p < end && b[p] == '.') {
            fracStart = ++p;
            if (p == end || !isDigit(b[p])) {
                pos = p;
                throw malformed("a fraction without digits");
            }
            while (p < end && isDigit(b[p])) {
                p++;
            }
            fracEnd = p;
            floating = true;
        }
        long exponent = 0;
        if (p < end && (b[p] == 'e' || b[p] == 'E')) {
            p++;
            boolean negativeExponent = p < end && b[p] == '-';
            if (p < end && (b[p] == '-' || b[p] == '+')) {
                p++;
            }
            if (p == end || !isDigit(b[p])) {
                pos = p;
                throw malformed("an exponent without digits");
            }
            while (p < end && isDigit(b[p])) {
                if (exponent < MAX_EXPONENT) { // beyond it the value is zero or infinite anyway: clamp
                    exponent = exponent * 10 + (b[p] - '0');
                }
                p++;
            }
            if (negativeExponent) {
                exponent = -exponent;
            }
            floating = true;
        }
        int length = p - start;
        JsonToken token;
        String literal;
        if (floating) {
            token = JsonToken.VALUE_NUMBER_FLOAT;
            PythonFloats.writeFloat(b, b[start] == '-', intStart, intEnd, fracStart, fracEnd, exponent, digits, out);
            literal = null;
        } else {
            token = JsonToken.VALUE_NUMBER_INT;
            if (intEnd - intStart > MAX_INTEGER_DIGITS) {
                throw malformed("an integer of more than " + MAX_INTEGER_DIGITS + " digits");
            }
            if (length == 2 && b[start] == '-' && b[intStart] == '0') {
                out.write('0'); // Python reads -0 as the integer 0
                literal = "0";
            } else {
                out.write(b, start, length);
                literal = null;
            }
        }
        pos = p;
        if (parent != null) {
            String textOfIt = null;
            if (parent.wantsText(key)) {
                textOfIt = literal != null ? literal : new String(b, start, length, StandardCharsets.US_ASCII);
            }
            parent.scalar(key, token, textOfIt);
        }
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    /** A string value: written escaped, reported to the capture. */
    private void stringValue(String key, Capture parent) {
        boolean wanted = parent != null && parent.wantsText(key);
        string(false, wanted);
        if (parent != null) {
            parent.scalar(key, JsonToken.VALUE_STRING, wanted ? new String(text, 0, textSize) : null);
        }
    }

    /**
     * Reads the string at {@link #pos} (its opening quote) and writes it escaped to ASCII.
     *
     * @param asKey also append its code points to {@link #keyBytes}
     * @param asText also collect its characters in {@link #text}
     */
    private void string(boolean asKey, boolean asText) {
        byte[] b = in;
        textSize = 0;
        int p = pos + 1;
        out.write('"');
        while (true) {
            int run = p;
            while (p < end && PLAIN[b[p] & 0xFF]) {
                p++;
            }
            if (p > run) {
                int n = p - run;
                out.write(b, run, n);
                if (asKey) {
                    ensureKeyBytes(n);
                    System.arraycopy(b, run, keyBytes, keyBytesSize, n);
                    keyBytesSize += n;
                }
                if (asText) {
                    ensureText(n);
                    for (int i = run; i < p; i++) {
                        text[textSize++] = (char) b[i];
                    }
                }
            }
            if (p == end) {
                pos = p;
                throw malformed("a string without its closing quote");
            }
            int c = b[p];
            int codePoint;
            if (c == '"') {
                pos = p + 1;
                out.write('"');
                return;
            } else if (c == '\\') {
                pos = p;
                p = escapeSequence(p);
                codePoint = escaped;
            } else if (c >= 0 && c < 0x20) {
                pos = p;
                throw malformed("a control character in a string");
            } else if (c >= 0) {
                codePoint = c; // DEL, copied escaped
                p++;
            } else {
                // A multi-byte sequence, already checked as valid UTF-8 (no surrogates, nothing beyond U+10FFFF).
                int lead = c & 0xFF;
                if (lead < 0xE0) {
                    codePoint = ((lead & 0x1F) << 6) | (b[p + 1] & 0x3F);
                    p += 2;
                } else if (lead < 0xF0) {
                    codePoint = ((lead & 0x0F) << 12) | ((b[p + 1] & 0x3F) << 6) | (b[p + 2] & 0x3F);
                    p += 3;
                } else {
                    codePoint = ((lead & 0x07) << 18) | ((b[p + 1] & 0x3F) << 12) | ((b[p + 2] & 0x3F) << 6)
                            | (b[p + 3] & 0x3F);
                    p += 4;
                }
            }
            codePoint(codePoint, asKey, asText);
        }
    }

    /** The code point of the last {@link #escapeSequence}. */
    private int escaped;

    /**
     * Reads the escape at {@code p} (its backslash) into {@link #escaped}, as Python does: <code>&#92;uXXXX</code>
     * of a high surrogate followed by one of a low surrogate is the one code point they encode; any other
     * surrogate stays as it is.
     *
     * @return the position after the escape
     */
    private int escapeSequence(int p) {
        if (p + 1 >= end) {
            throw malformed("a string without its closing quote");
        }
        byte c = in[p + 1];
        if (c != 'u') {
            int simple = c >= 0 ? UNESCAPES[c] : -1;
            if (simple < 0) {
                pos = p;
                throw malformed("an invalid escape in a string");
            }
            escaped = simple;
            return p + 2;
        }
        int unit = hex4(p + 2);
        p += 6;
        if (unit >= 0xD800 && unit <= 0xDBFF && p + 6 <= end && in[p] == '\\' && in[p + 1] == 'u') {
            int low = hex4(p + 2);
            if (low >= 0xDC00 && low <= 0xDFFF) {
                escaped = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
                return p + 6;
            }
        }
        escaped = unit;
        return p;
    }

    /** The four hexadecimal digits at {@code p}. */
    private int hex4(int p) {
        if (p + 4 > end) {
            pos = p;
            throw malformed("an invalid \\uXXXX escape");
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
                pos = i;
                throw malformed("an invalid \\uXXXX escape");
            }
            v = (v << 4) | d;
        }
        return v;
    }

    /** Writes one code point of a string escaped, and keeps it for the key or the text as asked. */
    private void codePoint(int cp, boolean asKey, boolean asText) {
        if (cp < 0x80) {
            byte simple = ESCAPES[cp];
            if (simple == 0) {
                out.write(cp);
            } else if (simple != 'u') {
                out.write2('\\', (char) simple);
            } else {
                unicodeEscape(cp);
            }
        } else if (cp < 0x10000) {
            unicodeEscape(cp);
        } else {
            unicodeEscape(Character.highSurrogate(cp));
            unicodeEscape(Character.lowSurrogate(cp));
        }
        if (asKey) {
            ensureKeyBytes(4);
            byte[] k = keyBytes;
            int at = keyBytesSize;
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
            keyBytesSize = at;
        }
        if (asText) {
            ensureText(2);
            textSize += Character.toChars(cp, text, textSize);
        }
    }

    private void unicodeEscape(int c) {
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

    private void ensureKeyBytes(int extra) {
        if (keyBytesSize + extra > keyBytes.length) {
            keyBytes = Arrays.copyOf(keyBytes, Math.max(keyBytesSize + extra, keyBytes.length * 2));
        }
    }

    private void ensureText(int extra) {
        if (textSize + extra > text.length) {
            text = Arrays.copyOf(text, Math.max(textSize + extra, text.length * 2));
        }
    }
}
