package cn.scenext.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import cn.scenext.api.exception.InvalidValueException;
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
        assertThat(catchThrowableOfType(InvalidValueException.class, () -> Image.file(text)).getMessage())
                .contains("is not a PNG, JPEG, GIF, WebP or BMP image");
        assertThat(catchThrowableOfType(InvalidValueException.class, () -> Image.file(dir.resolve("missing.png")))
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
        assertThat(catchThrowableOfType(InvalidValueException.class, () -> Image.url("q.png")).field()).contains("image");
        catchThrowableOfType(InvalidValueException.class, () -> Image.url("file:///etc/passwd"));
        catchThrowableOfType(InvalidValueException.class, () -> Image.url(" "));
        catchThrowableOfType(InvalidValueException.class, () -> Image.base64("***"));
        catchThrowableOfType(InvalidValueException.class, () -> Image.base64("data:image/png,rawtext"));
        catchThrowableOfType(InvalidValueException.class, () -> Image.bytes(new byte[0]));
        catchThrowableOfType(InvalidValueException.class, () -> Image.bytes(new byte[] {1, 2, 3}));
        catchThrowableOfType(InvalidValueException.class, () -> Image.bytes(PNG, "text/plain"));
    }

    @Test
    void refusesAFileOverTheLimitBeforeReadingIt(@TempDir Path dir) throws Exception {
        Path big = dir.resolve("big.png");
        try (java.nio.channels.FileChannel c = java.nio.channels.FileChannel.open(big,
                java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE)) {
            c.write(java.nio.ByteBuffer.wrap(PNG));
            c.write(java.nio.ByteBuffer.wrap(new byte[1]), Image.DEFAULT_MAX_FILE_BYTES);   // sparse: 10 MiB + 1
        }

        InvalidValueException e = catchThrowableOfType(InvalidValueException.class, () -> Image.file(big));

        assertThat(e.field()).contains("image");
        assertThat(e.getMessage()).contains("over the limit of 10485760 bytes per image").contains("Image.file(path, maxBytes)");
        assertThat(Image.file(big, Image.DEFAULT_MAX_FILE_BYTES + 1).mediaType()).contains("image/png");
    }

    @Test
    void aLowerLimitAppliesToo(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("q.png");
        Files.write(file, PNG);

        assertThat(catchThrowableOfType(InvalidValueException.class, () -> Image.file(file, PNG.length - 1))
                .getMessage()).contains("has 11 bytes, over the limit of 10 bytes");
        assertThat(Image.file(file, PNG.length)).isEqualTo(Image.bytes(PNG));
        catchThrowableOfType(IllegalArgumentException.class, () -> Image.file(file, 0));
    }

    @Test
    void saysPlainlyWhyAFileCannotBeRead(@TempDir Path dir) throws Exception {
        assertThat(catchThrowableOfType(InvalidValueException.class, () -> Image.file(dir.resolve("missing.png")))
                .getMessage()).endsWith("missing.png: no such file.");
        assertThat(catchThrowableOfType(InvalidValueException.class, () -> Image.file(dir)).getMessage())
                .contains("it is a directory");
        Path empty = Files.createFile(dir.resolve("empty.png"));
        assertThat(catchThrowableOfType(InvalidValueException.class, () -> Image.file(empty)).getMessage())
                .contains("(it is empty)");
    }

    @Test
    void recognisesEachDocumentedFormat() {
        assertThat(Image.bytes(new byte[] {'G', 'I', 'F', '8', '9', 'a'}).mediaType()).contains("image/gif");
        assertThat(Image.bytes(new byte[] {'R', 'I', 'F', 'F', 0, 0, 0, 0, 'W', 'E', 'B', 'P'}).mediaType())
                .contains("image/webp");
        byte[] bmp = new byte[20];
        bmp[0] = 'B';
        bmp[1] = 'M';
        assertThat(Image.bytes(bmp).mediaType()).contains("image/bmp");
    }
}
