package cn.scenext.core.internal.download;

import cn.scenext.api.Frame;
import cn.scenext.api.TaskId;
import cn.scenext.api.TaskStatus;
import cn.scenext.api.exception.DownloadException;
import cn.scenext.api.exception.ErrorDetails;
import cn.scenext.api.exception.TaskFailedException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.function.Function;

/**
 * A file of a task, the video or one storyboard frame, and where it is now: its signed URL, refreshed from
 * a fresh status when it expires.
 */
public final class RemoteFile {
    private final TaskId taskId;
    private final String frameId;
    private final Function<TaskId, TaskStatus> statusReader;
    private final URI initialUrl;

    private RemoteFile(TaskStatus status, String frameId, Function<TaskId, TaskStatus> statusReader) {
        this.taskId = status.taskId();
        this.frameId = frameId;
        this.statusReader = statusReader;
        this.initialUrl = urlIn(status);
    }

    static RemoteFile video(TaskStatus status, Function<TaskId, TaskStatus> statusReader) {
        return new RemoteFile(status, null, statusReader);
    }

    static RemoteFile frame(TaskStatus status, String frameId, Function<TaskId, TaskStatus> statusReader) {
        return new RemoteFile(status, frameId, statusReader);
    }

    TaskId taskId() {
        return taskId;
    }

    URI initialUrl() {
        return initialUrl;
    }

    /** Reads a fresh status and returns the file's fresh signed URL. */
    URI refreshedUrl() {
        return urlIn(statusReader.apply(taskId));
    }

    String describe() {
        return frameId == null ? "the video of task " + taskId : "frame " + frameId + " of task " + taskId;
    }

    /** A safe file name for the file: the URL's last path segment, else one made from the task id. */
    String fileName() {
        String path = initialUrl.getPath() == null ? "" : initialUrl.getPath();
        String last = path.substring(path.lastIndexOf('/') + 1);
        StringBuilder sb = new StringBuilder();
        for (char c : last.toCharArray()) {
            sb.append(Character.isLetterOrDigit(c) && c < 0x80 || c == '.' || c == '-' || c == '_' ? c : '_');
        }
        String name = sb.toString();
        if (name.isEmpty() || name.startsWith(".")) {
            return frameId == null ? "task-" + safe(taskId.value()) + ".mp4" : safe(frameId) + ".png";
        }
        return name;
    }

    private static String safe(String s) {
        return s.replaceAll("[^A-Za-z0-9_-]", "_").toLowerCase(Locale.ROOT);
    }

    private URI urlIn(TaskStatus status) {
        String url = frameId == null ? videoUrl(status) : frameUrl(status);
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (uri.getHost() == null || !(scheme.equals("http") || scheme.equals("https"))) {
                throw noFile("its URL is not an absolute http(s) URL: " + uri.getScheme() + "://…");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw noFile("its URL is not a valid URL (" + e.getReason() + ")");
        }
    }

    private String videoUrl(TaskStatus status) {
        if (status.isFailed()) {
            throw new TaskFailedException(status);
        }
        if (!status.isCompleted() || !status.videoUrl().isPresent()) {
            throw noFile("the task is " + status.state() + " and has no video yet; wait for it with "
                    + "waitForCompletion first");
        }
        return status.videoUrl().get();
    }

    private String frameUrl(TaskStatus status) {
        for (Frame f : status.frames()) {
            if (f.id().equals(frameId)) {
                return f.imageUrl();
            }
        }
        throw noFile("the task has no frame " + frameId + " (it has " + status.frames().size() + ")");
    }

    private DownloadException noFile(String why) {
        return new DownloadException(DownloadException.Reason.NO_FILE, "Cannot download " + describe() + ": " + why
                + ".", null, ErrorDetails.none());
    }
}
