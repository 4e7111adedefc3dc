package cn.scenext.benchmarks.raw;

import java.io.IOException;

/**
 * {@code GET /api/get_status/{id}} written by hand with one HTTP library, the way its documentation shows: the
 * baseline the SDK is measured against. The body is read to bytes and not parsed.
 */
public interface RawStatusClient extends AutoCloseable {

    /**
     * Fetches a task's status answer.
     *
     * @param taskId the task's id, already safe as a path segment
     * @return the body's bytes
     * @throws IOException when the exchange fails or the status is not 200
     */
    byte[] getStatus(String taskId) throws IOException;

    /** Releases the library's connections and threads. */
    @Override
    void close();
}
