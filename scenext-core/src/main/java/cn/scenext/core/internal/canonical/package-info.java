/**
 * Python-canonical JSON: rebuilds the bytes of Python's {@code json.dumps(payload, sort_keys=True)} from a
 * webhook's body (key order, string escapes, float and integer forms), which is what the service signs.
 *
 * <p><b>Internal:</b> no compatibility promise; only the project's own modules use it.
 */
package cn.scenext.core.internal.canonical;
