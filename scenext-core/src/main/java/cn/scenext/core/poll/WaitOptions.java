package cn.scenext.core.poll;

import cn.scenext.api.exception.InvalidValueException;
import cn.scenext.core.internal.options.Checks;
import cn.scenext.core.internal.poll.DirectExecutor;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * How a wait for a task behaves: when it polls, how long it may last in total, who follows its progress,
 * where callbacks run, what a failed task does, and whether a webhook's end is completed by a status request.
 * Immutable.
 *
 * <pre>{@code
 * WaitOptions options = WaitOptions.builder()
 *         .timeout(Duration.ofMinutes(45))
 *         .progressListener(ProgressListener.onFrame((frame, n) -> System.out.print("\rframes: " + n)))
 *         .build();
 * }</pre>
 *
 * <p>The {@linkplain #timeout() timeout} bounds the whole wait, across all its polls; it is separate from
 * the transport's per-request timeouts and from the retry policy: a poll that fails after its retries for a
 * transient reason (HTTP 5xx, 429, a network failure) does not end the wait, which polls again until the
 * timeout. A poll failure the SDK cannot classify (an error envelope or an unreadable body at HTTP 200) ends
 * the wait once it repeats {@linkplain #maxRepeatedFailures() a few times in a row}; a final one (unknown task,
 * refused key) ends it at once.
 *
 * <p>Each setter of the {@link Builder} checks its value and refuses a bad one at once with an
 * {@link InvalidValueException} (an {@link IllegalArgumentException}) naming the setting;
 * {@link #toBuilder()} derives changed options from these.
 */
public final class WaitOptions {
    /** The total timeout unless set: one hour. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofHours(1);
    /** How many polls in a row may fail with the same unclassified error before the wait ends with it: 3. */
    public static final int DEFAULT_MAX_REPEATED_FAILURES = 3;

    private static final WaitOptions DEFAULTS = builder().build();

    private final PollPolicy pollPolicy;
    private final Duration timeout;
    private final ProgressListener progressListener;
    private final Executor callbackExecutor;
    private final boolean throwOnTaskFailure;
    private final boolean refreshStatusOnWebhook;
    private final int maxRepeatedFailures;

    private WaitOptions(Builder b) {
        this.pollPolicy = b.pollPolicy;
        this.timeout = b.timeout;
        this.progressListener = b.progressListener;
        this.callbackExecutor = b.callbackExecutor;
        this.throwOnTaskFailure = b.throwOnTaskFailure;
        this.refreshStatusOnWebhook = b.refreshStatusOnWebhook;
        this.maxRepeatedFailures = b.maxRepeatedFailures;
    }

    /**
     * The defaults: {@link PollPolicy#defaults()}, a one-hour timeout, no listener, callbacks on the thread
     * that received the status, a failed task raising {@link cn.scenext.api.exception.TaskFailedException}, and
     * a webhook's terminal event ending the wait with no status request.
     *
     * @return the default options
     */
    public static WaitOptions defaults() {
        return DEFAULTS;
    }

    /**
     * Starts options from the defaults.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding these options, to derive changed ones.
     *
     * @return a builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.pollPolicy = pollPolicy;
        b.timeout = timeout;
        b.progressListener = progressListener;
        b.callbackExecutor = callbackExecutor;
        b.throwOnTaskFailure = throwOnTaskFailure;
        b.refreshStatusOnWebhook = refreshStatusOnWebhook;
        b.maxRepeatedFailures = maxRepeatedFailures;
        return b;
    }

    /**
     * When the wait polls.
     *
     * @return the poll policy
     */
    public PollPolicy pollPolicy() {
        return pollPolicy;
    }

    /**
     * The longest the whole wait may last, from its start to the task's end.
     *
     * @return the total timeout
     */
    public Duration timeout() {
        return timeout;
    }

    /**
     * Who follows the wait's progress.
     *
     * @return the listener; {@link ProgressListener#none()} unless set
     */
    public ProgressListener progressListener() {
        return progressListener;
    }

    /**
     * Where the listener's calls and the completion of an asynchronous wait's future run.
     *
     * @return the executor; unless set, one that runs them on the thread that received the status (a
     *     transport thread, or the thread that handed the client a webhook event) or ended the wait (the
     *     client's timer thread)
     */
    public Executor callbackExecutor() {
        return callbackExecutor;
    }

    /**
     * What a task that ends in {@code FAILED} does to the wait.
     *
     * @return {@code true} (the default) when it raises a {@link cn.scenext.api.exception.TaskFailedException};
     *     {@code false} when the wait returns the failed status
     */
    public boolean throwOnTaskFailure() {
        return throwOnTaskFailure;
    }

    /**
     * What a wait does when a webhook event handed to the client ({@code client.webhooks()}) says the task
     * ended. See {@link Builder#refreshStatusOnWebhook(boolean)}.
     *
     * @return {@code false} (the default) when it ends with the event's status, with no status request;
     *     {@code true} when it first reads the full status once
     */
    public boolean refreshStatusOnWebhook() {
        return refreshStatusOnWebhook;
    }

    /**
     * How many polls in a row may fail with the same error the SDK cannot classify before the wait ends with
     * that error. See {@link Builder#maxRepeatedFailures(int)}.
     *
     * @return the number, 1 or more; {@value #DEFAULT_MAX_REPEATED_FAILURES} unless set
     */
    public int maxRepeatedFailures() {
        return maxRepeatedFailures;
    }

    @Override
    public String toString() {
        return "WaitOptions{pollPolicy=" + pollPolicy + ", timeout=" + timeout + ", progressListener="
                + progressListener + ", callbackExecutor=" + callbackExecutor + ", throwOnTaskFailure="
                + throwOnTaskFailure + ", refreshStatusOnWebhook=" + refreshStatusOnWebhook
                + ", maxRepeatedFailures=" + maxRepeatedFailures + '}';
    }

    /** Builds {@link WaitOptions}, starting from the defaults. Not thread-safe. */
    public static final class Builder {
        private PollPolicy pollPolicy = PollPolicy.defaults();
        private Duration timeout = DEFAULT_TIMEOUT;
        private ProgressListener progressListener = ProgressListener.none();
        private Executor callbackExecutor = DirectExecutor.INSTANCE;
        private boolean throwOnTaskFailure = true;
        private boolean refreshStatusOnWebhook;
        private int maxRepeatedFailures = DEFAULT_MAX_REPEATED_FAILURES;

        private Builder() {
        }

        /**
         * Sets when the wait polls.
         *
         * @param pollPolicy the policy
         * @return this builder
         * @throws InvalidValueException when the policy asks for polls faster than its floor
         */
        public Builder pollPolicy(PollPolicy pollPolicy) {
            Objects.requireNonNull(pollPolicy, "pollPolicy").checkFloor();
            this.pollPolicy = pollPolicy;
            return this;
        }

        /**
         * Sets the longest the whole wait may last. When it passes, the wait raises a
         * {@link cn.scenext.api.exception.WaitTimeoutException}; the task may still be running on the server.
         *
         * @param timeout positive; default one hour
         * @return this builder
         * @throws InvalidValueException when the timeout is not positive
         */
        public Builder timeout(Duration timeout) {
            this.timeout = Checks.positive(timeout, "timeout");
            return this;
        }

        /**
         * Sets who follows the wait's progress.
         *
         * @param progressListener the listener
         * @return this builder
         */
        public Builder progressListener(ProgressListener progressListener) {
            this.progressListener = Objects.requireNonNull(progressListener, "progressListener");
            return this;
        }

        /**
         * Sets where the listener's calls and the completion of an asynchronous wait run. Calls of one wait
         * still come one at a time and in order on any executor.
         *
         * @param callbackExecutor the executor, e.g. the application's own pool
         * @return this builder
         */
        public Builder callbackExecutor(Executor callbackExecutor) {
            this.callbackExecutor = Objects.requireNonNull(callbackExecutor, "callbackExecutor");
            return this;
        }

        /**
         * Sets what a task that ends in {@code FAILED} does to the wait.
         *
         * @param throwOnTaskFailure {@code true} (the default) to raise a
         *     {@link cn.scenext.api.exception.TaskFailedException}; {@code false} to return the failed status
         * @return this builder
         */
        public Builder throwOnTaskFailure(boolean throwOnTaskFailure) {
            this.throwOnTaskFailure = throwOnTaskFailure;
            return this;
        }

        /**
         * Sets what the wait does when a webhook event handed to the client says the task ended.
         *
         * <p>By default ({@code false}) the wait ends at once with the event's status and makes no further
         * status request: the event carries what most callers use next, the state, the frames and the result
         * (the video's URL, or the reason of a failure), and a request would only add its latency and one call
         * per task. What an event usually lacks is the credits consumed, the title, {@code created_at} and
         * {@code finish_at}. Set {@code true} when the caller needs those: the wait then reads the status
         * exactly once (through the client's retries and rate limit) and ends with it; if that read fails, or
         * still finds the task running, or the wait's timeout passes first, the wait ends with the event's
         * status. Either way the listener is told the event's frames and end at once.
         *
         * @param refreshStatusOnWebhook {@code true} to end with one fresh status read after a terminal event
         * @return this builder
         */
        public Builder refreshStatusOnWebhook(boolean refreshStatusOnWebhook) {
            this.refreshStatusOnWebhook = refreshStatusOnWebhook;
            return this;
        }

        /**
         * Sets how many polls in a row may fail with the same error the SDK cannot classify before the wait
         * ends with that error, instead of polling quietly until its timeout.
         *
         * <p>Failed polls fall into three kinds. Final ones end the wait at once: the task is unknown
         * ({@link cn.scenext.api.exception.TaskNotFoundException}), the key is refused
         * ({@link cn.scenext.api.exception.AuthenticationException}), the request is refused
         * ({@link cn.scenext.api.exception.ValidationException}), the response is not the API's (a
         * {@link cn.scenext.api.exception.ProtocolException} outside 2xx). Transient ones never end it, the wait
         * polls again until its timeout: HTTP 5xx or 408 ({@link cn.scenext.api.exception.ServerException}), 429
         * ({@link cn.scenext.api.exception.RateLimitException}), network failures
         * ({@link cn.scenext.api.exception.TransportException}). The rest cannot be classified: an error
         * envelope at HTTP 2xx whose text the SDK does not know, or a 2xx body that cannot be read. The real
         * service sends every error at HTTP 200, so such a failure is as likely final as transient: the wait
         * goes on after it, but when this many polls in a row fail with the same such error (same type, HTTP
         * status and message), it ends with that error. A successful poll or a different error starts the count
         * again.
         *
         * @param maxRepeatedFailures 1 or more; default {@value #DEFAULT_MAX_REPEATED_FAILURES}
         * @return this builder
         * @throws InvalidValueException when the number is less than 1
         */
        public Builder maxRepeatedFailures(int maxRepeatedFailures) {
            if (maxRepeatedFailures < 1) {
                throw new InvalidValueException("maxRepeatedFailures", "A wait must allow at least 1 failed poll "
                        + "before it ends with the failure, got " + maxRepeatedFailures + ".");
            }
            this.maxRepeatedFailures = maxRepeatedFailures;
            return this;
        }

        /**
         * Builds the options.
         *
         * @return the options
         */
        public WaitOptions build() {
            return new WaitOptions(this);
        }
    }
}
