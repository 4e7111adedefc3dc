/**
 * Nothing paid for is lost across restarts: a {@link cn.scenext.core.journal.TaskJournal} records each task
 * creation before its request is sent, then the task's id, its end and its saved video, as
 * {@link cn.scenext.core.journal.JournalEntry entries} folded into {@link cn.scenext.core.journal.TaskRecord}s.
 * {@code TaskJournal.file(path)} keeps them in one crash-safe file.
 */
package cn.scenext.core.journal;
