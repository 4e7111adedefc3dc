package cn.scenext.core.internal.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.scenext.api.Consumption;
import cn.scenext.api.Frame;
import cn.scenext.api.GenerateVideoRequest;
import cn.scenext.api.Image;
import cn.scenext.api.Quality;
import cn.scenext.api.ResultItem;
import cn.scenext.api.TaskId;
import cn.scenext.api.TaskState;
import cn.scenext.api.TaskStatus;
import cn.scenext.core.testing.Fixtures;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

public class ApiJsonTest {
    private static final String FRAME1 = "https://oss.scenext.cn/frame_img/d988d4d9-72f0-4b76-97b0-ca974335dcf4/"
            + "ed6e7bae-cb5d-4e75-a6ae-b4beced80c92/frame1.png?OSSAccessKeyId=LTAI5tDkzckmQzw7eKj4s47h&Expires="
            + "1749287113&Signature=ZofSGtAyhO3KolVaMC8ICUZJNWE%3D";
    private static final String VIDEO = "https://oss.scenext.cn/Video/d988d4d9-72f0-4b76-97b0-ca974335dcf4/"
            + "Manimed6e7bae-cb5d-4e75-a6ae-b4beced80c92.mp4?OSSAccessKeyId=LTAI5tDkzckmQzw7eKj4s47h&Expires="
            + "1749288010&Signature=CZRkEsLpWctM9MS3v7IbpRvMcKI%3D";

    private static TaskStatus status(String json) {
        ApiJson.Envelope e = ApiJson.readEnvelope(json.getBytes(StandardCharsets.UTF_8));
        assertThat(e.isError()).isFalse();
        return e.data().toTaskStatus(TaskId.of("requested"));
    }

    @Test
    void readsCompletedFixtureIntoEveryField() {
        TaskStatus s = status(Fixtures.text("get_status-completed.json"));

        assertThat(s.taskId()).isEqualTo(TaskId.of("12345"));
        assertThat(s.state()).isEqualTo(TaskState.COMPLETED);
        assertThat(s.isTerminal()).isTrue();
        assertThat(s.frames()).hasSize(2);
        assertThat(s.frames().get(0)).isEqualTo(Frame.of("frame1", FRAME1));
        assertThat(s.frames().get(1).id()).isEqualTo("frame2");
        assertThat(s.consumptions()).containsExactly(
                Consumption.of("score", new BigDecimal(20), "Generate video analysis deduction"));
        assertThat(s.creditsConsumed()).isEqualByComparingTo("20");
        assertThat(s.results()).containsExactly(ResultItem.of("video", VIDEO));
        assertThat(s.videoUrl()).contains(VIDEO);
        assertThat(s.failureMessage()).isEmpty();
        assertThat(s.title()).contains("Fourier series");
        assertThat(s.createdAt()).contains(OffsetDateTime.of(2025, 8, 12, 7, 0, 2, 0, ZoneOffset.ofHours(8)));
        assertThat(s.finishAt()).contains(OffsetDateTime.of(2025, 8, 12, 7, 17, 30, 0, ZoneOffset.ofHours(8)));
    }

    @Test
    void readsFailedFixtureWithReasonAndRefund() {
        TaskStatus s = status(Fixtures.text("get_status-failed.json"));

        assertThat(s.state()).isEqualTo(TaskState.FAILED);
        assertThat(s.isFailed()).isTrue();
        assertThat(s.frames()).isEmpty();
        assertThat(s.failureMessage()).contains("Task execution failed");
        assertThat(s.videoUrl()).isEmpty();
        assertThat(s.creditsConsumed()).isEqualByComparingTo("0");
        assertThat(s.consumptions().get(0).detail()).contains("Generation failed. No points consumed.");
        assertThat(s.title()).isEmpty();
        assertThat(s.createdAt()).isEmpty();
    }

    @Test
    void readsInProgressFixtureWithFramesAndNoResult() {
        TaskStatus s = status(Fixtures.text("get_status-in_progress.json"));

        assertThat(s.state()).isEqualTo(TaskState.IN_PROGRESS);
        assertThat(s.isTerminal()).isFalse();
        assertThat(s.frames()).extracting(Frame::id).containsExactly("frame1", "frame2");
        assertThat(s.results()).isEmpty();
        assertThat(s.consumptions()).isEmpty();
        assertThat(s.creditsConsumed()).isEqualByComparingTo("0");
    }

    @Test
    void readsTaskIdOfGenVideoSuccess() {
        ApiJson.Envelope e = ApiJson.readEnvelope(Fixtures.bytes("gen_video-success.json"));
        assertThat(e.isError()).isFalse();
        assertThat(e.data().taskId()).isEqualTo("12345");
    }

    @Test
    void readsErrorEnvelopesWithTheServiceMessage() {
        assertThat(ApiJson.readEnvelope(Fixtures.bytes("error-unauthorized.json")).errorMessage())
                .isEqualTo("Unauthorized: Invalid API key");
        assertThat(ApiJson.readEnvelope(Fixtures.bytes("get_status-not_found.json")).errorMessage())
                .isEqualTo("Server error: Task not found");
        ApiJson.Envelope e = ApiJson.readEnvelope(Fixtures.bytes("gen_video-error.json"));
        assertThat(e.isError()).isTrue();
        assertThat(e.errorMessage()).isEqualTo("The video generation interface response is abnormal: 400 - Bad Request");
    }

    @Test
    void acceptsResultAsAnObjectWithVideoUrlOrError() {
        TaskStatus done = status("{\"status\":\"success\",\"data\":{\"task_id\":\"t\",\"status\":\"COMPLETED\","
                + "\"result\":{\"video_url\":\"https://x/v.mp4\"}}}");
        assertThat(done.videoUrl()).contains("https://x/v.mp4");

        TaskStatus failed = status("{\"status\":\"success\",\"data\":{\"task_id\":\"t\",\"status\":\"FAILED\","
                + "\"result\":{\"error\":\"out of credits\"}}}");
        assertThat(failed.failureMessage()).contains("out of credits");
    }

    @Test
    void ignoresUnknownFieldsAndKeepsUnknownStatusRaw() {
        TaskStatus s = status("{\"extra\":{\"deep\":[1,2,{\"x\":null}]},\"status\":\"success\",\"data\":{"
                + "\"new_field\":[{\"a\":1}],\"task_id\":\"t\",\"status\":\"QUEUED\",\"progress\":null,"
                + "\"consumption\":null,\"result\":null,\"title\":null}}");

        assertThat(s.state()).isEqualTo(TaskState.UNKNOWN);
        assertThat(s.rawStatus()).isEqualTo("QUEUED");
        assertThat(s.isTerminal()).isFalse();
        assertThat(s.frames()).isEmpty();
        assertThat(s.title()).isEmpty();
    }

    @Test
    void acceptsDataBeforeStatusAndNumericValuesWhereTextIsExpected() {
        TaskStatus s = status("{\"data\":{\"task_id\":12345,\"status\":\"COMPLETED\",\"progress\":[{\"id\":7,"
                + "\"image\":\"https://x/7.png\"}],\"consumption\":[{\"type\":\"score\",\"value\":\"2.5\"},"
                + "{\"type\":\"score\",\"value\":4}]},\"status\":\"success\"}");

        assertThat(s.taskId().value()).isEqualTo("12345");
        assertThat(s.frames()).containsExactly(Frame.of("7", "https://x/7.png"));
        assertThat(s.creditsConsumed()).isEqualByComparingTo("6.5");
    }

    @Test
    void fillsTheRequestedIdWhenTheResponseOmitsIt() {
        TaskStatus s = status("{\"status\":\"success\",\"data\":{\"status\":\"IN_PROGRESS\"}}");
        assertThat(s.taskId()).isEqualTo(TaskId.of("requested"));
    }

    @Test
    void keepsDatesAbsentWhenTheyCannotBeRead() {
        TaskStatus s = status("{\"status\":\"success\",\"data\":{\"task_id\":\"t\",\"status\":\"COMPLETED\","
                + "\"created_at\":\"yesterday\",\"finish_at\":\"2025-08-12 07:17:30\"}}");
        assertThat(s.createdAt()).isEmpty();
        assertThat(s.finishAt()).contains(OffsetDateTime.of(2025, 8, 12, 7, 17, 30, 0, ZoneOffset.UTC));
    }

    @Test
    void rejectsBodiesThatAreNotTheApisJson() {
        assertThatThrownBy(() -> ApiJson.readEnvelope("<html>502</html>".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedJsonException.class).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> ApiJson.readEnvelope("[1,2]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedJsonException.class).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> ApiJson.readEnvelope("{\"status\":\"success\"".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedJsonException.class);
        assertThatThrownBy(() -> ApiJson.readEnvelope(new byte[0])).isInstanceOf(MalformedJsonException.class);
        assertThatThrownBy(() -> status("{\"status\":\"success\",\"data\":{\"task_id\":\"t\",\"progress\":\"x\","
                + "\"status\":[\"IN_PROGRESS\"]}}"))
                .isInstanceOf(MalformedJsonException.class).hasMessageContaining("data.status is not a string");
        assertThatThrownBy(() -> status("{\"status\":\"success\",\"data\":{\"task_id\":\"t\"}}"))
                .isInstanceOf(MalformedJsonException.class).hasMessageContaining("data.status is missing");
        assertThatThrownBy(() -> ApiJson.readEnvelope("{\"status\":\"success\"} trailing".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedJsonException.class);
    }

    @Test
    void writesOnlyTheFieldsThatAreSet() {
        String json = new String(ApiJson.writeGenerateVideoRequest(GenerateVideoRequest.ofQuestion("What is π?")),
                StandardCharsets.UTF_8);
        assertThat(json).isEqualTo("{\"question\":\"What is π?\",\"quality\":\"m\"}");
    }

    @Test
    void writesEveryFieldOfTheDocumentedRequest() {
        GenerateVideoRequest request = GenerateVideoRequest.builder()
                .question("What is Fourier series")
                .addQuestionImage(Image.url("https://example.com/q.png"))
                .answer("A sum of sines")
                .addAnswerImage(Image.base64("aGVsbG8="))
                .quality(Quality.HIGH)
                .notifyUrl("https://your-domain.com/webhook")
                .build();
        String json = new String(ApiJson.writeGenerateVideoRequest(request), StandardCharsets.UTF_8);
        assertThat(json).isEqualTo("{\"question\":\"What is Fourier series\",\"questionImages\":"
                + "[\"https://example.com/q.png\"],\"answer\":\"A sum of sines\",\"answerImages\":[\"aGVsbG8=\"],"
                + "\"quality\":\"h\",\"notify_url\":\"https://your-domain.com/webhook\"}");
    }

    @Test
    void writesAStatusInTheApisShapeThatReadsBackEqual() {
        for (String fixture : new String[] {"get_status-completed.json", "get_status-failed.json",
                "get_status-in_progress.json"}) {
            TaskStatus original = status(Fixtures.text(fixture));
            String data = new String(ApiJson.writeTaskStatus(original), StandardCharsets.UTF_8);

            TaskStatus again = status("{\"status\":\"success\",\"data\":" + data + "}");

            assertThat(again).as(fixture).isEqualTo(original);
        }
        String completed = new String(ApiJson.writeTaskStatus(status(Fixtures.text("get_status-completed.json"))),
                StandardCharsets.UTF_8);
        assertThat(completed).startsWith("{\"task_id\":\"12345\",\"status\":\"COMPLETED\",\"progress\":[")
                .contains("\"consumption\":[{\"type\":\"score\",\"value\":20,")
                .endsWith("\"title\":\"Fourier series\",\"created_at\":\"2025-08-12T07:00:02+08:00\","
                        + "\"finish_at\":\"2025-08-12T07:17:30+08:00\"}");
    }
}
