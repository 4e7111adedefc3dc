/**
 * The Scenext client: {@link cn.scenext.core.ScenextClient} creates video tasks, reads their status, waits for
 * them (by polling, or ended by webhooks) and downloads their videos. {@link cn.scenext.core.RetryPolicy} says
 * which calls are retried and how long the client waits between attempts; an {@link cn.scenext.core.Interceptor}
 * watches every attempt ({@link cn.scenext.core.Attempt}).
 */
package cn.scenext.core;
