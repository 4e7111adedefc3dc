package cn.scenext.apache;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.core5.http.ClassicHttpResponse;

/**
 * A response body that gives its connection back to the pool when read to the end, and aborts the exchange
 * (closing the connection) when closed before: HttpClient would otherwise read the rest of the body, however
 * large, just to reuse the connection.
 */
final class AbortOnEarlyClose extends FilterInputStream {
    private final HttpUriRequestBase request;
    private final ClassicHttpResponse response;
    private boolean ended;
    private boolean closed;

    AbortOnEarlyClose(InputStream body, HttpUriRequestBase request, ClassicHttpResponse response) {
        super(body);
        this.request = request;
        this.response = response;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        ended |= b == -1;
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        ended |= n == -1;
        return n;
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
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
