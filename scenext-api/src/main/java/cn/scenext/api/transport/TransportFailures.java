package cn.scenext.api.transport;

import cn.scenext.api.exception.ResponseTooLargeException;
import cn.scenext.api.exception.TransportException;
import cn.scenext.api.exception.TransportException.Reason;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import javax.net.ssl.SSLHandshakeException;

/**
 * Turns an HTTP library's exception into a {@link TransportException} with the right {@link Reason}, the
 * same way for every transport. Transports call it for every failure of an exchange.
 */
public final class TransportFailures {
    private TransportFailures() {
    }

    /**
     * Classifies a failure by the exceptions in its cause chain.
     *
     * @param failure what the library threw
     * @return {@link Reason#CONNECT_FAILED} or {@link Reason#CONNECT_TIMEOUT} when no connection was made
     *     (so the request was not sent), {@link Reason#READ_TIMEOUT}, {@link Reason#CALL_TIMEOUT},
     *     {@link Reason#CANCELLED}, or {@link Reason#IO_ERROR} for anything after the connection was made; the
     *     reason of a {@link TransportException} in the chain (e.g. from {@link #callTimedOut}) wins
     */
    public static Reason classify(Throwable failure) {
        TransportException known = find(failure);
        if (known != null) {
            return known.reason();
        }
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 16; t = t.getCause(), depth++) {
            String className = t.getClass().getName();
            if (className.endsWith("ConnectTimeoutException")) {
                // java.net.http.HttpConnectTimeoutException, org.apache.hc.client5.http.ConnectTimeoutException
                return Reason.CONNECT_TIMEOUT;
            }
            if (t instanceof UnknownHostException || t instanceof ConnectException
                    || t instanceof NoRouteToHostException || t instanceof PortUnreachableException
                    || t instanceof SSLHandshakeException) {
                return Reason.CONNECT_FAILED;
            }
            if (t instanceof SocketTimeoutException) {
                String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
                return m.contains("connect") ? Reason.CONNECT_TIMEOUT : Reason.READ_TIMEOUT;
            }
            if (className.equals("java.net.http.HttpTimeoutException")) {
                return Reason.READ_TIMEOUT;
            }
            if (t instanceof InterruptedIOException && String.valueOf(t.getMessage()).equals("timeout")) {
                return Reason.CALL_TIMEOUT; // OkHttp's call timeout; its socket timeouts are SocketTimeoutExceptions
            }
            if (t instanceof InterruptedIOException) {
                String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
                return m.contains("timeout") || m.contains("timed out") ? Reason.READ_TIMEOUT : Reason.CANCELLED;
            }
            if (t instanceof InterruptedException || t instanceof java.util.concurrent.CancellationException) {
                return Reason.CANCELLED;
            }
        }
        return Reason.IO_ERROR;
    }

    /**
     * The transport exception for a failed exchange.
     *
     * @param transportName the transport's name, e.g. {@code okhttp}
     * @param request the request that failed
     * @param failure what the library threw
     * @return the exception, naming the method, host and kind of failure
     */
    public static TransportException of(String transportName, HttpRequest request, Throwable failure) {
        TransportException known = find(failure);
        if (known != null) {
            return known;
        }
        Reason reason = classify(failure);
        return new TransportException(reason, describe(reason) + " on " + request.method() + " "
                + origin(request.uri()) + " (" + transportName + "): " + failure, failure);
    }

    /**
     * The transport exception for a request made after the transport was closed: the request was not sent.
     *
     * @param transportName the transport's name, e.g. {@code jdk}
     * @param request the request refused
     * @return a {@link Reason#CANCELLED} exception naming the method and host
     */
    public static TransportException closed(String transportName, HttpRequest request) {
        return new TransportException(Reason.CANCELLED, "The " + transportName + " transport is closed; "
                + request.method() + " " + origin(request.uri()) + " was not sent", null);
    }

    /**
     * The failure of an exchange that ran past its call timeout.
     *
     * @param transportName the transport's name
     * @param request the request that timed out
     * @param timeout the limit it ran past
     * @return a {@link Reason#CALL_TIMEOUT} exception naming the method and host
     */
    public static TransportException callTimedOut(String transportName, HttpRequest request, Duration timeout) {
        return callTimedOut(transportName, request, timeout, null);
    }

    /**
     * The failure of an exchange that ran past its call timeout, as the HTTP library reported it.
     *
     * @param transportName the transport's name
     * @param request the request that timed out
     * @param timeout the limit it ran past
     * @param cause what the library threw, or {@code null}
     * @return a {@link Reason#CALL_TIMEOUT} exception naming the method and host
     */
    public static TransportException callTimedOut(String transportName, HttpRequest request, Duration timeout,
            Throwable cause) {
        return new TransportException(Reason.CALL_TIMEOUT, "Call timed out after " + timeout.toMillis() + " ms on "
                + request.method() + " " + origin(request.uri()) + " (" + transportName + ")", cause);
    }

    /**
     * The same failure as an {@link InterruptedIOException}, for a body stream to throw; {@link #classify} and
     * {@link #of} find the {@link TransportException} in it.
     *
     * @param transportName the transport's name
     * @param request the request that timed out
     * @param timeout the limit it ran past
     * @return an exception whose cause is the {@link Reason#CALL_TIMEOUT} exception
     */
    public static InterruptedIOException callTimedOutIo(String transportName, HttpRequest request, Duration timeout) {
        TransportException e = callTimedOut(transportName, request, timeout);
        InterruptedIOException io = new InterruptedIOException(e.getMessage());
        io.initCause(e);
        return io;
    }

    /**
     * The failure for a response body larger than a transport buffers.
     *
     * @param transportName the transport's name
     * @param request the request the response is for
     * @param limit the most bytes buffered
     * @param what what the body did, e.g. {@code announces 104857600 bytes}
     * @return the exception, naming the method and host
     */
    public static ResponseTooLargeException tooLarge(String transportName, HttpRequest request, long limit,
            String what) {
        return new ResponseTooLargeException("The response to " + request.method() + " " + origin(request.uri())
                + " (" + transportName + ") " + what + ", more than the " + limit + " bytes buffered; aborted",
                limit);
    }

    /**
     * The call timeout a request runs under: its own ({@link HttpRequest#timeout()}), else the options'.
     *
     * @param request the request
     * @param options the transport's options
     * @return the limit; {@link Duration#ZERO} for none
     */
    public static Duration callTimeout(HttpRequest request, TransportOptions options) {
        return request.timeout().orElse(options.callTimeout());
    }

    private static TransportException find(Throwable failure) {
        return findCause(failure, TransportException.class);
    }

    /**
     * The first exception of a type in a failure's cause chain, the failure itself included.
     *
     * @param failure the failure
     * @param type the type looked for
     * @param <T> that type
     * @return the exception, or {@code null} when the chain (followed 16 deep) holds none
     */
    public static <T extends Throwable> T findCause(Throwable failure, Class<T> type) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 16; t = t.getCause(), depth++) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static String origin(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "");
    }

    private static String describe(Reason reason) {
        switch (reason) {
            case CONNECT_FAILED:
                return "Could not connect";
            case CONNECT_TIMEOUT:
                return "Connect timed out";
            case READ_TIMEOUT:
                return "Read timed out";
            case CALL_TIMEOUT:
                return "Call timed out";
            case CANCELLED:
                return "Cancelled";
            default:
                return "Connection failed";
        }
    }
}
