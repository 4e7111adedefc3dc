package cn.scenext.core.internal.json;

import cn.scenext.api.Consumption;
import cn.scenext.api.Frame;
import cn.scenext.api.GenerateVideoRequest;
import cn.scenext.api.Image;
import cn.scenext.api.ResultItem;
import cn.scenext.api.TaskId;
import cn.scenext.api.TaskStatus;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JSON of the Scenext API, in one place: the {@code gen_video} body out, the envelope and its data in.
 * Reads with Jackson's streaming parser straight into the models (no tree, no reflection). Tolerant, as the
 * real service needs: unknown fields anywhere, missing optional arrays, {@code null}s, frame ids as strings or
 * numbers, {@code result} as an array or an object, and {@code progress}, {@code consumption} or
 * {@code result} of any other shape (ignored, logged at DEBUG), as long as {@code task_id} and {@code status}
 * can be read. Numbers are bounded: a {@code consumption} value longer than {@value #MAX_NUMBER_CHARS}
 * characters or with an exponent beyond &plusmn;{@value #MAX_SCALE} is ignored (a number of any length
 * elsewhere is skipped without being converted), so no answer costs more than a pass over its bytes.
 * Thread-safe.
 */
public final class ApiJson {
    private static final Logger LOG = LoggerFactory.getLogger(ApiJson.class);
    /** The longest number text, in characters, read as a {@code consumption} value. */
    public static final int MAX_NUMBER_CHARS = 64;
    /** The largest exponent (scale), either way, of a {@code consumption} value that is read. */
    public static final int MAX_SCALE = 64;

    /**
     * The one factory of the SDK: thread-safe, and costly enough to share. Numbers of any length are tokenized
     * (a linear pass; the answer's size is capped before parsing) so that one in a field the SDK skips cannot
     * make a status unreadable; those the SDK reads are bounded where they are read.
     */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(200)
                    .maxNumberLength(Integer.MAX_VALUE).build())
            .build();

    private ApiJson() {
    }

    /**
     * The shared Jackson factory, configured for the SDK's limits.
     *
     * @return the factory
     */
    public static JsonFactory factory() {
        return FACTORY;
    }

    /**
     * The body of {@code POST /api/gen_video}: only the fields that are set, quality always.
     *
     * @param request a valid request
     * @return UTF-8 JSON
     */
    public static byte[] writeGenerateVideoRequest(GenerateVideoRequest request) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            if (request.question().isPresent()) {
                g.writeStringField("question", request.question().get());
            }
            writeImages(g, "questionImages", request.questionImages());
            if (request.answer().isPresent()) {
                g.writeStringField("answer", request.answer().get());
            }
            writeImages(g, "answerImages", request.answerImages());
            g.writeStringField("quality", request.quality().code());
            if (request.notifyUrl().isPresent()) {
                g.writeStringField("notify_url", request.notifyUrl().get().toString());
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // writing to memory does not fail
        }
        return out.toByteArray();
    }

    private static void writeImages(JsonGenerator g, String field, List<Image> images) throws IOException {
        if (images.isEmpty()) {
            return;
        }
        g.writeArrayFieldStart(field);
        for (Image image : images) {
            g.writeString(image.value());
        }
        g.writeEndArray();
    }

    /**
     * A task status as the API writes it in {@code data}: {@code task_id, status, progress, consumption,
     * result, title, created_at, finish_at}, leaving out what is absent. For tools that print or store
     * statuses in the service's own shape.
     *
     * @param status the status
     * @return UTF-8 JSON of one object
     */
    public static byte[] writeTaskStatus(TaskStatus status) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeStringField("task_id", status.taskId().value());
            g.writeStringField("status", status.rawStatus());
            if (!status.frames().isEmpty()) {
                g.writeArrayFieldStart("progress");
                for (Frame f : status.frames()) {
                    g.writeStartObject();
                    g.writeStringField("id", f.id());
                    g.writeStringField("image", f.imageUrl());
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            if (!status.consumptions().isEmpty()) {
                g.writeArrayFieldStart("consumption");
                for (Consumption c : status.consumptions()) {
                    g.writeStartObject();
                    g.writeStringField("type", c.type());
                    g.writeNumberField("value", c.value());
                    if (c.detail().isPresent()) {
                        g.writeStringField("detail", c.detail().get());
                    }
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            if (!status.results().isEmpty()) {
                g.writeArrayFieldStart("result");
                for (ResultItem r : status.results()) {
                    g.writeStartObject();
                    g.writeStringField("type", r.type());
                    g.writeStringField("content", r.content());
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            if (status.title().isPresent()) {
                g.writeStringField("title", status.title().get());
            }
            if (status.createdAt().isPresent()) {
                g.writeStringField("created_at", status.createdAt().get().toString());
            }
            if (status.finishAt().isPresent()) {
                g.writeStringField("finish_at", status.finishAt().get().toString());
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // writing to memory does not fail
        }
        return out.toByteArray();
    }

    /**
     * Reads an envelope {@code {"status": ..., "data": {...}}} in one pass.
     *
     * @param body the answer's body
     * @return what the envelope holds
     * @throws MalformedJsonException when the body is not a JSON object, or a field has the wrong type
     */
    public static Envelope readEnvelope(byte[] body) {
        try (JsonParser p = FACTORY.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new MalformedJsonException("the answer is not a JSON object");
            }
            Envelope envelope = new Envelope();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                if ("status".equals(name)) {
                    envelope.status = stringOrNull(p, t, "status");
                } else if ("data".equals(name)) {
                    if (t == JsonToken.START_OBJECT) {
                        long start = p.currentTokenLocation().getByteOffset();
                        envelope.data = readData(p);
                        long end = p.currentTokenLocation().getByteOffset() + 1;
                        envelope.data.keepRaw(body, start, end);
                    } else if (t == JsonToken.VALUE_STRING) {
                        envelope.dataText = p.getText();
                    } else if (t != JsonToken.VALUE_NULL) {
                        p.skipChildren();
                    }
                } else if ("message".equals(name) || "messages".equals(name) || "msg".equals(name)) {
                    String m = textual(p, t);
                    if (m != null && envelope.topLevelMessage == null) {
                        envelope.topLevelMessage = m;
                    }
                } else {
                    p.skipChildren();
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT) {
                throw new MalformedJsonException("the answer's JSON ends early");
            }
            if (p.nextToken() != null) {
                throw new MalformedJsonException("the answer has data after its JSON object");
            }
            return envelope;
        } catch (MalformedJsonException e) {
            throw e;
        } catch (IOException e) {
            throw new MalformedJsonException("the answer is not valid JSON: " + firstLine(e.getMessage()), e);
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static Data readData(JsonParser p) throws IOException {
        Data d = new Data();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            switch (name) {
                case "task_id":
                    d.taskId = textual(p, t);
                    if (d.taskId == null && t != JsonToken.VALUE_NULL) {
                        throw new MalformedJsonException("data.task_id is not a string");
                    }
                    break;
                case "status":
                    d.status = stringOrNull(p, t, "data.status");
                    break;
                case "progress":
                    readFrames(p, t, d);
                    break;
                case "consumption":
                    readConsumptions(p, t, d);
                    break;
                case "result":
                    readResults(p, t, d);
                    break;
                case "title":
                    d.title = textual(p, t);
                    break;
                case "created_at":
                    d.createdAt = DateTimes.parse(textual(p, t));
                    break;
                case "finish_at":
                    d.finishAt = DateTimes.parse(textual(p, t));
                    break;
                case "messages":
                case "message":
                    if (d.messages == null) {
                        d.messages = textual(p, t);
                    }
                    if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                        p.skipChildren();
                    }
                    break;
                default:
                    p.skipChildren();
            }
        }
        return d;
    }

    private static void readFrames(JsonParser p, JsonToken t, Data d) throws IOException {
        if (t == JsonToken.VALUE_NULL) {
            return;
        }
        if (t != JsonToken.START_ARRAY) {
            ignored("data.progress", t, p);
            return;
        }
        int index = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            index++;
            if (p.currentToken() != JsonToken.START_OBJECT) {
                p.skipChildren();
                continue;
            }
            String id = null;
            String image = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                if ("id".equals(name)) {
                    id = textual(p, v);
                } else if ("image".equals(name)) {
                    image = textual(p, v);
                } else {
                    p.skipChildren();
                }
            }
            if (image != null) {
                d.status().addFrame(Frame.of(id != null ? id : "frame" + index, image));
            }
        }
    }

    private static void readConsumptions(JsonParser p, JsonToken t, Data d) throws IOException {
        if (t == JsonToken.VALUE_NULL) {
            return;
        }
        if (t != JsonToken.START_ARRAY) {
            ignored("data.consumption", t, p);
            return;
        }
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (p.currentToken() != JsonToken.START_OBJECT) {
                p.skipChildren();
                continue;
            }
            String type = null;
            BigDecimal value = null;
            String detail = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                if ("type".equals(name)) {
                    type = textual(p, v);
                } else if ("value".equals(name)) {
                    value = decimal(p, v);
                } else if ("detail".equals(name)) {
                    detail = textual(p, v);
                } else {
                    p.skipChildren();
                }
            }
            if (type != null && value != null) {
                d.status().addConsumption(Consumption.of(type, value, detail));
            }
        }
    }

    private static void readResults(JsonParser p, JsonToken t, Data d) throws IOException {
        if (t == JsonToken.VALUE_NULL) {
            return;
        }
        if (t == JsonToken.START_OBJECT) {
            // The documentation's prose shape: {"video_url": "...", "error": "..."}.
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                String text = textual(p, v);
                if (text == null) {
                    p.skipChildren();
                } else if ("video_url".equals(name) || "video".equals(name)) {
                    d.status().addResult(ResultItem.of(ResultItem.VIDEO, text));
                } else if ("error".equals(name) || "text".equals(name) || "message".equals(name)) {
                    d.status().addResult(ResultItem.of(ResultItem.TEXT, text));
                }
            }
            return;
        }
        if (t != JsonToken.START_ARRAY) {
            ignored("data.result", t, p);
            return;
        }
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (p.currentToken() != JsonToken.START_OBJECT) {
                p.skipChildren();
                continue;
            }
            String type = null;
            String content = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                if ("type".equals(name)) {
                    type = textual(p, v);
                } else if ("content".equals(name)) {
                    content = textual(p, v);
                } else {
                    p.skipChildren();
                }
            }
            if (type != null && content != null) {
                d.status().addResult(ResultItem.of(type, content));
            }
        }
    }

    /** Skips a field of an unexpected shape, saying so at DEBUG. */
    private static void ignored(String field, JsonToken t, JsonParser p) throws IOException {
        p.skipChildren();
        if (LOG.isDebugEnabled()) {
            LOG.debug("Ignored {} of an unexpected shape ({}) in a Scenext answer", field, t);
        }
    }

    /** A scalar as text (strings as-is, numbers and booleans printed); {@code null} for null and containers. */
    private static String textual(JsonParser p, JsonToken t) throws IOException {
        if (t == null) {
            return null;
        }
        switch (t) {
            case VALUE_STRING:
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
            case VALUE_TRUE:
            case VALUE_FALSE:
                return p.getText();
            case START_OBJECT:
            case START_ARRAY:
                p.skipChildren();
                return null;
            default:
                return null;
        }
    }

    private static String stringOrNull(JsonParser p, JsonToken t, String field) throws IOException {
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.VALUE_STRING) {
            throw new MalformedJsonException(field + " is not a string");
        }
        return p.getText();
    }

    /**
     * A number, or a string holding one, within the bounds of {@link #MAX_NUMBER_CHARS} and
     * {@link #MAX_SCALE}; {@code null} (logged at DEBUG) for anything else.
     */
    private static BigDecimal decimal(JsonParser p, JsonToken t) throws IOException {
        if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT && t != JsonToken.VALUE_STRING) {
            textual(p, t);
            return null;
        }
        if (p.getTextLength() > MAX_NUMBER_CHARS) {
            LOG.debug("Ignored a consumption value of {} characters in a Scenext answer", p.getTextLength());
            return null;
        }
        BigDecimal value;
        try {
            value = new BigDecimal(p.getText().trim());
        } catch (NumberFormatException e) {
            return null;
        }
        if (Math.abs((long) value.scale()) > MAX_SCALE) {
            LOG.debug("Ignored a consumption value with exponent {} in a Scenext answer", -(long) value.scale());
            return null;
        }
        return value;
    }

    /** What an envelope held. */
    public static final class Envelope {
        private String status;
        private Data data;
        private String dataText;
        private String topLevelMessage;

        private Envelope() {
        }

        /**
         * Whether the envelope says {@code "status": "error"}, or carries an error message and no task.
         *
         * @return {@code true} for an error envelope
         */
        public boolean isError() {
            if (status != null) {
                return !"success".equalsIgnoreCase(status);
            }
            return data == null ? dataText != null || topLevelMessage != null
                    : data.messages != null && data.taskId == null;
        }

        /**
         * The envelope's {@code status}.
         *
         * @return the raw value, or {@code null}
         */
        public String status() {
            return status;
        }

        /**
         * The service's error message: {@code data.messages} (or a close variant of it).
         *
         * @return the message, or {@code null}
         */
        public String errorMessage() {
            if (data != null && data.messages != null) {
                return data.messages;
            }
            return dataText != null ? dataText : topLevelMessage;
        }

        /**
         * The data object.
         *
         * @return the data, or {@code null} when the envelope had no {@code data} object
         */
        public Data data() {
            return data;
        }
    }

    /** The fields of {@code data} the SDK reads. */
    public static final class Data {
        private String taskId;
        private String status;
        private TaskStatus.Builder statusBuilder;
        private String title;
        private OffsetDateTime createdAt;
        private OffsetDateTime finishAt;
        private String messages;
        private byte[] rawBody;
        private int rawStart;
        private int rawEnd;

        private Data() {
        }

        /** Keeps where the data object lies in the body, for its exact text. */
        private void keepRaw(byte[] body, long start, long end) {
            if (start >= 0 && end > start && end <= body.length) {
                rawBody = body;
                rawStart = (int) start;
                rawEnd = (int) end;
            }
        }

        /**
         * The {@code data} object's exact text, as the service sent it.
         *
         * @return the JSON text, or {@code null} when its place in the body is not known
         */
        public String rawJson() {
            return rawBody == null ? null : new String(rawBody, rawStart, rawEnd - rawStart, StandardCharsets.UTF_8);
        }

        private TaskStatus.Builder status() {
            if (statusBuilder == null) {
                statusBuilder = TaskStatus.builder();
            }
            return statusBuilder;
        }

        /**
         * {@code data.task_id}.
         *
         * @return the id, or {@code null}
         */
        public String taskId() {
            return taskId;
        }

        /**
         * The data as a task status.
         *
         * @param requested the id that was asked for, used when the answer omits {@code task_id}
         * @return the status
         * @throws MalformedJsonException when {@code status} is missing
         */
        public TaskStatus toTaskStatus(TaskId requested) {
            if (status == null) {
                throw new MalformedJsonException("data.status is missing");
            }
            TaskStatus.Builder b = status();
            TaskId id = taskId != null && !taskId.trim().isEmpty() ? TaskId.of(taskId) : requested;
            if (id == null) {
                throw new MalformedJsonException("data.task_id is missing");
            }
            return b.taskId(id).rawStatus(status).title(title).createdAt(createdAt).finishAt(finishAt)
                    .rawJson(rawJson()).build();
        }
    }
}
