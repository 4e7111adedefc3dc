package cn.scenext.api;

import java.util.Objects;

/**
 * One entry of a task's result: the video's URL when it completed ({@value #VIDEO}), the reason when it
 * failed ({@value #TEXT}).
 */
public final class ResultItem {
    /** The type of the entry that holds the signed URL of the video. */
    public static final String VIDEO = "video";
    /** The type of the entry that holds a text, such as a failure's reason. */
    public static final String TEXT = "text";

    private final String type;
    private final String content;

    private ResultItem(String type, String content) {
        this.type = Objects.requireNonNull(type, "type");
        this.content = Objects.requireNonNull(content, "content");
    }

    /**
     * Creates an entry.
     *
     * @param type {@value #VIDEO}, {@value #TEXT}, or another type the service may add
     * @param content the URL or the text
     * @return the entry
     */
    public static ResultItem of(String type, String content) {
        return new ResultItem(type, content);
    }

    /**
     * The entry's type.
     *
     * @return {@value #VIDEO}, {@value #TEXT}, or another type the service may add
     */
    public String type() {
        return type;
    }

    /**
     * The entry's content.
     *
     * @return a signed URL for {@value #VIDEO}, a text for {@value #TEXT}
     */
    public String content() {
        return content;
    }

    /**
     * Whether this entry is the video.
     *
     * @return {@code true} when the type is {@value #VIDEO}
     */
    public boolean isVideo() {
        return VIDEO.equals(type);
    }

    /**
     * Whether this entry is a text.
     *
     * @return {@code true} when the type is {@value #TEXT}
     */
    public boolean isText() {
        return TEXT.equals(type);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ResultItem)) {
            return false;
        }
        ResultItem that = (ResultItem) o;
        return type.equals(that.type) && content.equals(that.content);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, content);
    }

    @Override
    public String toString() {
        return "ResultItem{type=" + type + ", content=" + content + '}';
    }
}
