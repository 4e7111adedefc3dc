package cn.scenext.core;

import cn.scenext.api.GenerateVideoRequest;
import cn.scenext.api.TaskId;
import cn.scenext.api.TaskStatus;
import cn.scenext.core.batch.BatchOptions;
import cn.scenext.core.batch.BatchReport;
import cn.scenext.core.batch.BatchRow;
import cn.scenext.core.internal.batch.BatchRunner;
import cn.scenext.core.internal.client.ClientParts;
import cn.scenext.core.internal.client.ClientSettings;
import cn.scenext.core.journal.TaskJournal;
import cn.scenext.core.poll.WaitOptions;
import cn.scenext.core.poll.WaitToken;
import cn.scenext.core.webhook.ClientWebhooks;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The client of the Scenext API: creates video tasks, reads their status, waits for them to end and saves
 * their videos, over the transport found on the classpath (or the one given). Thread-safe: build one per API
 * key and share it. Close it when done to release its connections and threads.
 *
 * <pre>{@code
 * try (ScenextClient client = ScenextClient.fromEnv()) {           // SCENEXT_API_KEY
 *     WaitOptions options = WaitOptions.builder()
 *             .progressListener(ProgressListener.onFrame((frame, n) -> System.out.print("\rframes: " + n)))
 *             .build();
 *     TaskStatus done = client.generateVideoAndWait(GenerateVideoRequest.ofQuestion("What is a Fourier series?"),
 *             options);
 *     client.download(done, Paths.get("fourier.mp4"));
 * }
 * }</pre>
 *
 * <p>All waits of a client share its one timer thread: waiting costs no thread per task. With webhooks handed
 * to {@link #webhooks()}, a wait ends the moment its task's webhook arrives.
 *
 * <p>Every failure is a {@link cn.scenext.api.exception.ScenextException} subclass that says what happened;
 * transient ones are retried by the {@link RetryPolicy}, and a task is never created twice for one call. A bad
 * value given to the {@link Builder} is refused by its setter with an
 * {@link cn.scenext.api.exception.InvalidValueException} (an {@link IllegalArgumentException}).
 */
public final class ScenextClient extends ClientDownloads implements AutoCloseable {
    /** The service's address unless another is set. */
    public static final URI DEFAULT_BASE_URL = ClientSettings.DEFAULT_BASE_URL;
    /** The environment variable holding the API key. */
    public static final String ENV_API_KEY = ClientSettings.ENV_API_KEY;
    /** The environment variable holding a base URL other than the default. */
    public static final String ENV_BASE_URL = ClientSettings.ENV_BASE_URL;

    private ScenextClient(ClientParts parts) {
        super(parts);
    }

    /**
     * Starts a client.
     *
     * @return a builder with the defaults
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A client configured from the environment: {@value #ENV_API_KEY} (required), {@value #ENV_BASE_URL} and
     * {@code SCENEXT_TRANSPORT} (optional).
     *
     * @return the client
     * @throws cn.scenext.api.exception.ConfigurationException when {@value #ENV_API_KEY} is not set, or a value
     *     is invalid
     */
    public static ScenextClient fromEnv() {
        return builder().fromEnv().build();
    }

    /**
     * Creates a video task. The call is retried only where the task surely was not created, so one call never
     * creates (nor pays for) two tasks. With a {@link Builder#journal journal}, the creation is recorded in it
     * under a fresh random reference, as {@link #generateVideo(String, GenerateVideoRequest)} does.
     *
     * @param request what to make a video of
     * @return the new task's id
     * @throws cn.scenext.api.exception.ScenextException typed by what went wrong; after a
     *     {@link cn.scenext.api.exception.TransportException} whose request may have been sent, the task may
     *     exist: do not blindly create it again
     */
    public TaskId generateVideo(GenerateVideoRequest request) {
        return parts.generateVideo(request);
    }

    /**
     * Creates a video task without blocking the caller; see {@link #generateVideo(GenerateVideoRequest)}.
     *
     * @param request what to make a video of
     * @return the new task's id to come
     */
    public CompletableFuture<TaskId> generateVideoAsync(GenerateVideoRequest request) {
        return parts.generateVideoAsync(request);
    }

    /**
     * Creates a video task recorded in the client's {@link Builder#journal journal} under a reference: the
     * creation's start (reference, SHA-256 of the request's canonical JSON, time) is recorded <em>before</em>
     * the request is sent, then the task's id, or that the service refused it, or that its outcome is unknown.
     *
     * @param reference the creation's name, unique in the journal (a row number, a question's id)
     * @param request what to make a video of
     * @return the new task's id
     * @throws IllegalStateException when the client has no journal (a reference is the journal's key)
     * @throws cn.scenext.api.exception.JournalException {@code ILLEGAL_STEP} when the journal already has a
     *     creation under this reference (then nothing is sent), or when the start could not be recorded
     * @throws cn.scenext.api.exception.ScenextException as {@link #generateVideo(GenerateVideoRequest)}
     */
    public TaskId generateVideo(String reference, GenerateVideoRequest request) {
        return parts.generateVideo(reference, request);
    }

    /**
     * Creates a video task recorded in the journal under a reference, without blocking the caller once the
     * creation's start is recorded (on the caller's thread, before anything is sent); see
     * {@link #generateVideo(String, GenerateVideoRequest)}. The future completes once the outcome is recorded.
     *
     * @param reference the creation's name, unique in the journal
     * @param request what to make a video of
     * @return the new task's id to come
     * @throws IllegalStateException when the client has no journal
     * @throws cn.scenext.api.exception.JournalException when the start cannot be recorded (nothing is sent)
     */
    public CompletableFuture<TaskId> generateVideoAsync(String reference, GenerateVideoRequest request) {
        return parts.generateVideoAsync(reference, request);
    }

    /**
     * The journal this client records in, e.g. to list what a restarted process must pick up:
     * {@code client.journal().pending()}.
     *
     * @return the journal given to {@link Builder#journal}
     * @throws IllegalStateException when none was given
     */
    public TaskJournal journal() {
        return parts.journal().journal();
    }

    /**
     * Runs a batch, blocking until it ends: creates each row's task (recorded in the journal), waits for it,
     * saves its video in the output directory and checks it, with at most {@link BatchOptions#concurrency()}
     * rows in flight and {@link BatchOptions#creationsPerSecond()} creations a second. Run again with the same
     * journal, it picks up every unfinished row and never creates a row's task twice; see
     * {@link #runBatchAsync}.
     *
     * @param rows the rows, references unique
     * @param options output directory, concurrency, rate, waits, downloads, leases, listener
     * @return one result per row, in input order
     * @throws IllegalStateException when the client has no journal
     * @throws cn.scenext.api.exception.InvalidValueException when two rows share a reference, or a row's
     *     request differs from the one the journal recorded under its reference (the input changed); nothing
     *     is sent then
     * @throws cn.scenext.api.exception.ScenextException when the journal or the leases fail as a whole
     */
    public BatchReport runBatch(List<BatchRow> rows, BatchOptions options) {
        return BatchRunner.runBlocking(parts, rows, options);
    }

    /**
     * Runs a batch without blocking the caller; see {@link #runBatch}. Waits cost no thread; downloads run on at
     * most {@link BatchOptions#concurrency()} threads of the batch's own. Cancelling the future stops the batch:
     * no further row starts, waits and downloads stop (creations in flight end and are recorded), leases are
     * given back, and every unfinished row stays resumable by a later run.
     *
     * @param rows the rows, references unique
     * @param options how to run them
     * @return the report to come
     * @throws IllegalStateException when the client has no journal
     * @throws cn.scenext.api.exception.InvalidValueException when the rows are refused (see {@link #runBatch})
     */
    public CompletableFuture<BatchReport> runBatchAsync(List<BatchRow> rows, BatchOptions options) {
        return BatchRunner.start(parts, rows, options);
    }

    /**
     * Reads a task's current status.
     *
     * @param taskId the task
     * @return its status
     * @throws cn.scenext.api.exception.TaskNotFoundException when the service knows no such task
     */
    public TaskStatus getStatus(TaskId taskId) {
        return parts.getStatus(taskId);
    }

    /**
     * Reads a task's current status; see {@link #getStatus(TaskId)}.
     *
     * @param taskId the task's id
     * @return its status
     * @throws cn.scenext.api.exception.InvalidValueException when the id is blank
     */
    public TaskStatus getStatus(String taskId) {
        return getStatus(TaskId.of(taskId));
    }

    /**
     * Reads a task's current status without blocking the caller.
     *
     * @param taskId the task
     * @return its status to come
     */
    public CompletableFuture<TaskStatus> getStatusAsync(TaskId taskId) {
        return parts.getStatusAsync(taskId);
    }

    /**
     * Waits until a task ends with the default options: polls at once, then every 30 s, for at most an hour.
     *
     * @param taskId the task
     * @return its terminal status, {@code COMPLETED}
     * @throws cn.scenext.api.exception.TaskFailedException when the task failed
     * @throws cn.scenext.api.exception.WaitTimeoutException when the hour passed; the task may still be running
     */
    public TaskStatus waitForCompletion(TaskId taskId) {
        return waitForCompletion(taskId, WaitOptions.defaults());
    }

    /**
     * Waits until a task ends, blocking the caller. Transient failures of a poll (5xx, 429, a reset, a garbled
     * response) are retried by the {@link RetryPolicy} and then, if they persist, the wait polls again on its
     * schedule until its total timeout. A terminal webhook event handed to {@link #webhooks()} ends it at once.
     *
     * @param taskId the task
     * @param options poll policy, total timeout, progress listener, callback executor, what a failure does
     * @return its terminal status: {@code COMPLETED}, or {@code FAILED} when the options say not to throw
     * @throws cn.scenext.api.exception.TaskFailedException when the task failed (unless the options say not
     *     to throw); it carries the status and the service's reason
     * @throws cn.scenext.api.exception.WaitTimeoutException when the total timeout passed; the task may still
     *     be running on the server: wait again for the same id rather than creating it again
     * @throws cn.scenext.api.exception.TaskNotFoundException when the service knows no such task
     * @throws cn.scenext.api.exception.AuthenticationException when the API key is refused
     * @throws cn.scenext.api.exception.ClientClosedException when the client is closed during the wait
     */
    public TaskStatus waitForCompletion(TaskId taskId, WaitOptions options) {
        return parts.waitForCompletion(taskId, options);
    }

    /**
     * Waits until a task ends without blocking any thread; see {@link #waitForCompletion(TaskId, WaitOptions)}.
     * Waits share the client's one timer thread, so thousands of them cost no thread each. Cancelling the
     * future stops polling for the task at once.
     *
     * @param taskId the task
     * @param options how to wait
     * @return the terminal status to come, or the exception {@code waitForCompletion} would throw
     */
    public CompletableFuture<TaskStatus> waitForCompletionAsync(TaskId taskId, WaitOptions options) {
        return parts.waitForCompletionAsync(taskId, options);
    }

    /**
     * Waits until a task ends without blocking any thread, with the default options.
     *
     * @param taskId the task
     * @return the terminal status to come
     */
    public CompletableFuture<TaskStatus> waitForCompletionAsync(TaskId taskId) {
        return waitForCompletionAsync(taskId, WaitOptions.defaults());
    }

    /**
     * Resumes a saved wait, blocking the caller, with the default options; see
     * {@link #resumeWait(WaitToken, WaitOptions)}.
     *
     * @param token the saved wait, from {@link cn.scenext.core.poll.ProgressListener#onCheckpoint(WaitToken)}
     *     or {@link WaitToken#parse(String)}
     * @return the task's terminal status
     * @throws cn.scenext.api.exception.WaitTimeoutException when the token's deadline passed (at once when it
     *     already had)
     */
    public TaskStatus resumeWait(WaitToken token) {
        return resumeWait(token, WaitOptions.defaults());
    }

    /**
     * Resumes a saved wait, in this process or another, blocking the caller: waits for the token's task until
     * the token's deadline (the options' timeout is not used: a resumed wait gets no fresh time budget), goes on
     * with the poll policy where the saved wait left it, and tells the options' listener only what the saved
     * wait had not: no frame the token counts as reported, nor the state it last saw as a change. A wait that
     * had polled polls at once; one whose deadline passed ends at once with a
     * {@link cn.scenext.api.exception.WaitTimeoutException}, with no status request (as a fresh wait at its
     * deadline). The deadline is read on the client's {@linkplain Builder#clock clock}. Otherwise exactly as
     * {@link #waitForCompletion(TaskId, WaitOptions)}.
     *
     * @param token the saved wait
     * @param options how to wait, but for the timeout
     * @return the task's terminal status
     * @throws cn.scenext.api.exception.WaitTimeoutException when the token's deadline passed
     * @throws cn.scenext.api.exception.ScenextException typed by how the wait ended otherwise
     */
    public TaskStatus resumeWait(WaitToken token, WaitOptions options) {
        return parts.waiter().resumeWait(token, options);
    }

    /**
     * Resumes a saved wait without blocking any thread; see {@link #resumeWait(WaitToken, WaitOptions)}.
     * Cancelling the future stops the wait.
     *
     * @param token the saved wait
     * @param options how to wait, but for the timeout
     * @return the terminal status to come, or the exception {@code resumeWait} would throw
     */
    public CompletableFuture<TaskStatus> resumeWaitAsync(WaitToken token, WaitOptions options) {
        return parts.waiter().resumeWaitAsync(token, options);
    }

    /**
     * Resumes a saved wait without blocking any thread, with the default options.
     *
     * @param token the saved wait
     * @return the terminal status to come
     */
    public CompletableFuture<TaskStatus> resumeWaitAsync(WaitToken token) {
        return resumeWaitAsync(token, WaitOptions.defaults());
    }

    /**
     * Ends this client's waits from webhooks: hand it verified events, or let it build the receiving handler.
     * A wait then ends the moment its task's terminal webhook arrives, with no further status request, while
     * polling goes on as the safety net in case no webhook comes.
     *
     * <pre>{@code
     * WebhookHandler handler = client.webhooks().handler(WebhookVerifier.of(apiKey));
     * // in your HTTP endpoint: handler.handle(signatureHeader, bodyBytes)
     * // or, with events you verified yourself: client.webhooks().accept(event)
     * }</pre>
     *
     * @return the webhooks of this client's waits
     */
    public ClientWebhooks webhooks() {
        return parts.webhooks();
    }

    /**
     * Creates a video task and waits until it ends: {@link #generateVideo(GenerateVideoRequest)} then
     * {@link #waitForCompletion(TaskId, WaitOptions)}. The total timeout counts from the task's creation.
     *
     * @param request what to make a video of
     * @param options how to wait
     * @return the task's terminal status
     * @throws cn.scenext.api.exception.WaitTimeoutException when the wait timed out; it carries the new task's
     *     id, so wait again for it rather than creating another
     */
    public TaskStatus generateVideoAndWait(GenerateVideoRequest request, WaitOptions options) {
        Objects.requireNonNull(options, "options");
        return waitForCompletion(generateVideo(request), options);
    }

    /**
     * Creates a video task and waits until it ends, with the default wait options.
     *
     * @param request what to make a video of
     * @return the task's terminal status
     */
    public TaskStatus generateVideoAndWait(GenerateVideoRequest request) {
        return generateVideoAndWait(request, WaitOptions.defaults());
    }

    /**
     * Creates a video task and waits until it ends, without blocking any thread. Cancelling the future
     * cancels the creation if it is still running (the task may be created all the same), or else the wait.
     *
     * @param request what to make a video of
     * @param options how to wait
     * @return the task's terminal status to come
     */
    public CompletableFuture<TaskStatus> generateVideoAndWaitAsync(GenerateVideoRequest request,
            WaitOptions options) {
        return parts.waitForCompletionAsync(generateVideoAsync(request), options);
    }

    /**
     * The base URL requests go to.
     *
     * @return the base URL, ending with {@code /}
     */
    public URI baseUrl() {
        return parts.baseUrl();
    }

    /**
     * The name of the transport in use.
     *
     * @return e.g. {@code okhttp}
     */
    public String transportName() {
        return parts.transport().name();
    }

    /**
     * The {@code User-Agent} sent with every request.
     *
     * @return e.g. {@code scenext-java/0.1.0 (okhttp; Java 17.0.15)}
     */
    public String userAgent() {
        return parts.userAgent();
    }

    /**
     * The SDK's version.
     *
     * @return e.g. {@code 0.1.0}
     */
    public static String version() {
        return ClientParts.VERSION;
    }

    /**
     * Releases the client: asynchronous calls and waits still running fail with a
     * {@link cn.scenext.api.exception.ClientClosedException} (their polling stops), the client's timer stops, and
     * a transport the client created is closed (one given to the builder is left to its owner). Idempotent.
     */
    @Override
    public void close() {
        parts.close();
    }

    /**
     * The client's state now, read without calling the API: for a health indicator or gauges.
     *
     * @return whether it is open, and its waits and API calls in flight
     */
    public ClientState state() {
        return parts.state();
    }

    /**
     * The base URL and transport; never the API key.
     *
     * @return a description safe to log
     */
    @Override
    public String toString() {
        return "ScenextClient{baseUrl=" + baseUrl() + ", transport=" + transportName() + ", apiKey=[redacted]}";
    }

    /**
     * Builds a {@link ScenextClient}. Each setter checks its value and refuses a bad one at once with an
     * {@link cn.scenext.api.exception.InvalidValueException}; {@link #build()} raises a
     * {@link cn.scenext.api.exception.ConfigurationException} for what only the whole can tell. Not thread-safe.
     */
    public static final class Builder extends ClientBuilderBase {
        private Builder() {
        }

        /**
         * Builds the client.
         *
         * @return the client
         * @throws cn.scenext.api.exception.ConfigurationException when no API key was given, or no transport can
         *     be found or created
         */
        public ScenextClient build() {
            return new ScenextClient(ClientParts.of(settings));
        }
    }
}
