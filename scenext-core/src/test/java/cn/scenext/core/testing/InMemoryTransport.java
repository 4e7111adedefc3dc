package cn.scenext.core.testing;

import cn.scenext.api.exception.TransportException;
import cn.scenext.api.transport.HttpHeaders;
import cn.scenext.api.transport.HttpRequest;
import cn.scenext.api.transport.HttpResponse;
import cn.scenext.api.transport.ResponseBody;
import cn.scenext.api.transport.Transport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * A {@link Transport} with no network at all, for unit tests of the engine's parts: each request takes the next
 * scripted step (a response or a failure), in order, on the caller's thread; {@link #executeAsync} completes
 * before it returns (the synchronous twin's behaviour, through the asynchronous path). Records every request as
 * it was sent. With no step left, a request fails the test with an {@link AssertionError}. Thread-safe.
 */
public final class InMemoryTransport implements Transport {
    private final Deque<Function<HttpRequest, HttpResponse>> steps = new ArrayDeque<>();
    private final List<HttpRequest> requests = new ArrayList<>();

    /**
     * Queues a response with a JSON body.
     *
     * @param status the HTTP status
     * @param json the body
     * @return this transport
     */
    public InMemoryTransport respond(int status, String json) {
        return respond(status, HttpHeaders.empty(), json);
    }

    /**
     * Queues a response with headers and a body.
     *
     * @param status the HTTP status
     * @param headers the headers
     * @param body the body, as UTF-8
     * @return this transport
     */
    public InMemoryTransport respond(int status, HttpHeaders headers, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return then(r -> HttpResponse.of(status, headers, ResponseBody.of(bytes)));
    }

    /**
     * Queues a failure of the exchange.
     *
     * @param failure what the transport throws (or completes the future with)
     * @return this transport
     */
    public InMemoryTransport fail(RuntimeException failure) {
        return then(r -> {
            throw failure;
        });
    }

    /**
     * Queues a connection that could not be made (nothing sent).
     *
     * @return this transport
     */
    public InMemoryTransport refuseConnection() {
        return fail(new TransportException(TransportException.Reason.CONNECT_FAILED, "refused", null));
    }

    /**
     * Queues any step.
     *
     * @param step makes the response of one request, or throws
     * @return this transport
     */
    public synchronized InMemoryTransport then(Function<HttpRequest, HttpResponse> step) {
        steps.add(step);
        return this;
    }

    /**
     * The requests sent so far, in order.
     *
     * @return a copy
     */
    public synchronized List<HttpRequest> requests() {
        return Collections.unmodifiableList(new ArrayList<>(requests));
    }

    /**
     * How many steps are left.
     *
     * @return the number
     */
    public synchronized int remaining() {
        return steps.size();
    }

    private synchronized Function<HttpRequest, HttpResponse> next(HttpRequest request) {
        requests.add(request);
        Function<HttpRequest, HttpResponse> step = steps.poll();
        if (step == null) {
            throw new AssertionError("No scripted response left for " + request.method() + " " + request.uri());
        }
        return step;
    }

    @Override
    public HttpResponse execute(HttpRequest request) {
        return next(request).apply(request);
    }

    @Override
    public CompletableFuture<HttpResponse> executeAsync(HttpRequest request) {
        CompletableFuture<HttpResponse> f = new CompletableFuture<>();
        try {
            HttpResponse r = next(request).apply(request);
            r.body().bytes(); // buffered, as the contract asks of asynchronous bodies
            f.complete(r);
        } catch (IOException e) {
            f.completeExceptionally(new TransportException(TransportException.Reason.IO_ERROR, e.toString(), e));
        } catch (RuntimeException e) {
            f.completeExceptionally(e);
        }
        return f;
    }

    @Override
    public String name() {
        return "in-memory";
    }

    @Override
    public void close() {
    }
}
