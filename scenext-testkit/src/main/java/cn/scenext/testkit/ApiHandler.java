package cn.scenext.testkit;

import cn.scenext.api.Quality;
import cn.scenext.api.TaskState;
import cn.scenext.core.internal.json.ApiJson;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
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
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
* Serves {@code /api/gen_video} and {@code /api/get_status/{id}} in the simulator's {@link ResponseStyle}: as
 * the service's public server code does, or as its documentation shows.
 */
final class ApiHandler implements HttpHandler {
    private static final String JSON = "application/json";
    private static final String GEN_VIDEO_PATH = "/api/gen_video";
    private static final String STATUS_PREFIX = "/api/get_status/";
    private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
    private static final DateTimeFormatter UTC_MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'+00:00'")
            .withZone(ZoneOffset.UTC);
    /** The reason the server's worker gives a task it could not make (here: one with nothing to explain). */
    static final String WORKER_FAILURE = "任务执行失败，不消耗积分";

    private final ScenextSimulator sim;
    private final boolean real;

    ApiHandler(ScenextSimulator sim) {
        this.sim = sim;
        this.real = sim.responseStyle() == ResponseStyle.REAL_SERVER;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        byte[] body = ScenextSimulator.readBody(exchange);
        if (real) {
            handleAsServer(exchange, body);
        } else {
            handleAsDocumented(exchange, body);
        }
    }

    // ---- the service's public server code ---------------------------------------------------------------

    private void handleAsServer(HttpExchange exchange, byte[] body) throws IOException {
        // The ASGI server percent-decodes the path before the router sees it: an id holding %2F is split.
        String path = decodeLeniently(exchange.getRequestURI().getRawPath());
        boolean genVideo = GEN_VIDEO_PATH.equals(path);
        boolean getStatus = path.startsWith(STATUS_PREFIX) && path.length() > STATUS_PREFIX.length()
                && path.indexOf('/', STATUS_PREFIX.length()) < 0;
        if (!genVideo && !getStatus) {
            respond(exchange, null, body, 404, detail("Not Found"));
            return;
        }
        Endpoint endpoint = genVideo ? Endpoint.GEN_VIDEO : Endpoint.GET_STATUS;
        Fault fault = sim.nextFault(endpoint);
        if (fault != null && playFault(exchange, endpoint, body, fault)) {
            return;
        }
        String allowed = genVideo ? "POST" : "GET";
        if (!allowed.equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().set("Allow", allowed);
            respond(exchange, endpoint, body, 405, detail("Method Not Allowed"));
            return;
        }
        ServerRequest request = genVideo ? ServerRequest.parse(exchange, body) : null;
        if (request != null && request.decodeError != null) {
            // FastAPI decodes the JSON body before it runs the authentication dependency.
            respond(exchange, endpoint, body, 422, validation(Collections.singletonList(request.decodeError)));
            return;
        }
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        String refusal = bearerRefusal(auth);
        if (refusal != null) {
            respond(exchange, endpoint, body, 403, detail(refusal));
            return;
        }
        if (!auth.substring(auth.indexOf(' ') + 1).equals(sim.apiKeyValue())) {
            // The public code's key check is a placeholder; production may check keys as documented.
            respond(exchange, endpoint, body, 401, error("Unauthorized: Invalid API key"));
            return;
        }
        if (genVideo) {
            if (!request.errors.isEmpty()) {
                respond(exchange, endpoint, body, 422, validation(request.errors));
                return;
            }
            TaskRecord task = request.create(sim);
            respond(exchange, endpoint, body, 200, created(task));
        } else {
            statusAsServer(exchange, path.substring(STATUS_PREFIX.length()), body);
        }
    }

    /**
     * What FastAPI's {@code HTTPBearer} says to an {@code Authorization} header it refuses, or {@code null} when
     * it takes it: the scheme is the text before the first space, compared without case.
     */
    static String bearerRefusal(String header) {
        if (header == null) {
            return "Not authenticated";
        }
        int space = header.indexOf(' ');
        String scheme = space < 0 ? header : header.substring(0, space);
        String credentials = space < 0 ? "" : header.substring(space + 1);
        if (scheme.isEmpty() || credentials.isEmpty()) {
            return "Not authenticated";
        }
        return scheme.equalsIgnoreCase("bearer") ? null : "Invalid authentication credentials";
    }

    private void statusAsServer(HttpExchange exchange, String id, byte[] body) throws IOException {
        String uuid = canonicalUuid(id);
        if (uuid == null) {
            // PostgreSQL refuses the text as a uuid; the app puts the client library's error dict in its message.
            respond(exchange, Endpoint.GET_STATUS, body, 200, error("Server error:{'code': '22P02', 'details': None, "
                    + "'hint': None, 'message': " + JsonText.pythonRepr("invalid input syntax for type uuid: \""
                    + id + "\"") + "}"));
            return;
        }
        TaskRecord task = sim.lookup(uuid);
        if (task == null) {
            // No row: the app indexes the empty result list.
            respond(exchange, Endpoint.GET_STATUS, body, 200, error("Server error:list index out of range"));
            return;
        }
        respondWithStatus(exchange, task, id, body);
    }

    /**
     * The lower-case 8-4-4-4-12 form of a text PostgreSQL reads as a uuid (32 hex digits, any case, a hyphen
     * allowed after any group of four, optionally in braces), or {@code null}.
     */
    static String canonicalUuid(String text) {
        String s = text.length() >= 2 && text.charAt(0) == '{' && text.charAt(text.length() - 1) == '}'
                ? text.substring(1, text.length() - 1) : text;
        StringBuilder hex = new StringBuilder(32);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '-') {
                if (hex.length() == 0 || hex.length() % 4 != 0 || i + 1 == s.length() || s.charAt(i + 1) == '-') {
                    return null;
                }
            } else if (Character.digit(c, 16) >= 0 && c < 0x80 && hex.length() < 32) {
                hex.append(Character.toLowerCase(c));
            } else {
                return null;
            }
        }
        if (hex.length() != 32) {
            return null;
        }
        return hex.substring(0, 8) + '-' + hex.substring(8, 12) + '-' + hex.substring(12, 16) + '-'
                + hex.substring(16, 20) + '-' + hex.substring(20);
    }

    // ---- the documentation ------------------------------------------------------------------------------

    private void handleAsDocumented(HttpExchange exchange, byte[] body) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        boolean genVideo = GEN_VIDEO_PATH.equals(path);
        boolean getStatus = path.startsWith(STATUS_PREFIX) && path.length() > STATUS_PREFIX.length()
                && path.indexOf('/', STATUS_PREFIX.length()) < 0;
        if (!genVideo && !getStatus) {
            respond(exchange, null, body, 404, error("Not Found: " + path));
            return;
        }
        Endpoint endpoint = genVideo ? Endpoint.GEN_VIDEO : Endpoint.GET_STATUS;
        Fault fault = sim.nextFault(endpoint);
        if (fault != null && playFault(exchange, endpoint, body, fault)) {
            return;
        }
        if (!authorized(exchange)) {
            respond(exchange, endpoint, body, 401, error("Unauthorized: Invalid API key"));
            return;
        }
        String method = exchange.getRequestMethod();
        if (genVideo && !"POST".equals(method) || getStatus && !"GET".equals(method)) {
            respond(exchange, endpoint, body, 405, error("Method Not Allowed"));
            return;
        }
        if (genVideo) {
            TaskRecord task;
            try {
                task = createDocumented(body);
            } catch (InvalidRequest e) {
                respond(exchange, Endpoint.GEN_VIDEO, body, 400, error(e.getMessage()));
                return;
            }
            respond(exchange, endpoint, body, 200, created(task));
        } else {
            String id = decodeSegment(path.substring(STATUS_PREFIX.length()));
            TaskRecord task = id == null ? null : sim.lookup(id);
            if (task == null) {
                respond(exchange, Endpoint.GET_STATUS, body, sim.taskNotFoundStatus(),
                        error("Server error: Task not found"));
                return;
            }
            respondWithStatus(exchange, task, task.id.value(), body);
        }
    }

    /** Whether the request carries the key in the form accepted, in this style. */
    private boolean authorized(HttpExchange exchange) {
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        if (real) {
            return bearerRefusal(auth) == null && auth.substring(auth.indexOf(' ') + 1).equals(sim.apiKeyValue());
        }
        return auth != null && auth.equals("Bearer " + sim.apiKeyValue());
    }

    private TaskRecord createDocumented(byte[] body) throws IOException {
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
        return sim.create(question, questionImages, answer, answerImages, quality, notifyUrl, null);
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

    // ---- both --------------------------------------------------------------------------------------------

    /** Plays a fault; returns {@code false} when the normal response should follow (a delay). */
    private boolean playFault(HttpExchange exchange, Endpoint endpoint, byte[] body, Fault fault) throws IOException {
        switch (fault.kind()) {
            case DELAY:
                sleep(fault.duration().toMillis());
                return false;
            case DISCONNECT:
            case CUT_BODY:
                if (endpoint == Endpoint.GEN_VIDEO && authorized(exchange)) {
                    // The service processed the request before the connection broke: the task exists.
                    createQuietly(exchange, body);
                }
                sim.record(exchange, endpoint, body, 0);
                throw ScenextSimulator.disconnect();
            case MALFORMED:
                respond(exchange, endpoint, body, 200, "{\"status\": \"success\", \"data\": {\"task_id\": "
                        .getBytes(StandardCharsets.UTF_8));
                return true;
            default:
                if (fault.duration() != null) {
                    exchange.getResponseHeaders().set("Retry-After", Long.toString(fault.duration().getSeconds()));
                }
                respond(exchange, endpoint, body, fault.statusCode(), fault.statusCode() == 429
                        ? error("Too Many Requests") : error(reason(fault.statusCode())));
                return true;
        }
    }

    private void createQuietly(HttpExchange exchange, byte[] body) throws IOException {
        if (real) {
            ServerRequest request = ServerRequest.parse(exchange, body);
            if (request.decodeError == null && request.errors.isEmpty()) {
                request.create(sim);
            }
            return;
        }
        try {
            createDocumented(body);
        } catch (InvalidRequest e) {
            // nothing was created; the connection drops all the same
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

    private static byte[] created(TaskRecord task) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("task_id", task.id.value());
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("status", "success");
        envelope.put("data", data);
        return JsonText.compact(envelope);
    }

    private void respondWithStatus(HttpExchange exchange, TaskRecord task, String echoedId, byte[] body)
            throws IOException {
        TaskRecord.View v = task.at(sim.clock().instant());
        if (v.state.isTerminal()) {
            sim.webhooks().deliverOnce(task);
        }
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("status", "success");
        envelope.put("data", statusData(task, v, echoedId));
        respond(exchange, Endpoint.GET_STATUS, body, 200, JsonText.compact(envelope));
    }

    /** A status's {@code data}, in this style. */
    private Map<String, Object> statusData(TaskRecord task, TaskRecord.View v, String echoedId) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("task_id", echoedId);
        data.put("status", v.state.name());
        boolean completed = v.state == TaskState.COMPLETED;
        if (!real || v.state != TaskState.FAILED) {
            data.put("progress", frames(task, v.frames));
        }
        if (v.state.isTerminal()) {
            List<Object> consumption = new ArrayList<>();
            if (completed || !real) {
                Map<String, Object> score = new LinkedHashMap<>();
                score.put("type", "score");
                score.put("value", completed ? 2 * v.frames : 0);
                score.put("detail", completed ? "Generate video analysis deduction"
                        : "Generation failed. No points consumed.");
                consumption.add(score);
            }
            data.put("consumption", consumption);
            data.put("result", result(task, v));
        }
        if (completed) {
            data.put("title", title(task));
            if (real) {
                data.put("created_at", UTC_MICROS.format(task.createdAt.truncatedTo(ChronoUnit.MICROS)));
                data.put("finish_at", UTC_MICROS.format(v.endedAt.truncatedTo(ChronoUnit.MICROS)));
            } else {
                data.put("created_at", ISO.format(task.createdAt.atOffset(ZoneOffset.ofHours(8))));
                data.put("finish_at", ISO.format(v.endedAt.atOffset(ZoneOffset.ofHours(8))));
            }
        }
        return data;
    }

    /** A webhook's body: {@code task_id, status, progress, result, timestamp}, as the service builds it. */
    Map<String, Object> webhookData(TaskRecord task, TaskRecord.View v, Instant timestamp) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("task_id", task.id.value());
        data.put("status", v.state.name());
        data.put("progress", frames(task, v.frames));
        data.put("result", result(task, v));
        data.put("timestamp", timestamp.getEpochSecond());
        return data;
    }

    private List<Object> frames(TaskRecord task, int count) {
        List<Object> frames = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            Map<String, Object> frame = new LinkedHashMap<>();
            frame.put("id", real ? (Object) i : "frame" + i);
            frame.put("image", sim.urlFor(task, "/frame_img/" + task.id.value() + "/frame" + i + ".png",
                    task.frameProducedAt(i)));
            frames.add(frame);
        }
        return frames;
    }

    /** {@code result}: the video's signed URL when completed, the reason when failed. */
    private List<Object> result(TaskRecord task, TaskRecord.View v) {
        Map<String, Object> item = new LinkedHashMap<>();
        if (v.state == TaskState.COMPLETED) {
            item.put("type", "video");
            item.put("content", sim.urlFor(task, "/Video/" + task.id.value() + "/" + task.id.value() + ".mp4",
                    v.endedAt));
        } else {
            item.put("type", "text");
            item.put("content", v.failureReason);
            if (real) {
                item.put("score", 0);
                item.put("scoreDetail", v.failureReason);
            }
        }
        return Collections.singletonList(item);
    }

    private String title(TaskRecord task) {
        String q = task.question == null ? "" : task.question;
        if (real) {
            return q; // the question's text until the storyboard names the video
        }
        q = q.trim().isEmpty() ? "Explained from images" : q.trim();
        return q.length() <= 60 ? q : q.substring(0, 57) + "...";
    }

    /** Percent-decodes a path segment or query value as UTF-8; {@code null} when its escapes are malformed. */
    static String decodeSegment(String raw) {
        return decode(raw, false);
    }

    /** Percent-decodes as Python's {@code unquote} does: a malformed escape stays as it is, bad UTF-8 becomes U+FFFD. */
    static String decodeLeniently(String raw) {
        return decode(raw, true);
    }

    private static String decode(String raw, boolean lenient) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            int hi = c == '%' && i + 2 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
            int lo = hi >= 0 ? Character.digit(raw.charAt(i + 2), 16) : -1;
            if (c == '%' && lo >= 0) {
                out.write(hi * 16 + lo);
                i += 2;
            } else if (c == '%' && !lenient) {
                return null;
            } else {
                byte[] bytes = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(bytes, 0, bytes.length);
            }
        }
        return new String(out.toByteArray(), StandardCharsets.UTF_8);
    }

    private void respond(HttpExchange exchange, Endpoint endpoint, byte[] requestBody, int status, byte[] json)
            throws IOException {
        sim.record(exchange, endpoint == null ? Endpoint.GET_STATUS : endpoint, requestBody, status);
        ScenextSimulator.send(exchange, status, JSON, json);
    }

    static byte[] error(String message) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("messages", message);
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("status", "error");
        envelope.put("data", data);
        return JsonText.compact(envelope);
    }

    /** The framework's own error body. */
    private static byte[] detail(String text) {
        return JsonText.compact(Collections.singletonMap("detail", text));
    }

    private static byte[] validation(List<Map<String, Object>> errors) {
        return JsonText.compact(Collections.singletonMap("detail", errors));
    }

    /** A {@code gen_video} body the service rejects; its message goes into the error envelope. */
    private static final class InvalidRequest extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InvalidRequest(String message) {
            super(message);
        }
    }

    /**
     * A {@code gen_video} body read as the server's FastAPI model reads it (pydantic 1): every field optional,
     * strings coerced from numbers and booleans, unknown fields ignored, and no check of what the values mean.
     */
    private static final class ServerRequest {
        Map<String, Object> decodeError;
        final List<Map<String, Object>> errors = new ArrayList<>();
        String question;
        String answer;
        List<String> questionImages = Collections.emptyList();
        List<String> answerImages = Collections.emptyList();
        String quality;
        String notifyUrl;

        static ServerRequest parse(HttpExchange exchange, byte[] body) throws IOException {
            ServerRequest r = new ServerRequest();
            if (body.length == 0) {
                r.errors.add(item(Collections.singletonList("body"), "field required", "value_error.missing"));
                return r;
            }
            String type = exchange.getRequestHeaders().getFirst("Content-Type");
            if (type != null && !type.toLowerCase(Locale.ROOT).matches("\\s*application/([^;]*\\+)?json\\s*(;.*)?")) {
                r.errors.add(item(Collections.singletonList("body"), "value is not a valid dict", "type_error.dict"));
                return r;
            }
            try (JsonParser p = ApiJson.factory().createParser(body)) {
                JsonToken first = p.nextToken();
                if (first == null) {
                    throw new JsonParseException(p, "Expecting value");
                }
                if (first != JsonToken.START_OBJECT) {
                    p.skipChildren();
                    r.endOfDocument(p);
                    r.errors.add(item(Collections.singletonList("body"), "value is not a valid dict", "type_error.dict"));
                    return r;
                }
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonToken t = p.nextToken();
                    switch (name) {
                        case "question":
                            r.question = r.string(p, t, name);
                            break;
                        case "answer":
                            r.answer = r.string(p, t, name);
                            break;
                        case "quality":
                            r.quality = r.string(p, t, name);
                            break;
                        case "notify_url":
                            r.notifyUrl = r.string(p, t, name);
                            break;
                        case "questionImages":
                            r.questionImages = r.strings(p, t, name);
                            break;
                        case "answerImages":
                            r.answerImages = r.strings(p, t, name);
                            break;
                        default:
                            p.skipChildren();
                    }
                }
                r.endOfDocument(p);
            } catch (JsonProcessingException e) {
                JsonLocation at = e.getLocation();
                long pos = at == null ? 0 : Math.max(0, at.getCharOffset() >= 0 ? at.getCharOffset() : at.getByteOffset());
                int line = at == null ? 1 : Math.max(1, at.getLineNr());
                int column = at == null ? 1 : Math.max(1, at.getColumnNr());
                r.decodeError = item(Arrays.asList("body", pos), "Expecting value: line " + line + " column " + column
                        + " (char " + pos + ")", "value_error.jsondecode");
            }
            return r;
        }

        /** Python's decoder refuses anything after the value ("Extra data"). */
        private void endOfDocument(JsonParser p) throws IOException {
            if (p.nextToken() != null) {
                throw new JsonParseException(p, "Extra data");
            }
        }

        private String string(JsonParser p, JsonToken t, String field) throws IOException {
            return string(p, t, Arrays.asList("body", field));
        }

        private String string(JsonParser p, JsonToken t, List<Object> loc) throws IOException {
            switch (t) {
                case VALUE_NULL:
                    return null;
                case VALUE_STRING:
                case VALUE_NUMBER_INT:
                case VALUE_NUMBER_FLOAT:
                    return p.getText();
                case VALUE_TRUE:
                    return "True";
                case VALUE_FALSE:
                    return "False";
                default:
                    p.skipChildren();
                    errors.add(item(loc, "str type expected", "type_error.str"));
                    return null;
            }
        }

        private List<String> strings(JsonParser p, JsonToken t, String field) throws IOException {
            if (t == JsonToken.VALUE_NULL) {
                return Collections.emptyList();
            }
            if (t != JsonToken.START_ARRAY) {
                p.skipChildren();
                errors.add(item(Arrays.asList("body", field), "value is not a valid list", "type_error.list"));
                return Collections.emptyList();
            }
            List<String> out = new ArrayList<>();
            int index = 0;
            for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken(), index++) {
                List<Object> loc = Arrays.asList("body", field, index);
                if (e == JsonToken.VALUE_NULL) {
                    errors.add(item(loc, "none is not an allowed value", "type_error.none.not_allowed"));
                } else {
                    String s = string(p, e, loc);
                    if (s != null) {
                        out.add(s);
                    }
                }
            }
            return out;
        }

        private static Map<String, Object> item(List<?> loc, String msg, String type) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("loc", new ArrayList<Object>(loc));
            m.put("msg", msg);
            m.put("type", type);
            return m;
        }

        /** Creates the task as the server does: whatever the values, a task with nothing to explain fails later. */
        TaskRecord create(ScenextSimulator sim) {
            Quality q = Quality.MEDIUM;
            for (Quality each : Quality.values()) {
                if (each.code().equals(quality)) {
                    q = each;
                }
            }
            URI notify = null;
            if (notifyUrl != null && !notifyUrl.isEmpty()) {
                try {
                    URI uri = new URI(notifyUrl);
                    notify = uri.isAbsolute() && uri.getHost() != null ? uri : null;
                } catch (URISyntaxException e) {
                    notify = null; // the server's POST to it would fail: no webhook
                }
            }
            boolean nothingAsked = (question == null || question.trim().isEmpty()) && questionImages.isEmpty();
            return sim.create(question, questionImages, answer, answerImages, q, notify,
                    nothingAsked ? WORKER_FAILURE : null);
        }
    }
}
