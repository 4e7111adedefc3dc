package cn.scenext.core.internal.webhook;

import cn.scenext.core.internal.canonical.Capture;
import cn.scenext.core.webhook.WebhookEvent;
import cn.scenext.api.Consumption;
import cn.scenext.api.Frame;
import cn.scenext.api.ResultItem;
import cn.scenext.api.TaskId;
import cn.scenext.api.TaskStatus;
import cn.scenext.api.internal.StatusFields;
import cn.scenext.core.internal.json.MalformedJsonException;
import com.fasterxml.jackson.core.JsonToken;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the fields of a webhook event while the canonical writer streams through the body: {@code task_id},
 * {@code status}, {@code timestamp}, {@code progress}, {@code result} (array or object), {@code consumption}
 * and {@code title}. A repeated key ends with its last value, as in the signed form. Nothing read here is used
 * before the signature is verified. Reusable after {@link #root()} starts a new body; not thread-safe.
 */
public final class EventCapture extends Capture {
    /** The largest epoch second an {@link Instant} holds. */
    private static final long MAX_SECOND = Instant.MAX.getEpochSecond();
    private static final long MIN_SECOND = Instant.MIN.getEpochSecond();

    private final Capture root = new Capture() {
        @Override
        public Capture enter(String key, boolean object) {
            isObject = object;
            return object ? EventCapture.this : null;
        }
    };
    private final ArrayCapture framesCapture = new ArrayCapture(new FrameCapture());
    private final ArrayCapture resultsCapture = new ArrayCapture(new ResultCapture());
    private final ResultObjectCapture resultObjectCapture = new ResultObjectCapture();
    private final ArrayCapture consumptionsCapture = new ArrayCapture(new ConsumptionCapture());

    private boolean isObject;
    private String taskId;
    private String status;
    private JsonToken timestampToken;
    private String timestampText;
    private String title;
    private final List<Frame> frames = new ArrayList<>();
    private final List<ResultItem> results = new ArrayList<>();
    private final List<Consumption> consumptions = new ArrayList<>();

    /** Starts reading a new body: the capture to hand to the writer for the top-level value. */
    public Capture root() {
        isObject = false;
        taskId = null;
        status = null;
        timestampToken = null;
        timestampText = null;
        title = null;
        frames.clear();
        results.clear();
        consumptions.clear();
        return root;
    }

    /** Whether the body's top-level value was an object. */
    public boolean isObject() {
        return isObject;
    }

    @Override
    public boolean wantsText(String key) {
        return "task_id".equals(key) || "status".equals(key) || "timestamp".equals(key) || "title".equals(key);
    }

    @Override
    public void scalar(String key, JsonToken token, String text) {
        clear(key);
        switch (key) {
            case "task_id":
                taskId = token == JsonToken.VALUE_STRING || token == JsonToken.VALUE_NUMBER_INT ? text : null;
                break;
            case "status":
                status = token == JsonToken.VALUE_STRING ? text : null;
                break;
            case "timestamp":
                timestampToken = token;
                timestampText = text;
                break;
            case "title":
                title = token == JsonToken.VALUE_STRING ? text : null;
                break;
            default:
                break;
        }
    }

    @Override
    public Capture enter(String key, boolean object) {
        clear(key);
        switch (key) {
            case "progress":
                return object ? null : framesCapture.start();
            case "result":
                return object ? resultObjectCapture.start() : resultsCapture.start();
            case "consumption":
                return object ? null : consumptionsCapture.start();
            default:
                return null;
        }
    }

    /** Forgets an earlier value of {@code key}: the last one in the document counts. */
    private void clear(String key) {
        switch (key) {
            case "task_id":
                taskId = null;
                break;
            case "status":
                status = null;
                break;
            case "timestamp":
                timestampToken = null;
                timestampText = null;
                break;
            case "title":
                title = null;
                break;
            case "progress":
                frames.clear();
                break;
            case "result":
                results.clear();
                break;
            case "consumption":
                consumptions.clear();
                break;
            default:
                break;
        }
    }

    /**
     * The event the body described.
     *
     * @throws MalformedJsonException when a required field is missing or has the wrong type
     */
    public WebhookEvent toEvent() {
        if (!isObject) {
            throw new MalformedJsonException("the body is not a JSON object");
        }
        if (!StatusFields.isTaskId(taskId)) {
            throw new MalformedJsonException("the event has no task_id string");
        }
        if (status == null) {
            throw new MalformedJsonException("the event has no status string");
        }
        TaskStatus taskStatus = TaskStatus.builder()
                .taskId(TaskId.of(taskId))
                .rawStatus(status)
                .frames(frames)
                .results(results)
                .consumptions(consumptions)
                .title(title)
                .build();
        return WebhookEvent.of(taskStatus, timestamp());
    }

    /**
     * The {@code timestamp} as an instant; one too far out for {@link Instant} becomes {@link Instant#MIN} or
     * {@link Instant#MAX}.
     */
    private Instant timestamp() {
        if (timestampToken == JsonToken.VALUE_NUMBER_INT) {
            boolean negative = timestampText.charAt(0) == '-';
            if (timestampText.length() - (negative ? 1 : 0) > 18) {
                return negative ? Instant.MIN : Instant.MAX;
            }
            long seconds = Long.parseLong(timestampText);
            if (seconds > MAX_SECOND || seconds < MIN_SECOND) {
                return negative ? Instant.MIN : Instant.MAX;
            }
            return Instant.ofEpochSecond(seconds);
        }
        if (timestampToken == JsonToken.VALUE_NUMBER_FLOAT) {
            double value = Double.parseDouble(timestampText); // what Python's float holds
            if (Double.isNaN(value)) {
                throw new MalformedJsonException("the event's timestamp is NaN");
            }
            if (value >= MAX_SECOND || value <= MIN_SECOND) {
                return value > 0 ? Instant.MAX : Instant.MIN;
            }
            double floor = Math.floor(value);
            long nanos = Math.round((value - floor) * 1e9);
            return Instant.ofEpochSecond((long) floor, nanos);
        }
        throw new MalformedJsonException("the event has no numeric timestamp");
    }

    private static String scalarText(JsonToken token, String text) {
        return token == JsonToken.VALUE_NULL ? null : text;
    }

    /** The capture of one object inside an array; {@link #start()} readies it for the next element. */
    private abstract static class ElementCapture extends Capture {
        abstract Capture start();
    }

    /** An array whose object elements go to one {@link ElementCapture}; counts elements for default frame ids. */
    private static final class ArrayCapture extends Capture {
        private final ElementCapture element;
        private int index;

        ArrayCapture(ElementCapture element) {
            this.element = element;
        }

        ArrayCapture start() {
            index = 0;
            return this;
        }

        @Override
        public Capture enter(String key, boolean object) {
            index++;
            return object ? element.start() : null;
        }

        @Override
        public void scalar(String key, JsonToken token, String text) {
            index++;
        }
    }

    /** An object whose named fields are kept as text, the last value of each; the rest is ignored. */
    private abstract static class FieldsCapture extends ElementCapture {
        private final String[] names;
        final String[] texts;
        final JsonToken[] tokens;

        FieldsCapture(String... names) {
            this.names = names;
            this.texts = new String[names.length];
            this.tokens = new JsonToken[names.length];
        }

        @Override
        Capture start() {
            Arrays.fill(texts, null);
            Arrays.fill(tokens, null);
            return this;
        }

        @Override
        public Capture enter(String key, boolean object) {
            scalar(key, JsonToken.START_OBJECT, null);
            return null;
        }

        @Override
        public boolean wantsText(String key) {
            return indexOf(key) >= 0;
        }

        @Override
        public void scalar(String key, JsonToken token, String text) {
            int i = indexOf(key);
            if (i >= 0) {
                texts[i] = scalarText(token, text);
                tokens[i] = token;
            }
        }

        private int indexOf(String key) {
            for (int i = 0; i < names.length; i++) {
                if (names[i].equals(key)) {
                    return i;
                }
            }
            return -1;
        }
    }

    /** A frame {@code {id, image}}; one without an image is skipped, one without an id is numbered. */
    private final class FrameCapture extends FieldsCapture {
        FrameCapture() {
            super("id", "image");
        }

        @Override
        public void exit() {
            Frame frame = StatusFields.frame(texts[0], texts[1], framesCapture.index);
            if (frame != null) {
                frames.add(frame);
            }
        }
    }

    /** A result entry {@code {type, content}}. */
    private final class ResultCapture extends FieldsCapture {
        ResultCapture() {
            super("type", "content");
        }

        @Override
        public void exit() {
            ResultItem item = StatusFields.result(texts[0], texts[1]);
            if (item != null) {
                results.add(item);
            }
        }
    }

    /** {@code result} as the documentation's prose shows it: {@code {"video_url": ..., "error": ...}}. */
    private final class ResultObjectCapture extends Capture {
        /** Keys in first-seen order with their last value, as a Python dict holds them. */
        private final Map<String, String> fields = new LinkedHashMap<>();

        ResultObjectCapture start() {
            fields.clear();
            return this;
        }

        @Override
        public Capture enter(String key, boolean object) {
            fields.put(key, null);
            return null;
        }

        @Override
        public boolean wantsText(String key) {
            return true;
        }

        @Override
        public void scalar(String key, JsonToken token, String text) {
            fields.put(key, scalarText(token, text));
        }

        @Override
        public void exit() {
            for (Map.Entry<String, String> field : fields.entrySet()) {
                ResultItem item = StatusFields.resultOfField(field.getKey(), field.getValue());
                if (item != null) {
                    results.add(item);
                }
            }
        }
    }

    /** A consumption entry {@code {type, value, detail}}; the value a number or a numeric string. */
    private final class ConsumptionCapture extends FieldsCapture {
        ConsumptionCapture() {
            super("type", "value", "detail");
        }

        @Override
        public void exit() {
            JsonToken token = tokens[1];
            boolean numeric = token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT
                    || token == JsonToken.VALUE_STRING;
            Consumption consumption = StatusFields.consumption(texts[0],
                    numeric ? StatusFields.decimal(texts[1]) : null, texts[2]);
            if (consumption != null) {
                consumptions.add(consumption);
            }
        }
    }
}
