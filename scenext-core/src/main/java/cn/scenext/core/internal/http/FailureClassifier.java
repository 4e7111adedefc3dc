package cn.scenext.core.internal.http;

import cn.scenext.api.exception.ProtocolException;
import cn.scenext.api.exception.RateLimitException;
import cn.scenext.api.exception.ServerException;
import cn.scenext.api.exception.TransportException;

/**
 * The one rule for which failures are temporary, used by API calls (their retries), downloads (theirs) and
 * waits (whether a failed poll ends the wait). Each user adds only what is its own on top: a task creation
 * retries only what surely created nothing; a download reads a 403 on a signed URL as "refresh the URL"; a wait
 * ends once the same {@link Kind#UNCLASSIFIED} failure repeats, and polls on after a {@link Kind#CANCELLED} one.
 */
public final class FailureClassifier {
    /** What kind of failure a failure is. */
    public enum Kind {
        /**
         * Temporary: the service or the network may do better on a later try (a failed connection, a read that
         * timed out, HTTP 408, 429 or 5xx).
         */
        TRANSIENT,
        /**
         * Neither surely temporary nor surely final: an error envelope or a body that cannot be read at HTTP 2xx
         * (the real service gives every error at HTTP 200). A retry may help; the SDK cannot tell.
         */
        UNCLASSIFIED,
        /** The exchange was cancelled or interrupted: what that means is the caller's to say. */
        CANCELLED,
        /** Final: trying again gives the same failure (an unknown task, a refused key, a refused request...). */
        FINAL
    }

    private FailureClassifier() {
    }

    /**
     * Whether an HTTP status says "try again later": 408, 429 or any 5xx.
     *
     * @param status the HTTP status
     * @return {@code true} when the status is temporary
     */
    public static boolean isTransientStatus(int status) {
        return status == 408 || status == 429 || status >= 500;
    }

    /**
     * Classifies a failure, as the pipeline, a transport or a future reported it (unwrapped).
     *
     * @param failure the failure
     * @return its kind
     */
    public static Kind classify(Throwable failure) {
        if (failure instanceof TransportException) {
            return ((TransportException) failure).reason() == TransportException.Reason.CANCELLED ? Kind.CANCELLED
                    : Kind.TRANSIENT;
        }
        if (failure instanceof RateLimitException) {
            return Kind.TRANSIENT; // turned away before processing
        }
        if (failure instanceof ServerException) {
            int status = ((ServerException) failure).statusCode().orElse(500);
            if (isTransientStatus(status)) {
                return Kind.TRANSIENT;
            }
            return isSuccessStatus(status) ? Kind.UNCLASSIFIED : Kind.FINAL;
        }
        if (failure instanceof ProtocolException) {
            return isSuccessStatus(((ProtocolException) failure).statusCode().orElse(200)) ? Kind.UNCLASSIFIED
                    : Kind.FINAL;
        }
        return Kind.FINAL;
    }

    private static boolean isSuccessStatus(int status) {
        return status >= 200 && status < 300;
    }
}
