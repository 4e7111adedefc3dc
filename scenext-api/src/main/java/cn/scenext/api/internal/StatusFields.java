package cn.scenext.api.internal;

import cn.scenext.api.Consumption;
import cn.scenext.api.Frame;
import cn.scenext.api.ResultItem;
import java.math.BigDecimal;

/**
 * The rules for the fields of a task status, however its JSON is parsed: the {@code get_status} data that core
 * streams with Jackson, the webhook event core captures while it canonicalizes the body, and the data the
 * Retrofit service binds. Each reader parses its way and hands the values it found here, so that a frame
 * without an id, a {@code result} object or a {@code consumption} value as a string mean the same everywhere.
 * Stateless and free of any JSON library.
 */
public final class StatusFields {
    private StatusFields() {
    }

    /**
     * A {@code progress} entry {@code {id, image}}.
     *
     * @param id the entry's {@code id} as text, or {@code null} when it has none
     * @param image the entry's {@code image}, or {@code null}
     * @param position the entry's place in the array, from 1; names a frame without an id ({@code frame3})
     * @return the frame, or {@code null} when the entry has no image (it is skipped)
     */
    public static Frame frame(String id, String image, int position) {
        if (image == null) {
            return null;
        }
        return Frame.of(id != null ? id : "frame" + position, image);
    }

    /**
     * A {@code result} array entry {@code {type, content}}.
     *
     * @param type the entry's {@code type}, or {@code null}
     * @param content the entry's {@code content}, or {@code null}
     * @return the item, or {@code null} when either is missing (the entry is skipped)
     */
    public static ResultItem result(String type, String content) {
        return type != null && content != null ? ResultItem.of(type, content) : null;
    }

    /**
     * The result type a field of {@code result} as an object stands for (the documentation's prose shape
     * {@code {"video_url": ..., "error": ...}}).
     *
     * @param field the field's name
     * @return {@link ResultItem#VIDEO} for {@code video_url} and {@code video}, {@link ResultItem#TEXT} for
     *     {@code error}, {@code text} and {@code message}; {@code null} for any other field (ignored)
     */
    public static String resultTypeOfField(String field) {
        switch (field) {
            case "video_url":
            case "video":
                return ResultItem.VIDEO;
            case "error":
            case "text":
            case "message":
                return ResultItem.TEXT;
            default:
                return null;
        }
    }

    /**
     * A field of {@code result} as an object, as an item.
     *
     * @param field the field's name
     * @param text its value as text, or {@code null}
     * @return the item, or {@code null} when the field is not a known one or has no text value
     */
    public static ResultItem resultOfField(String field, String text) {
        String type = resultTypeOfField(field);
        return type != null && text != null ? ResultItem.of(type, text) : null;
    }

    /**
     * A {@code consumption} value as a number: a JSON number's text or a string holding one, with surrounding
     * spaces ignored.
     *
     * @param text the value's text, or {@code null}
     * @return the number, or {@code null} when it is not one ({@code NaN}, {@code Infinity}, words)
     */
    public static BigDecimal decimal(String text) {
        if (text == null) {
            return null;
        }
        try {
            return new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * A {@code consumption} entry {@code {type, value, detail}}.
     *
     * @param type the entry's {@code type}, or {@code null}
     * @param value its value, already read as a number, or {@code null}
     * @param detail its {@code detail}, or {@code null}
     * @return the entry, or {@code null} when the type or the value is missing (the entry is skipped)
     */
    public static Consumption consumption(String type, BigDecimal value, String detail) {
        return type != null && value != null ? Consumption.of(type, value, detail) : null;
    }

    /**
     * Whether a {@code task_id} read from JSON names a task: present and not blank.
     *
     * @param taskId the value as text, or {@code null}
     * @return {@code true} when it can be the task's id
     */
    public static boolean isTaskId(String taskId) {
        return taskId != null && !taskId.trim().isEmpty();
    }
}
