package cn.scenext.api.internal;

import cn.scenext.api.TaskStatus;
import java.util.Objects;

/**
 * Hands a {@link TaskStatus.Builder} its {@linkplain TaskStatus#rawJson() raw JSON} as a slice of the UTF-8 body it
 * was read from, decoded to a {@code String} only when {@code rawJson()} is first called: a reader of
 * {@code get_status} responses keeps the body's array instead of copying the {@code data} object out of it on every
 * read. The array is kept, not copied: the caller must not change it afterwards.
 *
 * <p>{@link TaskStatus} installs the one {@link Setter} when its class is initialized (before any builder can exist),
 * so that the builder needs no public method for it.
 */
public final class StatusRawJson {
    private static volatile Setter setter;

    static {
        // Whoever touches this class first, TaskStatus installs its setter before anything else can.
        try {
            Class.forName(TaskStatus.class.getName(), true, StatusRawJson.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private StatusRawJson() {
    }

    /** Sets a builder's raw JSON from a UTF-8 slice; implemented by {@link TaskStatus}. */
    public interface Setter {
        /**
         * Sets the slice.
         *
         * @param builder the builder
         * @param utf8 the bytes holding the JSON text, kept
         * @param start the index of its first byte
         * @param end the index after its last byte
         */
        void set(TaskStatus.Builder builder, byte[] utf8, int start, int end);
    }

    /**
     * Installs the setter; called once, by {@link TaskStatus}'s class initialization.
     *
     * @param s the setter
     * @throws IllegalStateException when one is installed already
     */
    public static synchronized void install(Setter s) {
        Objects.requireNonNull(s, "setter");
        if (setter != null) {
            throw new IllegalStateException("The raw JSON setter is installed already");
        }
        setter = s;
    }

    /**
     * Gives a builder the raw JSON {@code utf8[start, end)}, to be decoded on first use.
     *
     * @param builder the builder (its existence means {@link TaskStatus} is initialized)
     * @param utf8 the bytes, kept and not to be changed afterwards
     * @param start the index of the JSON's first byte
     * @param end the index after its last byte
     * @return the builder
     * @throws IndexOutOfBoundsException when the range is not inside the array
     */
    public static TaskStatus.Builder set(TaskStatus.Builder builder, byte[] utf8, int start, int end) {
        Objects.requireNonNull(builder, "builder");
        Objects.requireNonNull(utf8, "utf8");
        if (start < 0 || end < start || end > utf8.length) {
            throw new IndexOutOfBoundsException("[" + start + ", " + end + ") of " + utf8.length + " bytes");
        }
        setter.set(builder, utf8, start, end);
        return builder;
    }
}
