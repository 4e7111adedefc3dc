package cn.scenext.core.internal.http;

import cn.scenext.api.exception.ErrorDetails;
import cn.scenext.api.exception.RateLimitException;
import cn.scenext.api.exception.ScenextException;
import cn.scenext.api.exception.ServerException;
import cn.scenext.api.exception.TransportException;
import cn.scenext.core.RetryPolicy;
import cn.scenext.core.schedule.Scheduler;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The retry rules of API calls: what may be retried (the {@link FailureClassifier}'s temporary failures, and for
 * a task creation only those that surely created nothing), how long to wait before the next attempt (the
 * {@link RetryPolicy}, a {@code Retry-After}), when to stop (the policy's attempts and total time, the caller's
 * deadline), each attempt's own timeout, and the failure a call ends with. Thread-safe.
 */
final class RetryRules {
    private static final Logger LOG = LoggerFactory.getLogger(RetryRules.class);
    /** A deadline that never comes: only the retry policy bounds the call. */
    static final long NO_DEADLINE = Long.MAX_VALUE;

    /** The shortest timeout an attempt gets, however little of its call's time is left. */
    private static final long MIN_ATTEMPT_NANOS = Duration.ofMillis(1).toNanos();

    private final RetryPolicy policy;
    private final Duration callTimeout;
    private final Scheduler scheduler;
    /** {@link #callTimeout} and the policy's total time in nanoseconds, converted once and not per attempt. */
    private final long callTimeoutNanos;
    private final long maxElapsedNanos;

    RetryRules(RetryPolicy policy, Duration callTimeout, Scheduler scheduler) {
        this.policy = policy;
        this.callTimeout = callTimeout;
        this.scheduler = scheduler;
        this.callTimeoutNanos = saturatedNanos(callTimeout);
        this.maxElapsedNanos = saturatedNanos(policy.maxElapsed());
    }

    /** A duration in nanoseconds, {@link Long#MAX_VALUE} for one too long to count in them (ages). */
    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    RetryPolicy policy() {
        return policy;
    }

    /**
     * The call timeout of an attempt starting now: the call timeout, or what is left of the policy's total time
     * when that is less, and never under 1 ms.
     *
     * @param startNanos when the call started, on the scheduler's clock
     * @return the attempt's timeout
     */
    Duration attemptTimeout(long startNanos) {
        long left = maxElapsedNanos - (scheduler.nanoTime() - startNanos);
        long nanos = Math.max(Math.min(callTimeoutNanos, left), MIN_ATTEMPT_NANOS);
        return nanos == callTimeoutNanos ? callTimeout : Duration.ofNanos(nanos);
    }

    /**
     * The wait before the next attempt.
     *
     * @param attempt the number of the attempt that just failed, from 1
     * @param startNanos when the call started, on the scheduler's clock
     * @param deadlineNanos no retry starts after this time ({@link #NO_DEADLINE} for none)
     * @return the delay, or {@code null} when the failure is final
     */
    Duration delay(ApiCall<?> call, Outcome<?> outcome, int attempt, long startNanos, long deadlineNanos) {
        ScenextException failure = outcome.failure;
        if (attempt > policy.maxRetries() || !isRetryable(call, failure)) {
            return null;
        }
        Duration delay = policy.retryDelay(attempt, outcome.retryAfter, ThreadLocalRandom.current().nextDouble());
        long retryAt = scheduler.nanoTime() + delay.toNanos();
        boolean pastDeadline = deadlineNanos != NO_DEADLINE && retryAt - deadlineNanos > 0;
        if (retryAt - startNanos > policy.maxElapsed().toNanos() || pastDeadline) {
            LOG.debug("{}: not retrying after {}: the next attempt would start past the deadline", call.describe(),
                    failure.getClass().getSimpleName());
            return null;
        }
        if (LOG.isInfoEnabled()) {
            LOG.info("{} failed ({}); retrying in {} ms (attempt {} of {})", call.describe(), brief(failure),
                    delay.toMillis(), attempt + 1, policy.maxRetries() + 1);
        }
        return delay;
    }

    private static String brief(ScenextException failure) {
        if (failure instanceof TransportException) {
            return ((TransportException) failure).reason().name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }
        return failure.statusCode().isPresent() ? "HTTP " + failure.statusCode().getAsInt()
                : failure.getClass().getSimpleName();
    }

    /**
     * Whether a failure may be retried for a call: reads retry every temporary failure
     * ({@link FailureClassifier.Kind#TRANSIENT}); task creation only what surely never reached the application
     * (a connection never made, a 429, a 503 carrying the service's own envelope), never what may have created
     * the task.
     */
    static boolean isRetryable(ApiCall<?> call, ScenextException failure) {
        if (FailureClassifier.classify(failure) != FailureClassifier.Kind.TRANSIENT) {
            return false;
        }
        if (!call.createsTask()) {
            return true;
        }
        if (failure.taskMayHaveBeenCreated()) {
            return false;
        }
        if (failure instanceof TransportException) {
            return !((TransportException) failure).requestMayHaveBeenSent();
        }
        if (failure instanceof RateLimitException) {
            return true;
        }
        // Unavailable, said by the service itself: the request was not processed. A proxy's 503 (not the
        // envelope) may come after the request was forwarded.
        return failure instanceof ServerException && failure.statusCode().orElse(0) == 503
                && failure.serviceMessage().isPresent();
    }

    /**
     * The failure a call ends with: a transport failure of a task creation whose request may have been sent
     * becomes one that also says {@link ScenextException#taskMayHaveBeenCreated()} (same reason, the
     * original as its cause); every other failure is returned as it is.
     */
    static ScenextException concluded(ApiCall<?> call, ScenextException failure) {
        if (!call.createsTask() || !(failure instanceof TransportException) || failure.taskMayHaveBeenCreated()) {
            return failure;
        }
        TransportException t = (TransportException) failure;
        if (!t.requestMayHaveBeenSent()) {
            return failure;
        }
        return new TransportException(t.reason(), t.getMessage() + ". " + ErrorMapper.MAY_HAVE_BEEN_CREATED, t,
                ErrorDetails.none().withTaskMayHaveBeenCreated());
    }
}
