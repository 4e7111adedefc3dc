package cn.scenext.testkit;

import cn.scenext.api.Quality;
import cn.scenext.api.TaskState;
import cn.scenext.core.json.ApiJson;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Answers {@code /api/gen_video} and {@code /api/get_status/{id}} as the service documents them. */
final class ApiHandler implements HttpHandler {
    private static final String JSON = "application/json";
    private static final String STATUS_PREFIX = "/api/get_status/";
    private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private final ScenextSimulator sim;

    ApiHandler(ScenextSimulator sim) {
        this.sim = sim;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        byte[] body = ScenextSimulator.readBody(exchange);
        String path = exchange.getRequestURI().getRawPath();
        boolean genVideo = "/api/gen_video".equals(path);
        boolean getStatus = path.startsWith(STATUS_PREFIX) && path.length() > STATUS_PREFIX.length()
                && path.indexOf('/', STATUS_PREFIX.length()) < 0;
        if (!genVideo && !getStatus) {
            answer(exchange, null, body, 404, error("Not Found: " + path));
            return;
        }
        Endpoint endpoint = genVideo ? Endpoint.GEN_VIDEO : Endpoint.GET_STATUS;
        Fault fault = sim.nextFault(endpoint);
        if (fault != null && playFault(exchange, endpoint, body, fault)) {
            return;
        }
        if (!authorized(exchange)) {
            answer(exchange, endpoint, body, 401, error("Unauthorized: Invalid API key"));
            return;
        }
        String method = exchange.getRequestMethod();
        if (genVideo && !"POST".equals(method) || getStatus && !"GET".equals(method)) {
            answer(exchange, endpoint, body, 405, error("Method Not Allowed"));
            return;
        }
        if (genVideo) {
            createTask(exchange, body);
        } else {
            readStatus(exchange, path.substring(STATUS_PREFIX.length()), body);
        }
    }

    private boolean authorized(HttpExchange exchange) {
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        return auth != null && auth.equals("Bearer " + sim.apiKeyValue());
    }

    /** Plays a fault; returns {@code false} when the normal answer should follow (a delay). */
    private boolean playFault(HttpExchange exchange, Endpoint endpoint, byte[] body, Fault fault) throws IOException {
        switch (fault.kind()) {
            case DELAY:
                sleep(fault.duration().toMillis());
                return false;
            case DISCONNECT:
            case CUT_BODY:
                if (endpoint == Endpoint.GEN_VIDEO && authorized(exchange)) {
                    // The service processed the request before the connection broke: the task exists.
                    try {
                        createTaskFrom(body);
                    } catch (InvalidRequest e) {
                        // nothing was created; the connection drops all the same
                    }
                }
                sim.record(exchange, endpoint, body, 0);
                throw ScenextSimulator.disconnect();
            case MALFORMED:
                answer(exchange, endpoint, body, 200, "{\"status\": \"success\", \"data\": {\"task_id\": "
                        .getBytes(StandardCharsets.UTF_8));
                return true;
            default:
                if (fault.duration() != null) {
                    exchange.getResponseHeaders().set("Retry-After", Long.toString(fault.duration().getSeconds()));
                }
                answer(exchange, endpoint, body, fault.statusCode(), fault.statusCode() == 429
                        ? error("Too Many Requests") : error(reason(fault.statusCode())));
                return true;
        }
    }

    private static String reason(int status) {
        switch (status) {
            case 500:
                return "Server error: Internal Server Error";
            case 502:
                return "Bad Gateway";
            case 503:
                return "Service Unavailable";
            case 504:
                return "Gateway Timeout";
            default:
                return "HTTP " + status;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void createTask(HttpExchange exchange, byte[] body) throws IOException {
        TaskRecord task;
        try {
            task = createTaskFrom(body);
        } catch (InvalidRequest e) {
            answer(exchange, Endpoint.GEN_VIDEO, body, 400, error(e.getMessage()));
            return;
        }
        answer(exchange, Endpoint.GEN_VIDEO, body, 200, json(g -> {
            g.writeStringField("status", "success");
            g.writeObjectFieldStart("data");
            g.writeStringField("task_id", task.id.value());
            g.writeEndObject();
        }));
    }

    private TaskRecord createTaskFrom(byte[] body) throws IOException {
        String question = null;
        String answer = null;
        List<String> questionImages = Collections.emptyList();
        List<String> answerImages = Collections.emptyList();
        Quality quality = Quality.MEDIUM;
        URI notifyUrl = null;
        try (JsonParser p = ApiJson.factory().createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new InvalidRequest("Invalid request: the body must be a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                switch (name) {
                    case "question":
                        question = optionalString(p, t, name);
                        break;
                    case "answer":
                        answer = optionalString(p, t, name);
                        break;
                    case "questionImages":
                        questionImages = strings(p, t, name);
                        break;
                    case "answerImages":
                        answerImages = strings(p, t, name);
                        break;
                    case "quality":
                        String q = optionalString(p, t, name);
                        if (q != null && !q.isEmpty()) {
                            if (!q.equals("h") && !q.equals("m") && !q.equals("l")) {
                                throw new InvalidRequest("Invalid request: quality must be h, m or l");
                            }
                            quality = Quality.fromCode(q);
                        }
                        break;
                    case "notify_url":
                        notifyUrl = notifyUrl(optionalString(p, t, name));
                        break;
                    default:
                        p.skipChildren();
                }
            }
        } catch (JsonProcessingException e) {
            throw new InvalidRequest("Invalid request: the body is not valid JSON");
        }
        if ((question == null || question.trim().isEmpty()) && questionImages.isEmpty()) {
            throw new InvalidRequest("Invalid request: question or questionImages is required");
        }
        return sim.create(question, questionImages, answer, answerImages, quality, notifyUrl);
    }

    private static String optionalString(JsonParser p, JsonToken t, String field) throws IOException {
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.VALUE_STRING) {
            p.skipChildren();
            throw new InvalidRequest("Invalid request: " + field + " must be a string");
        }
        return p.getText();
    }

    private static List<String> strings(JsonParser p, JsonToken t, String field) throws IOException {
        if (t == JsonToken.VALUE_NULL) {
            return Collections.emptyList();
        }
        if (t != JsonToken.START_ARRAY) {
            p.skipChildren();
            throw new InvalidRequest("Invalid request: " + field + " must be an array of strings");
        }
        List<String> out = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (p.currentToken() != JsonToken.VALUE_STRING || p.getText().trim().isEmpty()) {
                throw new InvalidRequest("Invalid request: " + field + " must be an array of non-empty strings");
            }
            out.add(p.getText());
        }
        return Collections.unmodifiableList(out);
    }

    private static URI notifyUrl(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (uri.getHost() != null && (scheme.equals("http") || scheme.equals("https"))) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new InvalidRequest("Invalid request: notify_url must be an absolute http(s) URL");
    }

    private void readStatus(HttpExchange exchange, String rawId, byte[] body) throws IOException {
        String id = decodeSegment(rawId);
        TaskRecord task = id == null ? null : sim.lookup(id);
        if (task == null) {
            answer(exchange, Endpoint.GET_STATUS, body, sim.taskNotFoundStatus(), error("Server error: Task not found"));
            return;
        }
        Instant now = sim.clock().instant();
        TaskRecord.View v = task.at(now);
        if (v.state.isTerminal()) {
            sim.webhooks().deliverOnce(task);
        }
        answer(exchange, Endpoint.GET_STATUS, body, 200, json(g -> {
            g.writeStringField("status", "success");
            g.writeObjectFieldStart("data");
            g.writeStringField("task_id", task.id.value());
            g.writeStringField("status", v.state.name());
            if (v.state != TaskState.FAILED) {
                writeFrames(g, task, v.frames);
            }
            if (v.state.isTerminal()) {
                writeOutcome(g, task, v);
            }
            g.writeEndObject();
        }));
    }

    void writeFrames(JsonGenerator g, TaskRecord task, int frames) throws IOException {
        g.writeArrayFieldStart("progress");
        for (int i = 1; i <= frames; i++) {
            g.writeStartObject();
            g.writeStringField("id", "frame" + i);
            g.writeStringField("image", sim.signedUrl("/frame_img/" + task.id.value() + "/frame" + i + ".png"));
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private void writeOutcome(JsonGenerator g, TaskRecord task, TaskRecord.View v) throws IOException {
        boolean completed = v.state == TaskState.COMPLETED;
        g.writeArrayFieldStart("consumption");
        g.writeStartObject();
        g.writeStringField("type", "score");
        g.writeNumberField("value", completed ? 2 * v.frames : 0);
        g.writeStringField("detail", completed ? "Generate video analysis deduction"
                : "Generation failed. No points consumed.");
        g.writeEndObject();
        g.writeEndArray();
        writeResult(g, task, v);
        if (completed) {
            g.writeStringField("title", title(task));
            g.writeStringField("created_at", ISO.format(task.createdAt.atOffset(ZoneOffset.ofHours(8))));
            g.writeStringField("finish_at", ISO.format(v.endedAt.atOffset(ZoneOffset.ofHours(8))));
        }
    }

    /** {@code result}: the video's signed URL when completed, the reason when failed. */
    void writeResult(JsonGenerator g, TaskRecord task, TaskRecord.View v) throws IOException {
        boolean completed = v.state == TaskState.COMPLETED;
        g.writeArrayFieldStart("result");
        g.writeStartObject();
        g.writeStringField("type", completed ? "video" : "text");
        g.writeStringField("content", completed ? sim.signedUrl("/Video/" + task.id.value() + "/" + task.id.value()
                + ".mp4") : v.failureReason);
        g.writeEndObject();
        g.writeEndArray();
    }

    private static String title(TaskRecord task) {
        String q = task.question == null || task.question.trim().isEmpty() ? "Explained from images" : task.question.trim();
        return q.length() <= 60 ? q : q.substring(0, 57) + "...";
    }

    /** Percent-decodes a path segment or query value as UTF-8; {@code null} when its escapes are malformed. */
    static String decodeSegment(String raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    return null;
                }
                int hi = Character.digit(raw.charAt(i + 1), 16);
                int lo = Character.digit(raw.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return null;
                }
                out.write(hi * 16 + lo);
                i += 2;
            } else {
                out.write(c);
            }
        }
        return new String(out.toByteArray(), StandardCharsets.UTF_8);
    }

    private void answer(HttpExchange exchange, Endpoint endpoint, byte[] requestBody, int status, byte[] json)
            throws IOException {
        sim.record(exchange, endpoint == null ? Endpoint.GET_STATUS : endpoint, requestBody, status);
        ScenextSimulator.send(exchange, status, JSON, json);
    }

    static byte[] error(String message) {
        return json(g -> {
            g.writeStringField("status", "error");
            g.writeObjectFieldStart("data");
            g.writeStringField("messages", message);
            g.writeEndObject();
        });
    }

    interface Fields {
        void write(JsonGenerator g) throws IOException;
    }

    static byte[] json(Fields fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = ApiJson.factory().createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            fields.write(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A {@code gen_video} body the service rejects; its message goes into the error envelope. */
    private static final class InvalidRequest extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InvalidRequest(String message) {
            super(message);
        }
    }
}
