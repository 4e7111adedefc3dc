package cn.scenext.core.internal.token;

import java.nio.charset.StandardCharsets;

/**
 * A 64-bit digest of frame ids in order (FNV-1a over each id's UTF-8 length and bytes), extended one id at a
 * time, so that a wait carries it at the cost of one {@code long}. It tells apart the lists of ids a wait may
 * meet (a resumed wait checks that the first frames it sees are the ones its token says were reported), not
 * a forger: a token is no secret and no proof.
 */
public final class FrameDigest {
    /** The digest of no frames. */
    public static final long EMPTY = 0xcbf29ce484222325L;
    private static final long PRIME = 0x100000001b3L;

    private FrameDigest() {
    }

    /**
     * Extends a digest with one more id.
     *
     * @param digest the digest of the ids before it
     * @param frameId the next id
     * @return the digest of the ids with this one appended
     */
    public static long extend(long digest, String frameId) {
        byte[] bytes = frameId.getBytes(StandardCharsets.UTF_8);
        long h = digest;
        int n = bytes.length;
        for (int shift = 24; shift >= 0; shift -= 8) {
            h = (h ^ ((n >>> shift) & 0xff)) * PRIME;
        }
        for (byte b : bytes) {
            h = (h ^ (b & 0xff)) * PRIME;
        }
        return h;
    }
}
