package cn.scenext.core.internal.download;

import cn.scenext.core.download.DownloadOptions;
import cn.scenext.core.download.OverwritePolicy;
import cn.scenext.api.exception.DownloadException;
import cn.scenext.api.exception.ErrorDetails;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Checks a download's target before anything is created or transferred, so that a download that cannot
 * succeed fails at once with the {@link DownloadException} it would have ended with: before a task is created
 * and paid for, before a wait of minutes, before a byte is fetched.
 */
public final class DownloadTarget {
    private DownloadTarget() {
    }

    /**
     * Checks that a file download to {@code target} can be saved: the file does not exist (or is to be
     * replaced), it is not a symbolic link to a file that does not exist (refused whatever the overwrite policy:
     * where the bytes should go is unclear), and its directory exists or can be created and is writable. A directory as the target is fine (the file is saved in it
     * under the name its URL gives it) when it is writable.
     *
     * @param target the file, or a directory to save it in
     * @param options the download's options: their {@link OverwritePolicy}
     * @throws DownloadException reason {@code TARGET_EXISTS} when the target exists and is not to be replaced,
     *     {@code BAD_TARGET} when it is a dangling symbolic link, {@code WRITE_FAILED} when it cannot be written
     */
    public static void check(Path target, DownloadOptions options) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(options, "options");
        Path absolute = target.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            if (!Files.isWritable(absolute)) {
                throw writeFailed(absolute, "the directory is not writable");
            }
            return;
        }
        if (Files.isSymbolicLink(absolute) && !Files.exists(absolute)) {
            throw new DownloadException(DownloadException.Reason.BAD_TARGET, "Not downloading to " + absolute
                    + ": it is a symbolic link to " + linkTarget(absolute) + ", which does not exist, so where the file "
                    + "should go is unclear. Remove the link, create what it points to, or choose another path.",
                    null, ErrorDetails.none());
        }
        if (options.overwrite() == OverwritePolicy.FAIL && Files.exists(absolute)) {
            throw exists(absolute);
        }
        Path dir = absolute.getParent();
        while (dir != null && !Files.exists(dir)) {
            dir = dir.getParent();          // created by the download: the nearest existing one must allow it
        }
        if (dir != null && !Files.isDirectory(dir)) {
            throw writeFailed(absolute, dir + " is not a directory");
        }
        if (dir != null && !Files.isWritable(dir)) {
            throw writeFailed(absolute, "the directory " + dir + " is not writable");
        }
    }

    /**
     * The refusal to replace a file that exists, for the check here and for a file that appeared at the
     * target while the download ran.
     */
    public static DownloadException exists(Path target) {
        return new DownloadException(DownloadException.Reason.TARGET_EXISTS, "Not replacing " + target
                + ", which exists. Choose another path, or download with "
                + "DownloadOptions.builder().overwrite(OverwritePolicy.REPLACE).", null, ErrorDetails.none());
    }

    private static String linkTarget(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException | UnsupportedOperationException e) {
            return "a missing file";
        }
    }

    private static DownloadException writeFailed(Path target, String why) {
        return new DownloadException(DownloadException.Reason.WRITE_FAILED, "Cannot save to " + target + ": " + why
                + ".", null, ErrorDetails.none());
    }
}
