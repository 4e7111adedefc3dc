package cn.scenext.testsupport.server;

import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Answers requests with queued responses in order, whatever their path; when the queue is empty, with a
 * fallback response (by default a 500 naming the request, so a test that under-scripted fails loudly instead of
 * hanging).
 */
public final class QueueDispatcher implements Dispatcher {
    private final ConcurrentLinkedQueue<MockResponse> queue = new ConcurrentLinkedQueue<>();
    private volatile MockResponse fallback;

    /**
     * Adds a response to the end of the queue.
     *
     * @param response the response
     */
    public void enqueue(MockResponse response) {
        queue.add(Objects.requireNonNull(response, "response"));
    }

    /**
     * Sets what an empty queue answers, instead of the default 500.
     *
     * @param response the response, or {@code null} for the default
     */
    public void fallback(MockResponse response) {
        this.fallback = response;
    }

    /**
     * How many responses are still queued.
     *
     * @return the count
     */
    public int queued() {
        return queue.size();
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        MockResponse next = queue.poll();
        if (next != null) {
            return next;
        }
        MockResponse f = fallback;
        return f != null ? f : unscripted(request);
    }

    static MockResponse unscripted(RecordedRequest request) {
        return MockResponse.status(500).withHeader("Content-Type", "text/plain")
                .withBody("MockServer: no response scripted for " + request.method() + " " + request.target());
    }
}
