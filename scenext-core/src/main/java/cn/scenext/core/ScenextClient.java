package cn.scenext.core;

import cn.scenext.api.Frame;
import cn.scenext.api.GenerateVideoRequest;
import cn.scenext.api.TaskId;
import cn.scenext.api.TaskStatus;
import cn.scenext.api.exception.ConfigurationException;
import cn.scenext.api.transport.HttpRequest;
import cn.scenext.api.transport.Transport;
import cn.scenext.api.transport.TransportOptions;
import cn.scenext.api.transport.TransportProvider;
import cn.scenext.core.download.DownloadOptions;
import cn.scenext.core.internal.download.DownloadTarget;
import cn.scenext.core.internal.download.Downloader;
import cn.scenext.core.internal.http.ApiCall;
import cn.scenext.core.internal.http.HttpPipeline;
import cn.scenext.core.internal.http.UrlPaths;
import cn.scenext.core.internal.json.ApiJson;
import cn.scenext.core.internal.json.MalformedJsonException;
import cn.scenext.core.internal.poll.TaskWaiter;
import cn.scenext.core.poll.WaitOptions;
import cn.scenext.core.poll.WaitObserver;
import cn.scenext.core.schedule.Scheduler;
import cn.scenext.core.internal.transport.TransportDiscovery;
import cn.scenext.core.webhook.ClientWebhooks;
import cn.scenext.core.webhook.WebhookObserver;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Proxy;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

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
 * transient ones are retried by the {@link RetryPolicy}, and a task is never created twice for one call.
 */
public final class ScenextClient implements AutoCloseable {
    /** The service's address unless another is set. */
    public static final URI DEFAULT_BASE_URL = URI.create("https://api.scenext.cn/");
    /** The environment variable holding the API key. */
    public static final String ENV_API_KEY = "SCENEXT_API_KEY";
    /** The environment variable holding a base URL other than the default. */
    public static final String ENV_BASE_URL = "SCENEXT_BASE_URL";

    private static final AtomicInteger CLIENT_NUMBER = new AtomicInteger();
    private static final String VERSION = readVersion();

    private final URI baseUrl;
    private final Transport transport;
    private final boolean ownsTransport;
    private final Scheduler scheduler;
    private final boolean ownsScheduler;
    private final HttpPipeline pipeline;
    private final TaskWaiter waiter;
    private final ClientWebhooks webhooks;
    private final Downloader downloader;
    private final String userAgent;
    private final Clock clock;
    private volatile boolean closed;

    private ScenextClient(Builder b, URI baseUrl, Transport transport, boolean ownsTransport, String userAgent) {
        this.baseUrl = baseUrl;
        this.transport = transport;
        this.ownsTransport = ownsTransport;
        this.ownsScheduler = b.scheduler == null;
        this.scheduler = ownsScheduler ? Scheduler.system("scenext-scheduler-" + CLIENT_NUMBER.incrementAndGet())
                : b.scheduler;
        this.clock = b.clock;
        this.userAgent = userAgent;
        this.pipeline = new HttpPipeline(transport, baseUrl, b.apiKey, userAgent, b.interceptors, b.retryPolicy(),
                b.transportOptions.build().callTimeout(), scheduler, clock);
        this.waiter = new TaskWaiter((id, deadline) -> pipeline.callAsync(getStatusCall(id), deadline), scheduler,
                b.maxStatusRequestsPerSecond, pipeline.redactor(), b.keptWebhookEvents, b.keptWebhookEventsFor, clock,
                b.retryPolicy.maxRetryAfter(), b.waitObservers);
        this.webhooks = ClientWebhooks.of(waiter, b.webhookObservers);
        this.downloader = new Downloader(pipeline, this::getStatus, clock);
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
     * @throws ConfigurationException when {@value #ENV_API_KEY} is not set, or a value is invalid
     */
    public static ScenextClient fromEnv() {
        return builder().fromEnv().build();
    }

    /**
     * Creates a video task. The call is retried only where the task surely was not created, so one call never
     * creates (nor pays for) two tasks.
     *
     * @param request what to make a video of
     * @return the new task's id
     * @throws cn.scenext.api.exception.ScenextException typed by what went wrong; after a
     *     {@link cn.scenext.api.exception.TransportException} whose request may have been sent, the task may
     *     exist: do not blindly create it again
     */
    public TaskId generateVideo(GenerateVideoRequest request) {
        return pipeline.call(generateVideoCall(request), HttpPipeline.NO_DEADLINE);
    }

    /**
     * Creates a video task without blocking the caller; see {@link #generateVideo(GenerateVideoRequest)}.
     *
     * @param request what to make a video of
     * @return the new task's id to come
     */
    public CompletableFuture<TaskId> generateVideoAsync(GenerateVideoRequest request) {
        return pipeline.callAsync(generateVideoCall(request), HttpPipeline.NO_DEADLINE);
    }

    /**
     * Reads a task's current status.
     *
     * @param taskId the task
     * @return its status
     * @throws cn.scenext.api.exception.TaskNotFoundException when the service knows no such task
     * @throws cn.scenext.api.exception.ScenextException typed by anything else that went wrong
     */
    public TaskStatus getStatus(TaskId taskId) {
        return pipeline.call(getStatusCall(taskId), HttpPipeline.NO_DEADLINE);
    }

    /**
     * Reads a task's current status.
     *
     * @param taskId the task's id
     * @return its status
     * @throws cn.scenext.api.exception.ValidationException when the id is blank
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
        return pipeline.callAsync(getStatusCall(taskId), HttpPipeline.NO_DEADLINE);
    }

    /**
     * Waits until a task ends, polling its status as the service advises (at once, then every 30 s), for at
     * most an hour; see {@link #waitForCompletion(TaskId, WaitOptions)}.
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
     * answer) are retried by the {@link RetryPolicy} and then, if they persist, the wait simply polls again
     * on its schedule until its total timeout. A terminal webhook event handed to {@link #webhooks()} ends the
     * wait at once.
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
        return waiter.await(taskId, options);
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
        return waiter.waitFor(taskId, options);
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
        return webhooks;
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
        return waiter.waitForCreated(generateVideoAsync(request), options);
    }

    /**
     * Creates a video task, waits until it ends and saves its video: {@link #generateVideoAndWait(
     * GenerateVideoRequest, WaitOptions)} then {@link #download(TaskStatus, Path, DownloadOptions)}. The target
     * is checked first, before the task is created: a target that exists (and is not to be replaced), a
     * dangling symbolic link or a directory that cannot be written fails at once, with the
     * {@link cn.scenext.api.exception.DownloadException} the download would have ended with, and nothing is
     * sent.
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
        return download(generateVideoAndWait(request, waitOptions), target, downloadOptions);
    }

    /**
     * Saves a completed task's video to a file; see {@link #download(TaskStatus, Path, DownloadOptions)}. An
     * existing file is not replaced.
     *
     * @param status the task's status, {@code COMPLETED} (as {@link #waitForCompletion(TaskId)} returns it)
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
     * @param status the task's status, {@code COMPLETED}
     * @param target the file, or a directory to save it in under the name its URL gives it
     * @param options progress listener, overwrite policy, redirects and resumes
     * @return the file written
     * @throws cn.scenext.api.exception.DownloadException when the task has no video, the target exists (and is
     *     not to be replaced), the object store refuses the file, or the transfer stays incomplete
     * @throws cn.scenext.api.exception.TaskFailedException when the task failed, so has no video
     */
    public Path download(TaskStatus status, Path target, DownloadOptions options) {
        return downloader.videoToFile(Objects.requireNonNull(status, "status"), target, options);
    }

    /**
     * Saves a task's video to a file, reading its status first; see
     * {@link #download(TaskStatus, Path, DownloadOptions)}.
     *
     * @param taskId the task, which must have completed
     * @param target the file, or a directory to save it in
     * @param options progress listener, overwrite policy, redirects and resumes
     * @return the file written
     */
    public Path download(TaskId taskId, Path target, DownloadOptions options) {
        return download(getStatus(taskId), target, options);
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
        return downloader.videoToStream(Objects.requireNonNull(status, "status"), out, options);
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
        return download(getStatus(taskId), out, options);
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
        return downloader.frameToFile(Objects.requireNonNull(status, "status"),
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
        return downloader.frameToFile(getStatus(taskId), Objects.requireNonNull(frameId, "frameId"), target, options);
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
        return downloader.frameToStream(Objects.requireNonNull(status, "status"),
                Objects.requireNonNull(frame, "frame").id(), out, options);
    }

    private ApiCall<TaskId> generateVideoCall(GenerateVideoRequest request) {
        Objects.requireNonNull(request, "request");
        HttpRequest http = HttpRequest.builder()
                .post(baseUrl.resolve("api/gen_video"), ApiJson.writeGenerateVideoRequest(request))
                .build();
        return ApiCall.create("gen_video", http, (answer, envelope) -> {
            String id = envelope.data() == null ? null : envelope.data().taskId();
            if (id == null || id.trim().isEmpty()) {
                throw new MalformedJsonException("data.task_id is missing");
            }
            return TaskId.of(id);
        });
    }

    private ApiCall<TaskStatus> getStatusCall(TaskId taskId) {
        Objects.requireNonNull(taskId, "taskId");
        HttpRequest http = HttpRequest.builder()
                .get(URI.create(baseUrl + "api/get_status/" + UrlPaths.encodeSegment(taskId.value())))
                .build();
        return ApiCall.read("get_status", taskId, http, (answer, envelope) -> {
            if (envelope.data() == null) {
                throw new MalformedJsonException("the answer has no data object");
            }
            return envelope.data().toTaskStatus(taskId);
        });
    }

    /**
     * The base URL requests go to.
     *
     * @return the base URL, ending with {@code /}
     */
    public URI baseUrl() {
        return baseUrl;
    }

    /**
     * The name of the transport in use.
     *
     * @return e.g. {@code okhttp}
     */
    public String transportName() {
        return transport.name();
    }

    /**
     * The {@code User-Agent} sent with every request.
     *
     * @return e.g. {@code scenext-java/0.1.0 (okhttp; Java 17.0.15)}
     */
    public String userAgent() {
        return userAgent;
    }

    /**
     * The SDK's version.
     *
     * @return e.g. {@code 0.1.0}
     */
    public static String version() {
        return VERSION;
    }

    /**
     * Releases the client: asynchronous calls and waits still running fail with a
     * {@link cn.scenext.api.exception.ClientClosedException} (their polling stops), the client's timer stops, and a transport the
     * client created is closed (one given to the builder is left to its owner). Idempotent.
     */
    @Override
    public void close() {
        closed = true;
        waiter.close();
        pipeline.close();
        if (ownsScheduler) {
            scheduler.close();
        }
        if (ownsTransport) {
            transport.close();
        }
    }

    /**
     * The client's state now, read without calling the API: for a health indicator or gauges.
     *
     * @return whether it is open, and its waits and API calls in flight
     */
    public ClientState state() {
        return ClientState.of(!closed, waiter.activeWaits(), pipeline.callsInFlight());
    }

    /**
     * The base URL and transport; never the API key.
     *
     * @return a description safe to log
     */
    @Override
    public String toString() {
        return "ScenextClient{baseUrl=" + baseUrl + ", transport=" + transport.name() + ", apiKey=[redacted]}";
    }

    private static String readVersion() {
        try (InputStream in = ScenextClient.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String v = p.getProperty("version");
                if (v != null && !v.startsWith("$")) {
                    return v;
                }
            }
        } catch (IOException e) {
            // fall through to "unknown"
        }
        return "unknown";
    }

    /** Builds a {@link ScenextClient}. Not thread-safe. */
    public static final class Builder {
        private String apiKey;
        private URI baseUrl = DEFAULT_BASE_URL;
        private String baseUrlText;
        private Transport transport;
        private String transportName;
        private final TransportOptions.Builder transportOptions = TransportOptions.builder();
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private Duration totalTimeout;
        private String userAgentSuffix;
        private final List<Interceptor> interceptors = new ArrayList<>();
        private final List<WaitObserver> waitObservers = new ArrayList<>();
        private final List<WebhookObserver> webhookObservers = new ArrayList<>();
        private Scheduler scheduler;
        private Clock clock = Clock.systemUTC();
        private double maxStatusRequestsPerSecond;
        private int keptWebhookEvents = ClientWebhooks.DEFAULT_KEPT_EVENTS;
        private Duration keptWebhookEventsFor = ClientWebhooks.DEFAULT_KEPT_FOR;
        private ClassLoader classLoader;
        private Function<String, String> environment = System::getenv;

        private Builder() {
        }

        /**
         * Sets the API key. It goes only to the base URL's origin and appears in no message or log.
         *
         * @param apiKey the key from the Scenext console
         * @return this builder
         */
        public Builder apiKey(String apiKey) {
            this.apiKey = apiKey;
            return this;
        }

        /**
         * Sets the base URL, e.g. a simulator's or a proxy's.
         *
         * @param baseUrl an absolute http(s) URL; default {@code https://api.scenext.cn}
         * @return this builder
         */
        public Builder baseUrl(String baseUrl) {
            this.baseUrlText = Objects.requireNonNull(baseUrl, "baseUrl");
            this.baseUrl = null;
            return this;
        }

        /**
         * Sets the base URL, e.g. a simulator's or a proxy's.
         *
         * @param baseUrl an absolute http(s) URL; default {@code https://api.scenext.cn}
         * @return this builder
         */
        public Builder baseUrl(URI baseUrl) {
            this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
            this.baseUrlText = null;
            return this;
        }

        /**
         * Reads {@value #ENV_API_KEY} and {@value #ENV_BASE_URL} from the environment, where set;
         * {@code SCENEXT_TRANSPORT} is read by transport discovery in any case.
         *
         * @return this builder
         */
        public Builder fromEnv() {
            String key = environment.apply(ENV_API_KEY);
            if (key != null && !key.trim().isEmpty()) {
                apiKey(key.trim());
            }
            String url = environment.apply(ENV_BASE_URL);
            if (url != null && !url.trim().isEmpty()) {
                baseUrl(url.trim());
            }
            return this;
        }

        /**
         * Uses this transport instead of discovering one. The client does not close it.
         *
         * @param transport the transport
         * @return this builder
         */
        public Builder transport(Transport transport) {
            this.transport = Objects.requireNonNull(transport, "transport");
            return this;
        }

        /**
         * Chooses the transport by name among those on the classpath.
         *
         * @param name {@code okhttp}, {@code apache}, {@code retrofit}, {@code jdk}, or another provider's name
         * @return this builder
         */
        public Builder transport(String name) {
            this.transportName = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * Sets how long to wait for a connection.
         *
         * @param timeout positive; default 10 s
         * @return this builder
         */
        public Builder connectTimeout(Duration timeout) {
            transportOptions.connectTimeout(timeout);
            return this;
        }

        /**
         * Sets how long to wait for an answer's first byte, and between its bytes.
         *
         * @param timeout positive; default 60 s
         * @return this builder
         */
        public Builder readTimeout(Duration timeout) {
            transportOptions.readTimeout(timeout);
            return this;
        }

        /**
         * Sets the most requests the discovered transport keeps in flight at once (and its connection pool's
         * size); further asynchronous calls wait in a queue, costing neither a thread nor a socket. Bounds the
         * transport's threads whatever the number of waits and bursts of calls.
         *
         * @param maxConcurrentRequests at least 1; default 16
         * @return this builder
         */
        public Builder maxConcurrentRequests(int maxConcurrentRequests) {
            transportOptions.maxConcurrentRequests(maxConcurrentRequests);
            return this;
        }

        /**
         * Sets the proxy of a discovered transport.
         *
         * @param proxy the proxy, {@link Proxy#NO_PROXY} for none, {@code null} for the JVM's default
         * @return this builder
         */
        public Builder proxy(Proxy proxy) {
            transportOptions.proxy(proxy);
            return this;
        }

        /**
         * Sets the longest one attempt of an API call may take, from sending the request to the last byte of
         * the answer: unlike the read timeout, it cuts an answer that trickles in a byte at a time. A timed-out
         * attempt fails with a {@link cn.scenext.api.exception.TransportException} of reason
         * {@code CALL_TIMEOUT}, retried like a read timeout. Downloads are bounded by their stall limit
         * instead ({@link cn.scenext.core.download.DownloadOptions#minSpeed}).
         *
         * @param timeout positive; default 30 s
         * @return this builder
         */
        public Builder callTimeout(Duration timeout) {
            transportOptions.callTimeout(timeout);
            return this;
        }

        /**
         * Sets the longest an API call may take, all its attempts and the waits between them included: no retry
         * starts that would begin after it, and the attempt in flight is cut at it. The same bound as
         * {@link RetryPolicy#maxElapsed()}: this overrides the policy's, whichever is set first.
         *
         * @param timeout positive; default 60 s
         * @return this builder
         */
        public Builder totalTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("totalTimeout must be positive, got " + timeout);
            }
            this.totalTimeout = timeout;
            return this;
        }

        /** The retry policy, with the total timeout when one was set on this builder. */
        private RetryPolicy retryPolicy() {
            return totalTimeout == null ? retryPolicy : retryPolicy.toBuilder().maxElapsed(totalTimeout).build();
        }

        /**
         * Sets the retry policy.
         *
         * @param retryPolicy the policy; {@link RetryPolicy#none()} to turn retries off
         * @return this builder
         */
        public Builder retryPolicy(RetryPolicy retryPolicy) {
            this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
            return this;
        }

        /**
         * Appends a product token to the {@code User-Agent}, e.g. {@code my-app/1.2}.
         *
         * @param suffix the token
         * @return this builder
         */
        public Builder userAgentSuffix(String suffix) {
            this.userAgentSuffix = suffix;
            return this;
        }

        /**
         * Adds an interceptor that sees every attempt.
         *
         * @param interceptor the interceptor
         * @return this builder
         */
        public Builder addInterceptor(Interceptor interceptor) {
            interceptors.add(Objects.requireNonNull(interceptor, "interceptor"));
            return this;
        }

        /**
         * Adds an observer that sees every wait of the client from its start to its end (polls, frames, how it
         * ended), after the observers added before it.
         *
         * @param observer the observer
         * @return this builder
         */
        public Builder addWaitObserver(WaitObserver observer) {
            waitObservers.add(Objects.requireNonNull(observer, "observer"));
            return this;
        }

        /**
         * Adds an observer told of every delivery handled by the webhook handlers the client builds
         * ({@code client.webhooks().handler(...)} and {@code handlerBuilder(...)}): accepted, duplicate,
         * rejected or failed.
         *
         * @param observer the observer
         * @return this builder
         */
        public Builder addWebhookObserver(WebhookObserver observer) {
            webhookObservers.add(Objects.requireNonNull(observer, "observer"));
            return this;
        }

        /**
         * Sets the timer and clock of retries and waits; for tests that run long waits in virtual time. The
         * client does not close it.
         *
         * @param scheduler the scheduler
         * @return this builder
         */
        public Builder scheduler(Scheduler scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
            return this;
        }

        /**
         * Sets the wall clock, used for {@code Retry-After} dates, URL expiry and the age of kept webhook events.
         *
         * @param clock the clock; default UTC system clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Limits the status polls of all this client's waits to a rate, spreading them evenly instead of in
         * bursts: thousands of waits started together then poll one after another. A poll due while the limit
         * is reached waits for the next free slot on the client's timer (no thread is blocked).
         *
         * @param maxPerSecond the most polls per second, e.g. {@code 20}; {@code 0} (the default) for no limit
         * @return this builder
         * @throws cn.scenext.api.exception.ValidationException when the rate is negative or not a number
         */
        public Builder maxStatusRequestsPerSecond(double maxPerSecond) {
            this.maxStatusRequestsPerSecond = TaskWaiter.checkRate(maxPerSecond);
            return this;
        }

        /**
         * Sets how many terminal webhook events for tasks nobody waits on yet the client keeps, and how long,
         * so that a wait started just after its task's webhook arrived ends at once (see
         * {@link ClientWebhooks}). Events are aged on the client's {@link #clock(Clock) clock}; when the limit
         * is reached, the event that arrived first is dropped first. An event holds the task's frames and
         * result URLs, a few kilobytes.
         *
         * @param maxEvents how many events at most, default {@value ClientWebhooks#DEFAULT_KEPT_EVENTS}; 0 to
         *     keep none
         * @param maxAge how long each is kept, positive; default five minutes
         * @return this builder
         * @throws cn.scenext.api.exception.ValidationException when a limit is out of range
         */
        public Builder recentWebhookEvents(int maxEvents, Duration maxAge) {
            this.keptWebhookEvents = TaskWaiter.checkKeptStatuses(maxEvents);
            this.keptWebhookEventsFor = TaskWaiter.checkKeptFor(maxAge);
            return this;
        }

        /**
         * Sets the class loader searched for transports.
         *
         * @param classLoader the loader; default the thread's context class loader
         * @return this builder
         */
        public Builder classLoader(ClassLoader classLoader) {
            this.classLoader = classLoader;
            return this;
        }

        /** For tests: the environment variables {@link #fromEnv()} and discovery read. */
        Builder environment(Function<String, String> environment) {
            this.environment = Objects.requireNonNull(environment, "environment");
            return this;
        }

        /**
         * Builds the client.
         *
         * @return the client
         * @throws ConfigurationException when the key is missing or malformed, the base URL is not absolute
         *     http(s), or no transport can be found
         */
        public ScenextClient build() {
            checkApiKey(apiKey);
            URI base = normalizeBaseUrl(baseUrl != null ? baseUrl : parse(baseUrlText));
            if (transport != null) {
                return new ScenextClient(this, base, transport, false, userAgent(transport.name()));
            }
            ClassLoader loader = classLoader != null ? classLoader : Thread.currentThread().getContextClassLoader();
            ClassLoader searched = loader != null ? loader : ScenextClient.class.getClassLoader();
            TransportProvider provider = new TransportDiscovery(
                    () -> ServiceLoader.load(TransportProvider.class, searched), System::getProperty, environment)
                    .select(transportName);
            String ua = userAgent(provider.name());
            Transport created;
            try {
                created = provider.create(transportOptions.userAgent(ua).build());
            } catch (RuntimeException | LinkageError e) {
                throw new ConfigurationException("The " + provider.name() + " transport could not be created: " + e, e);
            }
            return new ScenextClient(this, base, created, true, ua);
        }

        private String userAgent(String transportLabel) {
            String ua = "scenext-java/" + VERSION + " (" + transportLabel + "; Java "
                    + System.getProperty("java.version", "?") + ")";
            if (userAgentSuffix != null && !userAgentSuffix.trim().isEmpty()) {
                ua = ua + " " + userAgentSuffix.trim();
            }
            return ua;
        }

        private static void checkApiKey(String key) {
            if (key == null || key.trim().isEmpty()) {
                throw new ConfigurationException("No Scenext API key. Pass it to ScenextClient.builder().apiKey(...), "
                        + "or set " + ENV_API_KEY + " and use ScenextClient.fromEnv().");
            }
            for (int i = 0; i < key.length(); i++) {
                char c = key.charAt(i);
                if (c <= ' ' || c >= 0x7F) {
                    throw new ConfigurationException("The Scenext API key contains a space, a control or a non-ASCII "
                            + "character at position " + i + "; copy it again from the console.");
                }
            }
            if (key.length() < 4) {
                throw new ConfigurationException("The Scenext API key is too short (" + key.length()
                        + " characters) to be a real key; copy it again from the console.");
            }
        }

        private static URI parse(String text) {
            try {
                return new URI(text.trim());
            } catch (URISyntaxException e) {
                throw new ConfigurationException("The base URL \"" + withoutSecrets(text) + "\" is not a valid URL: "
                        + e.getReason());
            }
        }

        private static URI normalizeBaseUrl(URI uri) {
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw new ConfigurationException("The base URL must be an absolute http(s) URL such as "
                        + DEFAULT_BASE_URL + ", got \"" + withoutSecrets(uri.toString()) + "\".");
            }
            if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
                throw new ConfigurationException("The base URL must not have a query, a fragment or user info: \""
                        + uri.getScheme() + "://" + uri.getHost() + "...\".");
            }
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            if (!path.endsWith("/")) {
                path = path + "/";
            }
            return URI.create(scheme + "://" + uri.getRawAuthority() + path);
        }

        /**
         * A URL as configuration errors may show it: user info (a password) and the query (a token) replaced by
         * {@code ***}, however malformed the rest.
         */
        static String withoutSecrets(String url) {
            if (url == null) {
                return null;
            }
            String s = url;
            int query = s.indexOf('?');
            if (query >= 0) {
                int fragment = s.indexOf('#', query);
                s = s.substring(0, query) + "?***" + (fragment >= 0 ? s.substring(fragment) : "");
            }
            int scheme = s.indexOf("://");
            int authorityStart = scheme >= 0 ? scheme + 3 : 0;
            int authorityEnd = s.length();
            for (int i = authorityStart; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '/' || c == '?' || c == '#') {
                    authorityEnd = i;
                    break;
                }
            }
            int at = s.lastIndexOf('@', authorityEnd - 1);
            if (at >= authorityStart) {
                s = s.substring(0, authorityStart) + "***" + s.substring(at);
            }
            return s;
        }
    }
}
