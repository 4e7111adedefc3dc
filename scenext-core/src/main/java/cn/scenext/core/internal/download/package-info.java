/**
 * The download engine: {@link cn.scenext.core.internal.download.Downloader} streams a video to a temporary file,
 * resumes with ranges, refreshes an expired signed URL, and moves the whole file into place.
 *
 * <p><b>Internal:</b> no compatibility promise; only the project's own modules use it.
 */
package cn.scenext.core.internal.download;
