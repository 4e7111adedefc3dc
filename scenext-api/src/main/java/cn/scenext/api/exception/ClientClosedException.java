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
}
