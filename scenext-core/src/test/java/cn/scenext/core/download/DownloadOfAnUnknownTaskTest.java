package cn.scenext.core.download;

import static cn.scenext.core.testing.Fixtures.completedAt;
import static cn.scenext.core.testing.Fixtures.read;
import static cn.scenext.core.testing.ScriptedServer.json;
import static cn.scenext.core.testing.ScriptedServer.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import cn.scenext.api.TaskId;
import cn.scenext.api.TaskStatus;
import cn.scenext.api.exception.TaskNotFoundException;
import cn.scenext.core.ScenextClient;
import cn.scenext.core.testing.DownloadEnv;
import cn.scenext.core.testing.Fixtures;
import cn.scenext.testsupport.server.MockResponse;
import cn.scenext.core.testing.ScriptedServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A download whose signed URL must be refreshed while the service no longer knows the task (it answers
 * {@code Server error:list index out of range} or its variants, at HTTP 200 or another status) ends at once
 * with the {@link TaskNotFoundException}: one status read, nothing asked of the store, nothing at the target.
 */
class DownloadOfAnUnknownTaskTest {
    private static final TaskId ID = TaskId.of("12345");
    private static final String STATUS_PATH = "/api/get_status/12345";

    @TempDir
    Path dir;

    private DownloadEnv env;
    private ScriptedServer api;
    private ScriptedServer store;
    private ScenextClient client;

    @BeforeEach
    void start() {
        env = new DownloadEnv("download-unknown-task-timer");
        api = env.api();
        store = env.store();
        client = client(Fixtures.BEFORE_EXPIRY);
    }

    @AfterEach
    void stop() {
        env.close();
    }

    private ScenextClient client(Clock clock) {
        return env.client(b -> b.clock(clock));
    }

    private boolean isEmpty(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return !s.findAny().isPresent();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"get_status-unknown_task.json", "get_status-malformed_id.json",
        "get_status-not_found.json"})
    void anExpiredUrlOfATaskTheServiceNoLongerKnowsEndsAtOnce(String fixture) throws IOException {
        api.script(STATUS_PATH, ok(completedAt(store.baseUrl())), ok(read(fixture)));
        TaskStatus stale = client.getStatus(ID);
        client.close();
        client = client(Fixtures.AFTER_EXPIRY);

        TaskNotFoundException e = catchThrowableOfType(TaskNotFoundException.class,
                () -> client.download(stale, dir.resolve("v.mp4")));

        assertThat(e.taskId()).isEqualTo("12345");
        assertThat(api.gets(STATUS_PATH)).hasSize(2);
        assertThat(store.requests()).isEmpty();
        assertThat(isEmpty(dir)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = {404, 500})
    void aRefusedUrlWhoseTaskIsGoneEndsAtOnceWhateverTheStatus(int status) throws IOException {
        api.script(STATUS_PATH, ok(completedAt(store.baseUrl())), json(status, read("get_status-unknown_task.json")));
        store.on(r -> r.path().startsWith("/Video/"), MockResponse.status(403));
        TaskStatus status0 = client.getStatus(ID);

        TaskNotFoundException e = catchThrowableOfType(TaskNotFoundException.class,
                () -> client.download(status0, dir.resolve("v.mp4")));

        assertThat(e.statusCode()).hasValue(status);
        assertThat(api.gets(STATUS_PATH)).hasSize(2);
        assertThat(store.requests()).hasSize(1);
        assertThat(isEmpty(dir)).isTrue();
    }
}
