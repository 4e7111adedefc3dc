package cn.scenext.core.webhook;

/** {@link WebhookDeduplicator#none()}: every delivery is a first one. */
enum NoDeduplicator implements WebhookDeduplicator {
    INSTANCE;

    @Override
    public boolean firstDelivery(WebhookEvent.Key key) {
        return true;
    }

    @Override
    public void forget(WebhookEvent.Key key) {
        // nothing remembered, nothing to forget
    }

    @Override
    public String toString() {
        return "WebhookDeduplicator.none()";
    }
}
