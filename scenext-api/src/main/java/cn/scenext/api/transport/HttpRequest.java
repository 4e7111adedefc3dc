package cn.scenext.api.transport;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * An HTTP request as a transport must send it: method, absolute URI, headers and an optional body.
 * Immutable. The transport adds nothing but what its HTTP library must (Host, Content-Length, connection
 * management) and follows no redirect.
 */
public final class HttpRequest {
    private static final byte[] NO_BODY = new byte[0];

    private final String method;
    private final URI uri;
    private final HttpHeaders headers;
    private final byte[] body;
    private final boolean hasBody;
    private final Duration timeout;

    private HttpRequest(Builder b) {
        this.timeout = b.timeout;
        this.method = b.method;
        this.uri = b.uri;
        this.headers = b.headers.build();
        this.hasBody = b.body != null;
        this.body = b.body == null ? NO_BODY : b.body;
    }

    /**
     * Starts a request.
     *
     * @return a builder for a GET with no URI yet
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The method.
     *
     * @return e.g. {@code GET}, upper case
     */
    public String method() {
        return method;
    }

    /**
     * The absolute URI, already encoded.
     *
     * @return the URI
     */
    public URI uri() {
        return uri;
    }

    /**
     * The headers to send.
     *
     * @return the headers
     */
    public HttpHeaders headers() {
        return headers;
    }

    /**
     * Whether the request has a body (possibly of zero bytes).
     *
     * @return {@code true} for a request with a body, as a POST always has
     */
    public boolean hasBody() {
        return hasBody;
    }

    /**
     * The body's bytes.
     *
     * @return a copy of the body; empty when there is none
     */
    public byte[] body() {
        return body.length == 0 ? NO_BODY : body.clone();
    }

    /**
     * The body's length.
     *
     * @return the number of body bytes; 0 when there is none
     */
    public int bodyLength() {
        return body.length;
    }

    /**
     * This exchange's own call timeout, in place of the transport's {@link TransportOptions#callTimeout()}.
     *
     * @return the limit ({@link Duration#ZERO} for none); empty for the transport's
     */
    public Optional<Duration> timeout() {
        return Optional.ofNullable(timeout);
    }

    /**
     * A builder holding this request's values, to derive a changed copy.
     *
     * @return a builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.timeout = timeout;
        b.method = method;
        b.uri = uri;
        b.headers = headers.toBuilder();
        b.body = hasBody ? body : null;
        return b;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof HttpRequest)) {
            return false;
        }
        HttpRequest that = (HttpRequest) o;
        return method.equals(that.method) && uri.equals(that.uri) && headers.equals(that.headers)
                && hasBody == that.hasBody && Arrays.equals(body, that.body) && Objects.equals(timeout, that.timeout);
    }

    @Override
    public int hashCode() {
        return Objects.hash(method, uri, headers, hasBody, Arrays.hashCode(body), timeout);
    }

    /**
     * The method, URI, headers and body length, with credentials redacted: the values of credential headers
     * (see {@link HttpHeaders#isSensitive(String)}) and any user information in the URI. The body's content is
     * never printed.
     *
     * @return a description safe to log
     */
    @Override
    public String toString() {
        return method + " " + printableUri() + " " + headers + (hasBody ? " (" + body.length + " body bytes)" : "");
    }

    private String printableUri() {
        String text = uri.toString();
        String userInfo = uri.getRawUserInfo();
        if (userInfo == null) {
            return text;
        }
        int at = text.indexOf(userInfo + "@");
        return at < 0 ? text : text.substring(0, at) + "[redacted]" + text.substring(at + userInfo.length());
    }

    /** Builds an {@link HttpRequest}. Not thread-safe. */
    public static final class Builder {
        private String method = "GET";
        private URI uri;
        private HttpHeaders.Builder headers = HttpHeaders.builder();
        private byte[] body;
        private Duration timeout;

        private Builder() {
        }

        /**
         * Sets this exchange's own call timeout, in place of the transport's
         * {@link TransportOptions#callTimeout()}.
         *
         * @param timeout a positive duration; {@link Duration#ZERO} for no call timeout at all (the connect and
         *     read timeouts still apply), e.g. for a download that may stream for long; {@code null} for the
         *     transport's
         * @return this builder
         * @throws cn.scenext.api.exception.InvalidValueException when negative
         */
        public Builder timeout(Duration timeout) {
            if (timeout != null && timeout.isNegative()) {
                throw new cn.scenext.api.exception.InvalidValueException("timeout",
                        "A request timeout must not be negative, got " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /**
         * Sets the method.
         *
         * @param method e.g. {@code GET} or {@code POST}
         * @return this builder
         */
        public Builder method(String method) {
            this.method = Objects.requireNonNull(method, "method").toUpperCase(Locale.ROOT);
            return this;
        }

        /**
         * Sets the absolute URI.
         *
         * @param uri the URI, already encoded
         * @return this builder
         */
        public Builder uri(URI uri) {
            Objects.requireNonNull(uri, "uri");
            if (!uri.isAbsolute()) {
                throw new cn.scenext.api.exception.InvalidValueException("uri",
                        "A request URI must be absolute: " + uri);
            }
            this.uri = uri;
            return this;
        }

        /**
         * Makes the request a GET of a URI.
         *
         * @param uri the absolute URI
         * @return this builder
         */
        public Builder get(URI uri) {
            this.body = null;
            return method("GET").uri(uri);
        }

        /**
         * Makes the request a POST of a body to a URI.
         *
         * @param uri the absolute URI
         * @param body the body, possibly empty but not {@code null}; the builder keeps this array, so do not
         *     change it afterwards
         * @return this builder
         */
        public Builder post(URI uri, byte[] body) {
            return method("POST").uri(uri).body(Objects.requireNonNull(body, "body"));
        }

        /**
         * Adds a header value.
         *
         * @param name the header's name
         * @param value the value
         * @return this builder
         */
        public Builder header(String name, String value) {
            headers.add(name, value);
            return this;
        }

        /**
         * Sets a header to a single value, replacing earlier ones.
         *
         * @param name the header's name
         * @param value the value
         * @return this builder
         */
        public Builder setHeader(String name, String value) {
            headers.set(name, value);
            return this;
        }

        /**
         * Removes a header.
         *
         * @param name the header's name
         * @return this builder
         */
        public Builder removeHeader(String name) {
            headers.remove(name);
            return this;
        }

        /**
         * Replaces all headers.
         *
         * @param headers the headers
         * @return this builder
         */
        public Builder headers(HttpHeaders headers) {
            this.headers = Objects.requireNonNull(headers, "headers").toBuilder();
            return this;
        }

        /**
         * Sets the body.
         *
         * @param body the bytes, or {@code null} for no body; the builder keeps this array, so do not change
         *     it afterwards
         * @return this builder
         */
        public Builder body(byte[] body) {
            this.body = body;
            return this;
        }

        /**
         * Builds the request.
         *
         * @return the request
         * @throws IllegalStateException when no URI was set
         */
        public HttpRequest build() {
            if (uri == null) {
                throw new IllegalStateException("An HttpRequest needs a URI");
            }
            return new HttpRequest(this);
        }
    }
}
