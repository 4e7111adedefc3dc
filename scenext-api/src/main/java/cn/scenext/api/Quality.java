package cn.scenext.api;

import cn.scenext.api.exception.InvalidValueException;
import java.util.Locale;

/**
 * The quality of the generated video, sent as the one-letter {@link #code() code}. The service's default is
 * {@link #MEDIUM}. According to the service's public server code, each quality renders at:
 *
 * <table>
 * <caption>Quality codes and the video they give</caption>
 * <tr><th>constant</th><th>code</th><th>resolution</th><th>frame rate</th></tr>
 * <tr><td>{@link #HIGH}</td><td>{@code h}</td><td>1080p</td><td>60 fps</td></tr>
 * <tr><td>{@link #MEDIUM}</td><td>{@code m}</td><td>720p</td><td>30 fps</td></tr>
 * <tr><td>{@link #LOW}</td><td>{@code l}</td><td>480p</td><td>15 fps</td></tr>
 * </table>
 *
 * Higher qualities take longer to render; the server checks none of this (an unknown code is the client's to
 * refuse, which {@link #fromCode(String)} does).
 */
public enum Quality {
    /** High quality ({@code h}): 1080p at 60 fps, the sharpest video, the longest to render. */
    HIGH("h"),
    /** Medium quality ({@code m}): 720p at 30 fps, the service's default. */
    MEDIUM("m"),
    /** Low quality ({@code l}): 480p at 15 fps, the fastest to render. */
    LOW("l");

    private final String code;

    Quality(String code) {
        this.code = code;
    }

    /**
     * The one-letter code the API uses.
     *
     * @return {@code h}, {@code m} or {@code l}
     */
    public String code() {
        return code;
    }

    /**
     * The quality for a code or a name.
     *
     * @param value {@code h}, {@code m}, {@code l}, or {@code high}, {@code medium}, {@code low} (any case)
     * @return the quality
     * @throws InvalidValueException when the value is none of these
     */
    public static Quality fromCode(String value) {
        if (value != null) {
            String v = value.trim().toLowerCase(Locale.ROOT);
            for (Quality q : values()) {
                if (q.code.equals(v) || q.name().toLowerCase(Locale.ROOT).equals(v)) {
                    return q;
                }
            }
        }
        throw new InvalidValueException("quality", "quality must be h (high), m (medium) or l (low), got "
                + (value == null ? "null" : "\"" + value + "\"") + ".");
    }
}
