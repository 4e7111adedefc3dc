package cn.scenext.api.internal;

import static org.assertj.core.api.Assertions.assertThat;

import cn.scenext.api.Consumption;
import cn.scenext.api.Frame;
import cn.scenext.api.ResultItem;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class StatusFieldsTest {

    @Test
    void aFrameWithoutAnIdIsNamedByItsPlaceAndOneWithoutAnImageIsSkipped() {
        Frame named = StatusFields.frame("f7", "https://img/7.png", 1);
        Frame numbered = StatusFields.frame(null, "https://img/3.png", 3);

        assertThat(named.id()).isEqualTo("f7");
        assertThat(numbered.id()).isEqualTo("frame3");
        assertThat(numbered.imageUrl()).isEqualTo("https://img/3.png");
        assertThat(StatusFields.frame("f1", null, 1)).isNull();
    }

    @Test
    void resultEntriesNeedBothTypeAndContent() {
        ResultItem video = StatusFields.result(ResultItem.VIDEO, "https://v/1.mp4");

        assertThat(video.type()).isEqualTo(ResultItem.VIDEO);
        assertThat(video.content()).isEqualTo("https://v/1.mp4");
        assertThat(StatusFields.result(null, "x")).isNull();
        assertThat(StatusFields.result("text", null)).isNull();
    }

    @Test
    void theFieldsOfAResultObjectMapToTypes() {
        assertThat(StatusFields.resultTypeOfField("video_url")).isEqualTo(ResultItem.VIDEO);
        assertThat(StatusFields.resultTypeOfField("video")).isEqualTo(ResultItem.VIDEO);
        assertThat(StatusFields.resultTypeOfField("error")).isEqualTo(ResultItem.TEXT);
        assertThat(StatusFields.resultTypeOfField("text")).isEqualTo(ResultItem.TEXT);
        assertThat(StatusFields.resultTypeOfField("message")).isEqualTo(ResultItem.TEXT);
        assertThat(StatusFields.resultTypeOfField("thumbnail")).isNull();
        assertThat(StatusFields.resultOfField("error", "it failed").content()).isEqualTo("it failed");
        assertThat(StatusFields.resultOfField("error", null)).isNull();
        assertThat(StatusFields.resultOfField("thumbnail", "x")).isNull();
    }

    @Test
    void consumptionValuesAreNumbersOrNumericStrings() {
        assertThat(StatusFields.decimal("12.5")).isEqualByComparingTo("12.5");
        assertThat(StatusFields.decimal(" 3 ")).isEqualByComparingTo("3");
        assertThat(StatusFields.decimal("1e3")).isEqualByComparingTo("1000");
        assertThat(StatusFields.decimal("NaN")).isNull();
        assertThat(StatusFields.decimal("Infinity")).isNull();
        assertThat(StatusFields.decimal("ten")).isNull();
        assertThat(StatusFields.decimal(null)).isNull();
    }

    @Test
    void aConsumptionEntryNeedsATypeAndAValue() {
        Consumption c = StatusFields.consumption("credits", BigDecimal.TEN, null);

        assertThat(c.type()).isEqualTo("credits");
        assertThat(c.detail()).isEmpty();
        assertThat(StatusFields.consumption(null, BigDecimal.ONE, "d")).isNull();
        assertThat(StatusFields.consumption("credits", null, "d")).isNull();
    }

    @Test
    void aBlankTaskIdNamesNoTask() {
        assertThat(StatusFields.isTaskId("42")).isTrue();
        assertThat(StatusFields.isTaskId(" ")).isFalse();
        assertThat(StatusFields.isTaskId("")).isFalse();
        assertThat(StatusFields.isTaskId(null)).isFalse();
    }
}
