package cn.scenext.core.internal.canonical;

import com.fasterxml.jackson.core.JsonToken;

/**
 * Listens to the values of one JSON container while the canonical writer streams through it, so that the
 * fields of an event are read in the same pass as the canonical form is written. Every member of an object is
 * reported, in document order, so a repeated key ends with its last value, as Python's {@code json.loads}
 * keeps it. Inside an array the key is {@code null}.
 */
public abstract class Capture {
    /**
     * A container starts under {@code key}.
     *
     * @return the capture for its content, or {@code null} to write it without looking
     */
    public Capture enter(String key, boolean object) {
        return null;
    }

    /** Whether {@link #scalar} should receive the text of a scalar under {@code key}. */
    public boolean wantsText(String key) {
        return false;
    }

    /**
     * A scalar under {@code key}.
     *
     * @param text its text ({@code "true"}, {@code "null"}, a number's literal) when {@link #wantsText} asked
     *     for it, else {@code null}
     */
    public void scalar(String key, JsonToken token, String text) {
    }

    /** The container this capture was entered for has ended. */
    public void exit() {
    }
}
