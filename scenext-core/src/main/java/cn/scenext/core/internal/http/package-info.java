/**
 * The call engine: {@link cn.scenext.core.internal.http.HttpPipeline} runs the call loop (sync and async) and
 * delegates each job to a part of its own: request preparation (credentials to the API's origin only, default
 * headers), interceptor notification, the capped body reader, the envelope decoder and the retry rules.
 * {@link cn.scenext.core.internal.http.FailureClassifier} is the one rule for which failures are temporary,
 * shared with downloads and waits.
 *
 * <p><b>Internal:</b> no compatibility promise; only the project's own modules use it.
 */
package cn.scenext.core.internal.http;
