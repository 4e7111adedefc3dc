package cn.scenext.core.internal.canonical;

import cn.scenext.core.internal.json.MalformedJsonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Streams JSON through Jackson's parser and writes what Python's {@code json.dumps(json.loads(text),
 * sort_keys=True)} prints, in one pass. Each object's members are written as they come and, at its end,
 * reordered by key in place when they were not in order already; a repeated key keeps its last value.
 * Reusable, not thread-safe.
 */
public final class CanonicalWriter {
    /** The deepest nesting accepted; Python itself gives up a little below 1000. */
    static final int MAX_DEPTH = 500;
    /** Python's default limit for the digits of an integer it reads ({@code sys.get_int_max_str_digits()}). */
    static final int MAX_INTEGER_DIGITS = 4300;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS) // Python reads and writes NaN and Infinity
            // Keys come from strangers, before any signature is checked: keep them out of the JVM's string pool.
            // Field names stay canonicalized, because only then does Jackson read bytes with its UTF-8 parser
            // (without it, a Reader decodes the body to chars first: a third slower per verification). Jackson's
            // shared symbol table is bounded (reset past 6,000 names) and seeded per JVM against collisions.
            .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH)
                    .maxNumberLength(Integer.MAX_VALUE) // floats of any length are fine; ints are checked here
                    .maxNameLength(Integer.MAX_VALUE)
                    .maxStringLength(Integer.MAX_VALUE)
                    .build())
            .build();
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    /** For ASCII: 0 to copy, else the character after the backslash ({@code 'u'} for a <code>&#92;u00XX</code>). */
    private static final byte[] ESCAPES = new byte[128];
    private static final int INSERTION_SORT_MAX = 24;

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
    }

    public final ByteSink out = new ByteSink(4096);
    private final byte[] digits = new byte[32];
    private char[] nameChars = new char[64];
    private byte[] reorder = new byte[1024];
    private String[] keys = new String[32];
    private int[] starts = new int[32];
    private int[] ends = new int[32];
    private int[] order = new int[32];
    private int[] mergeBuffer = new int[0];
    private int top;
    /** The input while it is being written, when it is all ASCII (so that a char offset is a byte offset). */
    private byte[] source;

    /**
     * Writes the canonical form of {@code json} into {@link #out}.
     *
     * @param root told about the top-level value, or {@code null}
     * @throws MalformedJsonException when the input is not UTF-8 JSON as Python reads it
     * @throws IOException when Jackson's parser rejects the input
     */
    public void canonicalize(byte[] json, Capture root) throws IOException {
        out.reset();
        top = 0;
        int check = Utf8.check(json);
        if (check >= 0) {
            throw new MalformedJsonException("not valid UTF-8 at byte " + check);
        }
        source = check == Utf8.ASCII ? json : null;
        try (JsonParser p = FACTORY.createParser(json)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw new MalformedJsonException("no JSON value");
            }
            value(p, t, null, root);
            if (p.nextToken() != null) {
                throw new MalformedJsonException("more data after the JSON value");
            }
        } finally {
            source = null;
            Arrays.fill(keys, 0, keys.length, null);
        }
    }

    /** Lets go of buffers that one large input made large. */
    public void shrink() {
        out.shrink();
        if (reorder.length > 64 * 1024) {
            reorder = new byte[1024];
        }
        if (nameChars.length > 4096) {
            nameChars = new char[64];
        }
        if (keys.length > 4096) {
            keys = new String[32];
            starts = new int[32];
            ends = new int[32];
            order = new int[32];
            mergeBuffer = new int[0];
        }
    }

    private void value(JsonParser p, JsonToken t, String key, Capture parent) throws IOException {
        if (t == null) {
            throw new MalformedJsonException("the JSON ends early");
        }
        switch (t) {
            case START_OBJECT:
                object(p, parent == null ? null : parent.enter(key, true));
                return;
            case START_ARRAY:
                array(p, parent == null ? null : parent.enter(key, false));
                return;
            case VALUE_STRING:
                if (source == null || !copyPlainString(p, key, parent)) {
                    char[] chars = p.getTextCharacters();
                    int offset = p.getTextOffset();
                    int length = p.getTextLength();
                    string(chars, offset, length);
                    if (parent != null) {
                        parent.scalar(key, t, parent.wantsText(key) ? new String(chars, offset, length) : null);
                    }
                }
                return;
            case VALUE_NUMBER_INT:
                integer(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
                report(p, t, key, parent);
                return;
            case VALUE_NUMBER_FLOAT:
                floating(p);
                report(p, t, key, parent);
                return;
            case VALUE_TRUE:
                out.writeAscii("true");
                report(p, t, key, parent);
                return;
            case VALUE_FALSE:
                out.writeAscii("false");
                report(p, t, key, parent);
                return;
            case VALUE_NULL:
                out.writeAscii("null");
                report(p, t, key, parent);
                return;
            default:
                throw new MalformedJsonException("unexpected " + t);
        }
    }

    /**
     * Copies the current string token straight from the ASCII input when it has no escapes and no character that
     * needs one: then its bytes, quotes included, are already canonical, and the parser need not decode it.
     *
     * @return {@code false} when the string needs the general path
     */
    private boolean copyPlainString(JsonParser p, String key, Capture parent) {
        // The documented start of the current token (its opening quote): a byte offset from the UTF-8 parser, a char
        // offset from others, the same here as the input is ASCII. Not ParserBase.getTokenCharacterOffset(): that
        // one points past the quote, and elsewhere for names.
        JsonLocation location = p.currentTokenLocation();
        long at = location.getCharOffset() >= 0 ? location.getCharOffset() : location.getByteOffset();
        byte[] src = source;
        if (at < 0 || at >= src.length || src[(int) at] != '"') {
            return false;
        }
        int start = (int) at + 1;
        int end = start;
        while (true) {
            if (end == src.length) {
                return false; // unterminated: let the parser report it
            }
            byte b = src[end];
            if (b == '"') {
                break;
            }
            if (b < 0x20 || b == '\\' || b == 0x7F) {
                return false;
            }
            end++;
        }
        out.write(src, start - 1, end - start + 2);
        if (parent != null) {
            parent.scalar(key, JsonToken.VALUE_STRING,
                    parent.wantsText(key) ? new String(src, start, end - start, StandardCharsets.ISO_8859_1) : null);
        }
        return true;
    }

    /** Tells the capture about a scalar; an integer's text as written ({@code -0} as {@code 0}). */
    private static void report(JsonParser p, JsonToken t, String key, Capture parent) throws IOException {
        if (parent != null) {
            String text = parent.wantsText(key) ? p.getText() : null;
            parent.scalar(key, t, t == JsonToken.VALUE_NUMBER_INT && "-0".equals(text) ? "0" : text);
        }
    }

    private void object(JsonParser p, Capture capture) throws IOException {
        out.write('{');
        int base = top;
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            if (top > base) {
                out.write2(',', ' ');
            }
            int start = out.size;
            string(name);
            out.write2(':', ' ');
            value(p, p.nextToken(), name, capture);
            push(name, start, out.size);
        }
        if (t != JsonToken.END_OBJECT) {
            throw new MalformedJsonException("the JSON ends early");
        }
        int n = top - base;
        if (n > 1) {
            sortMembers(base, n);
        }
        Arrays.fill(keys, base, top, null);
        top = base;
        out.write('}');
        if (capture != null) {
            capture.exit();
        }
    }

    private void array(JsonParser p, Capture capture) throws IOException {
        out.write('[');
        JsonToken t;
        boolean first = true;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (!first) {
                out.write2(',', ' ');
            }
            first = false;
            value(p, t, null, capture);
        }
        out.write(']');
        if (capture != null) {
            capture.exit();
        }
    }

    private void push(String key, int start, int end) {
        if (top == keys.length) {
            int size = top * 2;
            keys = Arrays.copyOf(keys, size);
            starts = Arrays.copyOf(starts, size);
            ends = Arrays.copyOf(ends, size);
        }
        keys[top] = key;
        starts[top] = start;
        ends[top] = end;
        top++;
    }

    /** Puts the members {@code [base, base + n)}, written in document order, in key order; drops repeated keys. */
    private void sortMembers(int base, int n) {
        boolean sorted = true;
        for (int i = 1; i < n && sorted; i++) {
            sorted = Keys.compare(keys[base + i - 1], keys[base + i]) < 0;
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
        int pos = regionStart;
        boolean first = true;
        for (int k = 0; k < n; k++) {
            int i = base + idx[k];
            if (k + 1 < n && keys[i].equals(keys[base + idx[k + 1]])) {
                continue; // the same key again later in the document: that value wins
            }
            if (!first) {
                out.buf[pos++] = ',';
                out.buf[pos++] = ' ';
            }
            first = false;
            int length = ends[i] - starts[i];
            System.arraycopy(reorder, starts[i] - regionStart, out.buf, pos, length);
            pos += length;
        }
        out.size = pos;
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
                while (j >= 0 && Keys.compare(keys[base + idx[j]], keys[base + v]) > 0) {
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
        if (Keys.compare(keys[base + a[mid - 1]], keys[base + a[mid]]) <= 0) {
            return;
        }
        System.arraycopy(a, from, tmp, from, to - from);
        int i = from;
        int j = mid;
        for (int k = from; k < to; k++) {
            if (j >= to || (i < mid && Keys.compare(keys[base + tmp[i]], keys[base + tmp[j]]) <= 0)) {
                a[k] = tmp[i++];
            } else {
                a[k] = tmp[j++];
            }
        }
    }

    private void integer(char[] c, int off, int len) {
        boolean negative = c[off] == '-';
        int count = negative ? len - 1 : len;
        if (count > MAX_INTEGER_DIGITS) {
            throw new MalformedJsonException("an integer has more than " + MAX_INTEGER_DIGITS + " digits");
        }
        if (negative && count == 1 && c[off + 1] == '0') {
            out.write('0'); // Python reads -0 as the integer 0
        } else {
            out.writeAscii(c, off, len);
        }
    }

    private void floating(JsonParser p) throws IOException {
        if (p.isNaN()) {
            String text = p.getText();
            if (!"NaN".equals(text) && !"Infinity".equals(text) && !"-Infinity".equals(text)) {
                throw new MalformedJsonException("a number that is not JSON: " + text);
            }
            out.writeAscii(text);
            return;
        }
        PythonFloats.writeLiteral(p.getTextCharacters(), p.getTextOffset(), p.getTextLength(), digits, out);
    }

    /** Writes a key: copied out of the string, then escaped as string values are. */
    private void string(String s) {
        int n = s.length();
        if (nameChars.length < n) {
            nameChars = new char[Math.max(n, nameChars.length * 2)];
        }
        s.getChars(0, n, nameChars, 0);
        string(nameChars, 0, n);
    }

    private void string(char[] chars, int off, int len) {
        out.ensure(len + 2);
        byte[] b = out.buf;
        int pos = out.size;
        b[pos++] = '"';
        int end = off + len;
        for (int i = off; i < end; i++) {
            char c = chars[i];
            if (c < 0x80 && ESCAPES[c] == 0) {
                b[pos++] = (byte) c;
            } else {
                out.size = pos;
                escape(c, end - i);
                b = out.buf;
                pos = out.size;
            }
        }
        b[pos++] = '"';
        out.size = pos;
    }

    /**
     * Writes one escaped character, keeping room for the {@code remaining - 1} characters still to come and the
     * closing quote.
     */
    private void escape(char c, int remaining) {
        out.ensure(remaining + 6);
        byte[] b = out.buf;
        int pos = out.size;
        b[pos++] = '\\';
        byte simple = c < 0x80 ? ESCAPES[c] : (byte) 'u';
        if (simple != 'u') {
            b[pos++] = simple;
        } else {
            b[pos++] = 'u';
            b[pos++] = HEX[(c >> 12) & 0xF];
            b[pos++] = HEX[(c >> 8) & 0xF];
            b[pos++] = HEX[(c >> 4) & 0xF];
            b[pos++] = HEX[c & 0xF];
        }
        out.size = pos;
    }
}
