package cn.scenext.benchmarks.raw;

import java.io.IOException;

/**
 * One authenticated GET of a JSON resource with the bare library, body read to bytes and not parsed: the baseline
 * that the peer SDKs are measured against ({@link RawClients#okHttpGet}).
 */
public interface RawGet extends AutoCloseable {

    /**
     * Fetches a resource.
     *
     * @param path the path below the base URL, without a leading slash, e.g. {@code v1/models/gpt-4o-mini}
     * @return the body's bytes
     * @throws IOException when the exchange fails or the status is not 200
     */
    byte[] get(String path) throws IOException;

    /** Releases the library's connections and threads. */
    @Override
    void close();
}
