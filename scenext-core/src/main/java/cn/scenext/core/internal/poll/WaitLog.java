package cn.scenext.core.internal.poll;

import cn.scenext.api.TaskId;
import cn.scenext.core.internal.http.Redactor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The log lines of a {@link PollingWait}, under its logger's name, with the API key redacted from every message. */
final class WaitLog {
    private static final Logger LOG = LoggerFactory.getLogger(PollingWait.class);

    private WaitLog() {
    }

    /** The same unclassified failure came too often in a row: the wait ends with it. */
    static void endsWithRepeated(TaskId taskId, int repeats, Throwable failure, Redactor redactor) {
        if (LOG.isInfoEnabled()) {
            LOG.info("Polling task {} failed {} times in a row with the same error; the wait ends with it: {}",
                    taskId, repeats, redactor.redact(failure.getMessage()));
        }
    }

    /** A poll failed and the wait polls again. */
    static void goesOn(TaskId taskId, Throwable failure, Redactor redactor) {
        if (LOG.isInfoEnabled()) {
            LOG.info("Polling task {} failed; the wait goes on: {}", taskId, redactor.redact(failure.getMessage()));
        }
    }

    /** Whether the reason of a refresh fallback is worth building. */
    static boolean isInfoEnabled() {
        return LOG.isInfoEnabled();
    }

    /** The full status could not be read after a pushed end: the wait ends with the pushed status. */
    static void refreshFallback(TaskId taskId, String why) {
        LOG.info("Reading the full status of task {} after its webhook did not succeed ({}); the wait ends with "
                + "the webhook's status", taskId, why);
    }
}
