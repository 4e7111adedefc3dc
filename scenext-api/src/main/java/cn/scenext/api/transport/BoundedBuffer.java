package cn.scenext.api.transport;

import cn.scenext.api.exception.ResponseTooLargeException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A response body collected in memory up to a limit, for transports that buffer bodies (asynchronous calls).
 * Memory grows with the bytes received, never with the length a response announces: the array starts at
 * the announced length only when that is small, and otherwise doubles as bytes arrive. Not thread-safe: one
 * exchange feeds it.
 */
public final class BoundedBuffer {
    /** Announced lengths up to this are allocated at once; beyond it the buffer grows as bytes arrive. */
    static final int EXACT_UP_TO = 64 * 1024;
    private static final int INITIAL = 8 * 1024;

    private final long limit;
    private byte[] bytes;
    private int size;

    private BoundedBuffer(long limit, long announced) {
        this.limit = limit;
        // Never more than the limit, so that a body read in place cannot pass it unnoticed.
        this.bytes = new byte[announced >= 0 && announced <= EXACT_UP_TO ? (int) announced
                : (int) Math.min(INITIAL, limit)];
    }

    /**
     * Starts a buffer for one body, failing at once when the announced length is already over the limit.
     *
     * @param transportName the transport's name, for the message
     * @param request the request the response is for
     * @param limit the most bytes accepted
     * @param announced the {@code Content-Length}, or -1 when unknown
     * @return the buffer
     * @throws ResponseTooLargeException when {@code announced} exceeds {@code limit}
     */
    public static BoundedBuffer start(String transportName, HttpRequest request, long limit, long announced) {
        if (announced > limit) {
            throw TransportFailures.tooLarge(transportName, request, limit, "announces " + announced + " bytes");
        }
        return new BoundedBuffer(limit, announced);
    }

    /**
     * Adds bytes.
     *
     * @param src the bytes
     * @param offset where they start
     * @param length how many
     * @return {@code false} when the body would exceed the limit (nothing is added then)
     */
    public boolean add(byte[] src, int offset, int length) {
        if (!ensure(length)) {
            return false;
        }
        System.arraycopy(src, offset, bytes, size, length);
        size += length;
        return true;
    }

    /**
     * Adds the remaining bytes of a buffer.
     *
     * @param src the bytes; its position moves to its limit
     * @return {@code false} when the body would exceed the limit (nothing is added then)
     */
    public boolean add(ByteBuffer src) {
        int length = src.remaining();
        if (!ensure(length)) {
            return false;
        }
        src.get(bytes, size, length);
        size += length;
        return true;
    }

    /**
     * Reads a stream to its end into the buffer.
     *
     * @param in the stream, left open
     * @param transportName the transport's name, for the message
     * @param request the request the response is for
     * @return the bytes read
     * @throws IOException when reading fails, or (with a {@link ResponseTooLargeException} as its cause) when
     *     the body exceeds the limit
     */
    public byte[] readFrom(InputStream in, String transportName, HttpRequest request) throws IOException {
        while (true) {
            if (size == bytes.length) {
                // Full: one byte tells whether the body ended here (the array of an announced length is then
                // returned as it is, with no copy) or goes on and must grow, within the limit.
                int next = in.read();
                if (next == -1) {
                    return toByteArray();
                }
                if (!ensure(1)) {
                    throw tooLarge(transportName, request);
                }
                bytes[size++] = (byte) next;
                continue;
            }
            int n = in.read(bytes, size, bytes.length - size);
            if (n == -1) {
                return toByteArray();
            }
            size += n;
        }
    }

    /**
     * The failure for a body that went over the limit, as an {@link IOException} for the paths that expect one.
     *
     * @param transportName the transport's name
     * @param request the request the response is for
     * @return an exception whose cause is the {@link ResponseTooLargeException}
     */
    public IOException tooLarge(String transportName, HttpRequest request) {
        ResponseTooLargeException e = TransportFailures.tooLarge(transportName, request, limit,
                "went on past " + limit + " bytes");
        return new IOException(e.getMessage(), e);
    }

    /**
     * How many bytes were added.
     *
     * @return the size
     */
    public int size() {
        return size;
    }

    /** The memory held, for tests: it follows the bytes added, not the length announced. */
    int capacity() {
        return bytes.length;
    }

    /**
     * The body so far.
     *
     * @return the bytes, without spare capacity
     */
    public byte[] toByteArray() {
        return size == bytes.length ? bytes : Arrays.copyOf(bytes, size);
    }

    private boolean ensure(int more) {
        long needed = (long) size + more;
        if (needed > limit) {
            return false;
        }
        if (needed > bytes.length) {
            long grown = Math.max(needed, Math.min(Math.max((long) bytes.length * 2, INITIAL), limit));
            bytes = Arrays.copyOf(bytes, (int) Math.min(grown, Integer.MAX_VALUE - 8));
        }
        return true;
    }
}
