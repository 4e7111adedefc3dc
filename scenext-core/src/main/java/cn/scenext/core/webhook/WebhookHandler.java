package cn.scenext.core.webhook;

import cn.scenext.api.exception.TransportException;
import cn.scenext.api.exception.WebhookVerificationException;
import cn.scenext.api.exception.WebhookVerificationException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives webhook deliveries in any HTTP server: verifies each one, drops repeats, hands each new event to the
 * listeners once, and says which HTTP status to answer with. It depends on no web framework.
 *
 * <p>The JDK's own server:
 * <pre>{@code
 * WebhookHandler handler = WebhookHandler.builder(WebhookVerifier.of(apiKey))
 *         .onEvent(event -> System.out.println(event.taskId() + " is " + event.state()))
 *         .build();
 * HttpServer server = HttpServer.create(new InetSocketAddress(8080), 0);
 * server.createContext("/scenext/webhook", exchange -> {
 *     WebhookResponse r = handler.handle(exchange.getRequestHeaders(), exchange.getRequestBody());
 *     exchange.sendResponseHeaders(r.statusCode(), -1);
 *     exchange.close();
 * });
 * server.start();
 * }</pre>
 *
 * <p>A Servlet:
 * <pre>{@code
 * protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
 *     WebhookResponse r = handler.handle(request::getHeader, request.getInputStream());
 *     response.setStatus(r.statusCode());
 * }
 * }</pre>
 *
 * <p>A Spring {@code @RestController}:
 * <pre>{@code
 * @PostMapping("/scenext/webhook")
 * public ResponseEntity<String> receive(@RequestHeader(name = "X-Signature", required = false) String signature,
 *                                       @RequestBody byte[] body) {
 *     WebhookResponse r = handler.handle(signature, body);
 *     return ResponseEntity.status(r.statusCode()).body(r.message());
 * }
 * }</pre>
 *
 * <p>To end a client's waits as their webhooks arrive, build the handler from the client:
 * {@code client.webhooks().handler(verifier)} (see {@link ClientWebhooks}).
 *
 * <p>A listener that throws (an {@link Error} such as an {@link AssertionError} included) makes the response a
 * 500 and the event is forgotten by the deduplicator, so that the service's next delivery of it is handled as
 * new; a {@link VirtualMachineError} is rethrown after that. A copy of an event that arrives while the first
 * copy is still in the listeners (of this handler) waits for it and is answered as it was: 200 when the
 * listeners succeeded, 500 when they failed. Listeners run on the caller's thread; keep them short or hand the
 * event on. Thread-safe.
 */
public final class WebhookHandler {
    /** The header that carries the signature. */
    public static final String SIGNATURE_HEADER = "X-Signature";

    private static final Logger LOG = LoggerFactory.getLogger(WebhookHandler.class);
    private static final int READ_CHUNK = 8192;
    /** The largest array length every JVM allocates. */
    private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    private final WebhookVerifier verifier;
    private final WebhookDeduplicator deduplicator;
    private final List<Consumer<? super WebhookEvent>> listeners;
    private final List<WebhookObserver> observers;
    /** The events whose first copy is in the listeners now, with what its duplicates wait on. */
    private final ConcurrentHashMap<WebhookEvent.Key, InFlight> inFlight = new ConcurrentHashMap<>();
    private final AtomicInteger copiesWaiting = new AtomicInteger();

    private WebhookHandler(Builder b) {
        this.verifier = b.verifier;
        this.deduplicator = b.deduplicator;
        this.listeners = Collections.unmodifiableList(new ArrayList<>(b.listeners));
        this.observers = Collections.unmodifiableList(new ArrayList<>(b.observers));
    }

    /**
     * Starts a handler.
     *
     * @param verifier checks signatures and timestamps
     * @return a builder
     */
    public static Builder builder(WebhookVerifier verifier) {
        return new Builder(verifier);
    }

    /**
     * Handles a delivery.
     *
     * @param signature the {@value #SIGNATURE_HEADER} header's value, or {@code null} when there was none
     * @param body the request body exactly as received
     * @return what to answer
     */
    public WebhookResponse handle(String signature, byte[] body) {
        return observed(verifyAndDispatch(signature, body));
    }

    private WebhookResponse verifyAndDispatch(String signature, byte[] body) {
        WebhookEvent event;
        try {
            event = verifier.verify(body, signature);
        } catch (WebhookVerificationException e) {
            return rejected(e);
        }
        return dispatch(event);
    }

    /**
     * Handles a delivery.
     *
     * @param headers looks up a request header by name, case-insensitively (e.g. {@code request::getHeader}),
     *     giving {@code null} when it is absent
     * @param body the request body exactly as received
     * @return what to answer
     */
    public WebhookResponse handle(Function<String, String> headers, byte[] body) {
        return handle(headers.apply(SIGNATURE_HEADER), body);
    }

    /**
     * Handles a delivery.
     *
     * @param headers the request headers; names are matched case-insensitively
     * @param body the request body exactly as received
     * @return what to answer
     */
    public WebhookResponse handle(Map<String, ? extends List<String>> headers, byte[] body) {
        return handle(header(headers, SIGNATURE_HEADER), body);
    }

    /**
     * Handles a delivery, reading the body from a stream, at most one byte more than the verifier accepts (a
     * {@code Content-Length} over the limit is answered 413 unread). The stream is not closed.
     *
     * @param headers looks up a request header by name, case-insensitively (e.g. {@code request::getHeader}),
     *     giving {@code null} when it is absent
     * @param body the request body
     * @return what to answer
     * @throws TransportException when reading the body fails
     */
    public WebhookResponse handle(Function<String, String> headers, InputStream body) {
        String signature = headers.apply(SIGNATURE_HEADER);
        if (signature == null || signature.trim().isEmpty()) {
            return handle(signature, new byte[0]);
        }
        if (declaredLength(headers.apply("Content-Length")) > verifier.maxBodyBytes()) {
            return observed(rejected(tooLarge()));
        }
        byte[] bytes = readAtMost(body, verifier.maxBodyBytes());
        return bytes == null ? observed(rejected(tooLarge())) : handle(signature, bytes);
    }

    /** Tells the observers what a delivery came to; whatever they throw is logged and ignored. */
    private WebhookResponse observed(WebhookResponse response) {
        for (WebhookObserver observer : observers) {
            try {
                observer.onDelivery(response);
            } catch (Throwable e) { // Errors too: an observer never changes the delivery's response
                LOG.warn("Webhook observer {} failed; ignored: {}", observer.getClass().getName(), String.valueOf(e));
            }
        }
        return response;
    }

    /**
     * Handles a delivery, reading the body from a stream, as {@link #handle(Function, InputStream)} does.
     *
     * @param headers the request headers; names are matched case-insensitively
     * @param body the request body
     * @return what to answer
     * @throws TransportException when reading the body fails
     */
    public WebhookResponse handle(Map<String, ? extends List<String>> headers, InputStream body) {
        return handle(name -> header(headers, name), body);
    }

    private WebhookResponse dispatch(WebhookEvent event) {
        WebhookEvent.Key key = event.key();
        if (deduplicator == NoDeduplicator.INSTANCE) {
            return act(event, key);
        }
        InFlight mine = new InFlight();
        InFlight first = inFlight.putIfAbsent(key, mine);
        if (first != null) {
            // A listener handing the same event to this handler again must not wait for itself.
            return first.owner == Thread.currentThread() ? WebhookResponse.duplicate(event)
                    : first.awaitOutcomeFor(event);
        }
        WebhookResponse response = null;
        try {
            response = act(event, key);
            return response;
        } finally {
            inFlight.remove(key, mine);
            mine.complete(response); // null when an Error escaped: the copies waiting answer 500
        }
    }

    /** Asks the deduplicator, then runs the listeners; whatever they throw becomes a 500 and a forgotten event. */
    private WebhookResponse act(WebhookEvent event, WebhookEvent.Key key) {
        try {
            if (!deduplicator.firstDelivery(key)) {
                LOG.debug("Webhook event {} was delivered again; acknowledged without acting on it", key);
                return WebhookResponse.duplicate(event);
            }
        } catch (RuntimeException e) {
            LOG.warn("The webhook deduplicator failed for event {}; answering 500 so that it is delivered again",
                    key, e);
            return WebhookResponse.failed(event, e);
        }
        try {
            for (Consumer<? super WebhookEvent> listener : listeners) {
                listener.accept(event);
            }
        } catch (Throwable e) { // Errors too: an AssertionError in a listener must not keep the event as handled
            forgetQuietly(key);
            if (e instanceof VirtualMachineError) {
                throw (VirtualMachineError) e; // forgotten, and the copies waiting answer 500; the JVM's to handle
            }
            LOG.warn("A webhook listener failed for event {}; answering 500 so that it is delivered again", key, e);
            return WebhookResponse.failed(event, e);
        }
        return WebhookResponse.accepted(event);
    }

    /** How many copies of events wait for their first copy's listeners now; for tests. */
    int copiesWaiting() {
        return copiesWaiting.get();
    }

    private void forgetQuietly(WebhookEvent.Key key) {
        try {
            deduplicator.forget(key);
        } catch (RuntimeException e) {
            LOG.warn("The webhook deduplicator could not forget event {}; its next delivery may be taken for a"
                    + " repeat", key, e);
        }
    }

    private static WebhookResponse rejected(WebhookVerificationException e) {
        LOG.debug("Webhook delivery rejected ({}): {}", e.reason(), e.getMessage());
        return WebhookResponse.rejected(e);
    }

    private WebhookVerificationException tooLarge() {
        return new WebhookVerificationException(Reason.BODY_TOO_LARGE, "The webhook body has more than the "
                + verifier.maxBodyBytes() + " bytes this verifier accepts.");
    }

    private static String header(Map<String, ? extends List<String>> headers, String name) {
        for (Map.Entry<String, ? extends List<String>> e : headers.entrySet()) {
            if (name.equalsIgnoreCase(e.getKey()) && e.getValue() != null) {
                for (String value : e.getValue()) {
                    if (value != null) {
                        return value;
                    }
                }
            }
        }
        return null;
    }

    private static long declaredLength(String contentLength) {
        if (contentLength == null) {
            return -1;
        }
        try {
            return Long.parseLong(contentLength.trim());
        } catch (NumberFormatException e) {
            return -1; // let the body itself decide
        }
    }

    /**
     * The stream's bytes, or {@code null} when there are more than {@code max}. Sizes are computed in
     * {@code long}, so that a limit of {@link Integer#MAX_VALUE} neither overflows nor allocates more than the
     * bytes read so far (and at most the largest array a JVM gives).
     */
    static byte[] readAtMost(InputStream in, int max) {
        byte[] buf = new byte[(int) Math.min(READ_CHUNK, max + 1L)];
        int size = 0;
        try {
            while (true) {
                if (size == buf.length) {
                    if (size > max) {
                        return null;
                    }
                    long grown = Math.min(Math.min(max + 1L, MAX_ARRAY), buf.length * 2L);
                    if (grown <= size) { // the limit is beyond the largest array: one byte more is too many
                        return in.read() < 0 ? buf : null;
                    }
                    buf = Arrays.copyOf(buf, (int) grown);
                }
                int n = in.read(buf, size, buf.length - size);
                if (n < 0) {
                    break;
                }
                size += n;
            }
        } catch (IOException e) {
            throw new TransportException(TransportException.Reason.IO_ERROR,
                    "Reading the webhook request body failed: " + e.getMessage(), e);
        }
        return size > max ? null : Arrays.copyOf(buf, size);
    }

    @Override
    public String toString() {
        return "WebhookHandler{" + verifier + ", " + deduplicator + ", listeners=" + listeners.size() + '}';
    }

    /** The first copy of an event while its listeners run: the copies that arrive meanwhile wait for its outcome. */
    private final class InFlight {
        private final CountDownLatch done = new CountDownLatch(1);
        private final Thread owner = Thread.currentThread();
        private volatile WebhookResponse outcome;

        void complete(WebhookResponse response) {
            outcome = response;
            done.countDown();
        }

        /** The first copy's outcome, as the response to a copy of it. */
        WebhookResponse awaitOutcomeFor(WebhookEvent copy) {
            copiesWaiting.incrementAndGet();
            try {
                done.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return WebhookResponse.failed(copy, new IllegalStateException("Interrupted while the first delivery"
                        + " of webhook event " + copy.key() + " was being handled; answering 500 so that it is"
                        + " delivered again", e));
            } finally {
                copiesWaiting.decrementAndGet();
            }
            WebhookResponse first = outcome;
            if (first == null) {
                return WebhookResponse.failed(copy, new IllegalStateException("The first delivery of webhook event "
                        + copy.key() + " ended in an error; answering 500 so that it is delivered again"));
            }
            switch (first.outcome()) {
                case ACCEPTED:
                case DUPLICATE:
                    LOG.debug("Webhook event {} was delivered again while its first delivery was being handled;"
                            + " acknowledged as that one was", copy.key());
                    return WebhookResponse.duplicate(copy);
                default:
                    return WebhookResponse.failed(copy, first.failure().orElseGet(() -> new IllegalStateException(
                            "The first delivery of webhook event " + copy.key() + " failed")));
            }
        }
    }

    /** Builds a {@link WebhookHandler}. Not thread-safe. */
    public static final class Builder {
        private final WebhookVerifier verifier;
        private WebhookDeduplicator deduplicator = WebhookDeduplicator.inMemory();
        private final List<Consumer<? super WebhookEvent>> listeners = new ArrayList<>();
        private final List<WebhookObserver> observers = new ArrayList<>();

        private Builder(WebhookVerifier verifier) {
            this.verifier = Objects.requireNonNull(verifier, "verifier");
        }

        /**
         * Sets what remembers handled events (default: {@link WebhookDeduplicator#inMemory()}). Use a shared
         * store when several processes receive the webhooks.
         *
         * @param deduplicator the deduplicator
         * @return this builder
         */
        public Builder deduplicator(WebhookDeduplicator deduplicator) {
            this.deduplicator = Objects.requireNonNull(deduplicator, "deduplicator");
            return this;
        }

        /**
         * Adds a listener, called once for each new verified event, after the listeners added before it.
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder onEvent(Consumer<? super WebhookEvent> listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * Adds an observer, told of every delivery's outcome (accepted, duplicate, rejected, failed), after
         * the observers added before it.
         *
         * @param observer the observer
         * @return this builder
         */
        public Builder addObserver(WebhookObserver observer) {
            observers.add(Objects.requireNonNull(observer, "observer"));
            return this;
        }

        /**
         * Builds the handler.
         *
         * @return the handler
         */
        public WebhookHandler build() {
            return new WebhookHandler(this);
        }
    }
}
