/**
 * The Scenext API's values, shared by every module: a {@link cn.scenext.api.GenerateVideoRequest} and its
 * {@link cn.scenext.api.Image}s and {@link cn.scenext.api.Quality}, the {@link cn.scenext.api.TaskId} the
 * service gives back, and a {@link cn.scenext.api.TaskStatus} with its {@link cn.scenext.api.TaskState},
 * {@link cn.scenext.api.Frame}s, {@link cn.scenext.api.ResultItem}s and {@link cn.scenext.api.Consumption}.
 * All are immutable.
 */
package cn.scenext.api;
