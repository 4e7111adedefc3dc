package cn.scenext.core.internal.webhook;

import cn.scenext.api.exception.TransportException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Reading a webhook request for {@link cn.scenext.core.webhook.WebhookHandler}: its headers, its capped body. */
public final class WebhookBodies {
    private static final int READ_CHUNK = 8192;
    /** The largest array length every JVM allocates. */
    private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    private WebhookBodies() {
    }

    /**
     * The first value of a header, its name in any letter case.
     *
     * @param headers the request's headers
     * @param name the header's name
     * @return the value, or {@code null} when there is none
     */
    public static String header(Map<String, ? extends List<String>> headers, String name) {
        for (Map.Entry<String, ? extends List<String>> e : headers.entrySet()) {
            if (name.equalsIgnoreCase(e.getKey()) && e.getValue() != null) {
                for (String value : e.getValue()) {
                    if (value != null) {
                        return value;
                    }
                }
            }
        }
        return null;
    }

    /**
     * The length a {@code Content-Length} header declares.
     *
     * @param contentLength the header's value, or {@code null}
     * @return the length, or -1 when there is none or it is not a number (the body itself then decides)
     */
    public static long declaredLength(String contentLength) {
        if (contentLength == null) {
            return -1;
        }
        try {
            return Long.parseLong(contentLength.trim());
        } catch (NumberFormatException e) {
            return -1; // let the body itself decide
        }
    }

    /**
     * The stream's bytes, or {@code null} when there are more than {@code max}. Sizes are computed in
     * {@code long}, so that a limit of {@link Integer#MAX_VALUE} neither overflows nor allocates more than the
     * bytes read so far (and at most the largest array a JVM gives).
     *
     * @param in the body
     * @param max the most bytes accepted
     * @return the bytes, or {@code null} when there are more than {@code max}
     * @throws TransportException when reading fails
     */
    public static byte[] readAtMost(InputStream in, int max) {
        byte[] buf = new byte[(int) Math.min(READ_CHUNK, max + 1L)];
        int size = 0;
        try {
            while (true) {
                if (size == buf.length) {
                    if (size > max) {
                        return null;
                    }
                    long grown = Math.min(Math.min(max + 1L, MAX_ARRAY), buf.length * 2L);
                    if (grown <= size) { // the limit is beyond the largest array: one byte more is too many
                        return in.read() < 0 ? buf : null;
                    }
                    buf = Arrays.copyOf(buf, (int) grown);
                }
                int n = in.read(buf, size, buf.length - size);
                if (n < 0) {
                    break;
                }
                size += n;
            }
        } catch (IOException e) {
            throw new TransportException(TransportException.Reason.IO_ERROR,
                    "Reading the webhook request body failed: " + e.getMessage(), e);
        }
        return size > max ? null : Arrays.copyOf(buf, size);
    }
}
