package cn.scenext.apache;

import cn.scenext.api.exception.ResponseTooLargeException;
import cn.scenext.api.transport.BoundedBuffer;
import cn.scenext.api.transport.HttpHeaders;
import cn.scenext.api.transport.HttpRequest;
import cn.scenext.api.transport.HttpResponse;
import cn.scenext.api.transport.ResponseBody;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.hc.client5.http.async.methods.AbstractBinResponseConsumer;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;

/**
 * Collects an asynchronous response in memory up to a limit, in place of HttpClient's unbounded
 * {@code SimpleResponseConsumer}. A body announced or arriving beyond the limit fails the exchange with an
 * {@link IOException} carrying a {@link ResponseTooLargeException}: HttpClient then discards the connection and
 * the I/O reactor carries on, where an unbounded body would exhaust the heap and stop the reactor for good.
 */
final class BoundedResponseConsumer extends AbstractBinResponseConsumer<HttpResponse> {
    private final HttpRequest request;
    private final long limit;
    private int status;
    private HttpHeaders headers;
    private BoundedBuffer body;

    BoundedResponseConsumer(HttpRequest request, long limit) {
        this.request = request;
        this.limit = limit;
    }

    @Override
    protected void start(org.apache.hc.core5.http.HttpResponse response, ContentType contentType) throws IOException {
        status = response.getCode();
        headers = ApacheTransport.headers(response.getHeaders());
        long announced = -1;
        Header length = response.getFirstHeader("Content-Length");
        if (length != null) {
            try {
                announced = Long.parseLong(length.getValue().trim());
            } catch (NumberFormatException e) {
                announced = -1; // HttpClient itself rejects a malformed length
            }
        }
        try {
            body = BoundedBuffer.start(ApacheTransportProvider.NAME, request, limit, announced);
        } catch (ResponseTooLargeException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    protected int capacityIncrement() {
        return Integer.MAX_VALUE;
    }

    @Override
    protected void data(ByteBuffer src, boolean endOfStream) throws IOException {
        if (!body.add(src)) {
            throw body.tooLarge(ApacheTransportProvider.NAME, request);
        }
    }

    @Override
    protected HttpResponse buildResult() {
        return HttpResponse.of(status, headers, ResponseBody.of(body.toByteArray()));
    }

    @Override
    public void releaseResources() {
        // nothing pooled: the buffer goes with this consumer
    }
}
