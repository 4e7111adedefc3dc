package cn.scenext.core.internal.download;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** A file a download saved whole: where, its size, and the SHA-256 of the bytes written. Immutable. */
public final class SavedFile {
    private final Path path;
    private final long size;
    private final String sha256;

    SavedFile(Path path, long size, String sha256) {
        this.path = path;
        this.size = size;
        this.sha256 = sha256;
    }

    /**
     * A new SHA-256 digest.
     *
     * @return the digest
     */
    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This JVM has no SHA-256", e);
        }
    }

    /**
     * The file, as the download returns it.
     *
     * @return the path
     */
    public Path path() {
        return path;
    }

    /**
     * Its size.
     *
     * @return bytes
     */
    public long size() {
        return size;
    }

    /**
     * Its SHA-256.
     *
     * @return 64 lower-case hexadecimal digits
     */
    public String sha256() {
        return sha256;
    }

    @Override
    public String toString() {
        return "SavedFile{" + path + ", size=" + size + '}';
    }
}
