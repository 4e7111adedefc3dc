package cn.scenext.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import cn.scenext.api.exception.ValidationException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageTest {
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 1, 2, 3};
    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16};

    @Test
    void sendsUrlsAsGiven() {
        Image i = Image.url("https://example.com/q.png?sig=a%2Bb");
        assertThat(i.value()).isEqualTo("https://example.com/q.png?sig=a%2Bb");
        assertThat(i.isUrl()).isTrue();
        assertThat(i.mediaType()).isEmpty();
    }

    @Test
    void encodesBytesAsADataUriOfTheSniffedType() {
        Image png = Image.bytes(PNG);
        assertThat(png.value()).isEqualTo("data:image/png;base64,iVBORw0KGgoBAgM=");
        assertThat(png.mediaType()).contains("image/png");
        assertThat(png.isUrl()).isFalse();
        assertThat(png.toString()).isEqualTo("Image{inline image/png, 11 bytes}");
        assertThat(Image.bytes(JPEG).mediaType()).contains("image/jpeg");
    }

    @Test
    void readsFilesNow(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("q.png");
        Files.write(file, PNG);
        assertThat(Image.file(file)).isEqualTo(Image.bytes(PNG));

        Path text = dir.resolve("notes.txt");
        Files.write(text, "hello".getBytes());
        assertThat(catchThrowableOfType(ValidationException.class, () -> Image.file(text)).getMessage())
                .contains("is not a PNG, JPEG, GIF, WebP or BMP image");
        assertThat(catchThrowableOfType(ValidationException.class, () -> Image.file(dir.resolve("missing.png")))
                .getMessage()).contains("Cannot read image file");
    }

    @Test
    void acceptsBase64BareOrAsDataUri() {
        assertThat(Image.base64("aGVsbG8=").value()).isEqualTo("aGVsbG8=");
        Image data = Image.url("data:image/gif;base64,R0lGODlh");
        assertThat(data.mediaType()).contains("image/gif");
        assertThat(data.isUrl()).isFalse();
    }

    @Test
    void refusesWhatCannotBeAnImage() {
        assertThat(catchThrowableOfType(ValidationException.class, () -> Image.url("q.png")).field()).contains("image");
        catchThrowableOfType(ValidationException.class, () -> Image.url("file:///etc/passwd"));
        catchThrowableOfType(ValidationException.class, () -> Image.url(" "));
        catchThrowableOfType(ValidationException.class, () -> Image.base64("***"));
        catchThrowableOfType(ValidationException.class, () -> Image.base64("data:image/png,rawtext"));
        catchThrowableOfType(ValidationException.class, () -> Image.bytes(new byte[0]));
        catchThrowableOfType(ValidationException.class, () -> Image.bytes(new byte[] {1, 2, 3}));
        catchThrowableOfType(ValidationException.class, () -> Image.bytes(PNG, "text/plain"));
    }
}
