package cn.scenext.core.internal.download;

import cn.scenext.api.TaskId;
import cn.scenext.api.exception.ScenextException;
import cn.scenext.api.exception.TransportException;
import cn.scenext.core.Attempt;
import cn.scenext.core.internal.http.HttpPipeline;

/**
 * One download as the client's interceptors see it, from its start to the file in place (or its failure):
 * counts it in flight, gives its requests (redirects, retries, resumptions) one {@link Attempt#callId()} and
 * their numbers, and tells the interceptors of its end once ({@link cn.scenext.core.Interceptor#onCallEnd}),
 * with the last request's status, the failure and the bytes received. A download runs on its caller's thread:
 * one thread at a time, though not necessarily the same one across its life.
 */
final class DownloadCall {
    static final String OPERATION = "download";

    private final HttpPipeline pipeline;
    private final TaskId taskId;
    private final String describe;
    private final long id = Attempt.nextCallId();
    private final long startNanos;
    private volatile Attempt last;
    private volatile int lastStatus = -1;
    private volatile long received;
    private volatile boolean ended;

    /** Starts a download of the task's file, described as {@code describe} in messages, counting it in flight. */
    DownloadCall(HttpPipeline pipeline, TaskId taskId, String describe) {
        this.pipeline = pipeline;
        this.taskId = taskId;
        this.describe = describe;
        this.startNanos = pipeline.scheduler().nanoTime();
        this.last = Attempt.starting(id, pipeline.transportName(), OPERATION, 0, taskId, startNanos, startNanos);
        pipeline.downloadStarted();
    }

    /** The next request of the download starts now. */
    Attempt nextRequest() {
        Attempt a = Attempt.starting(id, pipeline.transportName(), OPERATION, last.number() + 1, taskId, startNanos,
                pipeline.scheduler().nanoTime());
        last = a;
        lastStatus = -1;
        return a;
    }

    /** The request just sent got a response with this status. */
    void responded(int statusCode) {
        lastStatus = statusCode;
    }

    /** Bytes of the file arrived. */
    void received(long bytes) {
        received += bytes;
    }

    /** The download ended, with {@code failure} {@code null} when the file is in place; only the first end counts. */
    void end(Throwable failure) {
        if (ended) {
            return;
        }
        ended = true;
        pipeline.downloadEnded(last.endedAt(pipeline.scheduler().nanoTime()).withResult(lastStatus, asFailure(failure))
                .withBytesTransferred(received));
    }

    private ScenextException asFailure(Throwable failure) {
        if (failure == null || failure instanceof ScenextException) {
            return (ScenextException) failure;
        }
        if (failure instanceof InterruptedException) {
            return new TransportException(TransportException.Reason.CANCELLED, "The download of " + describe
                    + " was interrupted", failure);
        }
        return new ScenextException("The download of " + describe + " failed: "
                + pipeline.redactor().redact(String.valueOf(failure)), failure);
    }
}
