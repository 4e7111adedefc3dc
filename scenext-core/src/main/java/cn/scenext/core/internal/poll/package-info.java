/**
 * The wait engine: {@link cn.scenext.core.internal.poll.TaskWaiter} keeps one poll loop per task however many
 * waits follow it, ends waits from webhooks, and reports progress.
 *
 * <p><b>Internal:</b> no compatibility promise; only the project's own modules use it.
 */
package cn.scenext.core.internal.poll;
