package cn.scenext.api;

import cn.scenext.api.exception.ValidationException;
import java.util.Locale;

/** The quality of the generated video. The service's default is {@link #MEDIUM}. */
public enum Quality {
    /** High quality ({@code h}): the sharpest video, the longest to render. */
    HIGH("h"),
    /** Medium quality ({@code m}), the service's default. */
    MEDIUM("m"),
    /** Low quality ({@code l}): the fastest to render. */
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
     * @throws ValidationException when the value is none of these
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
        throw new ValidationException("quality", "quality must be h (high), m (medium) or l (low), got "
                + (value == null ? "null" : "\"" + value + "\"") + ".");
    }
}
