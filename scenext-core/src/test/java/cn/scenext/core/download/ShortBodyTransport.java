package cn.scenext.core.download;

import cn.scenext.api.transport.HttpHeaders;
import cn.scenext.api.transport.HttpRequest;
import cn.scenext.api.transport.HttpResponse;
import cn.scenext.api.transport.ResponseBody;
import cn.scenext.api.transport.Transport;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * An in-memory object store whose responses announce the full length but end cleanly after a chunk, as a
 * transport that does not check {@code Content-Length} would hand them over; it honours {@code Range}.
 */
final class ShortBodyTransport implements Transport {
    private final byte[] content;
    private final int chunk;
    private final List<String> ranges = new ArrayList<>();

    ShortBodyTransport(byte[] content, int chunk) {
        this.content = content.clone();
        this.chunk = chunk;
    }

    synchronized List<String> ranges() {
        return new ArrayList<>(ranges);
    }

    @Override
    public synchronized HttpResponse execute(HttpRequest request) {
        String range = request.headers().firstValue("Range").orElse(null);
        ranges.add(range == null ? "none" : range);
        int start = range == null ? 0 : Integer.parseInt(range.replaceAll("\\D", ""));
        int length = content.length - start;
        int sent = Math.min(chunk, length);
        HttpHeaders.Builder headers = HttpHeaders.builder().add("Content-Length", String.valueOf(length));
        if (start > 0) {
            headers.add("Content-Range", "bytes " + start + "-" + (content.length - 1) + "/" + content.length);
        }
        ResponseBody body = ResponseBody.of(new ByteArrayInputStream(content, start, sent), length, null);
        return HttpResponse.of(start > 0 ? 206 : 200, headers.build(), body);
    }

    @Override
    public CompletableFuture<HttpResponse> executeAsync(HttpRequest request) {
        return CompletableFuture.completedFuture(execute(request));
    }

    @Override
    public String name() {
        return "short-body";
    }

    @Override
    public void close() {
    }
}
