package cn.scenext.core.internal.canonical;

import cn.scenext.core.internal.json.MalformedJsonException;
import com.fasterxml.jackson.core.JsonToken;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.crypto.Mac;

/**
 * Scans UTF-8 JSON and writes what Python's {@code json.dumps(json.loads(text), sort_keys=True)} prints, in one
 * pass over the bytes: a scanner of its own that reads the grammar Python's {@code json} module reads (strict
 * JSON plus {@code NaN}, {@code Infinity} and {@code -Infinity}; whitespace only space, tab, CR and LF; no raw
 * control characters in strings) and turns each token straight into its canonical bytes, without building a
 * tree, strings or numbers for what no {@link Capture} asked about. Each object's members are written as they
 * come and, at its end, reordered by key in place when they were not in order already; a repeated key keeps its
 * last value. The top-level object's members, when they span more than {@link #LEAVE_IN_PLACE_ABOVE} bytes, are
 * not moved but read in their canonical order by {@link #update}, {@link #contentEquals} and {@link
 * #toByteArray}: a forged megabyte is then neither copied out nor back to be sorted. Reusable, not thread-safe.
 *
 * <p>This class holds the scan: its position, the nesting, values, objects, arrays and the loop over a
 * string's bytes, with what a key or a capture keeps of it. The parts it hands each token to are static or
 * final, so that the JIT inlines them: {@link StringEscapes} (escapes read and written), {@link NumberWriter}
 * (numbers, by {@link PythonFloats} for floats), {@link MemberSorter} (the reordering of an object's members,
 * by {@link KeyOrder}).
 */
public final class CanonicalWriter {
    /** The deepest nesting accepted; Python itself gives up a little below 1000. */
    static final int MAX_DEPTH = 500;

    private static final byte[] TRUE = ascii("true");
    private static final byte[] FALSE = ascii("false");
    private static final byte[] NULL = ascii("null");
    private static final byte[] NAN = ascii("NaN");
    private static final byte[] INFINITY = ascii("Infinity");
    private static final byte[] MINUS_INFINITY = ascii("-Infinity");

    /**
     * The span of the top-level object's members beyond which they are left where they were written, out of
     * order, and read in canonical order instead of being moved: below it, moving them is cheaper than feeding a
     * MAC piece by piece.
     */
    static final int LEAVE_IN_PLACE_ABOVE = 16 * 1024;
    private static final byte[] MEMBER_SEPARATOR = ascii(", ");

    /**
     * The canonical form's bytes, after {@link #canonicalize}: the canonical form itself unless the top-level
     * object's members were left in place (then read it with {@link #update}, {@link #contentEquals}, {@link
     * #toByteArray}).
     */
    public final ByteSink out = new ByteSink(4096);
    private final int leaveInPlaceAbove;
    private final byte[] digits = new byte[32];
    private final MemberSorter members = new MemberSorter();
    /** The keys of the objects being written, each as the UTF-8 of its code points (see {@link KeyOrder}). */
    private byte[] keyBytes = new byte[1024];
    private int keyBytesSize;
    /** A string's characters, when a capture wants its text (or the key under which it reports). */
    private char[] text = new char[64];
    private int textSize;
    /**
     * The text of the last string read, when a capture wanted it and it was plain ASCII without escapes: made
     * straight from the input's bytes, without {@link #text}; {@code null} otherwise.
     */
    private String plainText;
    private int depth;
    private byte[] in;
    private int pos;
    private int end;

    /** A writer that leaves the top-level object's members in place above {@link #LEAVE_IN_PLACE_ABOVE} bytes. */
    public CanonicalWriter() {
        this(LEAVE_IN_PLACE_ABOVE);
    }

    /**
     * A writer that leaves the top-level object's members in place when they span more than {@code
     * leaveInPlaceAbove} bytes (for tests: 0 always, {@link Integer#MAX_VALUE} never).
     */
    CanonicalWriter(int leaveInPlaceAbove) {
        this.leaveInPlaceAbove = leaveInPlaceAbove;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** The error for what is wrong at byte {@code at} of the input. */
    static MalformedJsonException malformed(String what, int at) {
        return new MalformedJsonException(what + " at byte " + at);
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
        out.ensure(json.length + (json.length >> 3)); // about the canonical form's size: no regrowth on the way
        members.reset();
        depth = 0;
        keyBytesSize = 0;
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
        } catch (MalformedJsonException e) {
            // UTF-8 is checked inside the scan (a byte outside a string that is not ASCII is no JSON, a string's
            // sequences are checked as they are read), so a valid document is read once; an input found bad is
            // checked whole, so that invalid UTF-8 anywhere is the error reported, as Python decodes first.
            int check = Utf8.check(json);
            if (check >= 0) {
                throw new MalformedJsonException("not valid UTF-8 at byte " + check);
            }
            throw e;
        } finally {
            in = null;
        }
    }

    /** The length of the canonical form written last, in bytes. */
    public int size() {
        int count = members.rangeCount();
        if (count < 0) {
            return out.size;
        }
        int[] r = members.ranges();
        int size = 2 + 2 * (count - 1);
        for (int i = 0; i < count; i++) {
            size += r[2 * i + 1] - r[2 * i];
        }
        return size;
    }

    /**
     * Feeds the canonical form written last to {@code mac}.
     *
     * @param mac a MAC, initialized
     */
    public void update(Mac mac) {
        int count = members.rangeCount();
        if (count < 0) {
            mac.update(out.buf, 0, out.size);
            return;
        }
        int[] r = members.ranges();
        mac.update((byte) '{');
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                mac.update(MEMBER_SEPARATOR);
            }
            mac.update(out.buf, r[2 * i], r[2 * i + 1] - r[2 * i]);
        }
        mac.update((byte) '}');
    }

    /**
     * Whether the canonical form written last equals {@code b}.
     *
     * @param b the bytes to compare with
     * @return whether they are the same bytes
     */
    public boolean contentEquals(byte[] b) {
        int count = members.rangeCount();
        if (count < 0) {
            return out.contentEquals(b, 0, b.length);
        }
        if (b.length != size() || b[0] != '{' || b[b.length - 1] != '}') {
            return false;
        }
        int[] r = members.ranges();
        int at = 1;
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                if (b[at] != ',' || b[at + 1] != ' ') {
                    return false;
                }
                at += 2;
            }
            int length = r[2 * i + 1] - r[2 * i];
            if (!out.regionEquals(r[2 * i], b, at, length)) {
                return false;
            }
            at += length;
        }
        return true;
    }

    /**
     * The canonical form written last.
     *
     * @return a copy of its bytes
     */
    public byte[] toByteArray() {
        int count = members.rangeCount();
        if (count < 0) {
            return out.toByteArray();
        }
        byte[] result = new byte[size()];
        int[] r = members.ranges();
        result[0] = '{';
        int at = 1;
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                result[at++] = ',';
                result[at++] = ' ';
            }
            int length = r[2 * i + 1] - r[2 * i];
            System.arraycopy(out.buf, r[2 * i], result, at, length);
            at += length;
        }
        result[at] = '}';
        return result;
    }

    /**
     * Hands over the output buffer when one large input made it large (then a small one takes its place), for a
     * later large input to reuse through {@link #reuse}; {@code null} when it is small.
     *
     * @return the large buffer, or {@code null}
     */
    public byte[] takeLargeOutput() {
        return out.takeLarge();
    }

    /**
     * Takes {@code buffer} (from {@link #takeLargeOutput}) as the output buffer when it is larger than the current
     * one, so that a large input does not allocate and zero its output again.
     *
     * @param buffer a buffer no other writer uses
     */
    public void reuse(byte[] buffer) {
        out.adopt(buffer);
    }

    /** Lets go of buffers that one large input made large. */
    public void shrink() {
        out.shrink();
        members.shrink();
        if (keyBytes.length > 64 * 1024) {
            keyBytes = new byte[1024];
        }
        if (text.length > 4096) {
            text = new char[64];
        }
    }

    private MalformedJsonException malformed(String what) {
        return malformed(what, pos);
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
                    pos = NumberWriter.write(in, pos, end, digits, out, key, parent);
                }
                return;
            default:
                if (c >= '0' && c <= '9') {
                    pos = NumberWriter.write(in, pos, end, digits, out, key, parent);
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
        int base = members.top();
        if (pos < end && in[pos] == '}') {
            pos++;
        } else {
            while (true) {
                if (pos == end || in[pos] != '"') {
                    throw malformed("expected a key in double quotes");
                }
                if (members.top() > base) {
                    out.write2(',', ' ');
                }
                int start = out.size;
                int keyStart = keyBytesSize;
                string(true, capture != null);
                String name = capture == null ? null : takeText();
                int keyEnd = keyBytesSize;
                skipWhitespace();
                if (pos == end || in[pos] != ':') {
                    throw malformed("expected ':' after a key");
                }
                pos++;
                skipWhitespace();
                out.write2(':', ' ');
                value(name, capture);
                members.push(keyStart, keyEnd, start, out.size);
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
        // Only the top-level object's members may stay out of order: nothing after it moves them.
        int keysUsed = members.end(base, keyBytes, out, depth == 1 ? leaveInPlaceAbove : Integer.MAX_VALUE);
        if (keysUsed >= 0) {
            keyBytesSize = keysUsed;
        }
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
                int p = pos;
                if (p < end - 2 && in[p] == ',' && in[p + 1] == ' ' && in[p + 2] > ' ') {
                    pos = p + 2; // the canonical separator itself, with a value after it: the common case
                    out.write2(',', ' ');
                    continue;
                }
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

    /** A string value: written escaped, reported to the capture. */
    private void stringValue(String key, Capture parent) {
        boolean wanted = parent != null && parent.wantsText(key);
        string(false, wanted);
        if (parent != null) {
            parent.scalar(key, JsonToken.VALUE_STRING, wanted ? takeText() : null);
        }
    }

    /** The text of the string {@link #string} read last, with {@code asText}. */
    private String takeText() {
        String plain = plainText;
        if (plain != null) {
            plainText = null;
            return plain;
        }
        return new String(text, 0, textSize);
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
        plainText = null;
        int p = pos + 1;
        int first = p;
        // The text is taken from the input's bytes at the end unless an escape or a non-ASCII character comes.
        boolean deferred = asText;
        out.write('"');
        while (true) {
            int run = p;
            while (p < end && StringEscapes.isPlain(b[p])) {
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
                if (asText && !deferred) {
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
                if (deferred) {
                    plainText = new String(b, first, p - first, StandardCharsets.ISO_8859_1);
                }
                return;
            }
            if (deferred) {
                ensureText(p - first);
                for (int i = first; i < p; i++) {
                    text[textSize++] = (char) b[i];
                }
                deferred = false;
            }
            if (c == '\\') {
                pos = p;
                codePoint = StringEscapes.read(b, p, end);
                p += StringEscapes.length(b, p, codePoint);
            } else if (c >= 0 && c < 0x20) {
                pos = p;
                throw malformed("a control character in a string");
            } else if (c >= 0) {
                codePoint = c; // DEL, copied escaped
                p++;
            } else {
                // A multi-byte sequence: valid UTF-8 (no surrogates, nothing beyond U+10FFFF), checked here.
                if (Utf8.sequenceLength(b, p, end) < 0) {
                    pos = p;
                    throw malformed("not valid UTF-8");
                }
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

    /** Writes one code point of a string escaped, and keeps it for the key or the text as asked. */
    private void codePoint(int cp, boolean asKey, boolean asText) {
        StringEscapes.write(out, cp);
        if (asKey) {
            ensureKeyBytes(4);
            keyBytesSize = KeyOrder.encode(cp, keyBytes, keyBytesSize);
        }
        if (asText) {
            ensureText(2);
            textSize += Character.toChars(cp, text, textSize);
        }
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
