package cn.scenext.core.internal.http;

import java.net.URI;
import java.nio.charset.StandardCharsets;

/** Builds URL paths from untrusted values. */
public final class UrlPaths {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private UrlPaths() {
    }

    /**
     * Percent-encodes a value as exactly one path segment: every byte of its UTF-8 form except the unreserved
     * characters {@code A-Z a-z 0-9 - . _ ~} is encoded, so {@code /}, {@code ?}, {@code #}, {@code %} and
     * spaces cannot change the URL's structure. A segment made only of dots is encoded too, so that it is not
     * read as {@code .} or {@code ..}.
     *
     * @param value any string
     * @return the encoded segment
     */
    public static String encodeSegment(String value) {
        boolean onlyDots = !value.isEmpty();
        boolean asIs = true;
        for (int i = 0, n = value.length(); i < n; i++) {
            char c = value.charAt(i);
            onlyDots &= c == '.';
            asIs &= isUnreserved(c);
        }
        if (asIs && !onlyDots) {
            return value; // the usual task id: nothing to encode, nothing to copy
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder(bytes.length + 16);
        for (byte b : bytes) {
            int c = b & 0xFF;
            if (isUnreserved(c) && !(c == '.' && onlyDots)) {
                sb.append((char) c);
            } else {
                sb.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return sb.toString();
    }

    /** The characters RFC 3986 lets a path segment carry as they are. */
    private static boolean isUnreserved(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '_' || c == '~' || c == '.';
    }

    /**
     * Whether two URIs share an origin: scheme, host and port (the scheme's default port when none is given).
     *
     * @param a an absolute URI
     * @param b another
     * @return {@code true} when both have a scheme and a host, and the three match
     */
    public static boolean sameOrigin(URI a, URI b) {
        return a.getScheme() != null && a.getScheme().equalsIgnoreCase(b.getScheme())
                && a.getHost() != null && a.getHost().equalsIgnoreCase(b.getHost())
                && port(a) == port(b);
    }

    private static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
}
