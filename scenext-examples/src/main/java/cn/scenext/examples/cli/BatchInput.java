package cn.scenext.examples.cli;

import cn.scenext.api.GenerateVideoRequest;
import cn.scenext.api.Image;
import cn.scenext.api.Quality;
import cn.scenext.api.exception.InvalidValueException;
import cn.scenext.core.internal.json.ApiJson;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The input of {@code scenext batch}: one request per line, read and checked whole before anything is sent.
 *
 * <p>The format is decided per file: when its first non-blank line starts with <code>{</code> the file is JSON
 * Lines, one object per line with the API's own field names ({@code question}, {@code questionImages},
 * {@code answer}, {@code answerImages}, {@code quality}, {@code notify_url}); otherwise it is plain text, each
 * line one question (trimmed). Blank lines are skipped in both. An image is an http(s) URL, a {@code data:} URI,
 * or a file path (relative paths are read from the input file's directory), read now and sent inline.
 *
 * <p>Every bad line is collected with its line number (bad UTF-8, bad JSON, an unknown or repeated field, a
 * value of the wrong type, no question, a bad quality or URL, an unreadable image) and reported together; a row
 * is referred to by its line number, which stays the same across runs as long as the file is not edited.
 */
final class BatchInput {
    /** The fields a JSON line may hold: the API's own names. */
    static final List<String> FIELDS = Collections.unmodifiableList(Arrays.asList("question", "questionImages",
            "answer", "answerImages", "quality", "notify_url"));

    /** How the file was read. */
    enum Format {
        /** One JSON object per line. */
        JSON_LINES,
        /** One question per line. */
        TEXT
    }

    /** One request of the input and the line it came from. */
    static final class Row {
        final int line;
        final GenerateVideoRequest request;

        Row(int line, GenerateVideoRequest request) {
            this.line = line;
            this.request = request;
        }
    }

    /** A line that cannot be sent, and why. */
    static final class Problem {
        final int line;
        final String message;

        Problem(int line, String message) {
            this.line = line;
            this.message = message;
        }

        @Override
        public String toString() {
            return "line " + line + ": " + message;
        }
    }

    final Format format;
    final List<Row> rows;
    final List<Problem> problems;

    private BatchInput(Format format, List<Row> rows, List<Problem> problems) {
        this.format = format;
        this.rows = Collections.unmodifiableList(rows);
        this.problems = Collections.unmodifiableList(problems);
    }

    /**
     * Reads and checks a whole input file.
     *
     * @param file the file
     * @param defaultQuality the quality of rows that do not give one, or {@code null} for the service's default
     * @param maxImageBytes the largest image file read
     * @return the rows and the problems (all of them; none means every row can be sent)
     * @throws LocalProblemException when the file cannot be read at all
     */
    static BatchInput read(Path file, Quality defaultQuality, long maxImageBytes) {
        byte[] bytes;
        try {
            if (Files.isDirectory(file)) {
                throw new LocalProblemException("Cannot read " + file + ": it is a directory.", null);
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw LocalProblemException.of("Cannot read " + file, e);
        }
        Path base = file.toAbsolutePath().getParent();
        List<String> lines = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        split(bytes, lines, problems);
        Format format = Format.TEXT;
        for (String line : lines) {
            if (line != null && !line.trim().isEmpty()) {
                format = line.trim().startsWith("{") ? Format.JSON_LINES : Format.TEXT;
                break;
            }
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line == null || line.trim().isEmpty()) {
                continue;                                       // blank, or already reported as bad UTF-8
            }
            int number = i + 1;
            try {
                rows.add(new Row(number, format == Format.JSON_LINES
                        ? jsonRow(line, base, defaultQuality, maxImageBytes)
                        : textRow(line.trim(), defaultQuality)));
            } catch (BadLine e) {
                problems.add(new Problem(number, e.getMessage()));
            } catch (InvalidValueException e) {
                problems.add(new Problem(number, e.getMessage()));
            }
        }
        problems.sort((a, b) -> Integer.compare(a.line, b.line));
        return new BatchInput(format, rows, problems);
    }

    /** Splits on line feeds (dropping a carriage return before one, and a BOM at the start), decoding strictly. */
    private static void split(byte[] bytes, List<String> lines, List<Problem> problems) {
        int start = bytes.length >= 3 && (bytes[0] & 0xff) == 0xef && (bytes[1] & 0xff) == 0xbb
                && (bytes[2] & 0xff) == 0xbf ? 3 : 0;
        int number = 0;
        while (start < bytes.length) {
            int end = start;
            while (end < bytes.length && bytes[end] != '\n') {
                end++;
            }
            number++;
            int stop = end > start && bytes[end - 1] == '\r' ? end - 1 : end;
            try {
                lines.add(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes, start, stop - start)).toString());
            } catch (CharacterCodingException e) {
                lines.add(null);
                problems.add(new Problem(number, "not valid UTF-8 text"));
            }
            start = end + 1;
        }
    }

    private static GenerateVideoRequest textRow(String question, Quality defaultQuality) {
        GenerateVideoRequest.Builder b = GenerateVideoRequest.builder().question(question);
        if (defaultQuality != null) {
            b.quality(defaultQuality);
        }
        return b.build();
    }

    private static GenerateVideoRequest jsonRow(String line, Path base, Quality defaultQuality, long maxImageBytes) {
        GenerateVideoRequest.Builder b = GenerateVideoRequest.builder();
        Set<String> seen = new HashSet<>();
        boolean quality = false;
        if (!line.trim().startsWith("{")) {
            throw new BadLine("not a JSON object (the file's first line is one, so each line must be one)");
        }
        try (JsonParser p = ApiJson.factory().createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new BadLine("not a JSON object (a JSON Lines file has one object per line, as its first line)");
            }
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.getCurrentName();
                if (!FIELDS.contains(name)) {
                    throw new BadLine("unknown field \"" + name + "\" (known: " + String.join(", ", FIELDS) + ")");
                }
                if (!seen.add(name)) {
                    throw new BadLine("field \"" + name + "\" given twice");
                }
                JsonToken value = p.nextToken();
                if (value == JsonToken.VALUE_NULL) {
                    continue;                                   // as if absent
                }
                switch (name) {
                    case "question":
                        b.question(text(p, value, name));
                        break;
                    case "answer":
                        b.answer(text(p, value, name));
                        break;
                    case "quality":
                        b.quality(Quality.fromCode(text(p, value, name)));
                        quality = true;
                        break;
                    case "notify_url":
                        b.notifyUrl(text(p, value, name));
                        break;
                    case "questionImages":
                        for (String image : texts(p, value, name)) {
                            b.addQuestionImage(image(image, base, maxImageBytes));
                        }
                        break;
                    default:
                        for (String image : texts(p, value, name)) {
                            b.addAnswerImage(image(image, base, maxImageBytes));
                        }
                        break;
                }
            }
            if (t != JsonToken.END_OBJECT) {
                throw new BadLine("bad JSON: expected a field name or }");
            }
            if (p.nextToken() != null) {
                throw new BadLine("bad JSON: more after the object's closing } (one object per line)");
            }
        } catch (JsonParseException e) {
            String why = e.getOriginalMessage();
            int cut = why.indexOf(" (start marker");
            why = (cut > 0 ? why.substring(0, cut) : why).replace('\n', ' ');
            throw new BadLine("bad JSON: " + why + " (at column " + e.getLocation().getColumnNr() + ")");
        } catch (IOException e) {
            throw new BadLine("bad JSON: " + e.getMessage());
        }
        if (!quality && defaultQuality != null) {
            b.quality(defaultQuality);
        }
        return b.build();
    }

    private static String text(JsonParser p, JsonToken value, String field) throws IOException {
        if (value != JsonToken.VALUE_STRING) {
            throw new BadLine("\"" + field + "\" must be a string, got " + describe(value));
        }
        return p.getText();
    }

    private static List<String> texts(JsonParser p, JsonToken value, String field) throws IOException {
        if (value != JsonToken.START_ARRAY) {
            throw new BadLine("\"" + field + "\" must be an array of strings (URLs or image files), got "
                    + describe(value));
        }
        List<String> out = new ArrayList<>();
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t != JsonToken.VALUE_STRING) {
                throw new BadLine("\"" + field + "\" must be an array of strings (URLs or image files), got "
                        + describe(t) + " in it");
            }
            out.add(p.getText());
        }
        return out;
    }

    private static String describe(JsonToken t) {
        if (t == null) {
            return "nothing";
        }
        switch (t) {
            case START_OBJECT:
                return "an object";
            case START_ARRAY:
                return "an array";
            case VALUE_STRING:
                return "a string";
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return "a number";
            case VALUE_TRUE:
            case VALUE_FALSE:
                return "a boolean";
            default:
                return t.asString() == null ? t.name().toLowerCase(Locale.ROOT) : t.asString();
        }
    }

    private static Image image(String value, Path base, long maxBytes) {
        String lower = value.trim().toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://") || lower.startsWith("data:")) {
            return Image.url(value);
        }
        if (value.trim().isEmpty()) {
            throw new BadLine("an image must not be blank: give a URL or a file");
        }
        Path file;
        try {
            file = base.resolve(value);
        } catch (java.nio.file.InvalidPathException e) {
            throw new BadLine("image \"" + value + "\" is neither an http(s) URL nor a valid file name");
        }
        if (!Files.exists(file)) {
            throw new BadLine("cannot read image file " + file + ": no such file");
        }
        return Image.file(file, maxBytes);
    }

    /** One line cannot be sent; its message says why, without the line number. */
    private static final class BadLine extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadLine(String message) {
            super(message, null, false, false);
        }
    }
}
