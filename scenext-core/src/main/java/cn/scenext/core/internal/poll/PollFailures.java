package cn.scenext.core.internal.poll;

import cn.scenext.api.exception.RateLimitException;
import cn.scenext.api.exception.ScenextException;
import cn.scenext.core.internal.http.FailureClassifier;
import cn.scenext.core.poll.WaitOptions;
import java.time.Duration;

/**
 * What a failed poll does to a wait, by the {@link FailureClassifier}: a {@link FailureClassifier.Kind#FINAL}
 * failure ends it at once; the others let it poll again on its schedule (the pipeline retried what it could),
 * but the same {@link FailureClassifier.Kind#UNCLASSIFIED} one repeated {@link WaitOptions#maxRepeatedFailures()}
 * times in a row ends it too. Counts the repeats of one wait; not thread-safe (the wait's lock guards it).
 */
final class PollFailures {
    /** What the latest unclassified failures had in common, and how many came in a row. */
    private String repeatedFailure;
    private int repeats;

    /**
     * Whether a failed poll ends the wait: the task is unknown, the key is refused, the client is closed, or the
     * response is not the API's. The others (5xx, 429, any transport failure, an error envelope or a garbled
     * response at 2xx) do not end it at once. A transport failure reported as cancelled does not either: this
     * wait's own cancellation never gets here (it settles first), so it is the transport's (e.g. a refused
     * hand-off to its threads), and passes like any network failure.
     */
    static boolean endsWait(Throwable failure) {
        return FailureClassifier.classify(failure) == FailureClassifier.Kind.FINAL;
    }

    /**
     * Counts a failure that did not end the wait at once: one more in a row when it is unclassified and the
     * same as the one before, else the count starts again (at 1, or at 0 for a temporary failure, which never
     * ends the wait).
     *
     * @return how many times in a row this unclassified failure came
     */
    int record(Throwable failure) {
        if (FailureClassifier.classify(failure) == FailureClassifier.Kind.UNCLASSIFIED) {
            String same = sameness(failure);
            repeats = same.equals(repeatedFailure) ? repeats + 1 : 1;
            repeatedFailure = same;
        } else {
            reset();
        }
        return repeats;
    }

    /**
     * The least delay before the next poll after a failure: none, or a 429's {@code Retry-After}, at most
     * {@code maxRetryAfter} (the client's {@link cn.scenext.core.RetryPolicy#maxRetryAfter()}) and never past the
     * wait's deadline, so that one {@code Retry-After: 86400} cannot stop polling for the rest of the wait.
     *
     * @param left the time left until the wait's deadline
     */
    static Duration nextPollAtLeast(Throwable failure, Duration maxRetryAfter, Duration left) {
        if (!(failure instanceof RateLimitException)) {
            return Duration.ZERO;
        }
        Duration retryAfter = ((RateLimitException) failure).retryAfter().orElse(Duration.ZERO);
        Duration capped = retryAfter.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : retryAfter;
        return capped.compareTo(left) > 0 ? left : capped;
    }

    /** A status came: the streak of failures is over. */
    void reset() {
        repeatedFailure = null;
        repeats = 0;
    }

    /**
     * What makes two failures "the same error": their type, HTTP status and the service's message (or, without
     * one, the exception's), so that a count of attempts in the message does not tell two alike apart.
     */
    private static String sameness(Throwable failure) {
        if (failure instanceof ScenextException) {
            ScenextException e = (ScenextException) failure;
            return e.getClass().getName() + ' ' + e.statusCode().orElse(-1) + ' '
                    + e.serviceMessage().orElse(String.valueOf(e.getMessage()));
        }
        return failure.getClass().getName() + ' ' + failure.getMessage();
    }
}
