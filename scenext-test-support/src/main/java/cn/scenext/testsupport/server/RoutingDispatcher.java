package cn.scenext.testsupport.server;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Answers by what a request asks for: each route matches requests (by method and path, or any predicate) and
 * answers with its script of responses in order, the last repeating, so a task can move from
 * {@code IN_PROGRESS} to its end. The route added last wins where several match (as with WireMock's stubs), so a
 * test can override a default. A request no route matches gets a 404 naming it.
 *
 * <pre>{@code
 * RoutingDispatcher routes = new RoutingDispatcher();
 * routes.on("GET", "/api/get_status/1", MockResponse.ok(inProgress), MockResponse.ok(completed));
 * routes.on(r -> r.path().startsWith("/Video/"), MockResponse.status(403));
 * server.dispatcher(routes);
 * }</pre>
 */
public final class RoutingDispatcher implements Dispatcher {
    /** One route: what it matches and what answers. */
    private static final class Route {
        final Predicate<RecordedRequest> matcher;
        final Dispatcher responder;

        Route(Predicate<RecordedRequest> matcher, Dispatcher responder) {
            this.matcher = matcher;
            this.responder = responder;
        }
    }

    /** Responses in order, the last repeating. */
    private static final class Script implements Dispatcher {
        private final List<MockResponse> responses;
        private int next;

        Script(List<MockResponse> responses) {
            this.responses = responses;
        }

        @Override
        public synchronized MockResponse dispatch(RecordedRequest request) {
            MockResponse r = responses.get(Math.min(next, responses.size() - 1));
            next++;
            return r;
        }
    }

    private final List<Route> routes = new ArrayList<>();

    /**
     * Routes requests of one method and path (the path without its query).
     *
     * @param method e.g. {@code GET}
     * @param path e.g. {@code /api/get_status/1}
     * @param script the responses in order, the last repeating; one or more
     * @return this dispatcher
     */
    public RoutingDispatcher on(String method, String path, MockResponse... script) {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        return on(r -> r.method().equalsIgnoreCase(method) && r.path().equals(path), script);
    }

    /**
     * Routes the requests a predicate matches.
     *
     * @param matcher which requests
     * @param script the responses in order, the last repeating; one or more
     * @return this dispatcher
     */
    public RoutingDispatcher on(Predicate<RecordedRequest> matcher, MockResponse... script) {
        Objects.requireNonNull(matcher, "matcher");
        if (script.length == 0) {
            throw new IllegalArgumentException("a route needs at least one response");
        }
        for (MockResponse r : script) {
            Objects.requireNonNull(r, "a scripted response");
        }
        synchronized (routes) {
            routes.add(new Route(matcher, new Script(new ArrayList<>(Arrays.asList(script)))));
        }
        return this;
    }

    /**
     * Routes the requests a predicate matches to a function of the request, for responses that depend on it
     * (a {@code Range}, an id in the path).
     *
     * @param matcher which requests
     * @param responder makes the response
     * @return this dispatcher
     */
    public RoutingDispatcher on(Predicate<RecordedRequest> matcher, Dispatcher responder) {
        Objects.requireNonNull(matcher, "matcher");
        Objects.requireNonNull(responder, "responder");
        synchronized (routes) {
            routes.add(new Route(matcher, responder));
        }
        return this;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        Route match = null;
        synchronized (routes) {
            for (int i = routes.size() - 1; i >= 0; i--) {
                if (routes.get(i).matcher.test(request)) {
                    match = routes.get(i);
                    break;
                }
            }
        }
        if (match == null) {
            return MockResponse.status(404).withHeader("Content-Type", "text/plain")
                    .withBody("MockServer: no route for " + request.method() + " " + request.target());
        }
        return match.responder.dispatch(request);
    }
}
