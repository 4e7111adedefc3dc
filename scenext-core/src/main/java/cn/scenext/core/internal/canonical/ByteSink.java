package cn.scenext.core.internal.canonical;

import java.util.Arrays;

/** A growable byte buffer that hands out its array, so that a MAC can read it without a copy. Not thread-safe. */
public final class ByteSink {
    private static final int SHRINK_ABOVE = 64 * 1024;

    private final int initialCapacity;
    public byte[] buf;
    public int size;

    ByteSink(int initialCapacity) {
        this.initialCapacity = initialCapacity;
        this.buf = new byte[initialCapacity];
    }

    void reset() {
        size = 0;
    }

    /** Drops a buffer that grew large for one big input, so that a pooled sink does not hold it forever. */
    void shrink() {
        takeLarge();
    }

    /**
     * Empties the sink and hands over its buffer when one big input made it large, leaving a small one in its
     * place; {@code null} when it is small.
     */
    byte[] takeLarge() {
        size = 0;
        byte[] large = buf;
        if (large.length <= SHRINK_ABOVE) {
            return null;
        }
        buf = new byte[initialCapacity];
        return large;
    }

    /** Empties the sink and takes {@code larger} as its buffer when it is larger than the one it has. */
    void adopt(byte[] larger) {
        size = 0;
        if (larger.length > buf.length) {
            buf = larger;
        }
    }

    /** Makes room for {@code extra} more bytes. */
    void ensure(int extra) {
        int needed = size + extra;
        if (needed < 0) {
            throw new OutOfMemoryError("canonical form larger than 2 GiB");
        }
        if (needed > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(needed, buf.length + (buf.length >> 1)));
        }
    }

    void write(int b) {
        ensure(1);
        buf[size++] = (byte) b;
    }

    void write2(char a, char b) {
        ensure(2);
        buf[size++] = (byte) a;
        buf[size++] = (byte) b;
    }

    void write(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, size, len);
        size += len;
    }

    /** Writes characters known to be ASCII. */
    void writeAscii(CharSequence s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            buf[size++] = (byte) s.charAt(i);
        }
    }

    /** Writes characters known to be ASCII. */
    void writeAscii(char[] c, int off, int len) {
        ensure(len);
        for (int i = 0; i < len; i++) {
            buf[size++] = (byte) c[off + i];
        }
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    /** Whether the content equals {@code b[off, off + len)}. */
    public boolean contentEquals(byte[] b, int off, int len) {
        return len == size && regionEquals(0, b, off, len);
    }

    /** Whether {@code buf[from, from + len)} equals {@code b[off, off + len)}. */
    boolean regionEquals(int from, byte[] b, int off, int len) {
        for (int i = 0; i < len; i++) {
            if (buf[from + i] != b[off + i]) {
                return false;
            }
        }
        return true;
    }
}
