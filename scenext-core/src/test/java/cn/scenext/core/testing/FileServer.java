package cn.scenext.core.testing;

import cn.scenext.testsupport.server.MockResponse;
import cn.scenext.testsupport.server.MockServer;
import cn.scenext.testsupport.server.RecordedRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small object store on the shared loopback {@link MockServer}, serving one file at any path: it can cut its
 * responses short mid-body and honour or ignore {@code Range}; each request's {@code Range} and
 * {@code Authorization} are read back from the server's request log.
 */
public final class FileServer implements AutoCloseable {
    private final byte[] content;
    private final MockServer server = MockServer.start();
    private final AtomicInteger cutsLeft = new AtomicInteger();
    private volatile int cutAt;
    private volatile boolean honourRange = true;

    /**
     * Starts a server for some content.
     *
     * @param content the file
     */
    public FileServer(byte[] content) {
        this.content = content.clone();
        server.dispatcher(this::respond);
    }

    /**
     * Cuts the next responses after some bytes of their body, closing the connection.
     *
     * @param responses how many responses to cut
     * @param afterBytes how many body bytes each sends first
     * @return this server
     */
    public FileServer cut(int responses, int afterBytes) {
        this.cutAt = afterBytes;
        this.cutsLeft.set(responses);
        return this;
    }

    /**
     * Makes the server ignore {@code Range}, always responding 200 with the whole file.
     *
     * @return this server
     */
    public FileServer ignoringRange() {
        this.honourRange = false;
        return this;
    }

    /**
     * The URL of the file.
     *
     * @param path e.g. {@code /video.mp4?Expires=...}
     * @return the URL
     */
    public String url(String path) {
        return server.url(path);
    }

    /**
     * The {@code Range} of each request so far, {@code "none"} where absent.
     *
     * @return the values, in order
     */
    public List<String> ranges() {
        return headerOfEach("Range");
    }

    /**
     * The {@code Authorization} of each request so far, {@code "none"} where absent.
     *
     * @return the values, in order
     */
    public List<String> authorizations() {
        return headerOfEach("Authorization");
    }

    private List<String> headerOfEach(String name) {
        List<String> values = new ArrayList<>();
        for (RecordedRequest r : server.requests()) {
            String v = r.header(name);
            values.add(v == null ? "none" : v);
        }
        return values;
    }

    private MockResponse respond(RecordedRequest request) {
        String range = request.header("Range");
        int start = 0;
        MockResponse response = MockResponse.status(200);
        if (range != null && honourRange) {
            start = Integer.parseInt(range.substring("bytes=".length(), range.indexOf('-')));
            response = MockResponse.status(start > 0 ? 206 : 200)
                    .withHeader("Content-Range", "bytes " + start + "-" + (content.length - 1) + "/" + content.length);
        }
        int length = content.length - start;
        response = response.withHeader("ETag", "\"v1\"").withBody(Arrays.copyOfRange(content, start, content.length));
        if (cutsLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0 && cutAt < length) {
            response = response.withBodyCutAfter(cutAt); // fewer bytes than announced: the server drops the connection
        }
        return response;
    }

    @Override
    public void close() {
        server.close();
    }
}
