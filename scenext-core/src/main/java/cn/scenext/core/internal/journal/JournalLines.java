package cn.scenext.core.internal.journal;

import cn.scenext.api.TaskId;
import cn.scenext.api.TaskState;
import cn.scenext.core.journal.JournalEntry;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.zip.CRC32;

/**
 * The file journal's line format: {@code <crc32 of the JSON, 8 hex digits> <JSON object>\n}, one entry per
 * line, after a header line naming the format's version. The checksum tells a torn or damaged line from a
 * whole one.
 */
public final class JournalLines {
    /** The first line of every journal file of this format. */
    public static final String HEADER = "scenext-task-journal 1";
    /** What every header starts with, whatever its version. */
    public static final String HEADER_PREFIX = "scenext-task-journal ";

    private static final JsonFactory JSON = new JsonFactory();

    private JournalLines() {
    }

    /**
     * One entry as a line, newline included.
     *
     * @param e the entry
     * @return its UTF-8 bytes
     */
    public static byte[] encode(JournalEntry e) {
        ByteArrayOutputStream json = new ByteArrayOutputStream(160);
        try (JsonGenerator g = JSON.createGenerator(json)) {
            g.writeStartObject();
            g.writeStringField("kind", e.kind().name());
            g.writeStringField("ref", e.reference());
            g.writeStringField("time", e.time().toString());
            writeIfSet(g, "digest", e.requestDigest());
            writeIfSet(g, "task", e.taskId() == null ? null : e.taskId().value());
            writeIfSet(g, "state", e.state() == null ? null : e.state().name());
            writeIfSet(g, "file", e.file());
            if (e.size() >= 0) {
                g.writeNumberField("size", e.size());
            }
            writeIfSet(g, "sha256", e.sha256());
            writeIfSet(g, "detail", e.detail());
            g.writeEndObject();
        } catch (IOException impossible) {
            throw new IllegalStateException(impossible);
        }
        byte[] body = json.toByteArray();
        byte[] line = new byte[9 + body.length + 1];
        byte[] crc = hex8(crc(body, 0, body.length));
        System.arraycopy(crc, 0, line, 0, 8);
        line[8] = ' ';
        System.arraycopy(body, 0, line, 9, body.length);
        line[line.length - 1] = '\n';
        return line;
    }

    private static void writeIfSet(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }

    /**
     * Reads one line (without its newline).
     *
     * @param buf the bytes
     * @param from where the line starts
     * @param to where it ends (exclusive, before the newline)
     * @return the entry, or {@code null} when the line is damaged (bad checksum, not an entry)
     */
    public static JournalEntry decode(byte[] buf, int from, int to) {
        if (to - from < 11 || buf[from + 8] != ' ') {
            return null;
        }
        long expected = parseHex8(buf, from);
        if (expected < 0 || crc(buf, from + 9, to - from - 9) != expected) {
            return null;
        }
        try (JsonParser p = JSON.createParser(buf, from + 9, to - from - 9)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            String kind = null, ref = null, time = null, digest = null, task = null, state = null, file = null,
                    sha = null, detail = null;
            long size = -1;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.getCurrentName();
                JsonToken t = p.nextToken();
                if (t == JsonToken.VALUE_NUMBER_INT && "size".equals(name)) {
                    size = p.getLongValue();
                    continue;
                }
                if (t != JsonToken.VALUE_STRING) {
                    p.skipChildren();
                    continue;
                }
                String v = p.getText();
                switch (name) {
                    case "kind": kind = v; break;
                    case "ref": ref = v; break;
                    case "time": time = v; break;
                    case "digest": digest = v; break;
                    case "task": task = v; break;
                    case "state": state = v; break;
                    case "file": file = v; break;
                    case "sha256": sha = v; break;
                    case "detail": detail = v; break;
                    default: break;   // a field of a later minor version
                }
            }
            return toEntry(kind, ref, time, digest, task, state, file, size, sha, detail);
        } catch (IOException | RuntimeException damaged) {
            return null;
        }
    }

    private static JournalEntry toEntry(String kind, String ref, String time, String digest, String task,
            String state, String file, long size, String sha, String detail) {
        if (kind == null || ref == null || time == null) {
            return null;
        }
        Instant at = Instant.parse(time);
        switch (JournalEntry.Kind.valueOf(kind)) {
            case CREATION_STARTED: return JournalEntry.creationStarted(ref, digest, at);
            case TASK_CREATED: return JournalEntry.taskCreated(ref, TaskId.of(task), at);
            case CREATION_REFUSED: return JournalEntry.creationRefused(ref, detail, at);
            case CREATION_OUTCOME_UNKNOWN: return JournalEntry.creationOutcomeUnknown(ref, detail, at);
            case TASK_ENDED: return JournalEntry.taskEnded(ref, TaskId.of(task), TaskState.valueOf(state), at);
            case FILE_SAVED: return JournalEntry.fileSaved(ref, TaskId.of(task), file, size, sha, at);
            default: return null;
        }
    }

    /**
     * The header line, newline included.
     *
     * @return its bytes
     */
    public static byte[] header() {
        return (HEADER + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static long crc(byte[] b, int off, int len) {
        CRC32 c = new CRC32();
        c.update(b, off, len);
        return c.getValue();
    }

    private static final byte[] DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private static byte[] hex8(long v) {
        byte[] out = new byte[8];
        for (int i = 7; i >= 0; i--) {
            out[i] = DIGITS[(int) (v & 0xF)];
            v >>>= 4;
        }
        return out;
    }

    private static long parseHex8(byte[] b, int from) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            int d = Character.digit(b[from + i], 16);
            if (d < 0 || Character.isUpperCase(b[from + i])) {
                return -1;
            }
            v = (v << 4) | d;
        }
        return v;
    }
}
