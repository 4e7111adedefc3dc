package cn.scenext.core.download;

import java.util.OptionalLong;

/**
 * Follows a download's bytes, on the downloading thread, after each chunk written. After a transfer that
 * had to start over (the server ignored {@code Range}), {@code bytesDone} goes back to what was written
 * since. Anything thrown here ({@code Error}s included; an {@code OutOfMemoryError} passes through as it is)
 * stops the download with a {@code DownloadException} of reason
 * {@code LISTENER_FAILED} that holds it as its cause; a download to a file then leaves nothing at the target,
 * and no temporary file. Keep listeners short and let them not throw.
 *
 * <pre>{@code
 * DownloadProgressListener bar = (done, total) ->
 *         System.out.print("\r" + (total.isPresent() ? 100 * done / total.getAsLong() + "%" : done + " bytes"));
 * }</pre>
 */
@FunctionalInterface
public interface DownloadProgressListener {

    /**
     * Called as bytes arrive.
     *
     * @param bytesDone how many bytes of the file are saved so far
     * @param totalBytes the file's size, when the server announced it
     */
    void onProgress(long bytesDone, OptionalLong totalBytes);
}
