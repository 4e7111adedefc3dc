package cn.scenext.api;

import cn.scenext.api.exception.InvalidValueException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * An image for a question or its reference answer: a URL the service fetches, or image bytes sent inline as a base64
 * {@code data:} URI. Immutable.
 *
 * <pre>{@code
 * Image.url("https://example.com/problem.png");
 * Image.file(Paths.get("problem.png"));           // read now, sent as data:image/png;base64,...
 * Image.bytes(pngBytes);                          // format recognised from the bytes
 * }</pre>
 */
public final class Image {
    private final String value;
    private final String mediaType;
    private final int byteCount;

    private Image(String value, String mediaType, int byteCount) {
        this.value = value;
        this.mediaType = mediaType;
        this.byteCount = byteCount;
    }

    /**
     * An image the service downloads itself.
     *
     * @param url an absolute {@code http} or {@code https} URL
     * @return the image
     * @throws InvalidValueException when the URL is not absolute http(s)
     */
    public static Image url(String url) {
        if (url == null || Strings.isBlank(url)) {
            throw new InvalidValueException("image", "An image URL must not be blank.");
        }
        String trimmed = url.trim();
        if (trimmed.regionMatches(true, 0, "data:", 0, 5)) {
            return base64(trimmed);
        }
        try {
            URI uri = new URI(trimmed);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw new InvalidValueException("image", "An image URL must be an absolute http(s) URL, got \""
                        + Strings.abbreviate(trimmed, 200) + "\". For a local file use Image.file(path).");
            }
        } catch (URISyntaxException e) {
            throw new InvalidValueException("image", "Not a valid image URL: \"" + Strings.abbreviate(trimmed, 200)
                    + "\" (" + e.getReason() + ").");
        }
        return new Image(trimmed, null, -1);
    }

    /**
     * An image given as base64 text, either bare or as a {@code data:image/...;base64,} URI. It is sent as
     * given.
     *
     * @param base64 the encoded image
     * @return the image
     * @throws InvalidValueException when the text is not valid base64
     */
    public static Image base64(String base64) {
        if (base64 == null || Strings.isBlank(base64)) {
            throw new InvalidValueException("image", "Base64 image data must not be blank.");
        }
        String payload = base64;
        String mediaType = null;
        if (base64.regionMatches(true, 0, "data:", 0, 5)) {
            int comma = base64.indexOf(',');
            String header = comma < 0 ? "" : base64.substring(5, comma);
            if (comma < 0 || !header.toLowerCase(Locale.ROOT).endsWith(";base64")) {
                throw new InvalidValueException("image", "A data: URI image must be base64-encoded "
                        + "(data:image/png;base64,...).");
            }
            mediaType = header.substring(0, header.length() - ";base64".length());
            payload = base64.substring(comma + 1);
        }
        byte[] decoded;
        try {
            decoded = Base64.getMimeDecoder().decode(payload);
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException("image", "Image data is not valid base64: " + e.getMessage());
        }
        if (decoded.length == 0) {
            throw new InvalidValueException("image", "Base64 image data decodes to no bytes.");
        }
        return new Image(base64, mediaType, decoded.length);
    }

    /**
     * An image from bytes, sent inline; its format is recognised from the bytes.
     *
     * @param bytes a PNG, JPEG, GIF, WebP or BMP image
     * @return the image
     * @throws InvalidValueException when the bytes are empty or of no format listed
     */
    public static Image bytes(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        String mediaType = sniff(bytes);
        if (mediaType == null) {
            throw new InvalidValueException("image", "The image bytes are not a PNG, JPEG, GIF, WebP or BMP image"
                    + (bytes.length == 0 ? " (no bytes)." : ".") + " Use Image.bytes(bytes, mediaType) to send another format.");
        }
        return bytes(bytes, mediaType);
    }

    /**
     * An image from bytes of a given format, sent inline.
     *
     * @param bytes the image
     * @param mediaType its media type, e.g. {@code image/png}
     * @return the image
     * @throws InvalidValueException when the bytes are empty or the media type is not {@code image/...}
     */
    public static Image bytes(byte[] bytes, String mediaType) {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length == 0) {
            throw new InvalidValueException("image", "An image must have at least one byte.");
        }
        if (mediaType == null || !mediaType.toLowerCase(Locale.ROOT).startsWith("image/")) {
            throw new InvalidValueException("image", "An image's media type must be image/..., got " + mediaType + ".");
        }
        String value = "data:" + mediaType + ";base64," + Base64.getEncoder().encodeToString(bytes);
        return new Image(value, mediaType, bytes.length);
    }

    /**
     * The largest image file {@link #file(Path)} reads: 10 MiB. Inline images travel as base64 inside the one
     * JSON body of a task creation (a third larger than the file), held in memory on both sides; a phone photo
     * or a scanned page is well under this. Use {@link #file(Path, long)} to allow more.
     */
    public static final long DEFAULT_MAX_FILE_BYTES = 10L * 1024 * 1024;

    /**
     * An image read now from a local file, sent inline; its format is recognised from the bytes. Files over
     * {@link #DEFAULT_MAX_FILE_BYTES} are refused before they are read.
     *
     * @param path a PNG, JPEG, GIF, WebP or BMP file
     * @return the image
     * @throws InvalidValueException when the file cannot be read, is too large or is not an image
     */
    public static Image file(Path path) {
        return file(path, DEFAULT_MAX_FILE_BYTES);
    }

    /**
     * An image read now from a local file of at most {@code maxBytes}, sent inline; its format is recognised
     * from the bytes. The size is checked before the file is read.
     *
     * @param path a PNG, JPEG, GIF, WebP or BMP file
     * @param maxBytes the largest file accepted, at least 1 (and at most {@code Integer.MAX_VALUE - 8})
     * @return the image
     * @throws InvalidValueException when the file cannot be read, is larger than {@code maxBytes} or is not an
     *     image
     * @throws InvalidValueException when {@code maxBytes} is out of range
     */
    public static Image file(Path path, long maxBytes) {
        Objects.requireNonNull(path, "path");
        if (maxBytes < 1 || maxBytes > Integer.MAX_VALUE - 8) {
            throw new InvalidValueException("maxBytes", "maxBytes must be from 1 to " + (Integer.MAX_VALUE - 8)
                    + ", got " + maxBytes);
        }
        byte[] bytes;
        try {
            if (Files.isDirectory(path)) {
                throw new InvalidValueException("image", "Cannot read image file " + path + ": it is a directory.");
            }
            long size = Files.size(path);
            if (size > maxBytes) {
                throw new InvalidValueException("image", "Image file " + path + " has " + size + " bytes, over the "
                        + "limit of " + maxBytes + " bytes per image (images are sent inline as base64). Make it "
                        + "smaller, or allow more with Image.file(path, maxBytes).");
            }
            bytes = readAtMost(path, maxBytes);
        } catch (IOException e) {
            throw new InvalidValueException("image", "Cannot read image file " + path + ": " + describe(e) + ".");
        }
        String mediaType = sniff(bytes);
        if (mediaType == null) {
            throw new InvalidValueException("image", "File " + path + " is not a PNG, JPEG, GIF, WebP or BMP image"
                    + (bytes.length == 0 ? " (it is empty)." : "."));
        }
        return bytes(bytes, mediaType);
    }

    /** Reads a file, failing if it grew past the limit since its size was taken. */
    private static byte[] readAtMost(Path path, long maxBytes) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(Files.size(path), maxBytes));
            byte[] buffer = new byte[8192];
            long total = 0;
            int n;
            while ((n = in.read(buffer)) > 0) {
                total += n;
                if (total > maxBytes) {
                    throw new InvalidValueException("image", "Image file " + path + " grew past the limit of "
                            + maxBytes + " bytes per image while it was read.");
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        }
    }

    /** What went wrong with a local file, in words rather than an exception's class name. */
    private static String describe(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException && ((FileSystemException) e).getReason() != null) {
            return ((FileSystemException) e).getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /**
     * How many bytes of image data travel inline: for the per-request limit of {@link GenerateVideoRequest}.
     *
     * @return the decoded size, or 0 for a URL image
     */
    long inlineBytes() {
        return Math.max(byteCount, 0);
    }

    private static String sniff(byte[] b) {
        if (startsWith(b, 0, 0x89, 'P', 'N', 'G')) {
            return "image/png";
        }
        if (startsWith(b, 0, 0xFF, 0xD8, 0xFF)) {
            return "image/jpeg";
        }
        if (startsWith(b, 0, 'G', 'I', 'F', '8')) {
            return "image/gif";
        }
        if (startsWith(b, 0, 'R', 'I', 'F', 'F') && startsWith(b, 8, 'W', 'E', 'B', 'P')) {
            return "image/webp";
        }
        if (startsWith(b, 0, 'B', 'M') && b.length > 14) {
            return "image/bmp";
        }
        return null;
    }

    private static boolean startsWith(byte[] b, int offset, int... prefix) {
        if (b.length < offset + prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((b[offset + i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * The string sent to the API: the URL, or the base64 data.
     *
     * @return the wire value
     */
    public String value() {
        return value;
    }

    /**
     * Whether the service fetches this image from a URL (rather than receiving it inline).
     *
     * @return {@code true} for {@link #url(String)} images
     */
    public boolean isUrl() {
        return byteCount < 0;
    }

    /**
     * The media type of an inline image.
     *
     * @return e.g. {@code image/png}; empty for URL images and bare base64
     */
    public Optional<String> mediaType() {
        return Optional.ofNullable(mediaType);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof Image && value.equals(((Image) o).value));
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /**
     * A short description: the URL, or the media type and size of inline data (never the data itself).
     *
     * @return the description
     */
    @Override
    public String toString() {
        if (isUrl()) {
            return "Image{url=" + value + '}';
        }
        return "Image{inline " + (mediaType == null ? "base64" : mediaType) + ", " + byteCount + " bytes}";
    }
}
