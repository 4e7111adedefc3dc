/**
 * Receiving Scenext webhooks: {@link cn.scenext.core.webhook.WebhookVerifier} checks a delivery's signature
 * (over Python's {@code json.dumps(payload, sort_keys=True)} form, rebuilt by
 * {@link cn.scenext.core.internal.canonical.CanonicalJson}) and timestamp and returns a
 * {@link cn.scenext.core.webhook.WebhookEvent}; {@link cn.scenext.core.webhook.WebhookDeduplicator} drops
 * repeated deliveries; {@link cn.scenext.core.webhook.WebhookHandler} puts both behind any HTTP server;
 * {@link cn.scenext.core.webhook.ClientWebhooks} ({@code client.webhooks()}) ends a client's waits as their
 * tasks' webhooks arrive.
 */
package cn.scenext.core.webhook;
