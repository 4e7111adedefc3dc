package cn.scenext.testkit;

import cn.scenext.api.transport.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

/** A request the simulator received, as it arrived, with the status it responded with. Immutable. */
public final class RecordedRequest {
    private final Instant receivedAt;
    private final Endpoint endpoint;
    private final String method;
    private final String rawPath;
    private final String rawQuery;
    private final HttpHeaders headers;
    private final byte[] body;
    private final int responseStatus;

    RecordedRequest(Instant receivedAt, Endpoint endpoint, String method, String rawPath, String rawQuery,
            HttpHeaders headers, byte[] body, int responseStatus) {
        this.receivedAt = receivedAt;
        this.endpoint = endpoint;
        this.method = method;
        this.rawPath = rawPath;
        this.rawQuery = rawQuery;
        this.headers = headers;
        this.body = body;
        this.responseStatus = responseStatus;
    }

    /**
     * When it arrived.
     *
     * @return the time
     */
    public Instant receivedAt() {
        return receivedAt;
    }

    /**
     * Which part of the service it addressed.
     *
     * @return the endpoint
     */
    public Endpoint endpoint() {
        return endpoint;
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
     * The path exactly as sent, still percent-encoded.
     *
     * @return e.g. {@code /api/get_status/..%2Fa}
     */
    public String rawPath() {
        return rawPath;
    }

    /**
     * The query string as sent.
     *
     * @return the query, or empty
     */
    public Optional<String> rawQuery() {
        return Optional.ofNullable(rawQuery);
    }

    /**
     * The headers as received.
     *
     * @return the headers
     */
    public HttpHeaders headers() {
        return headers;
    }

    /**
     * The body.
     *
     * @return a copy of the body bytes
     */
    public byte[] body() {
        return body.clone();
    }

    /**
     * The body as UTF-8 text.
     *
     * @return the text
     */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * The status the simulator responded with, or 0 when it dropped the connection.
     *
     * @return the status
     */
    public int responseStatus() {
        return responseStatus;
    }

    @Override
    public String toString() {
        return method + " " + rawPath + (rawQuery == null ? "" : "?…") + " → " + responseStatus;
    }
}
