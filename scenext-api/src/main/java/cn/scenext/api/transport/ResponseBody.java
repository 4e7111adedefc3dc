package cn.scenext.api.transport;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The body of an HTTP response: read once, either as a stream or as bytes, then closed. Closing releases the
 * connection behind it; closing twice is harmless.
 */
public final class ResponseBody implements Closeable {
    private static final byte[] EMPTY_BYTES = new byte[0];

    private final InputStream stream;
    private final long contentLength;
    private final Closeable onClose;
    private byte[] bytes;
    private boolean streamTaken;
    private boolean closed;

    private ResponseBody(InputStream stream, byte[] bytes, long contentLength, Closeable onClose) {
        this.stream = stream;
        this.bytes = bytes;
        this.contentLength = contentLength;
        this.onClose = onClose;
    }

    /**
     * A body already in memory.
     *
     * @param bytes the body; kept, not copied
     * @return the body
     */
    public static ResponseBody of(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        return new ResponseBody(null, bytes, bytes.length, null);
    }

    /**
     * An empty body.
     *
     * @return a body of zero bytes
     */
    public static ResponseBody empty() {
        return of(EMPTY_BYTES);
    }

    /**
     * A body streamed from the connection.
     *
     * @param stream the stream of body bytes
     * @param contentLength the length announced by {@code Content-Length}, or -1 when unknown
     * @param onClose released when the body is closed (e.g. the library's response), or {@code null}
     * @return the body
     */
    public static ResponseBody of(InputStream stream, long contentLength, Closeable onClose) {
        Objects.requireNonNull(stream, "stream");
        return new ResponseBody(stream, null, contentLength < 0 ? -1 : contentLength, onClose);
    }

    /**
     * The length announced by the response.
     *
     * @return the {@code Content-Length}, or empty when the response did not announce one
     */
    public OptionalLong contentLength() {
        return contentLength < 0 ? OptionalLong.empty() : OptionalLong.of(contentLength);
    }

    /**
     * Whether the whole body is already in memory.
     *
     * @return {@code true} for bodies made from bytes or already read by {@link #bytes()}
     */
    public boolean isBuffered() {
        return bytes != null;
    }

    /**
     * The body as a stream. May be called once; close the body (not only the stream) when done.
     *
     * @return the stream
     * @throws IllegalStateException when the body was already consumed
     */
    public synchronized InputStream stream() {
        if (streamTaken) {
            throw new IllegalStateException("The response body was already consumed");
        }
        streamTaken = true;
        return bytes != null ? new ByteArrayInputStream(bytes) : stream;
    }

    /**
     * The whole body as bytes, read to the end and kept; later calls return the same array, which the caller
     * must not change.
     *
     * @return the bytes
     * @throws IOException when reading fails
     * @throws IllegalStateException when the stream was already taken by {@link #stream()}
     */
    public synchronized byte[] bytes() throws IOException {
        if (bytes != null) {
            return bytes;
        }
        if (streamTaken) {
            throw new IllegalStateException("The response body was already consumed as a stream");
        }
        streamTaken = true;
        try {
            bytes = readAll(stream, contentLength);
        } finally {
            close();
        }
        return bytes;
    }

    private static byte[] readAll(InputStream in, long contentLength) throws IOException {
        if (contentLength == 0) {
            return EMPTY_BYTES;
        }
        // Memory grows with the bytes that arrive, never with the length announced: start small.
        int initial = contentLength > 0 && contentLength <= BoundedBuffer.EXACT_UP_TO ? (int) contentLength : 8192;
        ByteArrayOutputStream out = new ByteArrayOutputStream(initial);
        byte[] buffer = new byte[Math.min(Math.max(initial, 512), 16384)];
        int n;
        while ((n = in.read(buffer)) != -1) {
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    /**
     * Releases the stream and the connection behind it. Idempotent.
     *
     * @throws IOException when the library fails to release it
     */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (stream != null) {
                stream.close();
            }
        } finally {
            if (onClose != null) {
                onClose.close();
            }
        }
    }
}
