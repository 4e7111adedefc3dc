package cn.scenext.api.transport;

import java.io.Closeable;
import java.io.IOException;
import java.util.Objects;

/**
 * An HTTP response as the transport received it: status, headers and body, untouched whatever the status.
 * Close it (or its body) to release the connection.
 */
public final class HttpResponse implements Closeable {
    private final int statusCode;
    private final HttpHeaders headers;
    private final ResponseBody body;

    private HttpResponse(int statusCode, HttpHeaders headers, ResponseBody body) {
        if (statusCode < 100 || statusCode > 999) {
            throw new cn.scenext.api.exception.InvalidValueException("statusCode", "Not an HTTP status: " + statusCode);
        }
        this.statusCode = statusCode;
        this.headers = Objects.requireNonNull(headers, "headers");
        this.body = Objects.requireNonNull(body, "body");
    }

    /**
     * Creates a response.
     *
     * @param statusCode the HTTP status
     * @param headers the headers as received
     * @param body the body
     * @return the response
     */
    public static HttpResponse of(int statusCode, HttpHeaders headers, ResponseBody body) {
        return new HttpResponse(statusCode, headers, body);
    }

    /**
     * The HTTP status.
     *
     * @return e.g. 200
     */
    public int statusCode() {
        return statusCode;
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
     * @return the body, to read once
     */
    public ResponseBody body() {
        return body;
    }

    /**
     * Whether the status is 2xx.
     *
     * @return {@code true} for 200 to 299
     */
    public boolean isSuccessful() {
        return statusCode >= 200 && statusCode < 300;
    }

    /**
     * Releases the body and its connection. Idempotent.
     *
     * @throws IOException when the library fails to release it
     */
    @Override
    public void close() throws IOException {
        body.close();
    }

    @Override
    public String toString() {
        return "HttpResponse{" + statusCode + " " + headers + '}';
    }
}
