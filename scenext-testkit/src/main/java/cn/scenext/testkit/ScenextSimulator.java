package cn.scenext.testkit;

import cn.scenext.api.Quality;
import cn.scenext.api.TaskId;
import cn.scenext.api.TaskState;
import cn.scenext.api.transport.HttpHeaders;
import cn.scenext.core.ScenextClient;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An embedded, stateful fake of the Scenext API for tests and demos, on the JDK's own HTTP server over
 * loopback: bearer-key authentication, the envelopes and their error messages, tasks that move from
 * {@code IN_PROGRESS} through growing storyboard frames to {@code COMPLETED} or {@code FAILED}, frames (real
 * PNGs) and the video (a real MP4) served by a separate "object store" origin over expiring signed URLs with
 * {@code Range} support, and webhooks to each task's {@code notify_url} when it ends (the body as Python's
 * {@code json.dumps} writes it; {@code X-Signature} over its canonical form with the API key).
 *
 * <p>By default it responds as the service's public server code does ({@link ResponseStyle#REAL_SERVER}):
 * application errors as envelopes with HTTP 200 ({@code Server error:list index out of range} for an unknown
 * task), the framework's 403/404/405/422 {@code {"detail": ...}} bodies, numeric frame ids, FAILED without
 * {@code progress}, URLs signed once and stored (so a re-read gives back the same URL, which expires), one
 * webhook per task, never retried. {@code builder().responseStyle(ResponseStyle.DOCUMENTED)} makes it respond
 * as the documentation shows instead; {@link ResponseStyle} lists every difference. A client should pass its
 * tests against both.
 *
 * <p>Task progress follows the simulator's {@link Builder#clock(Clock) clock}; webhooks are sent when a task's
 * duration has passed on the wall clock, when a status read finds it ended, or at once when a test ends it with
 * {@link #completeTask(TaskId)} or {@link #failTask(TaskId, String)}.
 *
 * <pre>{@code
 * try (ScenextSimulator sim = ScenextSimulator.builder().taskDuration(Duration.ofSeconds(2)).start();
 *      ScenextClient client = sim.newClient().build()) {
 *     TaskId id = client.generateVideo(GenerateVideoRequest.ofQuestion("What is 1 + 1?"));
 *     sim.inject(Endpoint.GET_STATUS, Fault.serviceUnavailable(), 2);   // the next two reads fail
 *     ...
 * }
 * }</pre>
 *
 * Thread-safe. Close it to stop its servers. Loading it sets {@code sun.net.httpserver.nodelay=true} unless already
 * set, so that the JDK's HTTP server responds without a 40 ms delayed-ACK stall on kept-alive connections.
 */
public final class ScenextSimulator implements AutoCloseable {
    /** The API key the simulator accepts unless another is set. */
    public static final String DEFAULT_API_KEY = "sk-simulator-0000";
    private static final AtomicInteger THREAD_NUMBER = new AtomicInteger();

    static {
        // Without TCP_NODELAY the JDK's HTTP server holds each small response on a kept-alive connection for the
        // client's delayed ACK, about 40 ms per request. The JDK reads this once, when its first server starts;
        // a value set by the user wins.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final String apiKey;
    private final ResponseStyle responseStyle;
    private final Duration taskDuration;
    private final int framesPerTask;
    private final Duration urlLifetime;
    private final long videoSize;
    private final int taskNotFoundStatus;
    private final Clock clock;
    private final HttpServer api;
    private final HttpServer files;
    private final ExecutorService executor;
    private final URI baseUrl;
    private final URI filesUrl;
    private final UrlSigner signer = new UrlSigner();
    private final Media.Video video;
    private final Map<String, TaskRecord> tasks = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String> nextFailures = new ConcurrentLinkedQueue<>();
    private final List<InjectedFault> faults = Collections.synchronizedList(new ArrayList<>());
    private final ConcurrentLinkedQueue<RecordedRequest> requests = new ConcurrentLinkedQueue<>();
    private final boolean recordRequests;
    private final WebhookSender webhooks;

    private ScenextSimulator(Builder b) throws IOException {
        this.apiKey = b.apiKey;
        this.responseStyle = b.responseStyle;
        this.taskDuration = b.taskDuration;
        this.framesPerTask = b.framesPerTask;
        this.urlLifetime = b.urlLifetime;
        this.videoSize = b.videoSize;
        this.taskNotFoundStatus = b.taskNotFoundStatus;
        this.clock = b.clock;
        this.recordRequests = b.recordRequests;
        this.video = new Media.Video(videoSize);
        this.executor = new ThreadPoolExecutor(b.threads, b.threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                r -> {
                    Thread t = new Thread(r, "scenext-simulator-" + THREAD_NUMBER.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        InetAddress loopback = InetAddress.getLoopbackAddress();
        this.api = HttpServer.create(new InetSocketAddress(loopback, b.port), 512);
        this.files = HttpServer.create(new InetSocketAddress(loopback, 0), 512);
        ApiHandler apiHandler = new ApiHandler(this);
        boolean documented = responseStyle == ResponseStyle.DOCUMENTED;
        int retries = b.webhookRetries != null ? b.webhookRetries : documented ? 3 : 0;
        this.webhooks = new WebhookSender(this, apiHandler, b.webhookDuplicates, retries, b.webhookRetryDelay,
                b.webhooksOnFailureOnly);
        api.createContext("/", apiHandler);
        files.createContext("/", new FileHandler(this));
        api.setExecutor(executor);
        files.setExecutor(executor);
        api.start();
        files.start();
        String host = loopback.getHostAddress();
        this.baseUrl = URI.create("http://" + host + ":" + api.getAddress().getPort() + "/");
        // Another origin (host name and port) than the API, as a real object store is.
        this.filesUrl = URI.create("http://localhost:" + files.getAddress().getPort() + "/");
    }

    /**
     * Starts a simulator with the defaults: the real server's responses, key {@value #DEFAULT_API_KEY},
     * 5-second tasks of 6 frames.
     *
     * @return the running simulator
     */
    public static ScenextSimulator start() {
        return builder().start();
    }

    /**
     * Starts configuring a simulator.
     *
     * @return a builder with the defaults
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The base URL of the simulated API, to give to {@code ScenextClient.builder().baseUrl(...)}.
     *
     * @return e.g. {@code http://127.0.0.1:54321/}
     */
    public URI baseUrl() {
        return baseUrl;
    }

    /**
     * The origin of the simulated object store (frames and videos).
     *
     * @return e.g. {@code http://localhost:54322/}
     */
    public URI filesUrl() {
        return filesUrl;
    }

    /**
     * How the simulator responds: as the service's public server code does, or as its documentation shows.
     *
     * @return the style set on the builder; {@link ResponseStyle#REAL_SERVER} by default
     */
    public ResponseStyle responseStyle() {
        return responseStyle;
    }

    /**
     * The API key the simulator accepts; it also signs the webhooks.
     *
     * @return the key
     */
    public String apiKey() {
        return apiKey;
    }

    /**
     * A client builder pointed at this simulator with its key; the transport is found on the classpath
     * unless set on the builder.
     *
     * @return the builder, to adjust and build
     */
    public ScenextClient.Builder newClient() {
        return ScenextClient.builder().apiKey(apiKey).baseUrl(baseUrl);
    }

    /**
     * Makes the next created task fail with a reason when its time is up (tasks complete otherwise).
     *
     * @param reason the failure's text, as the service would give it
     */
    public void failNextTask(String reason) {
        nextFailures.add(Objects.requireNonNull(reason, "reason"));
    }

    /**
     * Ends a task now with a video.
     *
     * @param taskId the task
     * @throws IllegalArgumentException when there is no such task
     */
    public void completeTask(TaskId taskId) {
        TaskRecord t = task(taskId);
        t.forceEnd(TaskState.COMPLETED, null, clock.instant());
        webhooks.deliverOnce(t);
    }

    /**
     * Ends a task now as failed.
     *
     * @param taskId the task
     * @param reason the failure's text
     * @throws IllegalArgumentException when there is no such task
     */
    public void failTask(TaskId taskId, String reason) {
        TaskRecord t = task(taskId);
        t.forceEnd(TaskState.FAILED, Objects.requireNonNull(reason, "reason"), clock.instant());
        webhooks.deliverOnce(t);
    }

    /**
     * Plays a fault instead of the normal response for the next requests to an endpoint. Faults queue up in
     * the order injected.
     *
     * @param endpoint where
     * @param fault what
     * @param times for how many requests
     */
    public void inject(Endpoint endpoint, Fault fault, int times) {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(fault, "fault");
        if (times < 1) {
            throw new IllegalArgumentException("times must be at least 1");
        }
        faults.add(new InjectedFault(endpoint, fault, times));
    }

    /**
     * Makes every signed URL handed out so far respond 403, as expired ones do. In the
     * {@link ResponseStyle#DOCUMENTED documented} style fresh statuses carry new ones; in the
     * {@link ResponseStyle#REAL_SERVER real server's}, a task's URLs are stored, so its statuses keep giving back
     * the refused ones (as when they expire: see {@link Builder#urlLifetime(Duration)}).
     */
    public void expireUrls() {
        signer.revokeAll(clock.instant());
    }

    /**
     * The requests received so far, in order of arrival (API and object store).
     *
     * @return a snapshot
     */
    public List<RecordedRequest> requests() {
        return Collections.unmodifiableList(new ArrayList<>(requests));
    }

    /**
     * The requests received so far by one endpoint.
     *
     * @param endpoint the endpoint
     * @return a snapshot, in order of arrival
     */
    public List<RecordedRequest> requests(Endpoint endpoint) {
        List<RecordedRequest> out = new ArrayList<>();
        for (RecordedRequest r : requests) {
            if (r.endpoint() == endpoint) {
                out.add(r);
            }
        }
        return out;
    }

    /**
     * The tasks created so far, as they are now.
     *
     * @return a snapshot
     */
    public List<SimulatedTask> tasks() {
        Instant now = clock.instant();
        List<SimulatedTask> out = new ArrayList<>();
        for (TaskRecord t : tasks.values()) {
            out.add(t.snapshot(now));
        }
        out.sort((a, b) -> a.createdAt().compareTo(b.createdAt()));
        return out;
    }

    /**
     * A task as it is now.
     *
     * @param taskId the task
     * @return the task, or empty when there is none with this id
     */
    public Optional<SimulatedTask> findTask(TaskId taskId) {
        TaskRecord t = lookup(taskId.value());
        return t == null ? Optional.<SimulatedTask>empty() : Optional.of(t.snapshot(clock.instant()));
    }

    /**
     * The webhook deliveries made so far, retries and duplicates included, in order.
     *
     * @return a snapshot
     */
    public List<WebhookDelivery> webhookDeliveries() {
        return webhooks.deliveries();
    }

    /** Forgets every task, fault, recorded request and webhook delivery, as if just started (the ports stay). */
    public void reset() {
        tasks.clear();
        faults.clear();
        nextFailures.clear();
        requests.clear();
        webhooks.clear();
    }

    /** Stops both servers and webhook deliveries at once. Idempotent. */
    @Override
    public void close() {
        webhooks.close();
        api.stop(0);
        files.stop(0);
        executor.shutdownNow();
    }

    private TaskRecord task(TaskId taskId) {
        TaskRecord t = lookup(Objects.requireNonNull(taskId, "taskId").value());
        if (t == null) {
            throw new IllegalArgumentException("The simulator has no task " + taskId);
        }
        return t;
    }

    // ---- used by the handlers -------------------------------------------------------------------------

    String apiKeyValue() {
        return apiKey;
    }

    int taskNotFoundStatus() {
        return taskNotFoundStatus;
    }

    Clock clock() {
        return clock;
    }

    UrlSigner signer() {
        return signer;
    }

    Media.Video video() {
        return video;
    }

    WebhookSender webhooks() {
        return webhooks;
    }

    /** The task of an id: as given in the documented style; in the real server's, any form PostgreSQL reads. */
    TaskRecord lookup(String id) {
        if (responseStyle == ResponseStyle.REAL_SERVER) {
            String uuid = ApiHandler.canonicalUuid(id);
            return uuid == null ? null : tasks.get(uuid);
        }
        return tasks.get(id);
    }

    TaskRecord create(String question, List<String> questionImages, String answer, List<String> answerImages,
            Quality quality, URI notifyUrl, String failure) {
        String id = UUID.randomUUID().toString();
        String scripted = nextFailures.poll();
        TaskRecord t = new TaskRecord(TaskId.of(id), question, questionImages, answer, quality, notifyUrl,
                clock.instant(), taskDuration, framesPerTask, scripted != null ? scripted : failure);
        tasks.put(id, t);
        webhooks.scheduleAtEnd(t, taskDuration);
        return t;
    }

    /** A signed URL on the object store for a path, signed at an instant and valid for the lifetime from then. */
    private String signedUrl(String path, Instant signedAt, boolean fresh) {
        long expires = signedAt.plus(urlLifetime).getEpochSecond();
        return filesUrl.resolve(path.substring(1)) + "?"
                + (fresh ? signer.query(path, expires) : signer.queryAsOf(path, expires, signedAt));
    }

    /**
     * The signed URL of a task's file: in the real server's style the one signed when the file was produced
     * and stored with the task; in the documented style, a fresh one.
     */
    String urlFor(TaskRecord task, String path, Instant producedAt) {
        if (responseStyle == ResponseStyle.REAL_SERVER) {
            return task.storedUrl(path, p -> signedUrl(p, producedAt, false));
        }
        return signedUrl(path, clock.instant(), true);
    }

    /** Takes the next fault aimed at an endpoint, if any. */
    Fault nextFault(Endpoint endpoint) {
        synchronized (faults) {
            for (Iterator<InjectedFault> it = faults.iterator(); it.hasNext(); ) {
                InjectedFault f = it.next();
                if (f.endpoint == endpoint) {
                    if (--f.remaining <= 0) {
                        it.remove();
                    }
                    return f.fault;
                }
            }
        }
        return null;
    }

    void record(HttpExchange exchange, Endpoint endpoint, byte[] body, int status) {
        if (!recordRequests) {
            return;
        }
        HttpHeaders.Builder h = HttpHeaders.builder();
        for (Map.Entry<String, List<String>> e : exchange.getRequestHeaders().entrySet()) {
            for (String v : e.getValue()) {
                h.add(e.getKey(), v);
            }
        }
        requests.add(new RecordedRequest(clock.instant(), endpoint, exchange.getRequestMethod(),
                exchange.getRequestURI().getRawPath(), exchange.getRequestURI().getRawQuery(), h.build(), body, status));
    }

    static byte[] readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return readAll(in);
        }
    }

    static byte[] readAll(InputStream in) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) != -1) {
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** Drops the connection without a response: the JDK server closes it when a handler throws. */
    static IOException disconnect() {
        return new IOException("scenext simulator: connection dropped on purpose");
    }

    private static final class InjectedFault {
        final Endpoint endpoint;
        final Fault fault;
        int remaining;

        InjectedFault(Endpoint endpoint, Fault fault, int times) {
            this.endpoint = endpoint;
            this.fault = fault;
            this.remaining = times;
        }
    }

    /** Configures a {@link ScenextSimulator}. Not thread-safe. */
    public static final class Builder {
        private String apiKey = DEFAULT_API_KEY;
        private ResponseStyle responseStyle = ResponseStyle.REAL_SERVER;
        private boolean webhooksOnFailureOnly;
        private Duration taskDuration = Duration.ofSeconds(5);
        private int framesPerTask = 6;
        private Duration urlLifetime = Duration.ofMinutes(10);
        private long videoSize = Media.sampleVideoSize();
        private int taskNotFoundStatus = 500;
        private int threads = 4;
        private int port;
        private Clock clock = Clock.systemUTC();
        private boolean recordRequests = true;
        private int webhookDuplicates;
        private Integer webhookRetries;
        private Duration webhookRetryDelay = Duration.ofSeconds(1);

        private Builder() {
        }

        /**
         * Makes every webhook arrive this many extra times, as the service may do; receivers must take each
         * event once.
         *
         * @param duplicates 0 (the default) or more
         * @return this builder
         */
        public Builder webhookDuplicates(int duplicates) {
            if (duplicates < 0) {
                throw new IllegalArgumentException("duplicates must not be negative");
            }
            this.webhookDuplicates = duplicates;
            return this;
        }

        /**
         * Sets how the simulator responds: as the service's public server code does (the default), or as its
         * documentation shows. {@link ResponseStyle} lists the differences.
         *
         * @param style the style
         * @return this builder
         */
        public Builder responseStyle(ResponseStyle style) {
            this.responseStyle = Objects.requireNonNull(style, "style");
            return this;
        }

        /**
         * Sends webhooks only for tasks that fail, as the service's public server code does (only its failure
         * paths call {@code notify_url}): a completed task is then never announced, and only polling sees it.
         *
         * @param onFailureOnly default {@code false}: every task with a {@code notify_url} is announced when it
         *     ends, once
         * @return this builder
         */
        public Builder webhooksOnFailureOnly(boolean onFailureOnly) {
            this.webhooksOnFailureOnly = onFailureOnly;
            return this;
        }

        /**
         * Sets how often a webhook the receiver did not take (no 2xx, or no connection) is sent again, with
         * delays doubling from {@code delay}.
         *
         * @param retries 0 or more; default 0 in the {@link ResponseStyle#REAL_SERVER real server's} style (the
         *     server code sends once and ignores the response), 3 in the {@link ResponseStyle#DOCUMENTED
         *     documented} one
         * @param delay the first delay; default 1 s
         * @return this builder
         */
        public Builder webhookRetries(int retries, Duration delay) {
            if (retries < 0 || delay.isNegative()) {
                throw new IllegalArgumentException("retries and delay must not be negative");
            }
            this.webhookRetries = retries;
            this.webhookRetryDelay = delay;
            return this;
        }

        /**
         * Sets the one API key accepted. A request with another key in a well-formed {@code Bearer} header gets
         * the documented HTTP 401 envelope {@code Unauthorized: Invalid API key} in both styles (the public server
         * code's key check is a placeholder; production may check keys as documented).
         *
         * @param apiKey the key; default {@value ScenextSimulator#DEFAULT_API_KEY}
         * @return this builder
         */
        public Builder apiKey(String apiKey) {
            this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
            return this;
        }

        /**
         * Sets how long a task runs before it ends.
         *
         * @param taskDuration zero or more; default 5 s
         * @return this builder
         */
        public Builder taskDuration(Duration taskDuration) {
            if (taskDuration.isNegative()) {
                throw new IllegalArgumentException("taskDuration must not be negative");
            }
            this.taskDuration = taskDuration;
            return this;
        }

        /**
         * Sets how many storyboard frames a task produces while it runs.
         *
         * @param frames 0 or more; default 6
         * @return this builder
         */
        public Builder framesPerTask(int frames) {
            if (frames < 0) {
                throw new IllegalArgumentException("frames must not be negative");
            }
            this.framesPerTask = frames;
            return this;
        }

        /**
         * Sets how long signed URLs stay valid: from each status read in the {@link ResponseStyle#DOCUMENTED
         * documented} style; in the {@link ResponseStyle#REAL_SERVER real server's}, from when the file was produced
         * (a frame when it appeared, the video when the task ended), since those URLs are stored. A short lifetime
         * there makes a status read after it give back an expired URL.
         *
         * @param lifetime positive; default 10 minutes
         * @return this builder
         */
        public Builder urlLifetime(Duration lifetime) {
            if (lifetime.isNegative() || lifetime.isZero()) {
                throw new IllegalArgumentException("urlLifetime must be positive");
            }
            this.urlLifetime = lifetime;
            return this;
        }

        /**
         * Sets the size of the result video. Larger than the bundled sample (about 21 KB), the MP4 is padded
         * with a {@code free} box, so it stays playable at any size: useful to test large downloads.
         *
         * @param bytes the size
         * @return this builder
         */
        public Builder videoSize(long bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("videoSize must not be negative");
            }
            this.videoSize = bytes;
            return this;
        }

        /**
         * Sets the HTTP status that goes with a {@code Task not found} envelope in the
         * {@link ResponseStyle#DOCUMENTED documented} style (the service does not document it; clients must read
         * the envelope). The real server's style responds to an unknown task with HTTP 200.
         *
         * @param status default 500
         * @return this builder
         */
        public Builder taskNotFoundStatus(int status) {
            this.taskNotFoundStatus = status;
            return this;
        }

        /**
         * Sets how many threads serve requests.
         *
         * @param threads at least 1; default 4
         * @return this builder
         */
        public Builder threads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1");
            }
            this.threads = threads;
            return this;
        }

        /**
         * Sets the API's port.
         *
         * @param port 0 (the default) for any free port
         * @return this builder
         */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /**
         * Sets the clock of task progress and URL expiry.
         *
         * @param clock the clock; default the system's
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Turns the request log off, for load tests of many requests.
         *
         * @param record default {@code true}
         * @return this builder
         */
        public Builder recordRequests(boolean record) {
            this.recordRequests = record;
            return this;
        }

        /**
         * Starts the simulator on loopback.
         *
         * @return the running simulator
         * @throws java.io.UncheckedIOException when the port cannot be bound
         */
        public ScenextSimulator start() {
            try {
                return new ScenextSimulator(this);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("The Scenext simulator could not start", e);
            }
        }
    }
}
