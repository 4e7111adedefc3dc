package cn.scenext.core.batch;

import cn.scenext.api.exception.ConfigurationException;
import cn.scenext.api.exception.InvalidValueException;
import cn.scenext.core.download.DownloadOptions;
import cn.scenext.core.internal.options.Checks;
import cn.scenext.core.poll.WaitOptions;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How {@code ScenextClient.runBatch} runs a batch. Immutable; build with {@link #builder()}.
 *
 * <pre>{@code
 * BatchOptions options = BatchOptions.builder()
 *         .name("questions")
 *         .outputDirectory(Paths.get("videos"))
 *         .concurrency(16)
 *         .creationsPerSecond(2.0)
 *         .waitOptions(WaitOptions.builder().timeout(Duration.ofMinutes(40)).build())
 *         .listener(new BatchListener() {
 *             public void onProgress(BatchProgress p) {
 *                 System.err.print("\r" + p.completed() + "/" + p.total());
 *             }
 *         })
 *         .build();
 * }</pre>
 */
public final class BatchOptions {
    /** The batch's name unless another is set. */
    public static final String DEFAULT_NAME = "batch";
    /** The rows in flight at most unless another bound is set. */
    public static final int DEFAULT_CONCURRENCY = 4;
    /** The creations per second at most unless another rate is set. */
    public static final double DEFAULT_CREATIONS_PER_SECOND = 1.0;
    /** The lease on a row unless another is set; renewed while the row runs. */
    public static final Duration DEFAULT_LEASE = Duration.ofMinutes(2);

    private final String name;
    private final Path outputDirectory;
    private final BatchFileNamer fileNamer;
    private final int concurrency;
    private final double creationsPerSecond;
    private final WaitOptions waitOptions;
    private final DownloadOptions downloadOptions;
    private final boolean recreateUnknown;
    private final BatchLeases leases;
    private final String owner;
    private final Duration lease;
    private final BatchListener listener;

    private BatchOptions(Builder b) {
        this.name = b.name;
        this.outputDirectory = b.outputDirectory;
        this.fileNamer = b.fileNamer;
        this.concurrency = b.concurrency;
        this.creationsPerSecond = b.creationsPerSecond;
        this.waitOptions = b.waitOptions;
        this.downloadOptions = b.downloadOptions;
        this.recreateUnknown = b.recreateUnknown;
        this.leases = b.leases != null ? b.leases : BatchLeases.inMemory();
        this.owner = b.owner != null ? b.owner : defaultOwner();
        this.lease = b.lease;
        this.listener = b.listener;
    }

    /**
     * Starts options with the defaults; {@link Builder#outputDirectory(Path)} is required.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The default owner: this host's name and this process's id, e.g. {@code web-3-12345}.
     *
     * @return the owner
     */
    public static String defaultOwner() {
        String jvm = ManagementFactory.getRuntimeMXBean().getName(); // "pid@host" on the common JVMs
        int at = jvm.indexOf('@');
        return at > 0 ? jvm.substring(at + 1) + "-" + jvm.substring(0, at) : jvm;
    }

    /**
     * The batch's name, under which its rows are registered with the {@link #leases()}.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * Where the videos are saved.
     *
     * @return the directory
     */
    public Path outputDirectory() {
        return outputDirectory;
    }

    /**
     * Names each row's video file.
     *
     * @return the namer
     */
    public BatchFileNamer fileNamer() {
        return fileNamer;
    }

    /**
     * The most rows in flight at once.
     *
     * @return at least 1
     */
    public int concurrency() {
        return concurrency;
    }

    /**
     * The most task creations per second.
     *
     * @return the rate; 0 for no limit
     */
    public double creationsPerSecond() {
        return creationsPerSecond;
    }

    /**
     * How each row's task is waited for.
     *
     * @return the wait options
     */
    public WaitOptions waitOptions() {
        return waitOptions;
    }

    /**
     * How each row's video is downloaded (the batch always replaces a file of its own name left by a run that
     * died before recording it, and always forces the file to disk before recording it).
     *
     * @return the download options
     */
    public DownloadOptions downloadOptions() {
        return downloadOptions;
    }

    /**
     * Whether rows whose creation's outcome is unknown are created again (under a derived reference).
     *
     * @return {@code true} to re-create them; {@code false} (the default) to report them as
     *     {@link BatchRowResult.Status#UNKNOWN}
     */
    public boolean recreateUnknown() {
        return recreateUnknown;
    }

    /**
     * Who works on which row.
     *
     * @return the leases
     */
    public BatchLeases leases() {
        return leases;
    }

    /**
     * The name this process claims rows under.
     *
     * @return the owner
     */
    public String owner() {
        return owner;
    }

    /**
     * How long a claim on a row holds unless renewed.
     *
     * @return the lease
     */
    public Duration lease() {
        return lease;
    }

    /**
     * Told of the batch's progress.
     *
     * @return the listener
     */
    public BatchListener listener() {
        return listener;
    }

    @Override
    public String toString() {
        return "BatchOptions{name=" + name + ", outputDirectory=" + outputDirectory + ", concurrency=" + concurrency
                + ", creationsPerSecond=" + creationsPerSecond + ", recreateUnknown=" + recreateUnknown
                + ", owner=" + owner + ", lease=" + lease + '}';
    }

    /**
     * Builds {@link BatchOptions}. Each setter refuses a bad value at once with an
     * {@link InvalidValueException}. Not thread-safe.
     */
    public static final class Builder {
        private String name = DEFAULT_NAME;
        private Path outputDirectory;
        private BatchFileNamer fileNamer = BatchFileNamer.defaults();
        private int concurrency = DEFAULT_CONCURRENCY;
        private double creationsPerSecond = DEFAULT_CREATIONS_PER_SECOND;
        private WaitOptions waitOptions = WaitOptions.defaults();
        private DownloadOptions downloadOptions = DownloadOptions.defaults();
        private boolean recreateUnknown;
        private BatchLeases leases;
        private String owner;
        private Duration lease = DEFAULT_LEASE;
        private BatchListener listener = BatchListener.none();

        private Builder() {
        }

        /**
         * Sets the batch's name, under which its rows are registered with the leases: runs (and processes)
         * that share a batch use the same name.
         *
         * @param name 1 to 200 characters; default {@value BatchOptions#DEFAULT_NAME}
         * @return this builder
         * @throws InvalidValueException when empty or longer
         */
        public Builder name(String name) {
            Objects.requireNonNull(name, "name");
            if (name.isEmpty() || name.length() > 200) {
                throw new InvalidValueException("name", "A batch's name has 1 to 200 characters, got "
                        + name.length() + ".");
            }
            this.name = name;
            return this;
        }

        /**
         * Sets where the videos are saved (created if missing). Required.
         *
         * @param outputDirectory the directory
         * @return this builder
         */
        public Builder outputDirectory(Path outputDirectory) {
            this.outputDirectory = Objects.requireNonNull(outputDirectory, "outputDirectory");
            return this;
        }

        /**
         * Sets how each row's video file is named inside the output directory.
         *
         * @param fileNamer the namer; default {@link BatchFileNamer#defaults()}, {@code <reference>-<task id>.mp4}
         * @return this builder
         */
        public Builder fileNamer(BatchFileNamer fileNamer) {
            this.fileNamer = Objects.requireNonNull(fileNamer, "fileNamer");
            return this;
        }

        /**
         * Sets the most rows in flight at once (creating, waiting or downloading). Waits cost no thread, so a
         * high bound costs little memory; downloads run on at most this many threads.
         *
         * @param concurrency 1 to 10,000; default {@value BatchOptions#DEFAULT_CONCURRENCY}
         * @return this builder
         * @throws InvalidValueException when out of range
         */
        public Builder concurrency(int concurrency) {
            this.concurrency = Checks.inRange(concurrency, 1, 10_000, "concurrency");
            return this;
        }

        /**
         * Sets the most task creations per second, spread evenly (a creation due while the limit is reached
         * waits on the client's timer; no thread sleeps). The default of one per second keeps a large batch
         * from arriving at the service as a burst of paid, heavy requests (which it answers with HTTP 429), and
         * keeps small the number of creations in flight, each of which is the one window where a lost response
         * leaves an unknown outcome.
         *
         * @param perSecond a positive rate, or 0 for no limit; default 1
         * @return this builder
         * @throws InvalidValueException when negative, infinite or not a number
         */
        public Builder creationsPerSecond(double perSecond) {
            this.creationsPerSecond = Checks.inRange(perSecond, 0, Double.POSITIVE_INFINITY, "creationsPerSecond");
            return this;
        }

        /**
         * Sets how each row's task is waited for (its timeout counts from the start of the row's wait in this
         * run). A wait ends at once when the task's webhook is handed to the client's {@code webhooks()}.
         *
         * @param waitOptions the options; default {@link WaitOptions#defaults()}
         * @return this builder
         */
        public Builder waitOptions(WaitOptions waitOptions) {
            this.waitOptions = Objects.requireNonNull(waitOptions, "waitOptions");
            return this;
        }

        /**
         * Sets how each row's video is downloaded.
         *
         * @param downloadOptions the options; default {@link DownloadOptions#defaults()}
         * @return this builder
         */
        public Builder downloadOptions(DownloadOptions downloadOptions) {
            this.downloadOptions = Objects.requireNonNull(downloadOptions, "downloadOptions");
            return this;
        }

        /**
         * Sets whether rows whose creation's outcome is unknown (the request may have reached the service and
         * its response was lost) are created again. Such a task may exist and be paid for: re-creating it may
         * pay twice. A re-created row gets a derived journal reference ({@code 3#2}, {@code 3#3}, ...) recorded
         * in the journal, so that a later run follows the new creation.
         *
         * @param recreateUnknown {@code true} to re-create; default {@code false}: report them as
         *     {@link BatchRowResult.Status#UNKNOWN}
         * @return this builder
         */
        public Builder recreateUnknown(boolean recreateUnknown) {
            this.recreateUnknown = recreateUnknown;
            return this;
        }

        /**
         * Sets who works on which row, to share the batch between processes (e.g. a database's leases).
         *
         * @param leases the leases; default {@link BatchLeases#inMemory()}, private to this run
         * @return this builder
         */
        public Builder leases(BatchLeases leases) {
            this.leases = Objects.requireNonNull(leases, "leases");
            return this;
        }

        /**
         * Sets the name this process claims rows under; unique among the processes sharing the batch.
         *
         * @param owner 1 to 200 characters; default {@link BatchOptions#defaultOwner()}
         * @return this builder
         * @throws InvalidValueException when empty or longer
         */
        public Builder owner(String owner) {
            Objects.requireNonNull(owner, "owner");
            if (owner.isEmpty() || owner.length() > 200) {
                throw new InvalidValueException("owner", "A batch owner's name has 1 to 200 characters, got "
                        + owner.length() + ".");
            }
            this.owner = owner;
            return this;
        }

        /**
         * Sets how long a claim on a row holds unless renewed; the batch renews it every third of it while the
         * row runs, so another process takes a row over only after its holder stopped for this long.
         *
         * @param lease at least one second; default 2 minutes
         * @return this builder
         * @throws InvalidValueException when shorter
         */
        public Builder lease(Duration lease) {
            Checks.positive(lease, "lease");
            if (lease.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new InvalidValueException("lease", "A lease lasts at least 1 second, got " + lease + ".");
            }
            this.lease = lease;
            return this;
        }

        /**
         * Sets the listener told of the batch's progress.
         *
         * @param listener the listener; default none
         * @return this builder
         */
        public Builder listener(BatchListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Builds the options.
         *
         * @return the options
         * @throws ConfigurationException when no output directory was set
         */
        public BatchOptions build() {
            if (outputDirectory == null) {
                throw new ConfigurationException("A batch needs an output directory for its videos: "
                        + "BatchOptions.builder().outputDirectory(dir).");
            }
            return new BatchOptions(this);
        }
    }
}
