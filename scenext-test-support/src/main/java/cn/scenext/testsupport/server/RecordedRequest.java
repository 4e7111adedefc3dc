package cn.scenext.testsupport.server;

import java.io.UnsupportedEncodingException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One request a {@link MockServer} received, recorded whole (body read) before it is dispatched and before any
 * byte of its response is sent: a test that has seen a response always finds its request in the log.
 */
public final class RecordedRequest {
    private final String method;
    private final String target;
    private final String version;
    private final Map<String, List<String>> headers;
    private final byte[] body;
    private final int sequenceNumber;
    private final int connectionIndex;
    private final int exchangeIndex;

    RecordedRequest(String method, String target, String version, Map<String, List<String>> headers, byte[] body,
            int sequenceNumber, int connectionIndex, int exchangeIndex) {
        this.method = method;
        this.target = target;
        this.version = version;
        this.headers = headers;
        this.body = body;
        this.sequenceNumber = sequenceNumber;
        this.connectionIndex = connectionIndex;
        this.exchangeIndex = exchangeIndex;
    }

    /**
     * The method.
     *
     * @return e.g. {@code GET}
     */
    public String method() {
        return method;
    }

    /**
     * The request target as sent: the path with its query.
     *
     * @return e.g. {@code /video.mp4?Expires=1}
     */
    public String target() {
        return target;
    }

    /**
     * The path, without the query (still percent-encoded).
     *
     * @return e.g. {@code /video.mp4}
     */
    public String path() {
        int q = target.indexOf('?');
        return q < 0 ? target : target.substring(0, q);
    }

    /**
     * The raw query.
     *
     * @return the part after {@code ?}, or {@code null} when there is none
     */
    public String query() {
        int q = target.indexOf('?');
        return q < 0 ? null : target.substring(q + 1);
    }

    /**
     * The first value of a query parameter, decoded.
     *
     * @param name the parameter's name
     * @return the value ({@code ""} for a bare name), or {@code null} when absent
     */
    public String queryParameter(String name) {
        String query = query();
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            if (key.equals(name)) {
                return eq < 0 ? "" : decode(pair.substring(eq + 1));
            }
        }
        return null;
    }

    /**
     * The HTTP version of the request line.
     *
     * @return e.g. {@code HTTP/1.1}
     */
    public String version() {
        return version;
    }

    /**
     * The request line.
     *
     * @return e.g. {@code GET /api/get_status/1 HTTP/1.1}
     */
    public String requestLine() {
        return method + " " + target + " " + version;
    }

    /**
     * The first value of a header.
     *
     * @param name the name, in any case
     * @return the value, or {@code null} when absent
     */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null ? null : values.get(0);
    }

    /**
     * Every value of a header, in order.
     *
     * @param name the name, in any case
     * @return the values, empty when absent
     */
    public List<String> headerValues(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null ? Collections.<String>emptyList() : values;
    }

    /**
     * The headers, names in lower case, in the order first seen.
     *
     * @return an unmodifiable map
     */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /**
     * The body, de-chunked when it was sent chunked.
     *
     * @return a copy of the bytes, empty when there was none
     */
    public byte[] body() {
        return body.clone();
    }

    /**
     * The body as UTF-8 text.
     *
     * @return the text
     */
    public String bodyUtf8() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * The request's place among all this server received.
     *
     * @return 0 for the first
     */
    public int sequenceNumber() {
        return sequenceNumber;
    }

    /**
     * Which connection the request came on.
     *
     * @return 0 for the first connection the server accepted
     */
    public int connectionIndex() {
        return connectionIndex;
    }

    /**
     * The request's place on its connection: above 0 means the connection was kept alive and reused.
     *
     * @return 0 for a connection's first request
     */
    public int exchangeIndex() {
        return exchangeIndex;
    }

    @Override
    public String toString() {
        return requestLine();
    }

    static Map<String, List<String>> freeze(Map<String, List<String>> headers) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            copy.put(e.getKey(), Collections.unmodifiableList(new ArrayList<>(e.getValue())));
        }
        return Collections.unmodifiableMap(copy);
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, "UTF-8");
        } catch (UnsupportedEncodingException | IllegalArgumentException e) {
            return s;
        }
    }
}
