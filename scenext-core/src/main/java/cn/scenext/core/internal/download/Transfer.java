package cn.scenext.core.internal.download;

import cn.scenext.core.download.DownloadOptions;
import cn.scenext.core.download.DownloadProgressListener;
import cn.scenext.api.exception.DownloadException;
import cn.scenext.api.exception.ErrorDetails;
import cn.scenext.api.exception.ScenextException;
import cn.scenext.api.exception.TransportException;
import cn.scenext.api.transport.HttpRequest;
import cn.scenext.api.transport.HttpResponse;
import cn.scenext.core.Attempt;
import cn.scenext.core.RetryPolicy;
import cn.scenext.core.internal.http.FailureClassifier;
import cn.scenext.core.internal.http.HttpPipeline;
import cn.scenext.core.internal.http.RetryAfter;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One download of one file into one output, on the caller's thread, in constant memory: follows redirects
 * (never with credentials: a signed URL carries its own, even on the API's origin), resumes cut transfers with
 * {@code Range} (and starts over when the server ignores it), refreshes an expired signed URL from a fresh status
 * (and stops at once when that status gives back the same URL), retries transient responses (by the
 * {@link FailureClassifier}) on the client's retry policy, checks every length it was told, and stops when its
 * progress listener throws.
 */
public final class Transfer {
    private static final Logger LOG = LoggerFactory.getLogger(Transfer.class);
    private static final int BUFFER_BYTES = 64 * 1024;
    private static final int MAX_URL_REFRESHES = 3;

    private final HttpPipeline pipeline;
    private final RemoteFile file;
    private final DownloadFailures failures;
    private final TransferOutput output;
    private final DownloadOptions options;
    private final Clock clock;
    private final DownloadCall call;
    private URI url;
    private boolean urlFresh;
    /** A fresh status gave back the same URL, not yet past its expiry: one more refusal ends the download. */
    private boolean sameUrlKept;
    private int refreshes;
    private int refusals;
    private int resumes;
    private int retries;
    private long total = -1;
    private String validator;

    Transfer(HttpPipeline pipeline, RemoteFile file, TransferOutput output, DownloadOptions options, Clock clock,
            DownloadCall call) {
        this.pipeline = pipeline;
        this.call = call;
        this.file = file;
        this.failures = new DownloadFailures(file);
        this.output = output;
        this.options = options;
        this.clock = clock;
        this.url = file.initialUrl();
    }

    /**
     * Runs the transfer to its end.
     *
     * @return the number of bytes saved
     * @throws ScenextException typed by what failed
     */
    long run() {
        while (true) {
            if (!urlFresh && SignedUrl.isExpired(url, clock)) {
                refresh("its signed URL expired", null);
                continue;
            }
            if (attemptOnce()) {
                return output.position();
            }
        }
    }

    /** One request (with its redirects) and as much of its body as arrives; {@code true} when complete. */
    private boolean attemptOnce() {
        long offset = output.position();
        HttpResponse response;
        try {
            response = fetch(offset);
        } catch (TransportException e) {
            if (FailureClassifier.classify(e) != FailureClassifier.Kind.TRANSIENT) {
                throw e; // cancelled: the caller's thread was interrupted
            }
            retryLater(e, null);
            return false;
        }
        try {
            return handle(response, offset);
        } finally {
            closeQuietly(response);
        }
    }

    private boolean handle(HttpResponse r, long offset) {
        int code = r.statusCode();
        if (code == 403) {
            refusals++;
            if (sameUrlKept) {
                throw failures.sameExpiredUrl(url, r);
            }
            if (refreshes >= MAX_URL_REFRESHES) {
                throw new DownloadException(DownloadException.Reason.URL_EXPIRED, "The object store refused "
                        + file.describe() + " with HTTP 403 for each of the " + refusals + " different signed URLs "
                        + "tried (" + refreshes + " of them from fresh statuses read for the purpose). Its response "
                        + "may say why (see the body): a refusal for another reason than expiry.", null,
                        DownloadFailures.details(r));
            }
            refresh("the object store refused its signed URL (HTTP 403)", r);
            return false;
        }
        if (FailureClassifier.isTransientStatus(code)) {
            retryLater(failures.httpError(r, url), RetryAfter.parse(r.headers(), clock));
            return false;
        }
        if (code == 416 && offset > 0) {
            restart(offset, "the server refused the range (HTTP 416)");
            return false;
        }
        if (code == 206) {
            if (!acceptPartial(r, offset)) {
                return false;
            }
        } else if (code == 200) {
            acceptFull(r, offset);
        } else {
            throw failures.httpError(r, url);
        }
        return copyBody(r);
    }

    private boolean acceptPartial(HttpResponse r, long offset) {
        ContentRange range = ContentRange.parse(r.headers().firstValue("Content-Range").orElse(null));
        OptionalLong length = r.body().contentLength();
        boolean valid = range != null && range.start == offset
                && (total < 0 || range.total < 0 || range.total == total)
                && (!length.isPresent() || length.getAsLong() == range.length());
        if (!valid) {
            restart(offset, "the server's partial response did not match the range asked for (Content-Range: "
                    + r.headers().firstValue("Content-Range").orElse("none") + ", from byte " + offset + ")");
            return false;
        }
        if (range.total >= 0) {
            total = range.total;
        }
        return true;
    }

    /** A file announced larger than {@link DownloadOptions#maxBytes()} is refused before a byte of it is read. */
    private void checkSize(long size, HttpResponse r) {
        if (options.maxBytes().isPresent() && size > options.maxBytes().getAsLong()) {
            throw new DownloadException(DownloadException.Reason.TOO_LARGE, file.describe() + " is larger than "
                    + "the " + options.maxBytes().getAsLong() + " bytes allowed (" + size + " bytes); nothing was "
                    + "saved. Raise DownloadOptions.maxBytes to accept it.", null,
                    ErrorDetails.of(r.statusCode(), null, null));
        }
    }

    private void acceptFull(HttpResponse r, long offset) {
        if (offset > 0) {
            LOG.info("Downloading {}: the server sent the whole file instead of resuming at byte {}; starting over",
                    file.describe(), offset);
            writeSafely(() -> output.restart(file.describe()));
        }
        total = r.body().contentLength().orElse(-1);
        String etag = r.headers().firstValue("ETag").orElse(null);
        validator = etag != null && !etag.startsWith("W/") ? etag : r.headers().firstValue("Last-Modified").orElse(null);
        progress();
    }

    /** Copies the response's body to the output; {@code true} when the file is complete. */
    private boolean copyBody(HttpResponse r) {
        long expected = r.body().contentLength().orElse(-1);
        checkSize(total, r);
        checkSize(output.position() + expected, r);
        long got = 0;
        byte[] buffer = new byte[BUFFER_BYTES];
        InputStream in = r.body().stream();
        long windowNanos = options.minSpeedWindow().toNanos();
        long windowStart = pipeline.scheduler().nanoTime();
        long windowBytes = 0;
        while (true) {
            int n;
            try {
                n = in.read(buffer);
            } catch (IOException | RuntimeException e) {
                return interrupted("the connection failed: " + e);
            }
            if (n < 0) {
                break;
            }
            int count = n;
            call.received(n);
            checkSize(output.position() + n, r);
            writeSafely(() -> output.write(buffer, count));
            got += n;
            progress();
            windowBytes += n;
            long now = pipeline.scheduler().nanoTime();
            if (now - windowStart >= windowNanos) {
                stallCheck(windowBytes, now - windowStart);
                windowStart = now;
                windowBytes = 0;
            }
        }
        if (expected >= 0 && got < expected) {
            return interrupted("the response ended after " + got + " of its " + expected + " bytes");
        }
        if (total >= 0 && output.position() < total) {
            return interrupted("the transfer ended at byte " + output.position() + " of " + total);
        }
        if (total >= 0 && output.position() > total || expected >= 0 && got > expected) {
            throw new DownloadException(DownloadException.Reason.INCOMPLETE, "The server sent more of "
                    + file.describe() + " than it announced (" + output.position() + " bytes for a Content-Length of "
                    + total + "); the file is not trusted.", null, ErrorDetails.of(r.statusCode(), null, null));
        }
        return true;
    }

    /** Fails the download when the window just ended went slower than {@link DownloadOptions#minBytesPerSecond()}. */
    private void stallCheck(long bytes, long elapsedNanos) {
        long min = options.minBytesPerSecond();
        if (min > 0 && bytes * 1_000_000_000.0 / elapsedNanos < min) {
            throw new DownloadException(DownloadException.Reason.STALLED, "The transfer of " + file.describe()
                    + " stalled at byte " + output.position() + (total >= 0 ? " of " + total : "") + ": " + bytes
                    + " bytes in " + elapsedNanos / 1_000_000 + " ms, below the minimum of " + min + " bytes/s over "
                    + options.minSpeedWindow().toMillis() + " ms (DownloadOptions.minSpeed).", null,
                    ErrorDetails.none());
        }
    }

    private boolean interrupted(String why) {
        if (resumes >= options.maxResumes()) {
            throw new DownloadException(DownloadException.Reason.INCOMPLETE, "The transfer of " + file.describe()
                    + " stayed incomplete at " + output.position() + (total >= 0 ? " of " + total : "")
                    + " bytes after " + resumes + " resumes: " + why + ".", null, ErrorDetails.none());
        }
        resumes++;
        LOG.info("Downloading {}: {}; resuming at byte {} ({} of {})", file.describe(), why, output.position(), resumes,
                options.maxResumes());
        return false;
    }

    private void restart(long offset, String why) {
        if (resumes >= options.maxResumes()) {
            throw new DownloadException(DownloadException.Reason.INCOMPLETE, "Could not resume " + file.describe()
                    + " at byte " + offset + ": " + why + ".", null, ErrorDetails.none());
        }
        resumes++;
        LOG.info("Downloading {}: {}; starting over", file.describe(), why);
        writeSafely(() -> output.restart(file.describe()));
        validator = null;
        total = -1;
    }

    /**
     * Reads a fresh status for a new URL. When it gives back the same URL: stops at once if its {@code Expires}
     * has passed; else tries it once more (it is only close to its expiry, or was refused before it: a store
     * signs a URL the same within one second, and a 403 may be passing).
     *
     * @param refused the object store's 403, or {@code null} when the URL's {@code Expires} said it expired
     */
    private void refresh(String why, HttpResponse refused) {
        LOG.info("Downloading {}: {}; reading a fresh status for a new URL", file.describe(), why);
        URI stale = url;
        URI next = file.refreshedUrl();
        refreshes++;
        urlFresh = true;
        if (next.toString().equals(stale.toString())) {
            if (SignedUrl.hasPassed(next, clock)) {
                throw failures.sameExpiredUrl(stale, refused);
            }
            LOG.info("Downloading {}: the fresh status gave back the same URL, not yet past its expiry; trying it "
                    + "once more", file.describe());
            sameUrlKept = true;
        }
        url = next;
    }

    private void retryLater(ScenextException failure, Duration retryAfter) {
        RetryPolicy policy = pipeline.retryPolicy();
        if (retries >= policy.maxRetries()) {
            throw failure;
        }
        retries++;
        Duration delay = policy.retryDelay(retries, retryAfter, ThreadLocalRandom.current().nextDouble());
        LOG.info("Downloading {} failed ({}); retrying in {} ms", file.describe(), failure.getMessage(),
                delay.toMillis());
        try {
            pipeline.scheduler().sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException(TransportException.Reason.CANCELLED, "Interrupted while downloading "
                    + file.describe(), e);
        }
    }

    /** Sends a GET (with its redirects), asking for the bytes from {@code offset} on. */
    private HttpResponse fetch(long offset) {
        URI current = url;
        for (int hop = 0; ; hop++) {
            HttpRequest.Builder request = HttpRequest.builder().get(current).setHeader("Accept-Encoding", "identity");
            if (offset > 0) {
                request.setHeader("Range", "bytes=" + offset + "-");
                if (validator != null) {
                    request.setHeader("If-Range", validator);
                }
            }
            Attempt attempt = call.nextRequest();
            // A signed URL is its own credential: the API key never goes with it, even on the API's origin.
            HttpResponse r = pipeline.send(attempt, request.build(), false);
            call.responded(r.statusCode());
            if (!Redirects.isRedirect(r.statusCode())) {
                return r;
            }
            closeQuietly(r);
            current = Redirects.target(current, r, hop, options.maxRedirects(), failures);
        }
    }

    private void progress() {
        DownloadProgressListener listener = options.progressListener().orElse(null);
        if (listener == null) {
            return;
        }
        try {
            listener.onProgress(output.position(), total >= 0 ? OptionalLong.of(total) : OptionalLong.empty());
        } catch (OutOfMemoryError e) {
            throw e; // the JVM's, not the listener's: passed on as it is (the download stops all the same)
        } catch (Throwable e) {
            throw new DownloadException(DownloadException.Reason.LISTENER_FAILED, "The download progress listener "
                    + listener.getClass().getName() + " threw " + e + "; the download of " + file.describe()
                    + " was stopped at byte " + output.position() + ".", e, ErrorDetails.none());
        }
    }

    private interface Write {
        void run() throws IOException;
    }

    private void writeSafely(Write write) {
        try {
            write.run();
        } catch (IOException e) {
            throw new DownloadException(DownloadException.Reason.WRITE_FAILED, "Could not write " + file.describe()
                    + ": " + e, e, ErrorDetails.none());
        }
    }

    private static void closeQuietly(HttpResponse r) {
        try {
            r.close();
        } catch (IOException | RuntimeException e) {
            LOG.debug("Closing a download response failed; ignored: {}", e.toString());
        }
    }
}
