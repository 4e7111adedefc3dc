package cn.scenext.testsupport.server;

/**
 * Chooses the response to each request a {@link MockServer} receives. Called on the connection's thread, after
 * the request was recorded; may be called for several connections at once, so implementations are thread-safe.
 * {@link QueueDispatcher} (the default) answers in order; {@link RoutingDispatcher} by method and path.
 */
@FunctionalInterface
public interface Dispatcher {
    /**
     * The response to a request.
     *
     * @param request the request, already in the server's log
     * @return the response to send
     * @throws InterruptedException when the server closes while the dispatcher waits
     */
    MockResponse dispatch(RecordedRequest request) throws InterruptedException;
}
