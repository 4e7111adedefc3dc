package cn.scenext.core.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

public class FrameworkErrorTest {
    private static FrameworkError parse(String json) {
        return FrameworkError.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsAStringDetail() {
        FrameworkError e = parse("{\"detail\":\"Not authenticated\"}");

        assertThat(e.detail()).isEqualTo("Not authenticated");
        assertThat(e.problems()).isEmpty();
        assertThat(e.describe()).isEqualTo("Not authenticated");
    }

    @Test
    void readsBothValidatorFormsSkippingTheLeadingBody() {
        FrameworkError v1 = parse("{\"detail\":[{\"loc\":[\"body\",\"question\"],\"msg\":\"str type expected\","
                + "\"type\":\"type_error.str\"}]}");
        FrameworkError v2 = parse("{\"detail\":[{\"type\":\"string_type\",\"loc\":[\"body\",\"question\"],"
                + "\"msg\":\"Input should be a valid string\",\"input\":{\"a\":[5]},\"url\":\"https://errors\"}]}");

        assertThat(v1.problems()).extracting(FrameworkError.Problem::field).containsExactly("question");
        assertThat(v1.describe()).isEqualTo("question: str type expected");
        assertThat(v2.describe()).isEqualTo("question: Input should be a valid string");
    }

    @Test
    void nestedLocationsAreDottedAndSeveralProblemsJoined() {
        FrameworkError e = parse("{\"detail\":[{\"loc\":[\"body\",\"questionImages\",0],\"msg\":\"bad\"},"
                + "{\"loc\":[\"body\"],\"msg\":\"not a dict\"},{\"msg\":\"no loc\"},7]}");

        assertThat(e.describe()).isEqualTo("questionImages.0: bad; the body: not a dict; the body: no loc");
        assertThat(ErrorMapper.builderName("questionImages.0")).isEqualTo("questionImages");
        assertThat(ErrorMapper.builderName("notify_url")).isEqualTo("notifyUrl");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Not Found", "<html>502</html>", "[]", "{\"detail\":5}", "{\"other\":\"x\"}",
        "{\"status\":\"error\",\"data\":{\"messages\":\"x\"},\"detail\":\"y\"}", "{\"detail\":\"cut"})
    void anythingElseIsNotAFrameworkResponse(String body) {
        assertThat(parse(body)).isNull();
    }

    @Test
    void aHugeDetailIsCut() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            sb.append('x');
        }
        assertThat(parse("{\"detail\":\"" + sb + "\"}").detail()).hasSize(301).endsWith("…");
    }
}
