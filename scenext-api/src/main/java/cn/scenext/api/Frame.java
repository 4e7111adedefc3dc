package cn.scenext.api;

import java.util.Objects;

/**
 * A storyboard frame of a task's video, produced while the task runs. Its image URL is signed and stops
 * working after a while; a fresh status carries a fresh URL.
 */
public final class Frame {
    private final String id;
    private final String imageUrl;

    private Frame(String id, String imageUrl) {
        this.id = Objects.requireNonNull(id, "id");
        this.imageUrl = Objects.requireNonNull(imageUrl, "imageUrl");
    }

    /**
     * Creates a frame.
     *
     * @param id the frame's id, e.g. {@code frame1}
     * @param imageUrl the signed URL of its image
     * @return the frame
     */
    public static Frame of(String id, String imageUrl) {
        return new Frame(id, imageUrl);
    }

    /**
     * The frame's id, unique within its task.
     *
     * @return the id, e.g. {@code frame1}
     */
    public String id() {
        return id;
    }

    /**
     * The signed URL of the frame's image.
     *
     * @return the URL
     */
    public String imageUrl() {
        return imageUrl;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Frame)) {
            return false;
        }
        Frame that = (Frame) o;
        return id.equals(that.id) && imageUrl.equals(that.imageUrl);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, imageUrl);
    }

    @Override
    public String toString() {
        return "Frame{id=" + id + ", imageUrl=" + imageUrl + '}';
    }
}
