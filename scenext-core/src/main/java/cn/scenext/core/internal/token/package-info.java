/**
 * Wait tokens ({@link cn.scenext.core.poll.WaitToken}): their state, their compact binary format and its
 * base64url text, and the digest of the frames a wait reported.
 *
 * <p><b>Internal:</b> no compatibility promise; only the project's own modules use it.
 */
package cn.scenext.core.internal.token;
