package cn.scenext.core.internal.http;

import cn.scenext.api.TaskId;
import cn.scenext.api.transport.HttpHeaders;
import cn.scenext.api.transport.HttpRequest;
import cn.scenext.core.internal.json.MalformedJsonException;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/** Calls and responses for the unit tests of the pipeline's parts. */
final class Calls {
    static final URI BASE = URI.create("https://api.scenext.test/");
    static final String KEY = "sk-test-secret-key";
    static final String SUCCESS = "{\"status\":\"success\",\"data\":{\"task_id\":\"42\",\"status\":\"pending\"}}";
    static final String ERROR_ENVELOPE = "{\"status\":\"error\",\"data\":{\"messages\":\"something odd\"}}";

    private Calls() {
    }

    /** A read of one task whose decoded value is the data's {@code task_id}. */
    static ApiCall<String> read() {
        return ApiCall.read("get_status", TaskId.of("42"), HttpRequest.builder().get(BASE.resolve("api/get_status/42"))
                .build(), Calls::taskId);
    }

    /** A task creation whose decoded value is the data's {@code task_id}. */
    static ApiCall<String> create() {
        return ApiCall.create("gen_video", HttpRequest.builder().post(BASE.resolve("api/gen_video"),
                "{}".getBytes(StandardCharsets.UTF_8)).build(), Calls::taskId);
    }

    private static String taskId(BufferedResponse response, cn.scenext.core.internal.json.ApiJson.Envelope envelope) {
        if (envelope.data() == null || envelope.data().taskId() == null) {
            throw new MalformedJsonException("no task_id");
        }
        return envelope.data().taskId();
    }

    static BufferedResponse response(int status, String body) {
        return response(status, HttpHeaders.empty(), body);
    }

    static BufferedResponse response(int status, HttpHeaders headers, String body) {
        return new BufferedResponse(BASE.resolve("api/get_status/42"), status, headers,
                body.getBytes(StandardCharsets.UTF_8));
    }
}
