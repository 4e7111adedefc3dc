package cn.scenext.core.webhook;

/**
 * Sees every delivery a {@link WebhookHandler} handled and what it made of it, for metrics: accepted,
 * duplicate, rejected (with {@link WebhookResponse#rejection()}'s reason) or failed. Register one on a handler's
 * builder ({@link WebhookHandler.Builder#addObserver}) or, for every handler the client builds through
 * {@code client.webhooks()}, with {@code ScenextClient.Builder.addWebhookObserver(...)}.
 *
 * <p>Called once per delivery, on the thread that handled it, after the handler's listeners and before
 * {@code handle} returns. Keep it quick and thread-safe. Anything it throws, {@link Error}s included, is logged
 * (WARN) and ignored: the delivery's response stays as it was.
 */
@FunctionalInterface
public interface WebhookObserver {

    /**
     * Called with what a delivery came to.
     *
     * @param response the handler's response to the delivery
     */
    void onDelivery(WebhookResponse response);
}
