package cn.scenext.core.testing;

import java.util.concurrent.CompletionException;

/** The failure of an asynchronous result, for assertions. */
public final class Failures {
    private Failures() {
    }

    /**
     * What an action that joins a future threw.
     *
     * @param run the action, e.g. {@code future::join}
     * @return the cause of the {@link CompletionException} it threw
     * @throws AssertionError when it threw nothing
     */
    public static Throwable failureOf(Runnable run) {
        try {
            run.run();
        } catch (CompletionException e) {
            return e.getCause();
        }
        throw new AssertionError("expected a failure");
    }
}
