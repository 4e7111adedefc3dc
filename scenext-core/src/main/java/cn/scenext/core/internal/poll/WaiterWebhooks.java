package cn.scenext.core.internal.poll;

import cn.scenext.core.poll.WaitUpdate;
import cn.scenext.core.webhook.ClientWebhooks;
import cn.scenext.core.webhook.WebhookEvent;
import java.util.Objects;

/** The {@link ClientWebhooks} of a client: each verified event goes to the client's {@link TaskWaiter}. */
public final class WaiterWebhooks implements ClientWebhooks {
    private final TaskWaiter waiter;

    /**
     * The webhooks of a client's waits.
     *
     * @param waiter the client's wait engine
     */
    public WaiterWebhooks(TaskWaiter waiter) {
        this.waiter = Objects.requireNonNull(waiter, "waiter");
    }

    @Override
    public WaitUpdate accept(WebhookEvent event) {
        Objects.requireNonNull(event, "event");
        return waiter.offer(event.toTaskStatus(), event.timestamp());
    }

    @Override
    public String toString() {
        return "ClientWebhooks{activeWaits=" + waiter.activeWaits() + '}';
    }
}
