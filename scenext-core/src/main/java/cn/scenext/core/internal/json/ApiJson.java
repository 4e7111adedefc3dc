package cn.scenext.core.internal.json;

import cn.scenext.api.Consumption;
import cn.scenext.api.Frame;
import cn.scenext.api.GenerateVideoRequest;
import cn.scenext.api.Image;
import cn.scenext.api.ResultItem;
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
import java.util.List;

/**
 * The JSON of the Scenext API, in one place: the {@code gen_video} body out, the envelope and its data in.
 * Reads with Jackson's streaming parser straight into the models (no tree, no reflection). Tolerant, as the
 * real service needs: unknown fields anywhere, missing optional arrays, {@code null}s, frame ids as strings or
 * numbers, {@code result} as an array or an object, and {@code progress}, {@code consumption} or
 * {@code result} of any other shape (ignored, logged at DEBUG), as long as {@code task_id} and {@code status}
 * can be read. Numbers are bounded: a {@code consumption} value longer than {@value #MAX_NUMBER_CHARS}
 * characters or with an exponent beyond &plusmn;{@value #MAX_SCALE} is ignored (a number of any length
 * elsewhere is skipped without being converted), so no response costs more than a pass over its bytes.
 * Thread-safe.
 */
public final class ApiJson {
    /** The longest number text, in characters, read as a {@code consumption} value. */
    public static final int MAX_NUMBER_CHARS = 64;
    /** The largest exponent (scale), either way, of a {@code consumption} value that is read. */
    public static final int MAX_SCALE = 64;

    /**
     * The one factory of the SDK: thread-safe, and costly enough to share. Numbers of any length are tokenized
     * (a linear pass; the response's size is capped before parsing) so that one in a field the SDK skips cannot
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
     * @param body the response's body
     * @return what the envelope holds
     * @throws MalformedJsonException when the body is not a JSON object, or a field has the wrong type
     */
    public static Envelope readEnvelope(byte[] body) {
        try (JsonParser p = FACTORY.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new MalformedJsonException("the response is not a JSON object");
            }
            Envelope envelope = new Envelope();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                if ("status".equals(name)) {
                    envelope.status = StatusData.stringOrNull(p, t, "status");
                } else if ("data".equals(name)) {
                    if (t == JsonToken.START_OBJECT) {
                        long start = p.currentTokenLocation().getByteOffset();
                        envelope.data = StatusData.read(p);
                        long end = p.currentTokenLocation().getByteOffset() + 1;
                        envelope.data.keepRaw(body, start, end);
                    } else if (t == JsonToken.VALUE_STRING) {
                        envelope.dataText = p.getText();
                    } else if (t != JsonToken.VALUE_NULL) {
                        p.skipChildren();
                    }
                } else if ("message".equals(name) || "messages".equals(name) || "msg".equals(name)) {
                    String m = StatusData.textual(p, t);
                    if (m != null && envelope.topLevelMessage == null) {
                        envelope.topLevelMessage = m;
                    }
                } else {
                    p.skipChildren();
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT) {
                throw new MalformedJsonException("the response's JSON ends early");
            }
            if (p.nextToken() != null) {
                throw new MalformedJsonException("the response has data after its JSON object");
            }
            return envelope;
        } catch (MalformedJsonException e) {
            throw e;
        } catch (IOException e) {
            throw new MalformedJsonException("the response is not valid JSON: " + firstLine(e.getMessage()), e);
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** What an envelope held. */
    public static final class Envelope {
        String status;
        StatusData data;
        String dataText;
        String topLevelMessage;

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
        public StatusData data() {
            return data;
        }
    }
}
