package cn.scenext.core.internal.http;

import cn.scenext.api.exception.ScenextException;
import java.time.Duration;

/**
 * What one attempt of a call came to: the decoded value, or the failure with the {@code Retry-After} its
 * response carried.
 *
 * @param <T> what the call returns
 */
final class Outcome<T> {
    final T value;
    final ScenextException failure;
    final Duration retryAfter;

    private Outcome(T value, ScenextException failure, Duration retryAfter) {
        this.value = value;
        this.failure = failure;
        this.retryAfter = retryAfter;
    }

    static <T> Outcome<T> success(T value) {
        return new Outcome<>(value, null, null);
    }

    static <T> Outcome<T> failure(ScenextException failure, Duration retryAfter) {
        return new Outcome<>(null, failure, retryAfter);
    }

    boolean isSuccess() {
        return failure == null;
    }
}
