package cn.scenext.examples.cli;

import cn.scenext.api.exception.AuthenticationException;
import cn.scenext.api.exception.ConfigurationException;
import cn.scenext.api.exception.DownloadException;
import cn.scenext.api.exception.InvalidValueException;
import cn.scenext.api.exception.JournalException;
import cn.scenext.api.exception.TaskFailedException;
import cn.scenext.api.exception.TaskNotFoundException;
import cn.scenext.api.exception.ValidationException;
import cn.scenext.api.exception.WaitTimeoutException;
import cn.scenext.api.exception.WebhookVerificationException;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The command line's exit codes, as documented in the README. */
enum ExitCode {
    /** Success. */
    SUCCESS(0),
    /** The task FAILED; a webhook signature is invalid. */
    FAILED(1),
    /**
     * Usage or validation error: the SDK refused the input and nothing was sent, or the service refused the
     * request as invalid (HTTP 400/422: its validator named the field and said why).
     */
    USAGE(2),
    /** Authentication failed. */
    AUTHENTICATION(3),
    /** Task not found: the service knows no task with this id (unknown, mistyped, or not a UUID). */
    NOT_FOUND(4),
    /** The wait timed out. */
    TIMEOUT(5),
    /** Network, server or protocol error after retries. */
    NETWORK(6),
    /** A local problem: a file that cannot be read or written, a port in use. */
    LOCAL(7),
    /** {@code scenext batch}: rows not finished in this run (INCOMPLETE); the same command again resumes them. */
    BATCH_INCOMPLETE(8),
    /**
     * {@code scenext batch}: every row ended, but some creations' outcome is unknown (UNKNOWN): check, then run
     * again with {@code --recreate-unknown} to create them anyway.
     */
    BATCH_UNKNOWN(9);

    final int code;

    ExitCode(int code) {
        this.code = code;
    }

    static ExitCode of(Throwable e) {
        if (e instanceof UsageException || e instanceof InvalidValueException || e instanceof ValidationException
                || e instanceof ConfigurationException) {
            return USAGE;
        }
        if (e instanceof LocalProblemException || e instanceof IOException || e instanceof UncheckedIOException
                || e instanceof JournalException) {
            return LOCAL;
        }
        if (e instanceof DownloadException) {
            DownloadException.Reason reason = ((DownloadException) e).reason();
            if (reason == DownloadException.Reason.TARGET_EXISTS || reason == DownloadException.Reason.BAD_TARGET) {
                return USAGE;
            }
            if (reason == DownloadException.Reason.WRITE_FAILED) {
                return LOCAL;
            }
        }
        if (e instanceof AuthenticationException) {
            return AUTHENTICATION;
        }
        if (e instanceof TaskNotFoundException) {
            return NOT_FOUND;
        }
        if (e instanceof WaitTimeoutException) {
            return TIMEOUT;
        }
        if (e instanceof TaskFailedException || e instanceof WebhookVerificationException) {
            return FAILED;
        }
        return NETWORK;
    }
}
