package cn.scenext.api.internal;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** The one unwrapping of the wrappers futures put around a failure, for every module of the project. */
public final class Futures {
    private Futures() {
    }

    /**
     * The failure inside any number of {@link CompletionException}s and {@link ExecutionException}s; a wrapper
     * without a cause is returned as it is.
     *
     * @param failure a failure as a future reports it
     * @return the failure itself
     */
    public static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
