package cn.scenext.api.transport;

import cn.scenext.api.exception.TransportException;
import cn.scenext.api.exception.TransportException.Reason;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
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
     *     (so the request was not sent), {@link Reason#READ_TIMEOUT}, {@link Reason#CANCELLED}, or
     *     {@link Reason#IO_ERROR} for anything after the connection was made
     */
    public static Reason classify(Throwable failure) {
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
        if (failure instanceof TransportException) {
            return (TransportException) failure;
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
            case CANCELLED:
                return "Cancelled";
            default:
                return "Connection failed";
        }
    }
}
