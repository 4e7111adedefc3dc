package cn.scenext.api;

import cn.scenext.api.exception.InvalidValueException;
import java.io.Serializable;

/**
 * The id of a Scenext task, as returned by task creation. Any non-blank string the service hands out is a
 * valid id; the client percent-encodes it when it goes into a URL.
 */
public final class TaskId implements Serializable, Comparable<TaskId> {
    private static final long serialVersionUID = 1L;

    private final String value;

    private TaskId(String value) {
        this.value = value;
    }

    /**
     * Wraps a task id.
     *
     * @param value the id, as the service returned it
     * @return the task id
     * @throws InvalidValueException when the value is null, blank, or made only of dots (which no HTTP
     *     library sends as a path segment: {@code ..} would address the parent path)
     */
    public static TaskId of(String value) {
        if (value == null || Strings.isBlank(value)) {
            throw new InvalidValueException("taskId", "A task id must be a non-blank string, got "
                    + (value == null ? "null" : "\"" + value + "\"") + ".");
        }
        if (value.replace(".", "").isEmpty()) {
            throw new InvalidValueException("taskId", "\"" + value + "\" cannot be a task id: a path segment of "
                    + "dots only would address another path.");
        }
        return new TaskId(value);
    }

    /**
     * The id as the service returned it.
     *
     * @return the raw id
     */
    public String value() {
        return value;
    }

    @Override
    public int compareTo(TaskId other) {
        return value.compareTo(other.value);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof TaskId && value.equals(((TaskId) o).value));
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /**
     * The raw id, so that a task id prints as itself.
     *
     * @return {@link #value()}
     */
    @Override
    public String toString() {
        return value;
    }
}
