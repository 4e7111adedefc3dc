package cn.scenext.core.internal.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import cn.scenext.api.TaskId;
import cn.scenext.api.TaskState;
import cn.scenext.api.TaskStatus;
import cn.scenext.api.ResultItem;
import cn.scenext.api.exception.DownloadException;
import cn.scenext.api.exception.TransportException;
import cn.scenext.api.transport.HttpHeaders;
import cn.scenext.api.transport.HttpRequest;
import cn.scenext.api.transport.HttpResponse;
import cn.scenext.api.transport.ResponseBody;
import cn.scenext.core.Interceptor;
import cn.scenext.core.RetryPolicy;
import cn.scenext.core.download.DownloadOptions;
import cn.scenext.core.internal.http.HttpPipeline;
import cn.scenext.core.testing.InMemoryTransport;
import cn.scenext.core.testing.MutableClock;
import cn.scenext.core.testing.RecordingScheduler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One download's rules, through {@link Downloader} to a stream and to a file, with no network. */
class TransferTest {
    private static final URI API = URI.create("https://api.scenext.test/");
    private static final String VIDEO = "https://api.scenext.test/files/v.mp4?Signature=s3cr3t";
    private static final String FRESH = "https://oss.scenext.test/files/v.mp4?Signature=fresh";
    private static final byte[] BYTES = "0123456789".getBytes(StandardCharsets.US_ASCII);

    private final InMemoryTransport transport = new InMemoryTransport();
    private final RecordingScheduler scheduler = new RecordingScheduler();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final HttpPipeline pipeline = new HttpPipeline(transport, API, "sk-key", "ua",
            Collections.<Interceptor>emptyList(), RetryPolicy.builder().maxRetries(2).jitter(0).build(), scheduler,
            clock);
    private final AtomicInteger refreshes = new AtomicInteger();
    private String refreshedUrl = FRESH;
    private final Downloader downloader = new Downloader(pipeline, id -> {
        refreshes.incrementAndGet();
        return completed(refreshedUrl);
    }, clock);

    @TempDir
    Path dir;

    @AfterEach
    void close() {
        pipeline.close();
        scheduler.close();
    }

    private static TaskStatus completed(String url) {
        return TaskStatus.builder().taskId(TaskId.of("42")).state(TaskState.COMPLETED)
                .addResult(ResultItem.of(ResultItem.VIDEO, url)).build();
    }

    private long toStream(ByteArrayOutputStream out) {
        return downloader.videoToStream(completed(VIDEO), out, DownloadOptions.defaults());
    }

    private static HttpResponse file(int status, HttpHeaders headers, byte[] body) {
        return HttpResponse.of(status, headers, ResponseBody.of(body));
    }

    @Test
    void aSignedUrlNeverTakesTheApiKeyEvenOnTheApisOrigin() {
        transport.then(r -> file(200, HttpHeaders.empty(), BYTES));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        assertThat(toStream(out)).isEqualTo(BYTES.length);
        assertThat(out.toByteArray()).isEqualTo(BYTES);
        HttpRequest sent = transport.requests().get(0);
        assertThat(sent.headers().contains("Authorization")).isFalse();
        assertThat(sent.headers().firstValue("Accept-Encoding")).hasValue("identity");
    }

    @Test
    void temporaryStatusesAndNetworkFailuresAreRetriedOnTheRetryPolicy() {
        transport.respond(503, "busy").fail(new TransportException(TransportException.Reason.IO_ERROR, "reset", null))
                .then(r -> file(200, HttpHeaders.empty(), BYTES));

        assertThat(toStream(new ByteArrayOutputStream())).isEqualTo(BYTES.length);
        assertThat(scheduler.waits()).hasSize(2);
    }

    @Test
    void aCancelledExchangeIsNotRetried() {
        transport.fail(new TransportException(TransportException.Reason.CANCELLED, "interrupted", null));

        TransportException e = catchThrowableOfType(TransportException.class,
                () -> toStream(new ByteArrayOutputStream()));

        assertThat(e.reason()).isEqualTo(TransportException.Reason.CANCELLED);
        assertThat(transport.requests()).hasSize(1);
    }

    @Test
    void aRefusedSignedUrlIsRefreshedFromAFreshStatus() {
        transport.respond(403, "AccessDenied").then(r -> file(200, HttpHeaders.empty(), BYTES));

        assertThat(toStream(new ByteArrayOutputStream())).isEqualTo(BYTES.length);
        assertThat(refreshes).hasValue(1);
        assertThat(transport.requests().get(1).uri()).isEqualTo(URI.create(FRESH));
    }

    @Test
    void theSameUrlRefusedTwiceEndsTheDownload() {
        refreshedUrl = VIDEO;
        transport.respond(403, "AccessDenied").respond(403, "AccessDenied");

        DownloadException e = catchThrowableOfType(DownloadException.class,
                () -> toStream(new ByteArrayOutputStream()));

        assertThat(e.reason()).isEqualTo(DownloadException.Reason.SAME_EXPIRED_URL);
        assertThat(e.statusCode()).hasValue(403);
    }

    @Test
    void aFinalStatusFailsAtOnceWithoutTheSignatureInTheMessage() {
        transport.respond(404, "NoSuchKey");

        DownloadException e = catchThrowableOfType(DownloadException.class,
                () -> toStream(new ByteArrayOutputStream()));

        assertThat(e.reason()).isEqualTo(DownloadException.Reason.HTTP_ERROR);
        assertThat(e).hasMessageContaining("https://api.scenext.test/files/v.mp4").hasMessageNotContaining("s3cr3t");
        assertThat(transport.requests()).hasSize(1);
    }

    @Test
    void aCutTransferResumesWithARange() {
        HttpHeaders full = HttpHeaders.builder().set("ETag", "\"v1\"").build();
        transport.then(r -> HttpResponse.of(200, full, ResponseBody.of(new ByteArrayInputStream(BYTES, 0, 4),
                BYTES.length, () -> { })));
        transport.then(r -> file(206, HttpHeaders.builder().set("Content-Range", "bytes 4-9/10").build(),
                java.util.Arrays.copyOfRange(BYTES, 4, 10)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        assertThat(toStream(out)).isEqualTo(BYTES.length);
        assertThat(out.toByteArray()).isEqualTo(BYTES);
        HttpRequest resumed = transport.requests().get(1);
        assertThat(resumed.headers().firstValue("Range")).hasValue("bytes=4-");
        assertThat(resumed.headers().firstValue("If-Range")).hasValue("\"v1\"");
    }

    @Test
    void aRelativeRedirectIsFollowedAndADowngradeToHttpIsNot() {
        transport.respond(302, HttpHeaders.builder().set("Location", "/elsewhere/v.mp4").build(), "")
                .then(r -> file(200, HttpHeaders.empty(), BYTES));

        assertThat(toStream(new ByteArrayOutputStream())).isEqualTo(BYTES.length);
        assertThat(transport.requests().get(1).uri()).isEqualTo(URI.create("https://api.scenext.test/elsewhere/v.mp4"));

        transport.respond(302, HttpHeaders.builder().set("Location", "http://api.scenext.test/v.mp4").build(), "");
        DownloadException e = catchThrowableOfType(DownloadException.class,
                () -> toStream(new ByteArrayOutputStream()));
        assertThat(e.reason()).isEqualTo(DownloadException.Reason.BAD_REDIRECT);
    }

    @Test
    void toAFileTheBytesAppearOnlyWhenComplete() throws Exception {
        transport.respond(404, "NoSuchKey").then(r -> file(200, HttpHeaders.empty(), BYTES));
        Path target = dir.resolve("v.mp4");

        catchThrowableOfType(DownloadException.class,
                () -> downloader.videoToFile(completed(VIDEO), target, DownloadOptions.defaults()));
        assertThat(target).doesNotExist();
        try (java.util.stream.Stream<Path> left = Files.list(dir)) {
            assertThat(left).as("no partial file left behind").isEmpty();
        }

        assertThat(downloader.videoToFile(completed(VIDEO), dir, DownloadOptions.defaults()))
                .isEqualTo(dir.resolve("v.mp4"));
        assertThat(Files.readAllBytes(target)).isEqualTo(BYTES);
    }

    @Test
    void messagesShowAUrlWithoutItsQueryAndOnlyRedirectStatusesAreFollowed() {
        assertThat(DownloadFailures.withoutQuery(URI.create(VIDEO))).isEqualTo("https://api.scenext.test/files/v.mp4");
        assertThat(Redirects.isRedirect(307)).isTrue();
        assertThat(Redirects.isRedirect(304)).as("not modified is not a redirect to follow").isFalse();
    }
}
