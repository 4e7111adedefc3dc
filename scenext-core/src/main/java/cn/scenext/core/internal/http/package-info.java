/**
 * The call engine: {@link cn.scenext.core.internal.http.HttpPipeline} sends an API call through the transport,
 * reads its response within the size cap, decodes the envelope, maps errors and retries.
 *
 * <p><b>Internal:</b> no compatibility promise; only the project's own modules use it.
 */
package cn.scenext.core.internal.http;
