/**
 * The rules the public options types share, so that each is written once: the backoff formula behind
 * {@code RetryPolicy} and {@code PollPolicy}, and the checks their setters run on a value. Internal: no
 * compatibility promise; users never need these classes.
 */
package cn.scenext.core.internal.options;
