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
     * Called when an attempt got an answer, whatever its status. For API calls the body is in memory and may
     * be read; for downloads it must be left alone.
     *
     * @param attempt which call and which attempt of it
     * @param response the answer
     */
    default void onResponse(Attempt attempt, HttpResponse response) {
    }

    /**
     * Called when an attempt got no answer (connection failure, timeout, reset).
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
     * Called once per API call ({@code gen_video}, {@code get_status}) when it ends, after its last attempt:
     * retries and their delays are over. {@link Attempt#failure()} is what the call failed with (empty when
     * it succeeded; a {@link TransportException} with reason {@code CANCELLED} when the caller cancelled it, a
     * {@link cn.scenext.api.exception.ClientClosedException} when the client closed),
     * {@link Attempt#number()} how many attempts it made (0 when it ended before the first),
     * {@link Attempt#callElapsed()} how long it took in all. Called before the call returns or its future
     * completes, except when the caller cancelled it or the client closed, which come first. Not called for
     * downloads, whose attempts {@link #onAttemptEnd} reports.
     *
     * @param lastAttempt the call's last attempt, carrying the call's result
     */
    default void onCallEnd(Attempt lastAttempt) {
    }
}
