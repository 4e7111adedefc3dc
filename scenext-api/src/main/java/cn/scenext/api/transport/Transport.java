package cn.scenext.api.transport;

import cn.scenext.api.exception.TransportException;
import java.util.concurrent.CompletableFuture;

/**
 * Moves HTTP requests and responses, and nothing else: no JSON, no retries, no authentication, no redirects.
 * Everything the Scenext API means lives in the client, so every transport behaves the same. Implementations
 * are thread-safe and shared by all calls of one client.
 *
 * <p>The contract, proven for each implementation by {@code scenext-transport-tck}:
 * <ul>
 *   <li>Every status is returned as a response, never thrown: 4xx and 5xx are responses too.</li>
 *   <li>Every I/O failure is a {@link TransportException} whose {@link TransportException.Reason} says
 *       whether the request may have reached the server.</li>
 *   <li>Redirects are returned, not followed.</li>
 *   <li>Every exchange ends within its call timeout ({@link HttpRequest#timeout()}, else
 *       {@link TransportOptions#callTimeout()}), late headers and trickling bodies alike:
 *       {@link TransportException.Reason#CALL_TIMEOUT}.</li>
 *   <li>No body held in memory exceeds {@link TransportOptions#maxBufferedBodyBytes()}, announced or as it
 *       arrives: {@link cn.scenext.api.exception.ResponseTooLargeException}, the connection released, the
 *       transport usable.</li>
 * </ul>
 */
public interface Transport extends AutoCloseable {

    /**
     * Sends a request and waits for the response's status and headers. The body streams from the connection:
     * close the response when done with it.
     *
     * @param request the request
     * @return the response, whatever its status
     * @throws TransportException when the exchange fails
     */
    HttpResponse execute(HttpRequest request);

    /**
     * Sends a request without blocking the caller. The future completes on the transport's own threads,
     * with the body read fully into memory (up to {@link TransportOptions#maxBufferedBodyBytes()}), or
     * exceptionally with a {@link TransportException}. Cancelling the future aborts the exchange.
     *
     * @param request the request
     * @return the response to come, whatever its status
     */
    CompletableFuture<HttpResponse> executeAsync(HttpRequest request);

    /**
     * The transport's name, as its provider declares it.
     *
     * @return e.g. {@code okhttp}
     */
    String name();

    /**
     * Releases the transport's threads and connections. Calls in flight may fail. Idempotent.
     */
    @Override
    void close();
}
