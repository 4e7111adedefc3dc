package cn.scenext.okhttp.internal;

import cn.scenext.api.transport.BoundedBuffer;
import cn.scenext.api.transport.HttpHeaders;
import cn.scenext.api.transport.HttpRequest;
import cn.scenext.api.transport.ResponseBody;
import cn.scenext.api.transport.TransportFailures;
import cn.scenext.api.transport.TransportOptions;
import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import okhttp3.Headers;
import okhttp3.Request;
import okhttp3.RequestBody;
import okio.Timeout;

/**
 * The conversions between the SDK's transport types and OkHttp's, the same for every transport built on OkHttp.
 * Internal: no compatibility promise.
 */
public final class OkHttpConversion {
    private static final RequestBody EMPTY = RequestBody.create(new byte[0], null);

    private OkHttpConversion() {
    }

    /**
     * A request's headers for OkHttp: its own, a {@code User-Agent} when it has none and one is set, and
     * {@code Accept-Encoding: identity} when it names no encoding (bytes as sent: no transparent gzip, so
     * {@code Content-Length} and {@code Range} offsets mean what they say).
     *
     * @param request the request
     * @param userAgent the transport's user agent, or {@code null}
     * @return the headers
     * @throws IllegalArgumentException when a name or value is not one OkHttp sends (e.g. not ASCII)
     */
    public static Headers requestHeaders(HttpRequest request, String userAgent) {
        Headers.Builder b = new Headers.Builder();
        forEachRequestHeader(request, userAgent, b::add);
        return b.build();
    }

    /**
     * Adds a request's headers for OkHttp ({@link #requestHeaders}' set) straight to an OkHttp request being built,
     * without building a {@link Headers} first that the request builder would copy again.
     *
     * @param target the OkHttp request builder
     * @param request the request
     * @param userAgent the transport's user agent, or {@code null}
     * @return {@code target}
     * @throws IllegalArgumentException when a name or value is not one OkHttp sends (e.g. not ASCII)
     */
    public static Request.Builder addRequestHeaders(Request.Builder target, HttpRequest request, String userAgent) {
        forEachRequestHeader(request, userAgent, target::addHeader);
        return target;
    }

    private static void forEachRequestHeader(HttpRequest request, String userAgent, BiConsumer<String, String> add) {
        HttpHeaders headers = request.headers();
        headers.forEach(add);
        if (userAgent != null && !headers.contains("User-Agent")) {
            add.accept("User-Agent", userAgent);
        }
        if (!headers.contains("Accept-Encoding")) {
            add.accept("Accept-Encoding", "identity");
        }
    }

    /**
     * A request's body for OkHttp: its bytes; an empty body for a POST, PUT or PATCH without one (OkHttp
     * requires one); {@code null} for other methods without one.
     *
     * @param request the request
     * @return the body, or {@code null}
     */
    public static RequestBody requestBody(HttpRequest request) {
        if (request.hasBody()) {
            return RequestBody.create(request.body(), null);
        }
        String method = request.method();
        return method.equals("POST") || method.equals("PUT") || method.equals("PATCH") ? EMPTY : null;
    }

    /**
     * Puts a call under its timeout: the request's own, else the options' call timeout; with no options (a
     * client the caller owns), the request's own only.
     *
     * @param timeout the call's timeout
     * @param request the request
     * @param options the transport's options, or {@code null}
     */
    public static void applyCallTimeout(Timeout timeout, HttpRequest request, TransportOptions options) {
        Duration d = options != null ? TransportFailures.callTimeout(request, options) : request.timeout().orElse(null);
        if (d != null) {
            timeout.timeout(d.toMillis(), TimeUnit.MILLISECONDS); // zero: none
        }
    }

    /**
     * OkHttp's response headers as the SDK's.
     *
     * @param headers the headers
     * @return the same fields, in order
     */
    public static HttpHeaders responseHeaders(Headers headers) {
        HttpHeaders.Builder b = HttpHeaders.builder();
        for (int i = 0, n = headers.size(); i < n; i++) {
            b.add(headers.name(i), headers.value(i));
        }
        return b.build();
    }

    /**
     * A body that streams from OkHttp's.
     *
     * @param body the body, or {@code null} for none
     * @param onClose what closing it releases (the body, or the whole response)
     * @return the body
     */
    public static ResponseBody streaming(okhttp3.ResponseBody body, Closeable onClose) {
        return body == null ? ResponseBody.empty() : ResponseBody.of(body.byteStream(), body.contentLength(), onClose);
    }

    /**
     * A body read whole into memory, at most a limit, and closed.
     *
     * @param body the body, or {@code null} for none
     * @param transport the transport's name, for the failure
     * @param request the request, for the failure
     * @param maxBytes the most bytes held
     * @return the body
     * @throws cn.scenext.api.exception.ResponseTooLargeException when the body announces more than the limit
     * @throws IOException when reading fails, or (with a {@code ResponseTooLargeException} as its cause) when
     *     the body goes on past the limit
     */
    public static ResponseBody buffered(okhttp3.ResponseBody body, String transport, HttpRequest request, int maxBytes)
            throws IOException {
        if (body == null) {
            return ResponseBody.empty();
        }
        try (okhttp3.ResponseBody b = body) {
            return ResponseBody.of(BoundedBuffer.start(transport, request, maxBytes, b.contentLength())
                    .readFrom(b.byteStream(), transport, request));
        }
    }
}
