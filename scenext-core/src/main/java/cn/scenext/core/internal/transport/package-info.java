/**
 * Finding a transport through {@link java.util.ServiceLoader} when the user names none.
 *
 * <p><b>Internal:</b> no compatibility promise; only the project's own modules use it.
 */
package cn.scenext.core.internal.transport;
