package cn.scenext.core.internal.poll;

import cn.scenext.core.poll.WaitUpdate;
import cn.scenext.core.webhook.ClientWebhooks;
import cn.scenext.core.webhook.WebhookEvent;
import cn.scenext.core.webhook.WebhookHandler;
import cn.scenext.core.webhook.WebhookObserver;
import cn.scenext.core.webhook.WebhookVerifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The {@link ClientWebhooks} of a client: each verified event goes to the client's {@link TaskWaiter}, and every
 * handler built here reports its deliveries to the client's {@link WebhookObserver}s.
 */
public final class WaiterWebhooks implements ClientWebhooks {
    private final TaskWaiter waiter;
    private final List<WebhookObserver> observers;

    /**
     * The webhooks of a client's waits.
     *
     * @param waiter the client's wait engine
     * @param observers added to every handler from {@link #handler} and {@link #handlerBuilder}
     */
    public WaiterWebhooks(TaskWaiter waiter, List<WebhookObserver> observers) {
        this.waiter = Objects.requireNonNull(waiter, "waiter");
        this.observers = Collections.unmodifiableList(new ArrayList<>(observers));
    }

    @Override
    public WaitUpdate accept(WebhookEvent event) {
        Objects.requireNonNull(event, "event");
        return waiter.offer(event.toTaskStatus(), event.timestamp());
    }

    @Override
    public WebhookHandler.Builder handlerBuilder(WebhookVerifier verifier) {
        WebhookHandler.Builder builder = ClientWebhooks.super.handlerBuilder(verifier);
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
