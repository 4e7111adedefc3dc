package cn.scenext.core.internal.poll;

import cn.scenext.api.TaskId;
import java.util.Locale;

/**
 * Which task an id names, for matching pushed statuses to waits: a UUID in any letter case names the same task
 * (the service looks ids up as PostgreSQL {@code uuid}s and echoes them as asked, so a wait on
 * {@code ED6E7BAE-...} and an event for {@code ed6e7bae-...} are one task); any other id is matched exactly.
 */
public final class TaskKey {
    private TaskKey() {
    }

    /**
     * The key of a task id.
     *
     * @param taskId the id
     * @return the UUID in lower case, or the id as it is
     */
    public static String of(TaskId taskId) {
        String v = taskId.value();
        return isUuid(v) ? v.toLowerCase(Locale.ROOT) : v;
    }

    private static boolean isUuid(String v) {
        if (v.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = v.charAt(i);
            boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
            if (dash ? c != '-' : !isHexDigit(c)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isHexDigit(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
