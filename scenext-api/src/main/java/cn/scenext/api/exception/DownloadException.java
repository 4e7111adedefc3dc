package cn.scenext.api.exception;

import java.util.Objects;

/**
 * A task's video or frame could not be saved: the task has no such file yet, the object store refused it,
 * the transfer stayed incomplete, the service gave back the same expired URL, the file could not be written,
 * or the progress listener threw. Nothing partial is left at the target path. {@link #reason()} says which;
 * the HTTP status is there when the object store responded.
 */
public class DownloadException extends ScenextException {
    private static final long serialVersionUID = 1L;

    /** Why the download failed. */
    public enum Reason {
        /** The task has no such file: it is still running, failed, or has no frame of that id. */
        NO_FILE,
        /** The target file exists and the download was told not to replace it. */
        TARGET_EXISTS,
        /** The object store responded with an error (see the HTTP status). */
        HTTP_ERROR,
        /** The signed URL kept being refused, even with the different fresh URLs of newer statuses. */
        URL_EXPIRED,
        /**
         * The signed URL expired (the object store refused it, or its {@code Expires} passed) and a fresh status
         * gave back the very same URL: the service stores a task's URLs when it ends and does not sign them
         * again, so reading the status once more cannot help. Download a task's files promptly after it
         * completes, within their URLs' lifetime.
         */
        SAME_EXPIRED_URL,
        /** The transfer ended short of the announced length, or longer, and could not be completed. */
        INCOMPLETE,
        /** The transfer was cut and could not be resumed (the server ignored {@code Range} and the bytes
         *  already went to a stream). */
        CANNOT_RESUME,
        /** Too many redirects, or a redirect to a place not followed (another scheme, HTTPS to HTTP). */
        BAD_REDIRECT,
        /** The local file could not be written or moved into place. */
        WRITE_FAILED,
        /**
         * The target path cannot take the file, found before anything was downloaded: e.g. a symbolic link to a
         * file that does not exist (where the bytes would go is ambiguous).
         */
        BAD_TARGET,
        /**
         * The download's {@code DownloadProgressListener} threw (the cause); the download was stopped and nothing
         * was left at the target.
         */
        LISTENER_FAILED,
        /** The file is larger than the download's {@code maxBytes}, as announced or as it arrived. */
        TOO_LARGE,
        /** The transfer went slower than the download's minimum speed for a whole window: it stalled. */
        STALLED
    }

    private final Reason reason;

    /**
     * Creates the exception.
     *
     * @param reason why the download failed
     * @param message what failed and what to do about it
     * @param cause the underlying failure, or {@code null}
     * @param details the object store's response, or {@link ErrorDetails#none()}
     */
    public DownloadException(Reason reason, String message, Throwable cause, ErrorDetails details) {
        super(message, cause, details);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /**
     * Why the download failed.
     *
     * @return the reason
     */
    public Reason reason() {
        return reason;
    }
}
