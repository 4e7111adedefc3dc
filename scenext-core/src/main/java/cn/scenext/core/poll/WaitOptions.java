package cn.scenext.core.poll;

import cn.scenext.api.exception.ValidationException;
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
 * the transport's per-request timeouts and from the retry policy: a poll that fails after its retries does
 * not end the wait, which polls again until the timeout.
 */
public final class WaitOptions {
    /** The total timeout unless set: one hour. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofHours(1);

    private static final WaitOptions DEFAULTS = builder().build();

    private final PollPolicy pollPolicy;
    private final Duration timeout;
    private final ProgressListener progressListener;
    private final Executor callbackExecutor;
    private final boolean throwOnTaskFailure;
    private final boolean refreshStatusOnWebhook;

    private WaitOptions(Builder b) {
        this.pollPolicy = b.pollPolicy;
        this.timeout = b.timeout;
        this.progressListener = b.progressListener;
        this.callbackExecutor = b.callbackExecutor;
        this.throwOnTaskFailure = b.throwOnTaskFailure;
        this.refreshStatusOnWebhook = b.refreshStatusOnWebhook;
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

    @Override
    public String toString() {
        return "WaitOptions{pollPolicy=" + pollPolicy + ", timeout=" + timeout + ", progressListener="
                + progressListener + ", callbackExecutor=" + callbackExecutor + ", throwOnTaskFailure="
                + throwOnTaskFailure + ", refreshStatusOnWebhook=" + refreshStatusOnWebhook + '}';
    }

    /** Builds {@link WaitOptions}, starting from the defaults. Not thread-safe. */
    public static final class Builder {
        private PollPolicy pollPolicy = PollPolicy.defaults();
        private Duration timeout = DEFAULT_TIMEOUT;
        private ProgressListener progressListener = ProgressListener.none();
        private Executor callbackExecutor = DirectExecutor.INSTANCE;
        private boolean throwOnTaskFailure = true;
        private boolean refreshStatusOnWebhook;

        private Builder() {
        }

        /**
         * Sets when the wait polls.
         *
         * @param pollPolicy the policy
         * @return this builder
         * @throws ValidationException when the policy asks for polls faster than its floor
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
         * @throws ValidationException when the timeout is not positive
         */
        public Builder timeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new ValidationException("timeout", "A wait's timeout must be positive, got " + timeout + ".");
            }
            this.timeout = timeout;
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
         * Builds the options.
         *
         * @return the options
         */
        public WaitOptions build() {
            return new WaitOptions(this);
        }
    }
}
