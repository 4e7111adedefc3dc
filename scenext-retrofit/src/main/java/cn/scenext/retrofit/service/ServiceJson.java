package cn.scenext.retrofit.service;

import cn.scenext.api.Consumption;
import cn.scenext.api.Frame;
import cn.scenext.api.GenerateVideoRequest;
import cn.scenext.api.TaskId;
import cn.scenext.api.TaskStatus;
import cn.scenext.core.internal.json.ApiJson;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;

/**
 * The Jackson set-up of {@link ScenextService}: the request's wire form and the task status are written and read
 * by the SDK's own reader and writer (scenext-core's {@code ApiJson}, so the service tolerates what the client
 * tolerates), and creators for the API's models.
 */
final class ServiceJson {
    private ServiceJson() {
    }

    static ObjectMapper objectMapper() {
        SimpleModule module = new SimpleModule("scenext-service");
        module.addSerializer(GenerateVideoRequest.class, new RequestSerializer());
        module.addDeserializer(TaskStatusData.class, new TaskStatusDataDeserializer());
        module.setMixInAnnotation(Frame.class, FrameCreator.class);
        module.setMixInAnnotation(Consumption.class, ConsumptionCreator.class);
        return new ObjectMapper()
                .registerModule(module)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** Reads a progress frame through {@link Frame#of(String, String)}. */
    abstract static class FrameCreator {
        @JsonCreator
        static Frame of(@JsonProperty("id") String id, @JsonProperty("image") String image) {
            throw new UnsupportedOperationException("mix-in");
        }
    }

    /** Reads a consumption entry through {@link Consumption#of(String, BigDecimal, String)}. */
    abstract static class ConsumptionCreator {
        @JsonCreator
        static Consumption of(@JsonProperty("type") String type, @JsonProperty("value") BigDecimal value,
                @JsonProperty("detail") String detail) {
            throw new UnsupportedOperationException("mix-in");
        }
    }

    /** Writes the body of {@code POST /api/gen_video} as the client does: the fields that are set, and the quality. */
    static final class RequestSerializer extends StdSerializer<GenerateVideoRequest> {
        private static final long serialVersionUID = 1L;

        RequestSerializer() {
            super(GenerateVideoRequest.class);
        }

        @Override
        public void serialize(GenerateVideoRequest r, JsonGenerator g, SerializerProvider provider) throws IOException {
            g.writeRawValue(new String(ApiJson.writeGenerateVideoRequest(r), StandardCharsets.UTF_8));
        }
    }

    /**
     * Reads the {@code data} of a {@code get_status} response with the client's reader: progress, consumption and
     * result entries of an unexpected shape are skipped, as the client skips them, instead of failing the call.
     */
    static final class TaskStatusDataDeserializer extends StdDeserializer<TaskStatusData> {
        private static final long serialVersionUID = 1L;
        /** Stands in for a missing {@code task_id}, which the data then reports as absent. */
        private static final TaskId NO_ID = TaskId.of("unknown");

        TaskStatusDataDeserializer() {
            super(TaskStatusData.class);
        }

        @Override
        public TaskStatusData deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
            JsonNode node = p.readValueAsTree();
            if (node == null || !node.isObject()) {
                return ctx.reportInputMismatch(TaskStatusData.class, "data of a status is not a JSON object");
            }
            String taskId = text(node, "task_id");
            String status = text(node, "status");
            String messages = text(node, "messages");
            if (messages == null) {
                messages = text(node, "message");
            }
            List<Frame> frames = Collections.emptyList();
            List<Consumption> consumption = Collections.emptyList();
            List<cn.scenext.api.ResultItem> results = Collections.emptyList();
            if (status != null) {
                byte[] envelope = ("{\"data\":" + node + "}").getBytes(StandardCharsets.UTF_8);
                TaskStatus read;
                try {
                    read = ApiJson.readEnvelope(envelope).data().toTaskStatus(NO_ID);
                } catch (RuntimeException e) {
                    return ctx.reportInputMismatch(TaskStatusData.class, "unreadable status: %s", e.getMessage());
                }
                frames = read.frames();
                consumption = read.consumptions();
                results = read.results();
            }
            return new TaskStatusData(taskId, status, frames, consumption, results, text(node, "title"),
                    text(node, "created_at"), text(node, "finish_at"), messages);
        }

        private static String text(JsonNode node, String field) {
            JsonNode v = node.get(field);
            return v == null || !v.isValueNode() || v.isNull() ? null : v.asText();
        }
    }
}
