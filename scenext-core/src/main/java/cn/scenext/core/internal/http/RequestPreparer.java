package cn.scenext.core.internal.http;

import cn.scenext.api.transport.HttpRequest;
import cn.scenext.core.Attempt;
import java.net.URI;
import java.time.Duration;

/**
 * Makes a request ready to send: lets the interceptors change it, then sets the default headers
 * ({@code User-Agent}; for API calls {@code Accept} and, with a body, {@code Content-Type}) and the
 * credentials, which go to the API's own origin only, never to the object store or any other host, whatever
 * an interceptor did. Thread-safe.
 */
final class RequestPreparer {
    private final URI baseUrl;
    private final String authorization;
    private final String userAgent;
    private final Interceptors interceptors;

    RequestPreparer(URI baseUrl, String apiKey, String userAgent, Interceptors interceptors) {
        this.baseUrl = baseUrl;
        this.authorization = "Bearer " + apiKey;
        this.userAgent = userAgent;
        this.interceptors = interceptors;
    }

    /**
     * The request as it goes out.
     *
     * @param attempt the attempt, for interceptors
     * @param request the request without credentials
     * @param api whether it is an API call, which takes JSON headers
     * @param credentials whether the API key may be added (it still goes to the API's origin only)
     * @return the request to send
     */
    HttpRequest prepare(Attempt attempt, HttpRequest request, boolean api, boolean credentials) {
        return prepare(attempt, request, api, credentials, null);
    }

    /**
     * The request as it goes out, under a call timeout set in the same copy (one copy of the request per attempt,
     * not one per change).
     *
     * @param attempt the attempt, for interceptors
     * @param request the request without credentials
     * @param api whether it is an API call, which takes JSON headers
     * @param credentials whether the API key may be added (it still goes to the API's origin only)
     * @param timeout the request's call timeout, in place of the one it has; {@code null} to keep that
     * @return the request to send
     */
    HttpRequest prepare(Attempt attempt, HttpRequest request, boolean api, boolean credentials, Duration timeout) {
        HttpRequest r = interceptors.onRequest(attempt, request);
        HttpRequest.Builder b = r.toBuilder().setHeader("User-Agent", userAgent);
        if (timeout != null) {
            b.timeout(timeout);
        }
        if (api) {
            b.setHeader("Accept", "application/json");
            if (r.hasBody()) {
                b.setHeader("Content-Type", "application/json; charset=utf-8");
            }
        }
        b.removeHeader("Authorization");
        if (credentials && isApiOrigin(r.uri())) {
            b.setHeader("Authorization", authorization);
        }
        return b.build();
    }

    /** Whether a URI is on the API's origin (scheme, host and port), the only place credentials may go. */
    boolean isApiOrigin(URI uri) {
        return UrlPaths.sameOrigin(uri, baseUrl);
    }
}
