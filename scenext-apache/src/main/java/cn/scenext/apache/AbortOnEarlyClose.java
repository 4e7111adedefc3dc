package cn.scenext.apache;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.function.Supplier;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.core5.http.ClassicHttpResponse;

/**
 * A response body that gives its connection back to the pool when read to the end, and aborts the exchange
 * (closing the connection) when closed before: HttpClient would otherwise read the rest of the body, however
 * large, just to reuse the connection. A read that fails because the exchange ran past its call timeout (and
 * was aborted for it) fails as the timeout it is.
 */
final class AbortOnEarlyClose extends FilterInputStream {
    private final HttpUriRequestBase request;
    private final ClassicHttpResponse response;
    private final ApacheTransport.Deadline deadline;
    private final Supplier<InterruptedIOException> timedOut;
    private boolean ended;
    private boolean closed;

    AbortOnEarlyClose(InputStream body, HttpUriRequestBase request, ClassicHttpResponse response,
            ApacheTransport.Deadline deadline, Supplier<InterruptedIOException> timedOut) {
        super(body);
        this.request = request;
        this.response = response;
        this.deadline = deadline;
        this.timedOut = timedOut;
    }

    @Override
    public int read() throws IOException {
        checkDeadline();
        int b;
        try {
            b = super.read();
        } catch (IOException e) {
            throw deadline.fired() ? timedOut.get() : e;
        }
        ended |= b == -1;
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        checkDeadline();
        int n;
        try {
            n = super.read(b, off, len);
        } catch (IOException e) {
            throw deadline.fired() ? timedOut.get() : e;
        }
        ended |= n == -1;
        if (ended) {
            deadline.cancel();
        }
        return n;
    }

    private void checkDeadline() throws InterruptedIOException {
        if (deadline.fired() && !ended) {
            throw timedOut.get();
        }
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        deadline.cancel();
        if (!ended) {
            request.cancel();
        }
        try {
            response.close();
        } catch (IOException e) {
            if (ended) {
                throw e;
            }
            // aborted: the connection is gone anyway
        }
    }
}
