package cn.scenext.core.download;

import java.util.OptionalLong;

/**
 * Follows a download's bytes, on the downloading thread, after each chunk written. After a transfer that
 * had to start over (the server ignored {@code Range}), {@code bytesDone} goes back to what was written
 * since. An exception thrown here is logged and ignored.
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
