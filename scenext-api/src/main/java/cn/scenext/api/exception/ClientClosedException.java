package cn.scenext.api.exception;

/**
 * The client was closed: the call could not start, or a wait was still running when {@link AutoCloseable#close()}
 * was called. The task, if one was created, goes on running on the server.
 */
public class ClientClosedException extends ScenextException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was interrupted by the close
     */
    public ClientClosedException(String message) {
        super(message);
    }

    /**
     * Creates the exception with details, e.g. the mark of a task creation whose request was in flight when
     * the client closed ({@link ErrorDetails#withTaskMayHaveBeenCreated()}).
     *
     * @param message what was interrupted by the close
     * @param details the details, or {@code null} for none
     */
    public ClientClosedException(String message, ErrorDetails details) {
        super(message, null, details);
    }
}
