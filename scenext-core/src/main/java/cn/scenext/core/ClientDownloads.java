package cn.scenext.core;

import cn.scenext.api.Frame;
import cn.scenext.api.GenerateVideoRequest;
import cn.scenext.api.TaskId;
import cn.scenext.api.TaskStatus;
import cn.scenext.core.download.DownloadOptions;
import cn.scenext.core.internal.client.ClientParts;
import cn.scenext.core.internal.download.DownloadTarget;
import cn.scenext.core.poll.WaitOptions;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The downloads of {@link ScenextClient}, which users call only through it: this class is package-private, as
 * the JDK's {@code AbstractStringBuilder} behind {@code StringBuilder}, and exists so that the client's source
 * stays readable (its methods are documented as the client's). Every download streams in constant memory,
 * never leaves a partial file at its target, resumes a cut transfer, refreshes an expired signed URL and never
 * sends the API key to the object store.
 */
abstract class ClientDownloads {
    /** The parts the client is wired from. */
    final ClientParts parts;

    ClientDownloads(ClientParts parts) {
        this.parts = parts;
    }

    /**
     * Creates a video task, waits until it ends and saves its video. The target is checked first, before the
     * task is created: a target that exists (and is not to be replaced), a dangling symbolic link or a directory
     * that cannot be written fails at once, with the {@link cn.scenext.api.exception.DownloadException} the
     * download would have ended with, and nothing is sent.
     *
     * @param request what to make a video of
     * @param target the file, or a directory to save it in under the name its URL gives it
     * @param waitOptions how to wait
     * @param downloadOptions overwrite policy, progress listener, redirects and resumes
     * @return the file written
     * @throws cn.scenext.api.exception.DownloadException when the target cannot be saved to (before anything
     *     is sent), or the download fails
     * @throws cn.scenext.api.exception.TaskFailedException when the task failed, so has no video
     * @throws cn.scenext.api.exception.WaitTimeoutException when the wait timed out; it carries the task's id
     */
    public Path generateVideoAndDownload(GenerateVideoRequest request, Path target, WaitOptions waitOptions,
            DownloadOptions downloadOptions) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(waitOptions, "waitOptions");
        DownloadTarget.check(target, downloadOptions);
        return download(parts.waitForCompletion(parts.generateVideo(request), waitOptions), target, downloadOptions);
    }

    /**
     * Saves a completed task's video to a file with the default options (an existing file is not replaced);
     * see {@link #download(TaskStatus, Path, DownloadOptions)}.
     *
     * @param status the task's status, {@code COMPLETED} (as {@link ScenextClient#waitForCompletion(TaskId)}
     *     returns it)
     * @param target the file, or a directory to save it in under the name its URL gives it
     * @return the file written
     */
    public Path download(TaskStatus status, Path target) {
        return download(status, target, DownloadOptions.defaults());
    }

    /**
     * Saves a completed task's video to a file, streaming it in constant memory. The bytes go to a temporary
     * file beside the target, moved into place only when complete and checked against the announced length:
     * the target path never holds a partial file, and the temporary file is removed on failure. A cut
     * transfer is resumed with {@code Range}; an expired signed URL (past its {@code Expires}, or refused with
     * HTTP 403) is replaced by the one in a fresh status; redirects are followed, and the API key never goes
     * to the object store or to another host.
     *
     * <p>With a {@link ScenextClient.Builder#journal journal} that knows the task, the file's SHA-256 is computed
     * from the bytes as they are written, and the saved file (absolute path, size, SHA-256) is recorded in the
     * journal once it is in place.
     *
     * @param status the task's status, {@code COMPLETED}
     * @param target the file, or a directory to save it in under the name its URL gives it
     * @param options progress listener, overwrite policy, redirects and resumes
     * @return the file written
     * @throws cn.scenext.api.exception.DownloadException when the task has no video, the target exists (and is
     *     not to be replaced), the object store refuses the file, or the transfer stays incomplete
     * @throws cn.scenext.api.exception.TaskFailedException when the task failed, so has no video
     */
    public Path download(TaskStatus status, Path target, DownloadOptions options) {
        return parts.downloadVideo(Objects.requireNonNull(status, "status"), target, options);
    }

    /**
     * Saves a task's video to a file, reading its status first; see {@link #download(TaskStatus, Path,
     * DownloadOptions)}.
     *
     * @param taskId the task, which must have completed
     * @param target the file, or a directory to save it in
     * @param options progress listener, overwrite policy, redirects and resumes
     * @return the file written
     */
    public Path download(TaskId taskId, Path target, DownloadOptions options) {
        return download(parts.getStatus(taskId), target, options);
    }

    /**
     * Saves a task's video to a file with the default options, reading its status first.
     *
     * @param taskId the task, which must have completed
     * @param target the file, or a directory to save it in
     * @return the file written
     */
    public Path download(TaskId taskId, Path target) {
        return download(taskId, target, DownloadOptions.defaults());
    }

    /**
     * Writes a completed task's video to a stream, in constant memory; the stream is left open. A cut transfer
     * is resumed only where the server honours {@code Range} (bytes already written cannot be taken back);
     * prefer {@link #download(TaskStatus, Path, DownloadOptions)} for files.
     *
     * @param status the task's status, {@code COMPLETED}
     * @param out where the bytes go
     * @param options progress listener, redirects and resumes
     * @return the number of bytes written
     */
    public long download(TaskStatus status, OutputStream out, DownloadOptions options) {
        return parts.downloader().videoToStream(Objects.requireNonNull(status, "status"), out, options);
    }

    /**
     * Writes a task's video to a stream, reading its status first; the stream is left open.
     *
     * @param taskId the task, which must have completed
     * @param out where the bytes go
     * @param options progress listener, redirects and resumes
     * @return the number of bytes written
     */
    public long download(TaskId taskId, OutputStream out, DownloadOptions options) {
        return download(parts.getStatus(taskId), out, options);
    }

    /**
     * Saves a storyboard frame's image to a file, as {@link #download(TaskStatus, Path, DownloadOptions)} saves
     * a video.
     *
     * @param status a status holding the frame
     * @param frame the frame
     * @param target the file, or a directory to save it in under the name its URL gives it
     * @param options progress listener, overwrite policy, redirects and resumes
     * @return the file written
     */
    public Path downloadFrame(TaskStatus status, Frame frame, Path target, DownloadOptions options) {
        return parts.downloader().frameToFile(Objects.requireNonNull(status, "status"),
                Objects.requireNonNull(frame, "frame").id(), target, options);
    }

    /**
     * Saves a storyboard frame's image to a file, reading the task's status first.
     *
     * @param taskId the task
     * @param frameId the frame's id, e.g. {@code frame1}
     * @param target the file, or a directory to save it in
     * @param options progress listener, overwrite policy, redirects and resumes
     * @return the file written
     */
    public Path downloadFrame(TaskId taskId, String frameId, Path target, DownloadOptions options) {
        return parts.downloader().frameToFile(parts.getStatus(taskId), Objects.requireNonNull(frameId, "frameId"),
                target, options);
    }

    /**
     * Writes a storyboard frame's image to a stream, which is left open.
     *
     * @param status a status holding the frame
     * @param frame the frame
     * @param out where the bytes go
     * @param options progress listener, redirects and resumes
     * @return the number of bytes written
     */
    public long downloadFrame(TaskStatus status, Frame frame, OutputStream out, DownloadOptions options) {
        return parts.downloader().frameToStream(Objects.requireNonNull(status, "status"),
                Objects.requireNonNull(frame, "frame").id(), out, options);
    }
}
