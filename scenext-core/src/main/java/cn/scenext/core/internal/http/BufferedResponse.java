package cn.scenext.core.internal.http;

import cn.scenext.api.transport.HttpHeaders;
import cn.scenext.api.transport.HttpResponse;
import cn.scenext.api.transport.ResponseBody;
import java.net.URI;

/** An API response read into memory: status, headers, body, and the URI it came from. */
public final class BufferedResponse {
    private final URI uri;
    private final int statusCode;
    private final HttpHeaders headers;
    private final byte[] body;

    BufferedResponse(URI uri, int statusCode, HttpHeaders headers, byte[] body) {
        this.uri = uri;
        this.statusCode = statusCode;
        this.headers = headers;
        this.body = body;
    }

    /**
     * The request's URI.
     *
     * @return the URI
     */
    public URI uri() {
        return uri;
    }

    /**
     * The HTTP status.
     *
     * @return the status
     */
    public int statusCode() {
        return statusCode;
    }

    /**
     * The headers.
     *
     * @return the headers
     */
    public HttpHeaders headers() {
        return headers;
    }

    /**
     * The body; not to be changed.
     *
     * @return the bytes
     */
    public byte[] body() {
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

    /** A fresh response over the same bytes, for interceptors to read as they like. */
    HttpResponse toResponse() {
        return HttpResponse.of(statusCode, headers, ResponseBody.of(body));
    }
}
