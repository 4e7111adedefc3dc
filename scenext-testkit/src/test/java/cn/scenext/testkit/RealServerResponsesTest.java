package cn.scenext.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import cn.scenext.api.TaskId;
import cn.scenext.api.TaskState;
import cn.scenext.testkit.ScenextSimulatorTest.MutableClock;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The simulator's raw HTTP responses in the real server's style, read with a plain HTTP client. */
class RealServerResponsesTest {
    private static final String UNKNOWN_UUID = "0b7c6f1e-9d2a-4c1b-8e3f-5a6b7c8d9e0f";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final ScenextSimulator sim = ScenextSimulator.builder().clock(clock).taskDuration(Duration.ofSeconds(60))
            .framesPerTask(4).start();

    @AfterEach
    void stop() {
        sim.close();
    }

    /** A status and body as received. */
    static final class Response {
        final int status;
        final String body;
        final String allow;

        Response(int status, String body, String allow) {
            this.status = status;
            this.body = body;
            this.allow = allow;
        }
    }

    private Response call(String method, String path, String authorization, String contentType, String body)
            throws IOException {
        HttpURLConnection c = (HttpURLConnection) sim.baseUrl().resolve(path).toURL().openConnection();
        c.setRequestMethod(method);
        if (authorization != null) {
            c.setRequestProperty("Authorization", authorization);
        }
        if (body != null) {
            c.setDoOutput(true);
            if (contentType != null) {
                c.setRequestProperty("Content-Type", contentType);
            }
            try (OutputStream out = c.getOutputStream()) {
                out.write(body.getBytes(StandardCharsets.UTF_8));
            }
        }
        int status = c.getResponseCode();
        try (InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
            return new Response(status, new String(in.readAllBytes(), StandardCharsets.UTF_8),
                    c.getHeaderField("Allow"));
        }
    }

    private Response status(String id) throws IOException {
        return call("GET", "api/get_status/" + id, "Bearer " + sim.apiKey(), null, null);
    }

    private Response create(String json) throws IOException {
        return call("POST", "api/gen_video", "Bearer " + sim.apiKey(), "application/json", json);
    }

    private String createdId(String json) throws IOException {
        Response r = create(json);
        assertThat(r.status).isEqualTo(200);
        Matcher m = Pattern.compile("^\\{\"status\":\"success\",\"data\":\\{\"task_id\":\"([0-9a-f-]{36})\"}}$")
                .matcher(r.body);
        assertThat(m.matches()).as(r.body).isTrue();
        return m.group(1);
    }

    private static String envelope(String messages) {
        return "{\"status\":\"error\",\"data\":{\"messages\":\"" + messages.replace("\"", "\\\"") + "\"}}";
    }

    @Test
    void isTheDefaultStyle() {
        assertThat(sim.responseStyle()).isEqualTo(ResponseStyle.REAL_SERVER);
    }

    @Test
    void anUnknownUuidIsAnErrorEnvelopeAtHttp200() throws IOException {
        Response r = status(UNKNOWN_UUID);

        assertThat(r.status).isEqualTo(200);
        assertThat(r.body).isEqualTo(envelope("Server error:list index out of range"));
    }

    @Test
    void anIdThatIsNotAUuidGetsPostgresqlsTextAtHttp200() throws IOException {
        Response plain = status("12345");
        Response quoted = status("it%27s");

        assertThat(plain.status).isEqualTo(200);
        assertThat(plain.body).isEqualTo(envelope("Server error:{'code': '22P02', 'details': None, 'hint': None, "
                + "'message': 'invalid input syntax for type uuid: \"12345\"'}"));
        assertThat(quoted.body).contains("'message': 'invalid input syntax for type uuid: \\\"it\\\\'s\\\"'}");
    }

    @Test
    void theFrameworkRefusesAMissingOrMalformedAuthorizationWith403() throws IOException {
        String notAuthenticated = "{\"detail\":\"Not authenticated\"}";

        assertThat(call("GET", "api/get_status/" + UNKNOWN_UUID, null, null, null))
                .satisfies(r -> assertThat(r.status).isEqualTo(403))
                .satisfies(r -> assertThat(r.body).isEqualTo(notAuthenticated));
        assertThat(call("GET", "api/get_status/" + UNKNOWN_UUID, "Bearer", null, null).body).isEqualTo(notAuthenticated);
        assertThat(call("GET", "api/get_status/" + UNKNOWN_UUID, sim.apiKey(), null, null).body)
                .isEqualTo(notAuthenticated);
        Response basic = call("POST", "api/gen_video", "Basic dXNlcjpwYXNz", "application/json", "{\"question\":\"q\"}");
        assertThat(basic.status).isEqualTo(403);
        assertThat(basic.body).isEqualTo("{\"detail\":\"Invalid authentication credentials\"}");
        assertThat(sim.tasks()).isEmpty();
    }

    @Test
    void theSchemeWordIsCaseInsensitiveAndAWrongKeyGetsTheDocumented401() throws IOException {
        assertThat(call("GET", "api/get_status/" + UNKNOWN_UUID, "bEARER " + sim.apiKey(), null, null).status)
                .isEqualTo(200);

        Response wrong = call("GET", "api/get_status/" + UNKNOWN_UUID, "Bearer sk-wrong", null, null);
        assertThat(wrong.status).isEqualTo(401);
        assertThat(wrong.body).isEqualTo(envelope("Unauthorized: Invalid API key"));
    }

    @Test
    void aBodyThatIsNotJsonOrAFieldOfTheWrongTypeIs422() throws IOException {
        Response notJson = create("question=1");
        Response wrongType = create("{\"question\": [\"q\"], \"questionImages\": \"x\"}");
        Response badItem = create("{\"questionImages\": [{}]}");

        assertThat(notJson.status).isEqualTo(422);
        assertThat(notJson.body).matches("\\{\"detail\":\\[\\{\"loc\":\\[\"body\",\\d+],\"msg\":\"Expecting value: "
                + "line 1 column \\d+ \\(char \\d+\\)\",\"type\":\"value_error.jsondecode\"}]}");
        assertThat(wrongType.status).isEqualTo(422);
        assertThat(wrongType.body).isEqualTo("{\"detail\":[{\"loc\":[\"body\",\"question\"],\"msg\":\"str type "
                + "expected\",\"type\":\"type_error.str\"},{\"loc\":[\"body\",\"questionImages\"],\"msg\":\"value is not "
                + "a valid list\",\"type\":\"type_error.list\"}]}");
        assertThat(badItem.body).isEqualTo("{\"detail\":[{\"loc\":[\"body\",\"questionImages\",0],\"msg\":\"str type "
                + "expected\",\"type\":\"type_error.str\"}]}");
        assertThat(sim.tasks()).isEmpty();
    }

    @Test
    void anEmptyObjectIsAcceptedAndTheTaskFailsLater() throws IOException {
        String id = createdId("{}");
        createdId("{\"quality\": \"x\", \"notify_url\": \"not a url\", \"extra\": {\"a\": 1}}");
        clock.advance(Duration.ofMinutes(2));

        Response failed = status(id);

        assertThat(failed.body).isEqualTo("{\"status\":\"success\",\"data\":{\"task_id\":\"" + id + "\",\"status\":"
                + "\"FAILED\",\"consumption\":[],\"result\":[{\"type\":\"text\",\"content\":\"任务执行失败，不消耗积分\","
                + "\"score\":0,\"scoreDetail\":\"任务执行失败，不消耗积分\"}]}}");
        assertThat(sim.tasks()).hasSize(2);
    }

    @Test
    void unknownPathsAndWrongMethodsGetTheFrameworksBodies() throws IOException {
        Response unknown = call("GET", "api/nope", "Bearer " + sim.apiKey(), null, null);
        Response split = status("a%2Fb");
        Response wrongMethod = call("GET", "api/gen_video", "Bearer " + sim.apiKey(), null, null);

        assertThat(unknown.status).isEqualTo(404);
        assertThat(unknown.body).isEqualTo("{\"detail\":\"Not Found\"}");
        assertThat(split.status).isEqualTo(404);
        assertThat(wrongMethod.status).isEqualTo(405);
        assertThat(wrongMethod.body).isEqualTo("{\"detail\":\"Method Not Allowed\"}");
        assertThat(wrongMethod.allow).isEqualTo("POST");
    }

    @Test
    void statusesCarryTheServersFieldsNumericFrameIdsAndUtcMicrosecondTimes() throws IOException {
        String id = createdId("{\"question\": \"What is a Fourier series?\"}");
        clock.advance(Duration.ofSeconds(30));
        Response running = status(id);
        clock.advance(Duration.ofSeconds(30).plusNanos(123_456_789));
        Response done = status(id);

        String url = "http://localhost:\\d+/frame_img/" + id + "/frame(\\d)\\.png\\?OSSAccessKeyId=SIMULATORKEY"
                + "&Expires=\\d+&Signature=[^\"]+";
        assertThat(running.body).matches("\\{\"status\":\"success\",\"data\":\\{\"task_id\":\"" + id + "\",\"status\":"
                + "\"IN_PROGRESS\",\"progress\":\\[\\{\"id\":1,\"image\":\"" + url + "\"},\\{\"id\":2,\"image\":\"" + url
                + "\"}]}}");
        assertThat(done.body).matches("\\{\"status\":\"success\",\"data\":\\{\"task_id\":\"" + id + "\",\"status\":"
                + "\"COMPLETED\",\"progress\":\\[.*],\"consumption\":\\[\\{\"type\":\"score\",\"value\":8,\"detail\":"
                + "\"[^\"]+\"}],\"result\":\\[\\{\"type\":\"video\",\"content\":\"http://localhost:\\d+/Video/[^\"]+\"}],"
                + "\"title\":\"What is a Fourier series\\?\",\"created_at\":\"2026-01-01T00:00:00\\.000000\\+00:00\","
                + "\"finish_at\":\"2026-01-01T00:01:00\\.000000\\+00:00\"}}");
    }

    @Test
    void anUpperCaseIdFindsTheTaskAndIsEchoedBack() throws IOException {
        String id = createdId("{\"question\": \"q\"}");
        String upper = id.toUpperCase(Locale.ROOT);

        Response r = status(upper);

        assertThat(r.body).startsWith("{\"status\":\"success\",\"data\":{\"task_id\":\"" + upper + "\",\"status\":"
                + "\"IN_PROGRESS\"");
        assertThat(sim.findTask(TaskId.of(upper))).hasValueSatisfying(t -> assertThat(t.state())
                .isEqualTo(TaskState.IN_PROGRESS));
    }

    @Test
    void aReReadGivesTheSameStoredUrls() throws IOException {
        String id = createdId("{\"question\": \"q\"}");
        clock.advance(Duration.ofMinutes(2));
        String first = status(id).body;
        clock.advance(Duration.ofMinutes(20));

        assertThat(status(id).body).isEqualTo(first);
    }

    @Test
    void readsCanonicalUuidsAsPostgresqlDoes() {
        assertThat(ApiHandler.canonicalUuid("{A0EEBC99-9C0B4EF8-BB6D6BB9-BD380A11}"))
                .isEqualTo("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
        assertThat(ApiHandler.canonicalUuid("a0eebc999c0b4ef8bb6d6bb9bd380a11"))
                .isEqualTo("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
        assertThat(ApiHandler.canonicalUuid("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a1")).isNull();
        assertThat(ApiHandler.canonicalUuid("a0eeb-c99-9c0b-4ef8-bb6d-6bb9bd380a11")).isNull();
        assertThat(ApiHandler.canonicalUuid("-a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11")).isNull();
        assertThat(ApiHandler.canonicalUuid("12345")).isNull();
    }

    @Test
    void writesPythonRepresentationsOfStrings() {
        assertThat(JsonText.pythonRepr("plain")).isEqualTo("'plain'");
        assertThat(JsonText.pythonRepr("it's")).isEqualTo("\"it's\"");
        assertThat(JsonText.pythonRepr("it's \"x\"")).isEqualTo("'it\\'s \"x\"'");
        assertThat(JsonText.pythonRepr("a\\b\n\u0001\u007f\u00a0é🚀")).isEqualTo("'a\\\\b\\n\\x01\\x7f\\xa0é🚀'");
    }
}
