package cn.scenext.core.download;

import cn.scenext.api.exception.InvalidValueException;
import cn.scenext.core.internal.options.Checks;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * How a download behaves: progress, what to do with an existing file, and how far to go to complete it
 * (redirects followed, interruptions resumed). Immutable.
 *
 * <pre>{@code
 * DownloadOptions options = DownloadOptions.builder()
 *         .overwrite(OverwritePolicy.REPLACE)
 *         .progressListener((done, total) -> System.out.print("\r" + done + " bytes"))
 *         .build();
 * DownloadOptions replacing = DownloadOptions.defaults().toBuilder().overwrite(OverwritePolicy.REPLACE).build();
 * }</pre>
 *
 * <p>Each setter of the {@link Builder} checks its value and refuses a bad one at once with an
 * {@link InvalidValueException} (an {@link IllegalArgumentException}) naming the setting.
 */
public final class DownloadOptions {
    /** Redirects followed unless set. */
    public static final int DEFAULT_MAX_REDIRECTS = 5;
    /** Interrupted transfers resumed unless set. */
    public static final int DEFAULT_MAX_RESUMES = 5;
    /** The minimum speed unless set: 1 KiB/s, averaged over {@link #DEFAULT_MIN_SPEED_WINDOW}. */
    public static final long DEFAULT_MIN_BYTES_PER_SECOND = 1024;
    /** The window the minimum speed is averaged over unless set: 30 seconds (curl's {@code --speed-time}). */
    public static final Duration DEFAULT_MIN_SPEED_WINDOW = Duration.ofSeconds(30);

    private static final DownloadOptions DEFAULTS = builder().build();

    private final DownloadProgressListener progressListener;
    private final OverwritePolicy overwrite;
    private final int maxRedirects;
    private final int maxResumes;
    private final boolean syncToDisk;
    private final long maxBytes;
    private final long minBytesPerSecond;
    private final Duration minSpeedWindow;

    private DownloadOptions(Builder b) {
        this.maxBytes = b.maxBytes;
        this.minBytesPerSecond = b.minBytesPerSecond;
        this.minSpeedWindow = b.minSpeedWindow;
        this.progressListener = b.progressListener;
        this.overwrite = b.overwrite;
        this.maxRedirects = b.maxRedirects;
        this.maxResumes = b.maxResumes;
        this.syncToDisk = b.syncToDisk;
    }

    /**
     * The defaults: no progress listener, an existing file is not replaced, 5 redirects, 5 resumes.
     *
     * @return the default options
     */
    public static DownloadOptions defaults() {
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
        b.progressListener = progressListener;
        b.overwrite = overwrite;
        b.maxRedirects = maxRedirects;
        b.maxResumes = maxResumes;
        b.syncToDisk = syncToDisk;
        b.maxBytes = maxBytes;
        b.minBytesPerSecond = minBytesPerSecond;
        b.minSpeedWindow = minSpeedWindow;
        return b;
    }

    /**
     * Who follows the bytes.
     *
     * @return the listener, or empty for none
     */
    public Optional<DownloadProgressListener> progressListener() {
        return Optional.ofNullable(progressListener);
    }

    /**
     * What to do when the target file exists.
     *
     * @return the policy; {@link OverwritePolicy#FAIL} unless set
     */
    public OverwritePolicy overwrite() {
        return overwrite;
    }

    /**
     * How many redirects one request follows.
     *
     * @return the limit
     */
    public int maxRedirects() {
        return maxRedirects;
    }

    /**
     * How many times an interrupted transfer is resumed (with {@code Range}) before the download fails.
     *
     * @return the limit
     */
    public int maxResumes() {
        return maxResumes;
    }

    /**
     * Whether a download to a file is forced to the storage device before it is moved into place, so that even
     * a power cut or an operating-system crash cannot leave a complete-looking but truncated file at the target.
     *
     * @return {@code true} unless turned off
     */
    public boolean syncToDisk() {
        return syncToDisk;
    }

    /**
     * The largest file accepted: a larger one, announced or as it arrives, fails the download with
     * {@link cn.scenext.api.exception.DownloadException.Reason#TOO_LARGE} and leaves nothing at the target.
     *
     * @return the limit in bytes, or empty for none (the default)
     */
    public OptionalLong maxBytes() {
        return maxBytes < 0 ? OptionalLong.empty() : OptionalLong.of(maxBytes);
    }

    /**
     * The minimum speed, in bytes per second averaged over {@link #minSpeedWindow()}, below which the transfer
     * counts as stalled and fails with {@link cn.scenext.api.exception.DownloadException.Reason#STALLED}, like
     * curl's {@code --speed-limit}. A connection silent for the whole read timeout fails on that first.
     *
     * @return bytes per second; 0 when turned off
     */
    public long minBytesPerSecond() {
        return minBytesPerSecond;
    }

    /**
     * The window the minimum speed is averaged over, like curl's {@code --speed-time}.
     *
     * @return the window
     */
    public Duration minSpeedWindow() {
        return minSpeedWindow;
    }

    @Override
    public String toString() {
        return "DownloadOptions{overwrite=" + overwrite + ", maxRedirects=" + maxRedirects + ", maxResumes="
                + maxResumes + ", syncToDisk=" + syncToDisk + ", maxBytes=" + (maxBytes < 0 ? "none" : maxBytes)
                + ", minSpeed=" + minBytesPerSecond + " B/s over " + minSpeedWindow + ", progressListener="
                + (progressListener == null ? "none" : "set") + '}';
    }

    /** Builds {@link DownloadOptions}, starting from the defaults. Not thread-safe. */
    public static final class Builder {
        private DownloadProgressListener progressListener;
        private OverwritePolicy overwrite = OverwritePolicy.FAIL;
        private int maxRedirects = DEFAULT_MAX_REDIRECTS;
        private int maxResumes = DEFAULT_MAX_RESUMES;
        private boolean syncToDisk = true;
        private long maxBytes = -1;
        private long minBytesPerSecond = DEFAULT_MIN_BYTES_PER_SECOND;
        private Duration minSpeedWindow = DEFAULT_MIN_SPEED_WINDOW;

        private Builder() {
        }

        /**
         * Sets the largest file accepted.
         *
         * @param maxBytes at least 1
         * @return this builder
         * @throws InvalidValueException when less than 1
         */
        public Builder maxBytes(long maxBytes) {
            if (maxBytes < 1) {
                throw new InvalidValueException("maxBytes", "maxBytes must be at least 1, got " + maxBytes + ".");
            }
            this.maxBytes = maxBytes;
            return this;
        }

        /**
         * Sets the stall limit: a transfer slower than {@code bytesPerSecond} on average over a whole
         * {@code window} fails. Default: 1 KiB/s over 30 s, which a working connection always beats and a
         * stalled one never does.
         *
         * @param bytesPerSecond 0 to turn the check off, else positive
         * @param window positive
         * @return this builder
         * @throws InvalidValueException when out of range
         */
        public Builder minSpeed(long bytesPerSecond, Duration window) {
            Objects.requireNonNull(window, "window");
            if (bytesPerSecond < 0) {
                throw new InvalidValueException("minSpeed", "The minimum speed must be 0 or more bytes per second, "
                        + "got " + bytesPerSecond + ".");
            }
            if (window.isNegative() || window.isZero()) {
                throw new InvalidValueException("minSpeed", "The minimum speed's window must be positive, got "
                        + window + ".");
            }
            this.minBytesPerSecond = bytesPerSecond;
            this.minSpeedWindow = window;
            return this;
        }

        /**
         * Sets who follows the bytes.
         *
         * @param progressListener the listener
         * @return this builder
         */
        public Builder progressListener(DownloadProgressListener progressListener) {
            this.progressListener = Objects.requireNonNull(progressListener, "progressListener");
            return this;
        }

        /**
         * Sets what to do when the target file exists.
         *
         * @param overwrite {@link OverwritePolicy#FAIL} (the default) or {@link OverwritePolicy#REPLACE}
         * @return this builder
         */
        public Builder overwrite(OverwritePolicy overwrite) {
            this.overwrite = Objects.requireNonNull(overwrite, "overwrite");
            return this;
        }

        /**
         * Sets how many redirects one request follows.
         *
         * @param maxRedirects 0 to 20; default 5
         * @return this builder
         * @throws InvalidValueException when out of range
         */
        public Builder maxRedirects(int maxRedirects) {
            this.maxRedirects = Checks.inRange(maxRedirects, 0, 20, "maxRedirects");
            return this;
        }

        /**
         * Sets how many times an interrupted transfer is resumed.
         *
         * @param maxResumes 0 to 100; default 5
         * @return this builder
         * @throws InvalidValueException when out of range
         */
        public Builder maxResumes(int maxResumes) {
            this.maxResumes = Checks.inRange(maxResumes, 0, 100, "maxResumes");
            return this;
        }

        /**
         * Sets whether a download to a file is forced to the storage device before it is moved into place. Even
         * without it, the target never holds a partial file after the process fails (the move is atomic); the
         * force guards against power cuts and operating-system crashes too, at the cost of one {@code fsync}
         * (about 0.2 s per 256 MiB on the development machine's disk).
         *
         * @param syncToDisk default {@code true}
         * @return this builder
         */
        public Builder syncToDisk(boolean syncToDisk) {
            this.syncToDisk = syncToDisk;
            return this;
        }

        /**
         * Builds the options.
         *
         * @return the options
         */
        public DownloadOptions build() {
            return new DownloadOptions(this);
        }
    }
}
