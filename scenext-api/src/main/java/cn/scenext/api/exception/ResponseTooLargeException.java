package cn.scenext.api.exception;

/**
 * A transport refused to hold a response body in memory because it is larger than
 * {@link cn.scenext.api.transport.TransportOptions#maxBufferedBodyBytes()}, announced or as it arrived. The
 * exchange was aborted and its connection released; the transport stays usable. The client turns it into a
 * {@link ProtocolException}: a response that large is not the Scenext API's.
 */
public class ResponseTooLargeException extends TransportException {
    private static final long serialVersionUID = 1L;

    private final long limit;

    /**
     * Creates the exception.
     *
     * @param message what was refused, naming the host (never the API key)
     * @param limit the largest body the transport would buffer, in bytes
     */
    public ResponseTooLargeException(String message, long limit) {
        super(Reason.IO_ERROR, message, null);
        this.limit = limit;
    }

    /**
     * The largest body the transport would buffer.
     *
     * @return the limit in bytes
     */
    public long limit() {
        return limit;
    }
}
