/**
 * Reading the API's JSON tolerantly (unknown fields skipped, the real server's and the documented forms both
 * read) with jackson-core's streaming parser.
 *
 * <p><b>Internal:</b> no compatibility promise; only the project's own modules use it.
 */
package cn.scenext.core.internal.json;
