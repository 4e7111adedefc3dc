package cn.scenext.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The files the simulator serves: small real PNG frames and a real MP4, optionally padded to any size. */
final class Media {
    private static final List<byte[]> FRAMES;
    private static final byte[] SAMPLE_MP4;

    static {
        List<byte[]> frames = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            frames.add(resource("media/frame" + i + ".png"));
        }
        FRAMES = Collections.unmodifiableList(frames);
        SAMPLE_MP4 = resource("media/sample.mp4");
    }

    private Media() {
    }

    private static byte[] resource(String name) {
        try (InputStream in = Media.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("Missing simulator resource " + name);
            }
            return ScenextSimulator.readAll(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The PNG of frame {@code n} (1-based); the eight images repeat beyond eight. */
    static byte[] frame(int n) {
        return FRAMES.get((Math.max(1, n) - 1) % FRAMES.size());
    }

    /** The size of the bundled MP4. */
    static int sampleVideoSize() {
        return SAMPLE_MP4.length;
    }

    /**
     * A video of {@code size} bytes: the sample MP4, followed, when larger, by an ISO-BMFF {@code free} box
     * (64-bit size) of zeros, which players skip; so the file stays a valid MP4 at any size.
     */
    static final class Video {
        private final long size;
        private final byte[] head;

        Video(long requestedSize) {
            long minPadded = SAMPLE_MP4.length + 16L;
            if (requestedSize <= SAMPLE_MP4.length) {
                this.size = SAMPLE_MP4.length;
                this.head = SAMPLE_MP4;
            } else {
                this.size = Math.max(requestedSize, minPadded);
                long boxSize = size - SAMPLE_MP4.length;
                byte[] h = new byte[SAMPLE_MP4.length + 16];
                System.arraycopy(SAMPLE_MP4, 0, h, 0, SAMPLE_MP4.length);
                int o = SAMPLE_MP4.length;
                h[o + 3] = 1; // size field 1: the 64-bit largesize follows the type
                h[o + 4] = 'f';
                h[o + 5] = 'r';
                h[o + 6] = 'e';
                h[o + 7] = 'e';
                for (int i = 0; i < 8; i++) {
                    h[o + 8 + i] = (byte) (boxSize >>> (56 - 8 * i));
                }
                this.head = h;
            }
        }

        long size() {
            return size;
        }

        /** Writes bytes [from, toExclusive) of the video. */
        void write(OutputStream out, long from, long toExclusive) throws IOException {
            long pos = from;
            if (pos < head.length) {
                int end = (int) Math.min(head.length, toExclusive);
                out.write(head, (int) pos, end - (int) pos);
                pos = end;
            }
            byte[] zeros = new byte[64 * 1024];
            while (pos < toExclusive) {
                int n = (int) Math.min(zeros.length, toExclusive - pos);
                out.write(zeros, 0, n);
                pos += n;
            }
        }
    }
}
