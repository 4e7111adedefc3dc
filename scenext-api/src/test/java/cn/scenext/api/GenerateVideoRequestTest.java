package cn.scenext.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import cn.scenext.api.exception.InvalidValueException;
import java.net.URI;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class GenerateVideoRequestTest {

    private static InvalidValueException invalid(Runnable r) {
        return catchThrowableOfType(InvalidValueException.class, r::run);
    }

    @Test
    void buildsTheDocumentedRequest() {
        GenerateVideoRequest r = GenerateVideoRequest.builder()
                .question("What is Fourier series")
                .quality("m")
                .notifyUrl("https://your-domain.com/webhook")
                .build();

        assertThat(r.question()).contains("What is Fourier series");
        assertThat(r.answer()).isEmpty();
        assertThat(r.questionImages()).isEmpty();
        assertThat(r.quality()).isEqualTo(Quality.MEDIUM);
        assertThat(r.notifyUrl()).contains(URI.create("https://your-domain.com/webhook"));
        assertThat(r).isEqualTo(r.toBuilder().build()).hasSameHashCodeAs(r.toBuilder().build());
        assertThat(r.toString()).contains("What is Fourier series").contains("MEDIUM");
    }

    @Test
    void acceptsImagesWithoutText() {
        GenerateVideoRequest r = GenerateVideoRequest.builder()
                .questionImages(Arrays.asList(Image.url("https://example.com/q.png")))
                .build();
        assertThat(r.question()).isEmpty();
        assertThat(r.questionImages()).extracting(Image::value).containsExactly("https://example.com/q.png");
    }

    @Test
    void namesTheFieldOfEveryInvalidValue() {
        assertThat(invalid(() -> GenerateVideoRequest.builder().build()).field()).contains("question");
        assertThat(invalid(() -> GenerateVideoRequest.builder().question(" \t").build()).field()).contains("question");
        assertThat(invalid(() -> GenerateVideoRequest.builder().question("q").answer("").build()).field())
                .contains("answer");
        assertThat(invalid(() -> GenerateVideoRequest.builder().notifyUrl("/webhook")).field()).contains("notifyUrl");
        assertThat(invalid(() -> GenerateVideoRequest.builder().notifyUrl("ftp://x.com/hook")).field())
                .contains("notifyUrl");
        assertThat(invalid(() -> GenerateVideoRequest.builder().notifyUrl("http://exa mple.com")).field())
                .contains("notifyUrl");
        assertThat(invalid(() -> GenerateVideoRequest.builder().quality("x")).field()).contains("quality");
        assertThat(invalid(() -> GenerateVideoRequest.builder().quality((Quality) null)).field()).contains("quality");
        assertThat(invalid(() -> GenerateVideoRequest.builder().addQuestionImage(null)).field())
                .contains("questionImages");
    }

    @Test
    void isImmutable() {
        GenerateVideoRequest.Builder b = GenerateVideoRequest.builder().question("q")
                .addQuestionImage(Image.url("https://example.com/1.png"));
        GenerateVideoRequest r = b.build();
        b.addQuestionImage(Image.url("https://example.com/2.png"));

        assertThat(r.questionImages()).hasSize(1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> r.questionImages().add(Image.url("https://x.com/a")))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void qualityAcceptsCodesAndNames() {
        assertThat(Quality.fromCode("h")).isEqualTo(Quality.HIGH);
        assertThat(Quality.fromCode(" Low ")).isEqualTo(Quality.LOW);
        assertThat(Quality.MEDIUM.code()).isEqualTo("m");
    }

    @Test
    void refusesInlineImagesOverThePerRequestLimit() {
        byte[] png = new byte[7 * 1024 * 1024];
        System.arraycopy(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, 0, png, 0, 4);
        Image seven = Image.bytes(png);
        GenerateVideoRequest.Builder b = GenerateVideoRequest.builder()
                .addQuestionImage(seven).addQuestionImage(seven).addAnswerImage(seven)
                .addQuestionImage(Image.url("https://example.com/not-counted.png"));

        InvalidValueException e = invalid(b::build);

        assertThat(e.field()).contains("questionImages");
        assertThat(e.getMessage()).contains("add up to " + 3 * png.length + " bytes")
                .contains("limit of " + GenerateVideoRequest.DEFAULT_MAX_INLINE_IMAGE_BYTES + " bytes per request");
        GenerateVideoRequest raised = b.maxInlineImageBytes(3L * png.length).build();
        assertThat(raised.questionImages()).hasSize(3);
        assertThat(raised.toBuilder().build()).isEqualTo(raised);        // the raised limit is kept
        assertThat(GenerateVideoRequest.builder().addQuestionImage(seven).addQuestionImage(seven).build()
                .questionImages()).hasSize(2);                             // 14 MiB: within the default
        catchThrowableOfType(IllegalArgumentException.class, () -> GenerateVideoRequest.builder().maxInlineImageBytes(0));
    }
}
