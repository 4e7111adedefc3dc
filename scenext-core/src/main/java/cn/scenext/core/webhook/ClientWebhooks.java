package cn.scenext.core.webhook;

import cn.scenext.core.internal.poll.TaskWaiter;
import cn.scenext.core.poll.WaitOptions;
import cn.scenext.core.poll.WaitUpdate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Ends a client's waits from webhooks: a verified event handed in here reaches every wait for its task at once,
 * and a terminal one ends them, with no status request. Polling stays on as the safety net for webhooks that
 * never come. Get it from {@code ScenextClient.webhooks()}; thread-safe.
 *
 * <pre>{@code
 * WebhookHandler handler = client.webhooks().handler(WebhookVerifier.of(apiKey));   // verifies, then accepts
 * server.createContext("/scenext/webhook", exchange -> {
 *     WebhookResponse r = handler.handle(exchange.getRequestHeaders(), exchange.getRequestBody());
 *     exchange.sendResponseHeaders(r.statusCode(), -1);
 *     exchange.close();
 * });
 * TaskStatus done = client.waitForCompletion(taskId);   // ends the moment the task's webhook arrives
 * }</pre>
 *
 * <p>What a wait does with an event: it tells its {@link cn.scenext.core.poll.ProgressListener} the event's
 * new frames (each once, in order, as for a polled status) and its change of state; when the event is
 * terminal it cancels its next poll, aborts or ignores the poll in flight, and completes its future with the
 * event's status ({@link cn.scenext.api.exception.TaskFailedException} for {@code FAILED}, unless the wait's
 * options say not to throw). An event lacks the credits consumed, the title and the task's times; a wait whose
 * options set {@link WaitOptions.Builder#refreshStatusOnWebhook(boolean)} reads the status once to end with
 * those. Events sent before the latest one a wait took in, repeats, and progress after the end change nothing.
 *
 * <p>A terminal event for a task nobody waits on yet is kept for a short while (by default the latest
 * {@value #DEFAULT_KEPT_EVENTS} such events, each for {@link #DEFAULT_KEPT_FOR}, aged on the client's
 * {@code Clock}; see {@code ScenextClient.Builder.recentWebhookEvents}), so that a wait started just after its
 * task's webhook arrived still ends at once.
 */
public final class ClientWebhooks {
    /** How many terminal events a client keeps for waits not started yet, unless told otherwise. */
    public static final int DEFAULT_KEPT_EVENTS = 1000;
    /** How long a client keeps each such event, unless told otherwise: the verifier's default tolerance. */
    public static final Duration DEFAULT_KEPT_FOR = WebhookVerifier.DEFAULT_TOLERANCE;

    private final TaskWaiter waiter;
    private final List<WebhookObserver> observers;

    private ClientWebhooks(TaskWaiter waiter, List<WebhookObserver> observers) {
        this.waiter = Objects.requireNonNull(waiter, "waiter");
        this.observers = Collections.unmodifiableList(new ArrayList<>(observers));
    }

    /**
     * The webhooks of a client's waits. Applications use {@code ScenextClient.webhooks()} instead.
     *
     * @param waiter the client's wait engine
     * @return the webhooks
     */
    public static ClientWebhooks of(TaskWaiter waiter) {
        return of(waiter, Collections.<WebhookObserver>emptyList());
    }

    /**
     * The webhooks of a client's waits, with observers every handler built here reports to. Applications use
     * {@code ScenextClient.webhooks()} instead.
     *
     * @param waiter the client's wait engine
     * @param observers added to every handler from {@link #handler} and {@link #handlerBuilder}
     * @return the webhooks
     */
    public static ClientWebhooks of(TaskWaiter waiter, List<WebhookObserver> observers) {
        return new ClientWebhooks(waiter, observers);
    }

    /**
     * Hands the client a verified event. This method trusts its argument: give it only events returned by a
     * {@link WebhookVerifier} (or a {@link WebhookHandler}), never ones built from an unverified body, which
     * would let anyone end your waits.
     *
     * @param event the verified event
     * @return what it did: {@link WaitUpdate#ENDED} when it ended a wait for its task,
     *     {@link WaitUpdate#UPDATED} when a wait took its progress in, {@link WaitUpdate#KEPT} when no wait
     *     follows the task yet and the event is kept for one, {@link WaitUpdate#IGNORED} otherwise
     */
    public WaitUpdate accept(WebhookEvent event) {
        Objects.requireNonNull(event, "event");
        return waiter.offer(event.toTaskStatus(), event.timestamp());
    }

    /**
     * A handler that verifies each delivery, drops repeats with {@link WebhookDeduplicator#inMemory()}, and
     * hands each new event to {@link #accept(WebhookEvent)}.
     *
     * @param verifier checks signatures and timestamps
     * @return the handler
     */
    public WebhookHandler handler(WebhookVerifier verifier) {
        return handlerBuilder(verifier).build();
    }

    /**
     * A handler builder whose first listener is {@link #accept(WebhookEvent)}: add a deduplicator or listeners
     * of your own before building it.
     *
     * @param verifier checks signatures and timestamps
     * @return the builder
     */
    public WebhookHandler.Builder handlerBuilder(WebhookVerifier verifier) {
        WebhookHandler.Builder builder = WebhookHandler.builder(verifier).onEvent(this::accept);
        for (WebhookObserver observer : observers) {
            builder.addObserver(observer);
        }
        return builder;
    }

    @Override
    public String toString() {
        return "ClientWebhooks{activeWaits=" + waiter.activeWaits() + '}';
    }
}
