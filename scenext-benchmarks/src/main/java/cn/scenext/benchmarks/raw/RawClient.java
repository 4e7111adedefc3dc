package cn.scenext.benchmarks.raw;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;

/**
 * What the SDK does, written by hand with one HTTP library the way its documentation shows: the baseline the SDK
 * is measured against. A status response is read to bytes and not parsed; a download is copied to a file.
 */
public interface RawClient extends AutoCloseable {

    /**
     * Fetches a task's status response.
     *
     * @param taskId the task's id, already safe as a path segment
     * @return the body's bytes
     * @throws IOException when the exchange fails or the status is not 200
     */
    byte[] getStatus(String taskId) throws IOException;

    /**
     * Copies what a URL returns to a file, replacing it.
     *
     * @param url e.g. a signed video URL
     * @param target the file
     * @return the number of bytes written
     * @throws IOException when the exchange or the file fails, or the status is not 200
     */
    long download(URI url, Path target) throws IOException;

    /** Releases the library's connections and threads. */
    @Override
    void close();
}
