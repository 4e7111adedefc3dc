/**
 * Waiting for a task: {@link cn.scenext.core.poll.WaitOptions} (deadline, poll policy, listener) for one wait,
 * {@link cn.scenext.core.poll.PollPolicy} for how often the status is read, and
 * {@link cn.scenext.core.poll.ProgressListener} for what a wait reports as the task moves.
 */
package cn.scenext.core.poll;
