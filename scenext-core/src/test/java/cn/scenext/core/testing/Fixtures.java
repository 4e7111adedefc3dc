package cn.scenext.core.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * The shared API fixtures (copied from {@code shared/api/fixtures} into {@code src/test/resources/fixtures}),
 * and variants of them for scenarios: fewer frames, the object store moved to a local server.
 */
public final class Fixtures {
    /** The object store the fixtures' signed URLs point to. */
    public static final String FIXTURE_STORE = "https://oss.scenext.cn";
    /** The fixtures' task id. */
    public static final String TASK_ID = "12345";
    /** A wall clock at which none of the fixtures' signed URLs has expired (the first expires 5 minutes later). */
    public static final Clock BEFORE_EXPIRY = Clock.fixed(Instant.parse("2025-06-07T09:00:00Z"), ZoneOffset.UTC);
    /** A wall clock at which every signed URL of the fixtures has expired. */
    public static final Clock AFTER_EXPIRY = Clock.fixed(Instant.parse("2025-06-07T10:00:00Z"), ZoneOffset.UTC);

    private Fixtures() {
    }

    /**
     * A fixture's text.
     *
     * @param name e.g. {@code get_status-completed.json}
     * @return the JSON
     */
    public static String read(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("No fixture " + name);
            }
            byte[] bytes = in.readAllBytes();
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A fixture's text; the same as {@link #read(String)}.
     *
     * @param name e.g. {@code get_status-completed.json}
     * @return the JSON
     */
    public static String text(String name) {
        return read(name);
    }

    /**
     * A fixture's UTF-8 bytes.
     *
     * @param name e.g. {@code get_status-completed.json}
     * @return the bytes
     */
    public static byte[] bytes(String name) {
        return read(name).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * {@code get_status-in_progress.json} with only its first {@code frames} frames (0, 1 or 2).
     *
     * @param frames how many frames to keep
     * @return the JSON
     */
    public static String inProgress(int frames) {
        return keepFrames(read("get_status-in_progress.json"), frames);
    }

    /**
     * A fixture with only the first {@code frames} frames of its {@code progress} array.
     *
     * @param json a status or webhook fixture's text
     * @param frames how many frames to keep: 0, 1 or 2
     * @return the JSON
     */
    public static String keepFrames(String json, int frames) {
        int open = json.indexOf('[', json.indexOf("\"progress\""));
        int close = json.indexOf(']', open);
        String[] items = json.substring(open + 1, close).split("(?<=\\}),");
        StringBuilder kept = new StringBuilder();
        for (int i = 0; i < frames; i++) {
            kept.append(i == 0 ? "" : ",").append(items[i]);
        }
        return json.substring(0, open + 1) + kept + "\n    ]" + json.substring(close + 1);
    }

    /**
     * {@code get_status-completed.json} with its object store moved to another address.
     *
     * @param storeBaseUrl e.g. {@code http://127.0.0.1:8081}
     * @return the JSON
     */
    public static String completedAt(String storeBaseUrl) {
        return read("get_status-completed.json").replace(FIXTURE_STORE, storeBaseUrl);
    }

    /**
     * The path (and query) of the completed fixture's video URL.
     *
     * @return e.g. {@code /Video/...mp4?OSSAccessKeyId=...}
     */
    public static String videoPathAndQuery() {
        String json = read("get_status-completed.json");
        int at = json.indexOf(FIXTURE_STORE + "/Video/");
        return json.substring(at + FIXTURE_STORE.length(), json.indexOf('"', at)).replace("\\u0026", "&");
    }
}
