package cn.scenext.core;

import cn.scenext.api.exception.TransportException;
import cn.scenext.api.transport.HttpRequest;
import cn.scenext.api.transport.HttpResponse;

/**
 * Sees every attempt the client makes (each retry is an attempt of its own), to add metrics, tracing or
 * logging without touching the transport. Register with {@link ScenextClient.Builder#addInterceptor}.
 *
 * <p>Interceptors run on the thread of the call (a transport thread for asynchronous calls) and must be
 * quick. Anything an interceptor throws, {@link Error}s included (an {@code AssertionError} of a test, a
 * {@code StackOverflowError}), is logged at WARN with the interceptor's class and ignored: the call goes on as
 * if the method had returned normally ({@link #onRequest} as if it returned the request unchanged), so it
 * never fails, hangs or leaves an asynchronous call's future incomplete. The {@code Authorization} header is
 * added after {@link #onRequest}, so interceptors never see the API key.
 *
 * <p><b>Unlike OkHttp's interceptors</b>, which own the call through {@code Chain.proceed} and may respond to it
 * themselves, call it several times or change the response, a Scenext interceptor only observes, and may
 * rewrite the request: it never short-circuits a call (there is no chain to skip), never retries one (the
 * {@link RetryPolicy} does, and the interceptor sees each retry as an attempt of its own, much as an OkHttp
 * <em>network</em> interceptor would), and cannot replace a response. Credentials are added after it, and only
 * for the API's origin, so a rewritten request cannot carry the key elsewhere. It sees the SDK's API calls and
 * downloads whichever transport runs them, where an OkHttp interceptor would see only the {@code okhttp}
 * transport's traffic.
 *
 * <pre>{@code
 * ScenextClient.builder()
 *     .addInterceptor(new Interceptor() {
 *         public HttpRequest onRequest(Attempt attempt, HttpRequest request) {
 *             return request.toBuilder().setHeader("traceparent", currentTraceParent()).build();
 *         }
 *         public void onResponse(Attempt attempt, HttpResponse response) {
 *             metrics.record(attempt.operation(), response.statusCode(), attempt.elapsed());
 *         }
 *     })
 * }</pre>
 */
public interface Interceptor {

    /**
     * Called before an attempt is sent.
     *
     * @param attempt which call and which attempt of it
     * @param request the request about to be sent, without credentials
     * @return the request to send: the same, or a copy with changes (e.g. a tracing header)
     */
    default HttpRequest onRequest(Attempt attempt, HttpRequest request) {
        return request;
    }

    /**
     * Called when an attempt got a response, whatever its status. For API calls the body is in memory and may
     * be read; for downloads it must be left alone.
     *
     * @param attempt which call and which attempt of it
     * @param response the response
     */
    default void onResponse(Attempt attempt, HttpResponse response) {
    }

    /**
     * Called when an attempt got no response (connection failure, timeout, reset).
     *
     * @param attempt which call and which attempt of it
     * @param failure what went wrong
     */
    default void onFailure(Attempt attempt, TransportException failure) {
    }

    /**
     * Called once per attempt when it is over, after {@link #onResponse} or {@link #onFailure}: for API calls
     * once the response is decoded, so that {@link Attempt#failure()} holds the typed error even when the
     * service answered it at HTTP 200, and {@link Attempt#statusCode()} the HTTP status (empty without a
     * response). For downloads, once the response's headers are in (the body streams on).
     *
     * @param attempt the ended attempt, with its result
     */
    default void onAttemptEnd(Attempt attempt) {
    }

    /**
     * Called once per API call ({@code gen_video}, {@code get_status}) and once per download when it ends,
     * after its last attempt: retries and their delays are over. {@link Attempt#failure()} is what the call failed with (empty when
     * it succeeded; a {@link TransportException} with reason {@code CANCELLED} when the caller cancelled it, a
     * {@link cn.scenext.api.exception.ClientClosedException} when the client closed),
     * {@link Attempt#number()} how many attempts it made (0 when it ended before the first),
     * {@link Attempt#callElapsed()} how long it took in all. Called before the call returns or its future
     * completes, except when the caller cancelled it or the client closed, which come first.
     *
     * <p>A download ({@link Attempt#operation()} {@code download}) ends when its file is in place (moved to
     * its target, or written to the stream to its end) or when it failed: {@link Attempt#number()} is how many
     * requests it sent (redirects, retries and resumptions each count; 0 when it failed before the first, e.g.
     * a task without a video), {@link Attempt#statusCode()} the last request's status,
     * {@link Attempt#failure()} the {@link cn.scenext.api.exception.DownloadException} (or other failure) it
     * ended with, and {@link Attempt#bytesTransferred()} the bytes it received. Its requests all carry its
     * {@link Attempt#callId()}. Called on the downloading thread before the download method returns or throws.
     *
     * <p>The status requests a wait sends carry its id ({@link Attempt#waitId()}), so that an observer can place
     * them under the wait.
     *
     * @param lastAttempt the call's last attempt, carrying the call's result
     */
    default void onCallEnd(Attempt lastAttempt) {
    }
}
