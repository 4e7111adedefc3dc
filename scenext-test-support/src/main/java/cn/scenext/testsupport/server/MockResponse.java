package cn.scenext.testsupport.server;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One scripted response of a {@link MockServer}: status, headers and body, how the body travels (fixed length
 * or chunked, throttled, cut short) or a connection fault instead of any response. Immutable: every
 * {@code with...} method returns a changed copy, so a response can be reused and varied.
 *
 * <pre>{@code
 * server.enqueue(MockResponse.json(429, "{}").withHeader("Retry-After", "5"));
 * server.enqueue(MockResponse.ok("{...}").withChunks(3).withThrottle(1, Duration.ofMillis(5)));
 * server.enqueue(MockResponse.fault(MockResponse.Fault.DISCONNECT));
 * }</pre>
 */
public final class MockResponse {
    /** What the server does to the connection instead of (or in the middle of) a normal response. */
    public enum Fault {
        /** No fault: the response is sent whole. */
        NONE,
        /** Read the request, then close the connection without sending a byte (an empty response). */
        DISCONNECT,
        /** Read the request, then reset the connection (TCP RST) without sending a byte. */
        RESET,
        /**
         * Send the status line, the headers (announcing the whole body) and the first
         * {@link #cutAfter()} body bytes, then close the connection.
         */
        CUT_BODY
    }

    /** A single header line. */
    private static final class Header {
        final String name;
        final String value;

        Header(String name, String value) {
            this.name = name;
            this.value = value;
        }
    }

    private final int status;
    private final String reason;
    private final List<Header> headers;
    private final byte[] body;
    private final int chunkSize;
    private final Duration headersDelay;
    private final long throttleBytes;
    private final Duration throttlePeriod;
    private final Fault fault;
    private final int cutAfter;

    private MockResponse(int status, String reason, List<Header> headers, byte[] body, int chunkSize,
            Duration headersDelay, long throttleBytes, Duration throttlePeriod, Fault fault, int cutAfter) {
        this.status = status;
        this.reason = reason;
        this.headers = headers;
        this.body = body;
        this.chunkSize = chunkSize;
        this.headersDelay = headersDelay;
        this.throttleBytes = throttleBytes;
        this.throttlePeriod = throttlePeriod;
        this.fault = fault;
        this.cutAfter = cutAfter;
    }

    /**
     * A response with a status, no headers and an empty body.
     *
     * @param status the HTTP status, 100 to 999
     * @return the response
     * @throws IllegalArgumentException when the status is out of range
     */
    public static MockResponse status(int status) {
        return new MockResponse(checkStatus(status), null, Collections.<Header>emptyList(), new byte[0], 0,
                Duration.ZERO, 0, Duration.ZERO, Fault.NONE, 0);
    }

    /**
     * A JSON response: a status, {@code Content-Type: application/json} and a UTF-8 body.
     *
     * @param status the HTTP status
     * @param json the body
     * @return the response
     */
    public static MockResponse json(int status, String json) {
        return status(status).withHeader("Content-Type", "application/json").withBody(json);
    }

    /**
     * A 200 JSON response.
     *
     * @param json the body
     * @return the response
     */
    public static MockResponse ok(String json) {
        return json(200, json);
    }

    /**
     * A connection fault instead of a response.
     *
     * @param fault {@link Fault#DISCONNECT} or {@link Fault#RESET}; for a cut body use {@link #withBodyCutAfter}
     * @return the response
     * @throws IllegalArgumentException for {@link Fault#NONE} or {@link Fault#CUT_BODY}
     */
    public static MockResponse fault(Fault fault) {
        if (fault != Fault.DISCONNECT && fault != Fault.RESET) {
            throw new IllegalArgumentException("fault(...) takes DISCONNECT or RESET, not " + fault);
        }
        MockResponse r = status(200);
        return new MockResponse(r.status, r.reason, r.headers, r.body, r.chunkSize, r.headersDelay,
                r.throttleBytes, r.throttlePeriod, fault, 0);
    }

    /**
     * A copy with another reason phrase on the status line (by default the standard one, or {@code "Mock"}).
     *
     * @param reason the phrase, without CR or LF
     * @return the copy
     */
    public MockResponse withReason(String reason) {
        checkLine(reason, "reason");
        return new MockResponse(status, reason, headers, body, chunkSize, headersDelay, throttleBytes,
                throttlePeriod, fault, cutAfter);
    }

    /**
     * A copy with one more header line (a name may repeat).
     *
     * @param name the name
     * @param value the value, without CR or LF
     * @return the copy
     */
    public MockResponse withHeader(String name, String value) {
        checkLine(name, "header name");
        checkLine(value, "header value");
        if (name.isEmpty() || name.indexOf(':') >= 0) {
            throw new IllegalArgumentException("bad header name: '" + name + "'");
        }
        List<Header> copy = new ArrayList<>(headers);
        copy.add(new Header(name, value));
        return new MockResponse(status, reason, Collections.unmodifiableList(copy), body, chunkSize, headersDelay,
                throttleBytes, throttlePeriod, fault, cutAfter);
    }

    /**
     * A copy with a body.
     *
     * @param bytes the body (copied)
     * @return the copy
     */
    public MockResponse withBody(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        return new MockResponse(status, reason, headers, bytes.clone(), chunkSize, headersDelay, throttleBytes,
                throttlePeriod, fault, cutAfter);
    }

    /**
     * A copy with a UTF-8 body.
     *
     * @param text the body
     * @return the copy
     */
    public MockResponse withBody(String text) {
        return withBody(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A copy sent with {@code Transfer-Encoding: chunked} in chunks of at most some bytes, instead of with a
     * {@code Content-Length}.
     *
     * @param maxChunkBytes the largest chunk, 1 or more
     * @return the copy
     */
    public MockResponse withChunks(int maxChunkBytes) {
        if (maxChunkBytes < 1) {
            throw new IllegalArgumentException("maxChunkBytes must be 1 or more, got " + maxChunkBytes);
        }
        return new MockResponse(status, reason, headers, body, maxChunkBytes, headersDelay, throttleBytes,
                throttlePeriod, fault, cutAfter);
    }

    /**
     * A copy whose status line waits some time after the request was read (and recorded).
     *
     * @param delay the wait, zero or more
     * @return the copy
     */
    public MockResponse withHeadersDelay(Duration delay) {
        return new MockResponse(status, reason, headers, body, chunkSize, checkDuration(delay, "delay"),
                throttleBytes, throttlePeriod, fault, cutAfter);
    }

    /**
     * A copy whose body is throttled: after every {@code bytes} body bytes the server flushes and waits
     * {@code period}. {@code withThrottle(1, Duration.ofMillis(10))} trickles the body a byte at a time.
     *
     * @param bytes the bytes between waits, 1 or more
     * @param period the wait, zero or more
     * @return the copy
     */
    public MockResponse withThrottle(long bytes, Duration period) {
        if (bytes < 1) {
            throw new IllegalArgumentException("bytes must be 1 or more, got " + bytes);
        }
        return new MockResponse(status, reason, headers, body, chunkSize, headersDelay, bytes,
                checkDuration(period, "period"), fault, cutAfter);
    }

    /**
     * A copy that announces its whole body but sends only the first bytes of it, then closes the connection.
     *
     * @param bytes how many body bytes are sent, 0 up to one fewer than the body's length
     * @return the copy
     */
    public MockResponse withBodyCutAfter(int bytes) {
        if (bytes < 0 || bytes >= body.length) {
            throw new IllegalArgumentException("a cut must fall inside the body of " + body.length + " bytes, got "
                    + bytes + " (set the body first)");
        }
        return new MockResponse(status, reason, headers, body, chunkSize, headersDelay, throttleBytes,
                throttlePeriod, Fault.CUT_BODY, bytes);
    }

    /**
     * The HTTP status.
     *
     * @return e.g. 200
     */
    public int status() {
        return status;
    }

    /**
     * The reason phrase of the status line.
     *
     * @return the phrase set, else the standard one, else {@code "Mock"}
     */
    public String reason() {
        return reason != null ? reason : StandardReasons.of(status);
    }

    /**
     * The first value of a header set on this response (case-insensitive name).
     *
     * @param name the name
     * @return the value, or {@code null}
     */
    public String header(String name) {
        for (Header h : headers) {
            if (h.name.equalsIgnoreCase(name)) {
                return h.value;
            }
        }
        return null;
    }

    /**
     * The header lines, as {@code name: value}, in order.
     *
     * @return the lines
     */
    public List<String> headerLines() {
        List<String> lines = new ArrayList<>(headers.size());
        for (Header h : headers) {
            lines.add(h.name + ": " + h.value);
        }
        return lines;
    }

    /**
     * The body.
     *
     * @return a copy of the bytes
     */
    public byte[] body() {
        return body.clone();
    }

    /**
     * The largest chunk when chunked.
     *
     * @return the size, or 0 when sent with a {@code Content-Length}
     */
    public int chunkSize() {
        return chunkSize;
    }

    /**
     * The wait before the status line.
     *
     * @return the delay
     */
    public Duration headersDelay() {
        return headersDelay;
    }

    /**
     * The body bytes between throttle waits.
     *
     * @return the count, or 0 when not throttled
     */
    public long throttleBytes() {
        return throttleBytes;
    }

    /**
     * The throttle wait.
     *
     * @return the period
     */
    public Duration throttlePeriod() {
        return throttlePeriod;
    }

    /**
     * The connection fault.
     *
     * @return the fault, {@link Fault#NONE} for a whole response
     */
    public Fault fault() {
        return fault;
    }

    /**
     * The body bytes sent before a {@link Fault#CUT_BODY}.
     *
     * @return the count
     */
    public int cutAfter() {
        return cutAfter;
    }

    byte[] bodyRef() {
        return body;
    }

    @Override
    public String toString() {
        return fault == Fault.DISCONNECT || fault == Fault.RESET ? "MockResponse{" + fault + "}"
                : "MockResponse{" + status + ", " + body.length + " bytes" + (chunkSize > 0 ? ", chunked" : "")
                        + (fault == Fault.CUT_BODY ? ", cut after " + cutAfter : "") + "}";
    }

    private static int checkStatus(int status) {
        if (status < 100 || status > 999) {
            throw new IllegalArgumentException("status must be 100..999, got " + status);
        }
        return status;
    }

    private static void checkLine(String s, String what) {
        Objects.requireNonNull(s, what);
        if (s.indexOf('\r') >= 0 || s.indexOf('\n') >= 0) {
            throw new IllegalArgumentException(what + " must not hold CR or LF: '" + s + "'");
        }
    }

    private static Duration checkDuration(Duration d, String what) {
        Objects.requireNonNull(d, what);
        if (d.isNegative()) {
            throw new IllegalArgumentException(what + " must not be negative, got " + d);
        }
        return d;
    }

    /** The standard reason phrases of the statuses tests use. */
    private static final class StandardReasons {
        private StandardReasons() {
        }

        static String of(int status) {
            switch (status) {
                case 100: return "Continue";
                case 200: return "OK";
                case 201: return "Created";
                case 204: return "No Content";
                case 206: return "Partial Content";
                case 301: return "Moved Permanently";
                case 302: return "Found";
                case 304: return "Not Modified";
                case 307: return "Temporary Redirect";
                case 308: return "Permanent Redirect";
                case 400: return "Bad Request";
                case 401: return "Unauthorized";
                case 403: return "Forbidden";
                case 404: return "Not Found";
                case 408: return "Request Timeout";
                case 413: return "Payload Too Large";
                case 416: return "Range Not Satisfiable";
                case 429: return "Too Many Requests";
                case 500: return "Internal Server Error";
                case 502: return "Bad Gateway";
                case 503: return "Service Unavailable";
                case 504: return "Gateway Timeout";
                default: return "Mock";
            }
        }
    }
}
