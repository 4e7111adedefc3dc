package cn.scenext.core.internal.client;

import cn.scenext.api.GenerateVideoRequest;
import cn.scenext.api.TaskId;
import cn.scenext.api.TaskStatus;
import cn.scenext.api.exception.ClientClosedException;
import cn.scenext.api.exception.ConfigurationException;
import cn.scenext.api.transport.HttpRequest;
import cn.scenext.api.transport.Transport;
import cn.scenext.api.transport.TransportProvider;
import cn.scenext.core.ScenextClient;
import cn.scenext.core.download.DownloadOptions;
import cn.scenext.core.internal.download.Downloader;
import cn.scenext.core.internal.download.SavedFile;
import cn.scenext.core.poll.WaitOptions;
import cn.scenext.core.internal.http.ApiCall;
import cn.scenext.core.internal.http.HttpPipeline;
import cn.scenext.core.internal.http.UrlPaths;
import cn.scenext.core.internal.json.ApiJson;
import cn.scenext.core.internal.json.MalformedJsonException;
import cn.scenext.core.internal.poll.TaskWaiter;
import cn.scenext.core.internal.poll.WaiterWebhooks;
import cn.scenext.core.ClientState;
import cn.scenext.core.internal.transport.TransportDiscovery;
import cn.scenext.core.schedule.Scheduler;
import cn.scenext.core.webhook.ClientWebhooks;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Objects;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The parts a {@code ScenextClient} is wired from, built from its settings: the transport (given, or
 * discovered and then owned), the timer (given, or owned), the HTTP pipeline, the task waiter, its webhooks
 * and the downloader; and the client's two API calls. {@link #close()} releases what the client owns.
 */
public final class ClientParts implements AutoCloseable {
    /** The SDK's version, from the jar's {@code version.properties}; {@code unknown} when absent. */
    public static final String VERSION = readVersion();
    private static final AtomicInteger CLIENT_NUMBER = new AtomicInteger();

    private final URI baseUrl;
    /** {@code baseUrl + "api/get_status/"}, joined once: a status's URI is then one exact-size concatenation. */
    private final String statusUrlPrefix;
    private final Transport transport;
    private final boolean ownsTransport;
    private final Scheduler scheduler;
    private final boolean ownsScheduler;
    private final String userAgent;
    private final HttpPipeline pipeline;
    private final TaskWaiter waiter;
    private final ClientWebhooks webhooks;
    private final Downloader downloader;
    private final ClientJournal journal;
    private volatile boolean closed;

    private ClientParts(ClientSettings s, Transport transport, boolean ownsTransport, String userAgent) {
        this.baseUrl = s.baseUrl;
        this.statusUrlPrefix = s.baseUrl + "api/get_status/";
        this.transport = transport;
        this.ownsTransport = ownsTransport;
        this.ownsScheduler = s.scheduler == null;
        this.scheduler = ownsScheduler ? Scheduler.system("scenext-scheduler-" + CLIENT_NUMBER.incrementAndGet())
                : s.scheduler;
        this.userAgent = userAgent;
        this.pipeline = new HttpPipeline(transport, baseUrl, s.apiKey, userAgent, s.interceptors(),
                s.effectiveRetryPolicy(), s.transportOptions.build().callTimeout(), scheduler, s.clock);
        this.waiter = new TaskWaiter(new WaitStatusReader(), scheduler,
                s.maxStatusRequestsPerSecond, pipeline.redactor(), s.keptWebhookEvents, s.keptWebhookEventsFor,
                s.clock, s.retryPolicy.maxRetryAfter(), s.waitObservers());
        this.webhooks = new WaiterWebhooks(waiter, s.webhookObservers());
        this.downloader = new Downloader(pipeline, this::getStatus, s.clock);
        this.journal = new ClientJournal(s.journal, s.clock);
    }

    /**
     * Builds the parts: checks that there is a key, then uses the given transport or discovers one.
     *
     * @param s the settings, each already checked
     * @return the parts
     * @throws ConfigurationException when no key was given, or no transport can be found or created
     */
    public static ClientParts of(ClientSettings s) {
        if (s.apiKey == null) {
            throw new ConfigurationException("No Scenext API key. Pass it to ScenextClient.builder().apiKey(...), "
                    + "or set " + ClientSettings.ENV_API_KEY + " and use ScenextClient.fromEnv().");
        }
        if (s.transport != null) {
            return new ClientParts(s, s.transport, false, userAgent(s, s.transport.name()));
        }
        ClassLoader loader = s.classLoader != null ? s.classLoader : Thread.currentThread().getContextClassLoader();
        ClassLoader searched = loader != null ? loader : ScenextClient.class.getClassLoader();
        TransportProvider provider = new TransportDiscovery(
                () -> ServiceLoader.load(TransportProvider.class, searched), System::getProperty, s.environment)
                .select(s.transportName);
        String ua = userAgent(s, provider.name());
        Transport created;
        try {
            created = provider.create(s.transportOptions.userAgent(ua).build());
        } catch (RuntimeException | LinkageError e) {
            throw new ConfigurationException("The " + provider.name() + " transport could not be created: " + e, e);
        }
        return new ClientParts(s, created, true, ua);
    }

    private static String userAgent(ClientSettings s, String transportLabel) {
        String ua = "scenext-java/" + VERSION + " (" + transportLabel + "; Java "
                + System.getProperty("java.version", "?") + ")";
        if (s.userAgentSuffix != null && !s.userAgentSuffix.trim().isEmpty()) {
            ua = ua + " " + s.userAgentSuffix.trim();
        }
        return ua;
    }

    /**
     * Creates a video task.
     *
     * @param request what to make a video of
     * @return the new task's id
     */
    public TaskId generateVideo(GenerateVideoRequest request) {
        if (journal.isPresent()) {
            return generateVideo(ClientJournal.randomReference(), request);
        }
        return pipeline.call(generateVideoCall(request), HttpPipeline.NO_DEADLINE);
    }

    /**
     * Creates a video task recorded in the journal under a reference.
     *
     * @param reference the creation's reference
     * @param request what to make a video of
     * @return the new task's id
     * @throws IllegalStateException when the client has no journal
     */
    public TaskId generateVideo(String reference, GenerateVideoRequest request) {
        Objects.requireNonNull(reference, "reference");
        ensureOpen();
        ApiCall<TaskId> call = generateVideoCall(request);
        return journal.create(reference, request, () -> pipeline.call(call, HttpPipeline.NO_DEADLINE));
    }

    /**
     * Creates a video task recorded in the journal under a reference, without blocking (but for the journal's
     * first entry, recorded on the caller's thread before anything is sent).
     *
     * @param reference the creation's reference
     * @param request what to make a video of
     * @return the new task's id to come
     * @throws IllegalStateException when the client has no journal
     */
    public CompletableFuture<TaskId> generateVideoAsync(String reference, GenerateVideoRequest request) {
        Objects.requireNonNull(reference, "reference");
        ensureOpen();
        ApiCall<TaskId> call = generateVideoCall(request);
        return journal.createAsync(reference, request, () -> pipeline.callAsync(call, HttpPipeline.NO_DEADLINE));
    }

    /**
     * Creates a video task without blocking.
     *
     * @param request what to make a video of
     * @return the new task's id to come
     */
    public CompletableFuture<TaskId> generateVideoAsync(GenerateVideoRequest request) {
        if (journal.isPresent()) {
            return generateVideoAsync(ClientJournal.randomReference(), request);
        }
        return pipeline.callAsync(generateVideoCall(request), HttpPipeline.NO_DEADLINE);
    }

    /**
     * Reads a task's status.
     *
     * @param taskId the task
     * @return its status
     */
    public TaskStatus getStatus(TaskId taskId) {
        return pipeline.call(getStatusCall(taskId), HttpPipeline.NO_DEADLINE);
    }

    /**
     * Reads a task's status without blocking.
     *
     * @param taskId the task
     * @return its status to come
     */
    public CompletableFuture<TaskStatus> getStatusAsync(TaskId taskId) {
        return pipeline.callAsync(getStatusCall(taskId), HttpPipeline.NO_DEADLINE);
    }

    /** A closed client records no creation: it could only be refused, for good. */
    private void ensureOpen() {
        if (closed) {
            throw new ClientClosedException("The Scenext client is closed; build a new one.");
        }
    }

    private ApiCall<TaskId> generateVideoCall(GenerateVideoRequest request) {
        Objects.requireNonNull(request, "request");
        HttpRequest http = HttpRequest.builder()
                .post(baseUrl.resolve("api/gen_video"), ApiJson.writeGenerateVideoRequest(request))
                .build();
        return ApiCall.create("gen_video", http, (response, envelope) -> {
            String id = envelope.data() == null ? null : envelope.data().taskId();
            if (id == null || id.trim().isEmpty()) {
                throw new MalformedJsonException("data.task_id is missing");
            }
            return TaskId.of(id);
        });
    }

    /** The waiter's status reads: the asynchronous {@code get_status}, marked with the wait it runs for. */
    private final class WaitStatusReader implements TaskWaiter.StatusReader {
        @Override
        public CompletableFuture<TaskStatus> read(TaskId taskId, long deadlineNanos) {
            return pipeline.callAsync(getStatusCall(taskId), deadlineNanos);
        }

        @Override
        public CompletableFuture<TaskStatus> read(TaskId taskId, long deadlineNanos, long waitId) {
            return pipeline.callAsync(getStatusCall(taskId).forWait(waitId), deadlineNanos);
        }
    }

    private ApiCall<TaskStatus> getStatusCall(TaskId taskId) {
        Objects.requireNonNull(taskId, "taskId");
        HttpRequest http = HttpRequest.builder()
                .get(URI.create(statusUrlPrefix.concat(UrlPaths.encodeSegment(taskId.value()))))
                .build();
        return ApiCall.read("get_status", taskId, http, (response, envelope) -> {
            if (envelope.data() == null) {
                throw new MalformedJsonException("the response has no data object");
            }
            return envelope.data().toTaskStatus(taskId);
        });
    }

    /**
     * The waiter of the client's waits.
     *
     * @return the waiter
     */
    public TaskWaiter waiter() {
        return waiter;
    }

    /**
     * Waits for a task, recording its end in the journal when the journal knows it.
     *
     * @param taskId the task
     * @param options how to wait
     * @return its terminal status
     */
    public TaskStatus waitForCompletion(TaskId taskId, WaitOptions options) {
        TaskStatus status;
        try {
            status = waiter.waitForCompletion(taskId, options);
        } catch (RuntimeException e) {
            journal.recordEnd(null, e);
            throw e;
        }
        journal.recordEnd(status, null);
        return status;
    }

    /**
     * Waits for a task without blocking, recording its end in the journal when the journal knows it.
     *
     * @param taskId the task
     * @param options how to wait
     * @return its terminal status to come, once recorded
     */
    public CompletableFuture<TaskStatus> waitForCompletionAsync(TaskId taskId, WaitOptions options) {
        return journal.recordingEnd(waiter.waitForCompletionAsync(taskId, options));
    }

    /**
     * Waits for a task still being created, recording its end in the journal when the journal knows it.
     *
     * @param creating the creation
     * @param options how to wait
     * @return its terminal status to come, once recorded
     */
    public CompletableFuture<TaskStatus> waitForCompletionAsync(CompletableFuture<TaskId> creating,
            WaitOptions options) {
        return journal.recordingEnd(waiter.waitForCompletionAsync(creating, options));
    }

    /**
     * Saves a completed task's video to a file; when the journal knows the task, with its SHA-256 computed
     * while it is written, recorded after the file is in place.
     *
     * @param status the task's status, {@code COMPLETED}
     * @param target the file, or a directory
     * @param options how to download
     * @return the file written
     */
    public Path downloadVideo(TaskStatus status, Path target, DownloadOptions options) {
        Optional<String> reference = journal.referenceToSave(status);
        if (!reference.isPresent()) {
            return downloader.videoToFile(status, target, options);
        }
        return saved(reference.get(), status, downloader.videoToFileWithDigest(status, target, options)).path();
    }

    /**
     * Saves a completed task's video to a file with its SHA-256 computed while it is written, recorded in the
     * journal (after the file is in place) when the journal knows the task.
     *
     * @param status the task's status, {@code COMPLETED}
     * @param target the file
     * @param options how to download
     * @return the file written, its size and digest
     */
    public SavedFile saveVideo(TaskStatus status, Path target, DownloadOptions options) {
        Optional<String> reference = journal.referenceToSave(status);
        SavedFile saved = downloader.videoToFileWithDigest(status, target, options);
        return reference.isPresent() ? saved(reference.get(), status, saved) : saved;
    }

    private SavedFile saved(String reference, TaskStatus status, SavedFile saved) {
        journal.recordSaved(reference, status.taskId(), saved.path().toAbsolutePath(), saved.size(), saved.sha256());
        return saved;
    }

    /**
     * What the client records in its journal.
     *
     * @return the recorder (with or without a journal)
     */
    public ClientJournal journal() {
        return journal;
    }

    /**
     * The client's timer.
     *
     * @return the scheduler
     */
    public Scheduler scheduler() {
        return scheduler;
    }

    /**
     * The webhooks that end the client's waits.
     *
     * @return the webhooks
     */
    public ClientWebhooks webhooks() {
        return webhooks;
    }

    /**
     * The downloader of videos and frames.
     *
     * @return the downloader
     */
    public Downloader downloader() {
        return downloader;
    }

    /**
     * The base URL, ending with {@code /}.
     *
     * @return the base URL
     */
    public URI baseUrl() {
        return baseUrl;
    }

    /**
     * The transport in use.
     *
     * @return the transport
     */
    public Transport transport() {
        return transport;
    }

    /**
     * The {@code User-Agent} sent.
     *
     * @return the user agent
     */
    public String userAgent() {
        return userAgent;
    }

    /**
     * The client's state, read without calling the API.
     *
     * @return whether it is open, and its waits, API calls and downloads in flight
     */
    public ClientState state() {
        return ClientState.of(!closed, waiter.activeWaits(), pipeline.callsInFlight(), pipeline.downloadsInFlight());
    }

    /** Fails the waits and calls still running, then stops the timer and the transport the client owns. */
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
}
