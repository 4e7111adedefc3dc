package cn.scenext.core.download;

import static cn.scenext.core.testing.Fixtures.completedAt;
import static cn.scenext.core.testing.ScriptedServer.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.scenext.api.ResultItem;
import cn.scenext.api.TaskId;
import cn.scenext.api.TaskState;
import cn.scenext.api.TaskStatus;
import cn.scenext.api.exception.DownloadException;
import cn.scenext.api.transport.HttpRequest;
import cn.scenext.core.Attempt;
import cn.scenext.core.ClientState;
import cn.scenext.core.Interceptor;
import cn.scenext.core.ScenextClient;
import cn.scenext.core.testing.DownloadEnv;
import cn.scenext.core.testing.FileServer;
import cn.scenext.core.testing.Fixtures;
import cn.scenext.core.testing.ScriptedServer;
import cn.scenext.testsupport.server.MockResponse;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A download is one call for the interceptors: its requests (retries, resumptions) share one
 * {@link Attempt#callId()}, and {@link Interceptor#onCallEnd} is told once, when the file is in place or the
 * download failed, with the number of requests, the last status, the failure and the bytes received; the
 * client's state counts it in {@link ClientState#downloadsInFlight()} meanwhile, not in its calls.
 */
class DownloadCallEndTest {
    private static final TaskId ID = TaskId.of("12345");
    private static final byte[] VIDEO = bytes(300_000);

    @TempDir
    Path dir;

    private DownloadEnv env;
    private ScriptedServer store;
    private final Recording rec = new Recording();
    private ScenextClient client;

    @BeforeEach
    void start() {
        env = new DownloadEnv("download-call-end-timer");
        store = env.store();
        client = env.client(b -> b.addInterceptor(rec));
    }

    @AfterEach
    void stop() {
        env.close();
    }

    /** Records the requests, attempt ends and call ends of downloads, and the client's state at each request. */
    private final class Recording implements Interceptor {
        final List<Attempt> requests = new CopyOnWriteArrayList<>();
        final List<Attempt> attempts = new CopyOnWriteArrayList<>();
        final List<Attempt> calls = new CopyOnWriteArrayList<>();
        final List<ClientState> states = new CopyOnWriteArrayList<>();

        @Override
        public HttpRequest onRequest(Attempt attempt, HttpRequest request) {
            if (attempt.operation().equals("download")) {
                requests.add(attempt);
                states.add(client.state());
            }
            return request;
        }

        @Override
        public void onAttemptEnd(Attempt attempt) {
            if (attempt.operation().equals("download")) {
                attempts.add(attempt);
            }
        }

        @Override
        public void onCallEnd(Attempt lastAttempt) {
            if (lastAttempt.operation().equals("download")) {
                calls.add(lastAttempt);
            }
        }
    }

    private static byte[] bytes(int size) {
        byte[] b = new byte[size];
        new Random(7).nextBytes(b);
        return b;
    }

    private static TaskStatus completedWithVideoAt(String url) {
        return TaskStatus.builder().taskId(ID).state(TaskState.COMPLETED).addResult(ResultItem.of("video", url))
                .build();
    }

    @Test
    void aRetriedDownloadEndsOnceUnderOneCallIdWithItsBytes() {
        store.script("/v.mp4", MockResponse.status(503), MockResponse.status(200).withBody(VIDEO));

        client.download(completedWithVideoAt(store.baseUrl() + "/v.mp4"), dir.resolve("v.mp4"));

        assertThat(rec.calls).hasSize(1);
        Attempt end = rec.calls.get(0);
        assertThat(end.number()).isEqualTo(2);
        assertThat(end.statusCode()).hasValue(200);
        assertThat(end.failure()).isEmpty();
        assertThat(end.bytesTransferred()).hasValue(VIDEO.length);
        assertThat(end.taskId()).contains(ID);
        assertThat(end.transport()).isEqualTo(client.transportName());
        assertThat(end.waitId()).isEmpty();
        assertThat(end.callElapsed()).isGreaterThanOrEqualTo(rec.attempts.get(0).elapsed());
        assertThat(rec.requests).extracting(Attempt::number).containsExactly(1, 2);
        assertThat(rec.requests).extracting(Attempt::callId).containsOnly(end.callId());
        assertThat(rec.attempts).extracting(Attempt::callId).containsOnly(end.callId());
        assertThat(rec.attempts).allSatisfy(a -> assertThat(a.bytesTransferred()).isEmpty());
        // Counted as a download while it runs, not as an API call; nothing once it ended.
        assertThat(rec.states).containsOnly(ClientState.of(true, 0, 0, 1));
        assertThat(client.state()).isEqualTo(ClientState.of(true, 0, 0, 0));
    }

    @Test
    void aResumedTransferCountsEachRequestAndEachByteOnce() {
        try (FileServer files = new FileServer(VIDEO).cut(1, 100_000)) {
            client.download(completedWithVideoAt(files.url("/v.mp4?Expires=4102444800&Signature=s")),
                    dir.resolve("v.mp4"));
        }

        assertThat(rec.calls).hasSize(1);
        assertThat(rec.calls.get(0).number()).isEqualTo(2);
        assertThat(rec.calls.get(0).statusCode()).hasValue(206);
        assertThat(rec.calls.get(0).bytesTransferred()).hasValue(VIDEO.length);
    }

    @Test
    void aTransferStartedOverCountsTheBytesReceivedAgain() {
        try (FileServer files = new FileServer(VIDEO).cut(1, 100_000).ignoringRange()) {
            client.download(completedWithVideoAt(files.url("/v.mp4")), dir.resolve("v.mp4"));
        }

        assertThat(rec.calls).hasSize(1);
        assertThat(rec.calls.get(0).number()).isEqualTo(2);
        assertThat(rec.calls.get(0).bytesTransferred().getAsLong()).isGreaterThan(VIDEO.length);
    }

    @Test
    void aFailedDownloadEndsOnceWithItsFailureAndLastStatus() {
        store.script("/gone.mp4", MockResponse.status(404).withBody("<Error><Code>NoSuchKey</Code></Error>"));

        assertThatThrownBy(() -> client.download(completedWithVideoAt(store.baseUrl() + "/gone.mp4"),
                dir.resolve("v.mp4"))).isInstanceOf(DownloadException.class);

        assertThat(rec.calls).hasSize(1);
        Attempt end = rec.calls.get(0);
        assertThat(end.number()).isEqualTo(1);
        assertThat(end.statusCode()).hasValue(404);
        assertThat(end.failure()).get().isInstanceOfSatisfying(DownloadException.class,
                e -> assertThat(e.reason()).isEqualTo(DownloadException.Reason.HTTP_ERROR));
        assertThat(end.bytesTransferred()).hasValue(0);
        assertThat(client.state().downloadsInFlight()).isZero();
    }

    @Test
    void aDownloadThatFailsBeforeItsFirstRequestEndsWithNoRequest() {
        TaskStatus noVideo = TaskStatus.builder().taskId(ID).state(TaskState.IN_PROGRESS).build();

        assertThatThrownBy(() -> client.download(noVideo, dir.resolve("v.mp4"))).isInstanceOf(DownloadException.class);

        assertThat(rec.requests).isEmpty();
        assertThat(rec.calls).hasSize(1);
        assertThat(rec.calls.get(0).number()).isZero();
        assertThat(rec.calls.get(0).statusCode()).isEmpty();
        assertThat(rec.calls.get(0).failure()).get().isInstanceOf(DownloadException.class);
        assertThat(client.state().downloadsInFlight()).isZero();
    }

    @Test
    void aDownloadToAStreamEndsOnceToo() {
        store.script("/v.mp4", MockResponse.status(200).withBody(VIDEO));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        long written = client.download(completedWithVideoAt(store.baseUrl() + "/v.mp4"), out,
                DownloadOptions.defaults());

        assertThat(written).isEqualTo(VIDEO.length);
        assertThat(rec.calls).hasSize(1);
        assertThat(rec.calls.get(0).bytesTransferred()).hasValue(VIDEO.length);
        assertThat(rec.calls.get(0).failure()).isEmpty();
    }

    @Test
    void aDownloadByTaskIdIsOneStatusCallThenOneDownload() {
        env.api().script("/api/get_status/12345", ok(completedAt(store.baseUrl())));
        store.on(r -> r.path().startsWith("/Video/"), MockResponse.status(200).withBody(VIDEO));
        List<String> ends = new CopyOnWriteArrayList<>();
        ScenextClient both = env.client(b -> b.clock(Fixtures.BEFORE_EXPIRY).addInterceptor(new Interceptor() {
            @Override
            public void onCallEnd(Attempt lastAttempt) {
                ends.add(lastAttempt.operation() + " " + lastAttempt.failure().isPresent());
            }
        }));

        both.download(ID, dir.resolve("v.mp4"));

        assertThat(ends).containsExactly("get_status false", "download false");
    }
}
