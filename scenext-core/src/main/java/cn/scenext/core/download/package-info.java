/**
 * Downloading a task's video: {@link cn.scenext.core.download.DownloadOptions} (overwrite policy, size limit,
 * durability), {@link cn.scenext.core.download.OverwritePolicy} and
 * {@link cn.scenext.core.download.DownloadProgressListener}. The file appears whole, or not at all.
 */
package cn.scenext.core.download;
