/**
 * Many videos from many requests: a batch runs rows with bounded concurrency and a rate limit, records each
 * step in a {@link cn.scenext.core.journal.TaskJournal}, and resumes after a restart without creating any
 * row's task twice. {@link cn.scenext.core.batch.BatchLeases} shares one batch between several processes.
 */
package cn.scenext.core.batch;
