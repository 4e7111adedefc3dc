package cn.scenext.testkit;

import cn.scenext.core.internal.json.ApiJson;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Writes a tree of {@link Map}s (in their iteration order), {@link List}s, strings, integers, booleans and
 * {@code null} as JSON: compact, as the service's framework responds, or as Python's {@code json.dumps}
 * writes it by default, as the service sends webhooks.
 */
final class JsonText {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private JsonText() {
    }

    /** Compact UTF-8 JSON, non-ASCII characters as they are (FastAPI's {@code JSONResponse}). */
    static byte[] compact(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = ApiJson.factory().createGenerator(out, JsonEncoding.UTF8)) {
            write(g, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void write(JsonGenerator g, Object value) throws IOException {
        if (value == null) {
            g.writeNull();
        } else if (value instanceof String) {
            g.writeString((String) value);
        } else if (value instanceof Integer || value instanceof Long) {
            g.writeNumber(((Number) value).longValue());
        } else if (value instanceof Boolean) {
            g.writeBoolean((Boolean) value);
        } else if (value instanceof Map) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                g.writeFieldName((String) e.getKey());
                write(g, e.getValue());
            }
            g.writeEndObject();
        } else if (value instanceof List) {
            g.writeStartArray();
            for (Object item : (List<?>) value) {
                write(g, item);
            }
            g.writeEndArray();
        } else {
            throw new IllegalArgumentException("Not a JSON value: " + value.getClass());
        }
    }

    /**
     * Python's {@code json.dumps(value)} with its defaults: {@code ", "} and {@code ": "} separators, keys in
     * insertion order, {@code \"} {@code \\} {@code \n} {@code \r} {@code \t} {@code \b} {@code \f} escaped as
     * such and every other character outside 0x20–0x7E (DEL included) as {@code \}{@code u} with four
     * lower-case hex digits, characters beyond the BMP as their surrogate pair. ASCII, so also UTF-8.
     */
    static byte[] pythonDumps(Object value) {
        StringBuilder sb = new StringBuilder(512);
        dump(sb, value);
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static void dump(StringBuilder sb, Object value) {
        if (value == null) {
            sb.append("null");
        } else if (value instanceof String) {
            string(sb, (String) value);
        } else if (value instanceof Integer || value instanceof Long) {
            sb.append(((Number) value).longValue());
        } else if (value instanceof Boolean) {
            sb.append((Boolean) value ? "true" : "false");
        } else if (value instanceof Map) {
            sb.append('{');
            String separator = "";
            for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                sb.append(separator);
                string(sb, (String) e.getKey());
                sb.append(": ");
                dump(sb, e.getValue());
                separator = ", ";
            }
            sb.append('}');
        } else if (value instanceof List) {
            sb.append('[');
            String separator = "";
            for (Object item : (List<?>) value) {
                sb.append(separator);
                dump(sb, item);
                separator = ", ";
            }
            sb.append(']');
        } else {
            throw new IllegalArgumentException("Not a JSON value: " + value.getClass());
        }
    }

    private static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"':
                    sb.append("\\\"");
                    break;
                case '\\':
                    sb.append("\\\\");
                    break;
                case '\n':
                    sb.append("\\n");
                    break;
                case '\r':
                    sb.append("\\r");
                    break;
                case '\t':
                    sb.append("\\t");
                    break;
                case '\b':
                    sb.append("\\b");
                    break;
                case '\f':
                    sb.append("\\f");
                    break;
                default:
                    if (c < 0x20 || c > 0x7E) {
                        sb.append("\\u").append(HEX[c >> 12 & 0xF]).append(HEX[c >> 8 & 0xF]).append(HEX[c >> 4 & 0xF])
                                .append(HEX[c & 0xF]);
                    } else {
                        sb.append(c);
                    }
            }
        }
        sb.append('"');
    }

    /**
     * Python's {@code repr()} of a string, as it appears inside the text of a Python exception: single quotes
     * unless the text holds a single quote and no double quote; backslashes, the quote, {@code \t \n \r}
     * escaped; other control and unprintable characters as {@code \x}, {@code \}{@code u} or {@code \U} escapes.
     */
    static String pythonRepr(String s) {
        char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder sb = new StringBuilder(s.length() + 2).append(quote);
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == quote || cp == '\\') {
                sb.append('\\').appendCodePoint(cp);
            } else if (cp == '\t') {
                sb.append("\\t");
            } else if (cp == '\n') {
                sb.append("\\n");
            } else if (cp == '\r') {
                sb.append("\\r");
            } else if (cp < 0x20 || cp == 0x7F || cp >= 0x80 && !printable(cp)) {
                String hex = Integer.toHexString(cp);
                if (cp < 0x100) {
                    sb.append("\\x").append(pad(hex, 2));
                } else if (cp < 0x10000) {
                    sb.append("\\u").append(pad(hex, 4));
                } else {
                    sb.append("\\U").append(pad(hex, 8));
                }
            } else {
                sb.appendCodePoint(cp);
            }
        }
        return sb.append(quote).toString();
    }

    /** Python's {@code str.isprintable()} for one non-ASCII code point: not a control, format, separator... */
    private static boolean printable(int cp) {
        switch (Character.getType(cp)) {
            case Character.CONTROL:
            case Character.FORMAT:
            case Character.SURROGATE:
            case Character.PRIVATE_USE:
            case Character.UNASSIGNED:
            case Character.LINE_SEPARATOR:
            case Character.PARAGRAPH_SEPARATOR:
            case Character.SPACE_SEPARATOR:
                return false;
            default:
                return true;
        }
    }

    private static String pad(String hex, int width) {
        StringBuilder sb = new StringBuilder(width);
        for (int i = hex.length(); i < width; i++) {
            sb.append('0');
        }
        return sb.append(hex).toString();
    }
}
