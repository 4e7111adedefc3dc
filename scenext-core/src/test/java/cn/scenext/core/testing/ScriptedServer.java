package cn.scenext.core.testing;

import cn.scenext.testsupport.server.MockResponse;
import cn.scenext.testsupport.server.MockServer;
import cn.scenext.testsupport.server.RecordedRequest;
import cn.scenext.testsupport.server.RoutingDispatcher;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The shared loopback {@link MockServer} set up for the API's scripts: each GET of a path gets the next response
 * of its script, the last one repeating, so a task can move from IN_PROGRESS with growing frames to its end. Other
 * routes via {@link #on}; a request no route matches gets a 404. The log records each request before its
 * response is sent, so a count taken after a response was seen is exact.
 */
public final class ScriptedServer implements AutoCloseable {
    private final MockServer server = MockServer.start();
    private final RoutingDispatcher routes = server.route();

    /**
     * The server's base URL.
     *
     * @return e.g. {@code http://127.0.0.1:40123}
     */
    public String baseUrl() {
        return server.baseUrl();
    }

    /**
     * The underlying server, for its request log.
     *
     * @return the server
     */
    public MockServer server() {
        return server;
    }

    /**
     * Scripts the responses to GETs of a path (its query aside); replaces an earlier script of the path.
     *
     * @param path e.g. {@code /api/get_status/12345}
     * @param steps the responses in order; the last repeats
     */
    public void script(String path, MockResponse... steps) {
        routes.on("GET", path, steps);
    }

    /**
     * Scripts the responses to the requests a predicate matches; the newest matching route wins.
     *
     * @param matcher which requests, e.g. {@code r -> r.path().startsWith("/Video/")}
     * @param steps the responses in order; the last repeats
     * @return this server
     */
    public ScriptedServer on(Predicate<RecordedRequest> matcher, MockResponse... steps) {
        routes.on(matcher, steps);
        return this;
    }

    /**
     * The GETs received for a path (its query aside).
     *
     * @param path the path
     * @return the requests, in order
     */
    public List<RecordedRequest> gets(String path) {
        return server.requests("GET", path);
    }

    /**
     * Waits until some number of GETs of a path were received: the client may send a request on another thread
     * after the call that caused it returned (virtual time included).
     *
     * @param path the path
     * @param count how many
     * @return the GETs of the path so far
     * @throws AssertionError when they do not come within a minute (a hang guard, not a measure)
     */
    public List<RecordedRequest> awaitGets(String path, int count) {
        try {
            if (!server.awaitRequests(r -> r.method().equals("GET") && r.path().equals(path), count, 60,
                    TimeUnit.SECONDS)) {
                throw new AssertionError("expected " + count + " GETs of " + path + ", got " + gets(path).size());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for GETs of " + path, e);
        }
        return gets(path);
    }

    /**
     * Every request received.
     *
     * @return the requests, in order
     */
    public List<RecordedRequest> requests() {
        return server.requests();
    }

    /**
     * A JSON response.
     *
     * @param status the HTTP status
     * @param body the JSON
     * @return the response
     */
    public static MockResponse json(int status, String body) {
        return MockResponse.json(status, body);
    }

    /**
     * A 200 JSON response.
     *
     * @param body the JSON
     * @return the response
     */
    public static MockResponse ok(String body) {
        return MockResponse.ok(body);
    }

    /**
     * A connection reset instead of a response.
     *
     * @return the fault
     */
    public static MockResponse reset() {
        return MockResponse.fault(MockResponse.Fault.RESET);
    }

    @Override
    public void close() {
        server.close();
    }
}
