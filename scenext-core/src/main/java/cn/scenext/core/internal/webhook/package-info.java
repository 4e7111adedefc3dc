/**
 * The webhook engine behind {@link cn.scenext.core.webhook.WebhookVerifier}: HMAC keys, a pool of verifiers, and
 * the capture that reads an event's fields while its canonical form is written.
 *
 * <p><b>Internal:</b> no compatibility promise; only the project's own modules use it.
 */
package cn.scenext.core.internal.webhook;
