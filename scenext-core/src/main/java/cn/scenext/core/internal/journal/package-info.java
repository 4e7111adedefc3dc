/**
 * The journals behind {@link cn.scenext.core.journal.TaskJournal}: the in-memory fold, and the crash-safe file
 * with its line format.
 *
 * <p><b>Internal:</b> no compatibility promise; only the project's own modules use it.
 */
package cn.scenext.core.internal.journal;
