package cn.scenext.core.internal.json;

import cn.scenext.api.Consumption;
import cn.scenext.api.Frame;
import cn.scenext.api.ResultItem;
import cn.scenext.api.TaskId;
import cn.scenext.api.TaskStatus;
import cn.scenext.api.internal.StatusFields;
import cn.scenext.api.internal.StatusRawJson;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code data} object of an envelope, read in one streaming pass: a task status (its id, state, frames,
 * consumption, result, title and times) or an error's {@code messages}. The rules for each field's shape are
 * {@link StatusFields}', shared with the webhook capture and the Retrofit service; the tolerance (unknown
 * fields, {@code null}s, fields of another shape ignored and logged at DEBUG) is {@link ApiJson}'s.
 */
public final class StatusData {
    private static final Logger LOG = LoggerFactory.getLogger(StatusData.class);

    String taskId;
    private String status;
    private TaskStatus.Builder statusBuilder;
    private String title;
    private OffsetDateTime createdAt;
    private OffsetDateTime finishAt;
    String messages;
    private byte[] rawBody;
    private int rawStart;
    private int rawEnd;

    private StatusData() {
    }

    /** Keeps where the data object lies in the body, for its exact text. */
    void keepRaw(byte[] body, long start, long end) {
        if (start >= 0 && end > start && end <= body.length) {
            rawBody = body;
            rawStart = (int) start;
            rawEnd = (int) end;
        }
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
     * @param requested the id that was asked for, used when the response omits {@code task_id}
     * @return the status
     * @throws MalformedJsonException when {@code status} is missing
     */
    public TaskStatus toTaskStatus(TaskId requested) {
        if (status == null) {
            throw new MalformedJsonException("data.status is missing");
        }
        TaskStatus.Builder b = status();
        TaskId id = StatusFields.isTaskId(taskId) ? TaskId.of(taskId) : requested;
        if (id == null) {
            throw new MalformedJsonException("data.task_id is missing");
        }
        b.taskId(id).rawStatus(status).title(title).createdAt(createdAt).finishAt(finishAt);
        if (rawBody != null) {
            StatusRawJson.set(b, rawBody, rawStart, rawEnd); // decoded only if asked for
        }
        return b.build();
    }

    /** Reads the fields of a {@code data} object, its start token already read. */
    static StatusData read(JsonParser p) throws IOException {
        StatusData d = new StatusData();
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

    private static void readFrames(JsonParser p, JsonToken t, StatusData d) throws IOException {
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
            Frame frame = StatusFields.frame(id, image, index);
            if (frame != null) {
                d.status().addFrame(frame);
            }
        }
    }

    private static void readConsumptions(JsonParser p, JsonToken t, StatusData d) throws IOException {
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
            Consumption consumption = StatusFields.consumption(type, value, detail);
            if (consumption != null) {
                d.status().addConsumption(consumption);
            }
        }
    }

    private static void readResults(JsonParser p, JsonToken t, StatusData d) throws IOException {
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
                    continue;
                }
                ResultItem item = StatusFields.resultOfField(name, text);
                if (item != null) {
                    d.status().addResult(item);
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
            ResultItem item = StatusFields.result(type, content);
            if (item != null) {
                d.status().addResult(item);
            }
        }
    }

    /** Skips a field of an unexpected shape, saying so at DEBUG. */
    private static void ignored(String field, JsonToken t, JsonParser p) throws IOException {
        p.skipChildren();
        if (LOG.isDebugEnabled()) {
            LOG.debug("Ignored {} of an unexpected shape ({}) in a Scenext response", field, t);
        }
    }

    /** A scalar as text (strings as-is, numbers and booleans printed); {@code null} for null and containers. */
    static String textual(JsonParser p, JsonToken t) throws IOException {
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

    static String stringOrNull(JsonParser p, JsonToken t, String field) throws IOException {
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.VALUE_STRING) {
            throw new MalformedJsonException(field + " is not a string");
        }
        return p.getText();
    }

    /**
     * A number, or a string holding one, within the bounds of {@link ApiJson#MAX_NUMBER_CHARS} and
     * {@link ApiJson#MAX_SCALE}; {@code null} (logged at DEBUG) for anything else.
     */
    private static BigDecimal decimal(JsonParser p, JsonToken t) throws IOException {
        if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT && t != JsonToken.VALUE_STRING) {
            textual(p, t);
            return null;
        }
        if (p.getTextLength() > ApiJson.MAX_NUMBER_CHARS) {
            LOG.debug("Ignored a consumption value of {} characters in a Scenext response", p.getTextLength());
            return null;
        }
        BigDecimal value = StatusFields.decimal(p.getText());
        if (value == null) {
            return null;
        }
        if (Math.abs((long) value.scale()) > ApiJson.MAX_SCALE) {
            LOG.debug("Ignored a consumption value with exponent {} in a Scenext response", -(long) value.scale());
            return null;
        }
        return value;
    }
}
