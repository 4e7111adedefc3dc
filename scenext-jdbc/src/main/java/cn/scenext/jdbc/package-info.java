/**
 * Scenext on a shared database: {@link cn.scenext.jdbc.JdbcTaskJournal} (a
 * {@link cn.scenext.core.journal.TaskJournal}) and {@link cn.scenext.jdbc.JdbcWebhookDeduplicator}, on plain
 * JDBC for PostgreSQL (and H2), with the schema in {@link cn.scenext.jdbc.ScenextSchema}.
 */
package cn.scenext.jdbc;
