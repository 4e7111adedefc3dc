package cn.scenext.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import cn.scenext.testsupport.server.MockResponse;
import cn.scenext.testsupport.server.MockServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The command line's exit codes and words for the service's responses as its public server code gives them
 * (errors at HTTP 200, the framework's {@code {"detail"}} bodies, a proxy's 5xx), served by a loopback server
 * that responds to every request with one status and body.
 */
class ServiceResponsesCliTest {
    private static final String KEY = "sk-cli-responses-test";
    private static final String UUID = "ed6e7bae-cb5d-4e75-a6ae-b4beced80c92";

    private final MockServer server = MockServer.start();
    private volatile int status;
    private volatile String body;

    /** One run of the command line: exit code and stderr. */
    record Run(int code, String err) {
    }

    @BeforeEach
    void start() {
        server.dispatcher(r -> MockResponse.status(status)
                .withHeader("Content-Type", body.startsWith("<") ? "text/html" : "application/json").withBody(body));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Run respondingWith(int httpStatus, String responseBody, String... args) {
        status = httpStatus;
        body = responseBody;
        Map<String, String> env = new HashMap<>();
        env.put("SCENEXT_API_KEY", KEY);
        env.put("SCENEXT_BASE_URL", server.url("/"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new ScenextCli(env, new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                false).run(args);
        Run r = new Run(code, err.toString(StandardCharsets.UTF_8));
        assertThat(out.toString(StandardCharsets.UTF_8) + r.err).doesNotContain(KEY);
        return r;
    }

    private static String error(String messages) {
        return "{\"status\":\"error\",\"data\":{\"messages\":\"" + messages + "\"}}";
    }

    @Test
    void anUnknownUuidExitsWith4() {
        Run r = respondingWith(200, error("Server error:list index out of range"), "status", UUID);

        assertThat(r.code).isEqualTo(4);
        assertThat(r.err).contains(UUID).contains("Check the task id");
        assertThat(server.requestCount()).isEqualTo(1);
    }

    @Test
    void anIdThatIsNotAUuidExitsWith4() {
        Run r = respondingWith(200, error("Server error:{'code': '22P02', 'details': None, 'hint': None, 'message': "
                + "'invalid input syntax for type uuid: \\\"12345\\\"'}"), "status", "12345");

        assertThat(r.code).isEqualTo(4);
        assertThat(r.err).contains("not a well-formed task id");
    }

    @Test
    void aWaitOnAnUnknownIdEndsAtOnceWith4() {
        Run r = respondingWith(200, error("Server error:list index out of range"), "wait", UUID,
                "--poll-interval", "100ms", "--wait-timeout", "30s");

        assertThat(r.code).isEqualTo(4);
        assertThat(server.requestCount()).isEqualTo(1);
    }

    @Test
    void theServicesValidatorRefusingARequestExitsWith2NamingTheField() {
        Run r = respondingWith(422, "{\"detail\":[{\"type\":\"string_type\",\"loc\":[\"body\",\"question\"],"
                + "\"msg\":\"Input should be a valid string\",\"input\":5}]}", "generate", "--question", "q");

        assertThat(r.code).isEqualTo(2);
        assertThat(r.err).contains("question: Input should be a valid string").doesNotContain("may have been created");
    }

    @Test
    void theFrameworksNotAuthenticatedExitsWith3() {
        Run r = respondingWith(403, "{\"detail\":\"Not authenticated\"}", "status", UUID);

        assertThat(r.code).isEqualTo(3);
        assertThat(r.err).contains("Not authenticated");
    }

    @Test
    void aCreationErrorAt200SaysInWordsThatTheTaskMayHaveBeenCreated() {
        Run r = respondingWith(200, error("The video generation interface response is abnormal:500 - storyboard "
                + "service unavailable"), "generate", "--question", "q");

        assertThat(r.code).isEqualTo(6);
        assertThat(r.err).contains("storyboard service unavailable")
                .contains("The task may have been created although this command failed");
        assertThat(server.requestCount()).isEqualTo(1);
    }

    @Test
    void aProxysGatewayErrorOnACreationSaysTheTaskMayHaveBeenCreated() {
        Run r = respondingWith(504, "<html><body><h1>504 Gateway Time-out</h1></body></html>", "generate",
                "--question", "q");

        assertThat(r.code).isEqualTo(6);
        assertThat(r.err).contains("HTTP 504").contains("The task may have been created although this command failed");
        assertThat(server.requestCount()).isEqualTo(1);
    }

    @Test
    void aWrongBaseUrlSaysSo() {
        Run r = respondingWith(404, "{\"detail\":\"Not Found\"}", "status", UUID);

        assertThat(r.code).isEqualTo(6);
        assertThat(r.err).contains("\"Not Found\"").contains("Check the base URL");
    }
}
