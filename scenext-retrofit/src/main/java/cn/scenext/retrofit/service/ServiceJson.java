package cn.scenext.retrofit.service;

import cn.scenext.api.Consumption;
import cn.scenext.api.Frame;
import cn.scenext.api.GenerateVideoRequest;
import cn.scenext.api.Image;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;

/** The Jackson set-up of {@link ScenextService}: the request's wire form, and creators for the API's models. */
final class ServiceJson {
    private ServiceJson() {
    }

    static ObjectMapper objectMapper() {
        SimpleModule module = new SimpleModule("scenext-service");
        module.addSerializer(GenerateVideoRequest.class, new RequestSerializer());
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

    /** Writes the body of {@code POST /api/gen_video}: the fields that are set, and the quality. */
    static final class RequestSerializer extends StdSerializer<GenerateVideoRequest> {
        private static final long serialVersionUID = 1L;

        RequestSerializer() {
            super(GenerateVideoRequest.class);
        }

        @Override
        public void serialize(GenerateVideoRequest r, JsonGenerator g, SerializerProvider provider) throws IOException {
            g.writeStartObject();
            if (r.question().isPresent()) {
                g.writeStringField("question", r.question().get());
            }
            images(g, "questionImages", r.questionImages());
            if (r.answer().isPresent()) {
                g.writeStringField("answer", r.answer().get());
            }
            images(g, "answerImages", r.answerImages());
            g.writeStringField("quality", r.quality().code());
            if (r.notifyUrl().isPresent()) {
                g.writeStringField("notify_url", r.notifyUrl().get().toString());
            }
            g.writeEndObject();
        }

        private static void images(JsonGenerator g, String field, List<Image> images) throws IOException {
            if (!images.isEmpty()) {
                g.writeArrayFieldStart(field);
                for (Image image : images) {
                    g.writeString(image.value());
                }
                g.writeEndArray();
            }
        }
    }
}
