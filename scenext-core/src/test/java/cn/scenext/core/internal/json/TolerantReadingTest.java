package cn.scenext.core.internal.json;

import static org.assertj.core.api.Assertions.assertThat;

import cn.scenext.api.Consumption;
import cn.scenext.api.Frame;
import cn.scenext.api.ResultItem;
import cn.scenext.api.TaskId;
import cn.scenext.api.TaskState;
import cn.scenext.api.TaskStatus;
import cn.scenext.core.testing.Fixtures;
import cn.scenext.core.testing.LogCapture;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Statuses as the real server writes them, and responses of unexpected shapes that must not be fatal. */
public class TolerantReadingTest {

    private static TaskStatus status(String json) {
        ApiJson.Envelope e = ApiJson.readEnvelope(json.getBytes(StandardCharsets.UTF_8));
        assertThat(e.isError()).isFalse();
        return e.data().toTaskStatus(TaskId.of("requested"));
    }

    private static String envelope(String data) {
        return "{\"status\":\"success\",\"data\":" + data + "}";
    }

    private static String inProgressWith(String fields) {
        return envelope("{\"task_id\":\"t1\",\"status\":\"IN_PROGRESS\"," + fields + "}");
    }

    @Test
    void readsTheBackendsCompletedStatus() {
        TaskStatus s = status(Fixtures.text("get_status-completed-backend.json"));

        assertThat(s.taskId().value()).isEqualTo("ED6E7BAE-CB5D-4E75-A6AE-B4BECED80C92"); // kept as echoed
        assertThat(s.state()).isEqualTo(TaskState.COMPLETED);
        assertThat(s.frames()).extracting(Frame::id).containsExactly("1", "2");
        assertThat(s.creditsConsumed()).isEqualByComparingTo("12");
        assertThat(s.videoUrl()).hasValueSatisfying(u -> assertThat(u).contains("/Video/"));
        assertThat(s.title()).contains("傅里叶级数");
        assertThat(s.createdAt()).contains(OffsetDateTime.of(2025, 6, 7, 8, 24, 11, 492_811_000, ZoneOffset.UTC));
        assertThat(s.finishAt()).contains(OffsetDateTime.of(2025, 6, 7, 8, 41, 53, 123_456_000, ZoneOffset.UTC));
    }

    @Test
    void readsTheBackendsFailedStatusWithoutProgressAndWithExtraResultFields() {
        TaskStatus s = status(Fixtures.text("get_status-failed-backend.json"));

        assertThat(s.state()).isEqualTo(TaskState.FAILED);
        assertThat(s.frames()).isEmpty();
        assertThat(s.consumptions()).isEmpty();
        assertThat(s.creditsConsumed()).isEqualByComparingTo("0");
        assertThat(s.results()).containsExactly(ResultItem.of("text", "任务执行失败，不消耗积分"));
        assertThat(s.failureMessage()).contains("任务执行失败，不消耗积分");
    }

    @Test
    void framesWithStringNumericOrMissingIdsAreAllRead() {
        TaskStatus s = status(inProgressWith("\"progress\":[{\"id\":\"frame1\",\"image\":\"u1\"},"
                + "{\"id\":2,\"image\":\"u2\",\"extra\":{\"a\":[1]}},{\"id\":3.0,\"image\":\"u3\"},{\"image\":\"u4\"},"
                + "\"not a frame\",{\"id\":{},\"image\":\"u6\"}]"));

        assertThat(s.frames()).extracting(Frame::id).containsExactly("frame1", "2", "3.0", "frame4", "frame6");
    }

    @Test
    void fieldsOfAnUnexpectedShapeAreIgnoredAndLoggedAtDebug() {
        String[] odd = {
            "\"consumption\":{\"type\":\"score\",\"value\":12}",
            "\"consumption\":12",
            "\"consumption\":\"12 credits\"",
            "\"consumption\":true",
            "\"result\":\"https://video\"",
            "\"result\":42",
            "\"progress\":{\"id\":1,\"image\":\"u\"}",
            "\"progress\":\"frame1\"",
            "\"title\":{\"zh\":\"x\"},\"created_at\":17,\"finish_at\":[\"x\"]",
        };
        try (LogCapture logs = new LogCapture()) {
            for (String fields : odd) {
                TaskStatus s = status(inProgressWith(fields));

                assertThat(s.taskId().value()).as(fields).isEqualTo("t1");
                assertThat(s.state()).as(fields).isEqualTo(TaskState.IN_PROGRESS);
                assertThat(s.frames()).as(fields).isEmpty();
                assertThat(s.consumptions()).as(fields).isEmpty();
                assertThat(s.results()).as(fields).isEmpty();
                assertThat(s.title()).as(fields).isEmpty();
                assertThat(s.createdAt()).as(fields).isEmpty();
            }
            assertThat(logs.lines()).filteredOn(l -> l.startsWith("DEBUG") && l.contains("unexpected shape"))
                    .hasSize(8);
        }
    }

    @Test
    void extraFieldsAnywhereAreIgnored() {
        TaskStatus s = status("{\"code\":0,\"status\":\"success\",\"trace\":{\"id\":[1,2,{\"x\":null}]},\"data\":{"
                + "\"task_id\":\"t1\",\"status\":\"COMPLETED\",\"score\":3,\"nested\":{\"deep\":[[[]]]},"
                + "\"consumption\":[{\"type\":\"score\",\"value\":2,\"unit\":\"credit\",\"detail\":\"d\"}],"
                + "\"result\":[{\"type\":\"video\",\"content\":\"https://v\",\"score\":0,\"scoreDetail\":\"x\"}]}}");

        assertThat(s.consumptions()).containsExactly(Consumption.of("score", new BigDecimal(2), "d"));
        assertThat(s.videoUrl()).contains("https://v");
    }

    @Test
    void aHugeExponentInConsumptionIsIgnoredAndCostsNothingLater() {
        TaskStatus s = status(envelope("{\"task_id\":\"t1\",\"status\":\"COMPLETED\",\"consumption\":["
                + "{\"type\":\"score\",\"value\":1e999999999},{\"type\":\"score\",\"value\":\"-1E-999999999\"},"
                + "{\"type\":\"score\",\"value\":5}]}"));

        assertThat(s.consumptions()).containsExactly(Consumption.of("score", new BigDecimal(5), null));
        assertThat(s.creditsConsumed()).isEqualByComparingTo("5");
        assertThat(s.toString()).contains("credits=5");
    }

    @Test
    void aNumberOfAHundredThousandDigitsIsIgnoredInConsumptionAndSkippedElsewhere() {
        char[] digits = new char[100_000];
        Arrays.fill(digits, '7');
        String huge = new String(digits);
        TaskStatus s = status(envelope("{\"task_id\":\"t1\",\"status\":\"COMPLETED\",\"extra\":" + huge + ","
                + "\"consumption\":[{\"type\":\"score\",\"value\":" + huge + "},"
                + "{\"type\":\"score\",\"value\":\"" + huge + "\"},{\"type\":\"score\",\"value\":" + huge + ".5e3},"
                + "{\"type\":\"score\",\"value\":3}]}"));

        assertThat(s.consumptions()).containsExactly(Consumption.of("score", new BigDecimal(3), null));
        assertThat(s.creditsConsumed()).isEqualByComparingTo("3");
        assertThat(s.toString()).contains("credits=3").hasSizeLessThan(500);
    }

    @Test
    void consumptionValuesBuiltByHandStayCheapToSumAndPrint() {
        BigDecimal vast = new BigDecimal("1e999999999");
        BigDecimal tiny = new BigDecimal("1e-999999999");
        TaskStatus s = TaskStatus.builder().taskId("t1").state(TaskState.COMPLETED)
                .addConsumption(Consumption.of("score", vast, null))
                .addConsumption(Consumption.of("score", tiny, null))
                .addConsumption(Consumption.of("score", new BigDecimal(12), null)).build();

        assertThat(s.creditsConsumed().compareTo(vast)).isZero();
        assertThat(s.toString()).contains("credits=1.").contains("E+999999999").hasSizeLessThan(500);
        assertThat(Consumption.of("score", vast, null).toString()).contains("value=1E+999999999");
        assertThat(Consumption.of("score", vast, null)).isEqualTo(Consumption.of("score", vast, null))
                .hasSameHashCodeAs(Consumption.of("score", new BigDecimal("10e999999998"), null));
    }

    @Test
    void theRawJsonIsTheDataObjectExactlyAsSent() {
        String data = "{\"task_id\" : \"ED6E7BAE-CB5D-4E75-A6AE-B4BECED80C92\",\"status\":\"IN_PROGRESS\","
                + "\"progress\":[{\"id\":1,\"image\":\"u\\u00e9\"}],\"consumption\":[],\"result\":[],"
                + "\"value\":1.50,\"title\":\"傅里叶\",\"extra\":{\"k\":[true,null]}}";
        TaskStatus s = status("{\"status\":\"success\",\"data\":" + data + ",\"after\":1}");

        assertThat(s.rawJson()).contains(data);
        assertThat(s.toBuilder().build().rawJson()).isEmpty();
        assertThat(s.toBuilder().build()).isEqualTo(s);
    }

    @Test
    void theRawJsonOfTheBackendFixtureIsItsDataObject() {
        String body = Fixtures.text("get_status-completed-backend.json");
        TaskStatus s = status(body);

        String raw = s.rawJson().orElseThrow(AssertionError::new);
        assertThat(raw).startsWith("{").endsWith("}").contains("\"id\": 1,").contains("\"title\": \"傅里叶级数\"");
        assertThat(body).contains(raw);
        assertThat(status(envelope(raw)).rawJson()).contains(raw);
    }
}
