package cn.scenext.core.internal.download;

import cn.scenext.api.TaskId;
import cn.scenext.api.TaskStatus;
import cn.scenext.api.exception.DownloadException;
import cn.scenext.api.exception.ErrorDetails;
import cn.scenext.core.download.DownloadOptions;
import cn.scenext.core.download.OverwritePolicy;
import cn.scenext.core.internal.download.DownloadTarget;
import cn.scenext.core.internal.http.HttpPipeline;
import cn.scenext.core.internal.webhook.Hex;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * The engine behind {@link cn.scenext.core.ScenextClient}'s downloads of videos and storyboard frames. A
 * download to a file goes to a temporary file beside the target and is moved into place only when complete,
 * so the target path never holds a partial file. Every attempt goes through the client's pipeline (its
 * interceptors see it), with no credentials off the API's origin. Thread-safe; one per client.
 */
public final class Downloader {
    private final HttpPipeline pipeline;
    private final Function<TaskId, TaskStatus> statusReader;
    private final Clock clock;

    /**
     * Creates the engine.
     *
     * @param pipeline sends each attempt
     * @param statusReader reads a fresh status when a signed URL expired
     * @param clock the wall clock signed URLs' {@code Expires} is compared with
     */
    public Downloader(HttpPipeline pipeline, Function<TaskId, TaskStatus> statusReader, Clock clock) {
        this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
        this.statusReader = Objects.requireNonNull(statusReader, "statusReader");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Saves a completed task's video to a file.
     *
     * @param status the task's status, {@code COMPLETED}
     * @param target the file, or a directory to save it in under the name the URL gives it
     * @param options progress, overwrite policy, redirects and resumes
     * @return the file written
     */
    public Path videoToFile(TaskStatus status, Path target, DownloadOptions options) {
        checkArguments(target, "target", options);
        return tracked(status, call -> toFile(call, RemoteFile.video(status, statusReader), target, options));
    }

    /**
     * Saves a completed task's video to a file, computing its SHA-256 from the bytes as they are written.
     *
     * @param status the task's status, {@code COMPLETED}
     * @param target the file, or a directory to save it in under the name the URL gives it
     * @param options progress, overwrite policy, redirects and resumes
     * @return the file written, with its size and digest
     */
    public SavedFile videoToFileWithDigest(TaskStatus status, Path target, DownloadOptions options) {
        checkArguments(target, "target", options);
        MessageDigest digest = SavedFile.newDigest();
        long[] size = new long[1];
        Path path = tracked(status, call -> toFile(call, RemoteFile.video(status, statusReader), target, options,
                digest, size));
        return new SavedFile(path, size[0], Hex.encode(digest.digest()));
    }

    /**
     * Writes a completed task's video to a stream, which is left open.
     *
     * @param status the task's status, {@code COMPLETED}
     * @param out the stream
     * @param options progress, redirects and resumes
     * @return the number of bytes written
     */
    public long videoToStream(TaskStatus status, OutputStream out, DownloadOptions options) {
        checkArguments(out, "out", options);
        return tracked(status, call -> toStream(call, RemoteFile.video(status, statusReader), out, options));
    }

    /**
     * Saves a storyboard frame's image to a file.
     *
     * @param status a status holding the frame
     * @param frameId the frame's id
     * @param target the file, or a directory to save it in under the name the URL gives it
     * @param options progress, overwrite policy, redirects and resumes
     * @return the file written
     */
    public Path frameToFile(TaskStatus status, String frameId, Path target, DownloadOptions options) {
        checkArguments(target, "target", options);
        return tracked(status, call -> toFile(call, RemoteFile.frame(status, frameId, statusReader), target, options));
    }

    /**
     * Writes a storyboard frame's image to a stream, which is left open.
     *
     * @param status a status holding the frame
     * @param frameId the frame's id
     * @param out the stream
     * @param options progress, redirects and resumes
     * @return the number of bytes written
     */
    public long frameToStream(TaskStatus status, String frameId, OutputStream out, DownloadOptions options) {
        checkArguments(out, "out", options);
        return tracked(status, call -> toStream(call, RemoteFile.frame(status, frameId, statusReader), out, options));
    }

    private static void checkArguments(Object destination, String name, DownloadOptions options) {
        Objects.requireNonNull(destination, name);
        Objects.requireNonNull(options, "options");
    }

    /**
     * Runs one download as one call for the interceptors: from before its file is looked up in the status to
     * the file in place, or the failure.
     */
    private <T> T tracked(TaskStatus status, Function<DownloadCall, T> download) {
        DownloadCall call = new DownloadCall(pipeline, status.taskId(), "the file of task " + status.taskId());
        try {
            T result = download.apply(call);
            call.end(null);
            return result;
        } catch (RuntimeException | Error e) {
            call.end(e);
            throw e;
        }
    }

    private long toStream(DownloadCall call, RemoteFile file, OutputStream out, DownloadOptions options) {
        return new Transfer(pipeline, file, TransferOutput.of(out), options, clock, call).run();
    }

    private Path toFile(DownloadCall call, RemoteFile file, Path target, DownloadOptions options) {
        return toFile(call, file, target, options, null, new long[1]);
    }

    private Path toFile(DownloadCall call, RemoteFile file, Path target, DownloadOptions options,
            MessageDigest digest, long[] size) {
        Path resolved = Files.isDirectory(target) ? target.resolve(file.fileName()) : target;
        Path absolute = resolved.toAbsolutePath();
        DownloadTarget.check(absolute, options);
        Path temp = createTemp(absolute);
        boolean moved = false;
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                size[0] = new Transfer(pipeline, file, TransferOutput.of(channel, digest), options, clock, call).run();
                if (options.syncToDisk()) {
                    channel.force(true);
                }
            }
            moveIntoPlace(temp, absolute, options.overwrite());
            moved = true;
            return resolved;
        } catch (IOException e) {
            throw writeFailed(absolute, e);
        } finally {
            if (!moved) {
                deleteQuietly(temp);
            }
        }
    }

    /** A new empty file beside the target, hidden, with the default permissions. */
    private static Path createTemp(Path target) {
        Path dir = target.getParent();
        try {
            Files.createDirectories(dir);
            while (true) {
                Path temp = dir.resolve("." + target.getFileName() + "." + Long.toHexString(
                        ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE) + ".part");
                try {
                    return Files.createFile(temp);
                } catch (FileAlreadyExistsException e) {
                    // drawn twice: draw again
                }
            }
        } catch (IOException e) {
            throw writeFailed(target, e);
        }
    }

    private static void moveIntoPlace(Path temp, Path target, OverwritePolicy overwrite) throws IOException {
        if (overwrite == OverwritePolicy.FAIL) {
            try {
                Files.move(temp, target);
            } catch (FileAlreadyExistsException e) {
                throw DownloadTarget.exists(target);
            }
            return;
        }
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static DownloadException writeFailed(Path target, IOException e) {
        return new DownloadException(DownloadException.Reason.WRITE_FAILED, "Could not write " + target + ": " + e,
                e, ErrorDetails.none());
    }

    private static void deleteQuietly(Path temp) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            temp.toFile().deleteOnExit();
        }
    }
}
