/**
 * What stands behind {@code ScenextClient} and its builder: the builder's settings with their checks
 * ({@link cn.scenext.core.internal.client.ClientSettings}), and the parts a client is wired from
 * ({@link cn.scenext.core.internal.client.ClientParts}: the pipeline, the waiter, the downloader, the transport
 * and the timer, and the two API calls). Internal: no compatibility promise; users call
 * {@code ScenextClient} and never need these classes.
 */
package cn.scenext.core.internal.client;
