/**
 * Time for the client's waits and retry delays: a {@link cn.scenext.core.schedule.Scheduler}, the system one by
 * default; a virtual one (in {@code scenext-testkit}) lets a test run a long wait in milliseconds.
 */
package cn.scenext.core.schedule;
