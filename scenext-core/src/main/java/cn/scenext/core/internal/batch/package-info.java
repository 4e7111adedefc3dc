/**
 * The engine behind {@code ScenextClient.runBatch}: the runner that claims rows, creates, waits, downloads and
 * verifies them with bounded concurrency and a rate limit, and the in-memory leases. Internal: no compatibility
 * promise; users call {@code ScenextClient} and {@code cn.scenext.core.batch}.
 */
package cn.scenext.core.internal.batch;
