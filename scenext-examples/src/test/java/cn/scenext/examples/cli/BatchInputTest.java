package cn.scenext.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.scenext.api.Image;
import cn.scenext.api.Quality;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading {@code scenext batch}'s input: both formats, blank lines, and every bad line reported by number. */
class BatchInputTest {
    /** A 1x1 PNG. */
    private static final byte[] PNG = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    @TempDir
    Path dir;

    private BatchInput read(String text, Quality quality) throws Exception {
        Path file = dir.resolve("input");
        Files.write(file, text.getBytes(StandardCharsets.UTF_8));
        return BatchInput.read(file, quality, Image.DEFAULT_MAX_FILE_BYTES);
    }

    @Test
    void plainTextIsOneQuestionPerLineAndBlankLinesAreSkippedKeepingTheirNumbers() throws Exception {
        BatchInput in = read("What is 1 + 1?\r\n\n   \n  What is a prime?  \nWhy is the sky blue?", null);

        assertThat(in.format).isEqualTo(BatchInput.Format.TEXT);
        assertThat(in.problems).isEmpty();
        assertThat(in.rows).extracting(r -> r.line).containsExactly(1, 4, 5);
        assertThat(in.rows).extracting(r -> r.request.question().get())
                .containsExactly("What is 1 + 1?", "What is a prime?", "Why is the sky blue?");
        assertThat(in.rows).extracting(r -> r.request.quality()).containsOnly(Quality.MEDIUM);
    }

    @Test
    void aFileWhoseFirstNonBlankLineStartsWithABraceIsJsonLinesWithTheApisFieldNames() throws Exception {
        Files.write(dir.resolve("q.png"), PNG);
        BatchInput in = read("\n  {\"question\": \"Integrate x^2\", \"answer\": \"x^3/3\", \"quality\": \"h\", "
                + "\"notify_url\": \"https://example.com/hook\"}\n"
                + "{\"questionImages\": [\"q.png\", \"https://example.com/a.png\"], \"answerImages\": [], "
                + "\"answer\": null}\n", Quality.LOW);

        assertThat(in.format).isEqualTo(BatchInput.Format.JSON_LINES);
        assertThat(in.problems).isEmpty();
        assertThat(in.rows).extracting(r -> r.line).containsExactly(2, 3);
        BatchInput.Row first = in.rows.get(0);
        assertThat(first.request.question()).hasValue("Integrate x^2");
        assertThat(first.request.answer()).hasValue("x^3/3");
        assertThat(first.request.quality()).isEqualTo(Quality.HIGH);
        assertThat(first.request.notifyUrl().get().toString()).isEqualTo("https://example.com/hook");
        BatchInput.Row second = in.rows.get(1);
        assertThat(second.request.question()).isEmpty();
        assertThat(second.request.questionImages()).hasSize(2);
        assertThat(second.request.answer()).isEmpty();
        assertThat(second.request.quality()).as("--quality for rows that do not say").isEqualTo(Quality.LOW);
    }

    @Test
    void everyBadLineIsReportedWithItsNumberNotJustTheFirst() throws Exception {
        BatchInput in = read(String.join("\n",
                "{\"question\": \"fine\"}",
                "{\"question\": \"broken\"",
                "{\"question\": \"x\", \"colour\": \"red\"}",
                "{\"answer\": \"no question\"}",
                "{\"question\": \"q\", \"quality\": \"ultra\"}",
                "{\"question\": \"q\", \"questionImages\": [\"missing.png\"]}",
                "{\"question\": 42}",
                "{\"question\": \"a\", \"question\": \"b\"}",
                "just text in a JSON Lines file",
                "{\"question\": \"q\"} {\"question\": \"r\"}",
                "{\"question\": \"q\", \"notify_url\": \"ftp://example.com\"}",
                "",
                "{\"question\": \"also fine\", \"questionImages\": [7]}"), null);

        assertThat(in.rows).extracting(r -> r.line).containsExactly(1);
        assertThat(in.problems).extracting(p -> p.line).containsExactly(2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13);
        String all = in.problems.stream().map(Object::toString).collect(Collectors.joining("\n"));
        assertThat(all)
                .contains("line 2: bad JSON")
                .contains("line 3: unknown field \"colour\"")
                .contains("line 4: A request needs a question")
                .contains("line 5: quality must be h (high), m (medium) or l (low), got \"ultra\"")
                .contains("line 6: cannot read image file").contains("missing.png: no such file")
                .contains("line 7: \"question\" must be a string, got a number")
                .contains("line 8: field \"question\" given twice")
                .contains("line 9: not a JSON object")
                .contains("line 10: bad JSON: more after the object's closing }")
                .contains("line 11: notifyUrl must be an absolute http(s) URL")
                .contains("line 13: \"questionImages\" must be an array of strings");
    }

    @Test
    void anImageFileThatIsNotAnImageIsABadLine() throws Exception {
        Files.write(dir.resolve("notes.txt"), "hello".getBytes(StandardCharsets.UTF_8));
        BatchInput in = read("{\"question\": \"q\", \"answerImages\": [\"notes.txt\"]}", null);

        assertThat(in.rows).isEmpty();
        assertThat(in.problems).singleElement().hasToString("line 1: File " + dir.resolve("notes.txt")
                + " is not a PNG, JPEG, GIF, WebP or BMP image.");
    }

    @Test
    void badUtf8IsReportedOnItsLineAndAByteOrderMarkIsIgnored() throws Exception {
        Path file = dir.resolve("input");
        byte[] bom = {(byte) 0xef, (byte) 0xbb, (byte) 0xbf};
        byte[] body = "first\nsecond \u00ff\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[bom.length + body.length];
        System.arraycopy(bom, 0, all, 0, bom.length);
        System.arraycopy(body, 0, all, bom.length, body.length);
        Files.write(file, all);

        BatchInput in = BatchInput.read(file, null, Image.DEFAULT_MAX_FILE_BYTES);

        assertThat(in.rows).extracting(r -> r.request.question().get()).containsExactly("first");
        assertThat(in.problems).singleElement().hasToString("line 2: not valid UTF-8 text");
    }

    @Test
    void aMissingFileIsALocalProblem() {
        assertThatThrownBy(() -> BatchInput.read(dir.resolve("nope.jsonl"), null, 1000))
                .isInstanceOf(LocalProblemException.class).hasMessageContaining("no such file");
    }
}
