package cn.scenext.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import cn.scenext.testkit.Endpoint;
import cn.scenext.testkit.Fault;
import cn.scenext.testkit.ScenextSimulator;
import cn.scenext.testsupport.server.MockResponse;
import cn.scenext.testsupport.server.MockServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What {@code status --json} and {@code wait --json} print (the service's own {@code data} object), and the
 * poll failures {@code wait} shows while it goes on.
 */
class ScenextCliWaitOutputTest {
    private static final String KEY = "sk-cli-output-test-0123456789";
    /** The real server's COMPLETED status: numeric frame ids, microsecond UTC times, an upper-case id. */
    private static final String COMPLETED_DATA = "{\n"
            + "    \"task_id\": \"ED6E7BAE-CB5D-4E75-A6AE-B4BECED80C92\",\n"
            + "    \"status\": \"COMPLETED\",\n"
            + "    \"progress\": [{\"id\": 1, \"image\": \"https://oss.example/frame1.png?Expires=1749287113\"},"
            + " {\"id\": 2, \"image\": \"https://oss.example/frame2.png?Expires=1749287134\"}],\n"
            + "    \"consumption\": [{\"type\": \"score\", \"value\": 12.0, \"detail\": \"video generation\"}],\n"
            + "    \"result\": [{\"type\": \"video\", \"content\": \"https://oss.example/v.mp4?Expires=1\"}],\n"
            + "    \"title\": \"\\u5085\\u91cc\\u53f6\\u7ea7\\u6570\",\n"
            + "    \"created_at\": \"2025-06-07T08:24:11.492811+00:00\",\n"
            + "    \"finish_at\": \"2025-06-07T08:41:53.123456+00:00\",\n"
            + "    \"worker\": {\"node\": 7, \"tags\": []}\n"
            + "  }";
    /** The real server's FAILED status: no progress, an empty consumption, extra result fields. */
    private static final String FAILED_DATA = "{\"task_id\":\"ed6e7bae-cb5d-4e75-a6ae-b4beced80c92\","
            + "\"status\":\"FAILED\",\"consumption\":[],\"result\":[{\"type\":\"text\",\"content\":\"任务执行失败，不消耗积分\","
            + "\"score\":0,\"scoreDetail\":\"storyboard could not be generated\"}]}";

    private final Map<String, String> env = new HashMap<>();
    private MockServer server;
    private ScenextSimulator sim;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (sim != null) {
            sim.close();
        }
    }

    private record Run(int code, String out, String err) {
    }

    private Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new ScenextCli(env, new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                false).run(args);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** A loopback server responding to every status request with one envelope around {@code data}. */
    private void serveStatus(String data) {
        server = MockServer.start();
        server.route().on(r -> r.path().startsWith("/api/get_status/"),
                MockResponse.ok("{\"status\": \"success\", \"data\": " + data + "}"));
        env.put("SCENEXT_API_KEY", KEY);
        env.put("SCENEXT_BASE_URL", server.url("/"));
    }

    @Test
    void statusJsonPrintsTheDataObjectExactlyAsTheServiceSentIt() {
        serveStatus(COMPLETED_DATA);

        Run r = run("status", "ED6E7BAE-CB5D-4E75-A6AE-B4BECED80C92", "--json");

        assertThat(r.code).isZero();
        assertThat(r.out).isEqualTo(COMPLETED_DATA + "\n");
    }

    @Test
    void waitJsonPrintsTheDataObjectExactlyAsTheServiceSentIt() {
        serveStatus(FAILED_DATA);

        Run r = run("wait", "ed6e7bae-cb5d-4e75-a6ae-b4beced80c92", "--json", "--poll-interval", "10ms");

        assertThat(r.code).isEqualTo(ExitCode.FAILED.code);
        assertThat(r.out).isEqualTo(FAILED_DATA + "\n");
    }

    @Test
    void waitShowsEachDistinctPollFailureOnceAndGoesOn() {
        sim = ScenextSimulator.builder().taskDuration(Duration.ofMillis(300)).framesPerTask(1).start();
        env.put("SCENEXT_API_KEY", sim.apiKey());
        env.put("SCENEXT_BASE_URL", sim.baseUrl().toString());
        Run created = run("generate", "--question", "What is a Fourier series?");
        assertThat(created.code).isZero();
        String id = created.out.trim();
        sim.inject(Endpoint.GET_STATUS, Fault.status(500), 6); // two polls of three attempts each

        Run r = run("wait", id, "--poll-interval", "50ms");

        assertThat(r.code).isZero();
        assertThat(r.err.lines().filter(l -> l.startsWith("warning: reading the status of task " + id
                + " failed; still waiting: ")).count()).isEqualTo(1);
        assertThat(r.err).contains("HTTP 500").contains("Done in");
        assertThat(r.out + r.err).doesNotContain(sim.apiKey());
    }
}
