package cn.scenext.core.internal.canonical;

import cn.scenext.core.webhook.WebhookVerifier;
import cn.scenext.api.exception.WebhookVerificationException;
import cn.scenext.api.exception.WebhookVerificationException.Reason;
import cn.scenext.core.internal.json.MalformedJsonException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The canonical form the service signs: the exact bytes Python's {@code json.dumps(json.loads(text),
 * sort_keys=True)} prints. That is:
 * <ul>
 * <li>object keys sorted by Unicode code point (not by UTF-16 unit), a repeated key keeping its last value;</li>
 * <li>{@code ", "} between items and {@code ": "} after keys, no other whitespace;</li>
 * <li>strings escaped to ASCII: {@code \"} {@code \\} {@code \n} {@code \r} {@code \t} {@code \b} {@code \f},
 *     every other character outside 0x20–0x7E as lowercase <code>&#92;u00XX</code>/<code>&#92;uXXXX</code>, characters beyond
 *     the BMP as a surrogate pair; {@code /} not escaped;</li>
 * <li>integers as plain decimal of any size ({@code -0} as {@code 0}); numbers with a fraction or an exponent
 *     as Python's {@code repr(float)}: shortest round-trip digits, fixed notation for 1e-4 &lt;= |x| &lt; 1e16,
 *     else {@code d.ddde±XX}, {@code -0.0} kept, overflow as {@code Infinity};</li>
 * <li>{@code true}, {@code false}, {@code null}, and {@code NaN} / {@code Infinity} / {@code -Infinity} as
 *     Python reads and writes them.</li>
 * </ul>
 *
 * <p>The input must be UTF-8 (a leading byte-order mark is skipped, as Python skips it in bytes). Limits,
 * beyond which input is rejected: nesting deeper than {@value CanonicalWriter#MAX_DEPTH} levels (Python stops
 * near 1000), integers of more than {@value NumberWriter#MAX_INTEGER_DIGITS} digits (Python's default
 * limit). Encoded surrogates (CESU-8), which Python's {@code json.loads(bytes)} lets through, are rejected.
 *
 * <pre>{@code
 * CanonicalJson.canonicalize("{\"b\":1,\"a\":[1e2,\"/\"]}")  // {"a": [100.0, "/"], "b": 1}
 * }</pre>
 *
 * <p>Thread-safe. {@link WebhookVerifier} uses the same serializer without this class's copies.
 */
public final class CanonicalJson {
    private CanonicalJson() {
    }

    /**
     * The canonical form of a JSON text.
     *
     * @param json UTF-8 JSON (any value, not only an object)
     * @return the canonical form; ASCII only
     * @throws WebhookVerificationException with reason {@link Reason#MALFORMED_BODY} when the input is not
     *     UTF-8 JSON as Python reads it, or exceeds the limits above
     */
    public static byte[] canonicalize(byte[] json) {
        Objects.requireNonNull(json, "json");
        CanonicalWriter writer = new CanonicalWriter();
        write(writer, json);
        return writer.toByteArray();
    }

    /**
     * The canonical form of a JSON text.
     *
     * @param json JSON text (any value, not only an object)
     * @return the canonical form
     * @throws WebhookVerificationException with reason {@link Reason#MALFORMED_BODY} when the input is not JSON
     *     as Python's {@code json.loads} reads a string (which refuses a leading U+FEFF), or exceeds the limits
     */
    public static String canonicalize(String json) {
        Objects.requireNonNull(json, "json");
        if (json.startsWith("\ufeff")) {
            throw new WebhookVerificationException(Reason.MALFORMED_BODY, "The JSON text starts with a byte-order"
                    + " mark, which Python's json.loads refuses in a string.");
        }
        return new String(canonicalize(json.getBytes(StandardCharsets.UTF_8)), StandardCharsets.US_ASCII);
    }

    /** Writes the canonical form of {@code json} with {@code writer}. */
    static void write(CanonicalWriter writer, byte[] json) {
        try {
            writer.canonicalize(json, null);
        } catch (MalformedJsonException e) {
            throw new WebhookVerificationException(Reason.MALFORMED_BODY, "Not JSON as Python reads it: "
                    + firstLine(e.getMessage()), e);
        }
    }

    /** The first line of a parser's message, shortened: enough to say what was wrong, not a dump of the body. */
    public static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        String line = nl < 0 ? message : message.substring(0, nl);
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}
