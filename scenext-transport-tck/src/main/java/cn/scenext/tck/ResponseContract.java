package cn.scenext.tck;

import static cn.scenext.tck.Contract.await;
import static cn.scenext.tck.Contract.bodyOf;
import static cn.scenext.tck.Contract.get;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import cn.scenext.api.transport.HttpRequest;
import cn.scenext.api.transport.HttpResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What comes back: every status as a response, headers as received, bytes as sent, redirects unfollowed,
 * synchronous bodies streamed and asynchronous ones buffered.
 */
public interface ResponseContract extends ContractFixture {

    private void respond(int status, String body) {
        wireMock().stubFor(any(anyUrl()).willReturn(aResponse().withStatus(status).withBody(body)
                .withHeader("Content-Type", "text/plain; charset=utf-8")));
    }

    /** Every status from 2xx to 5xx comes back as a response with its body, never as an exception. */
    @ParameterizedTest
    @ValueSource(ints = {200, 201, 202, 400, 401, 403, 404, 408, 409, 422, 429, 500, 502, 503, 504})
    default void statusIsReturnedUntouched(int status) {
        respond(status, "{\"status\":\"error\",\"data\":{\"messages\":\"status " + status + "\"}}");

        HttpResponse response = transport().execute(get(url("/api/get_status/s")));

        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(new String(bodyOf(response), StandardCharsets.UTF_8))
                .isEqualTo("{\"status\":\"error\",\"data\":{\"messages\":\"status " + status + "\"}}");
    }

    /** The same holds for asynchronous calls. */
    @ParameterizedTest
    @ValueSource(ints = {200, 201, 202, 400, 401, 403, 404, 408, 409, 422, 429, 500, 502, 503, 504})
    default void statusIsReturnedUntouchedAsync(int status) {
        respond(status, "body " + status);

        HttpResponse response = await(transport().executeAsync(get(url("/api/get_status/s"))));

        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(new String(bodyOf(response), StandardCharsets.UTF_8)).isEqualTo("body " + status);
    }

    /** A 204 comes back with an empty body. */
    @Test
    default void noContentHasAnEmptyBody() {
        wireMock().stubFor(any(anyUrl()).willReturn(aResponse().withStatus(204)));

        HttpResponse response = transport().execute(get(url("/nothing")));

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(bodyOf(response)).isEmpty();
    }

    /** A repeated header keeps every value in order, and names are found in any case. */
    @Test
    default void responseHeadersAreMultiValuedAndCaseInsensitive() {
        wireMock().stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("h")
                .withHeader("X-Multi", "first", "second", "third")
                .withHeader("X-Request-Id", "r-42")));

        HttpResponse response = transport().execute(get(url("/headers")));
        bodyOf(response);

        assertThat(response.headers().allValues("x-multi")).containsExactly("first", "second", "third");
        assertThat(response.headers().firstValue("X-MULTI")).hasValue("first");
        assertThat(response.headers().firstValue("x-request-id")).hasValue("r-42");
        assertThat(response.headers().contains("X-Absent")).isFalse();
    }

    /** A redirect is returned as it is, with its {@code Location}; the target is never requested. */
    @ParameterizedTest
    @ValueSource(ints = {301, 302, 303, 307, 308})
    default void redirectIsReturnedNotFollowed(int status) {
        wireMock().stubFor(any(urlPathEqualTo("/from")).willReturn(aResponse().withStatus(status)
                .withHeader("Location", url("/to").toString()).withBody("moved")));
        wireMock().stubFor(any(urlPathEqualTo("/to")).willReturn(aResponse().withStatus(200).withBody("target")));

        HttpResponse sync = transport().execute(get(url("/from")));
        HttpResponse async = await(transport().executeAsync(get(url("/from"))));

        for (HttpResponse response : Arrays.asList(sync, async)) {
            assertThat(response.statusCode()).isEqualTo(status);
            assertThat(response.headers().firstValue("Location")).hasValue(url("/to").toString());
            assertThat(bodyOf(response)).isEqualTo("moved".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(wireMock().findAll(anyRequestedFor(urlPathEqualTo("/to")))).isEmpty();
    }

    /**
     * A compressed response comes back compressed, byte for byte, with its {@code Content-Encoding} and
     * {@code Content-Length}: no transparent decompression, so lengths and ranges mean what they say.
     */
    @Test
    default void compressedBodyIsNotDecompressed() throws IOException {
        byte[] gzip = gzip("the same words again and again and again".getBytes(StandardCharsets.UTF_8));
        wireMock().stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody(gzip)
                .withHeader("Content-Encoding", "gzip")
                .withHeader("Content-Length", String.valueOf(gzip.length))));
        HttpRequest request = HttpRequest.builder().get(url("/gz")).header("Accept-Encoding", "gzip").build();

        HttpResponse sync = transport().execute(request);
        HttpResponse async = await(transport().executeAsync(request));

        for (HttpResponse response : Arrays.asList(sync, async)) {
            assertThat(response.headers().firstValue("Content-Encoding")).hasValue("gzip");
            assertThat(response.headers().firstValue("Content-Length")).hasValue(String.valueOf(gzip.length));
            assertThat(bodyOf(response)).isEqualTo(gzip);
        }
    }

    private static byte[] gzip(byte[] plain) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(plain);
        }
        return out.toByteArray();
    }

    /** A {@code Range} header goes out as given, and the 206 comes back with its {@code Content-Range}. */
    @Test
    default void rangeRequestGetsPartialContentIntact() {
        wireMock().stubFor(any(anyUrl()).willReturn(aResponse().withStatus(206).withBody("0123456789")
                .withHeader("Content-Range", "bytes 10-19/100")
                .withHeader("Content-Length", "10")));

        HttpResponse response = transport().execute(HttpRequest.builder().get(url("/video.mp4"))
                .header("Range", "bytes=10-19").build());

        assertThat(response.statusCode()).isEqualTo(206);
        assertThat(response.headers().firstValue("Content-Range")).hasValue("bytes 10-19/100");
        assertThat(response.body().contentLength()).hasValue(10);
        assertThat(bodyOf(response)).isEqualTo("0123456789".getBytes(StandardCharsets.UTF_8));
        assertThat(wireMock().findAll(anyRequestedFor(anyUrl())).get(0).getHeader("Range")).isEqualTo("bytes=10-19");
    }

    /**
     * A synchronous body streams: {@code execute} returns while the server still holds back most of a 64 MiB
     * body (it sends the rest only once the client has read the first bytes), and reading it through counts
     * every byte. A transport that buffered the body would never return.
     */
    @Test
    default void syncBodyStreamsWhileTheServerIsStillSending() throws Exception {
        long total = 64L << 20;
        int firstPart = 1 << 16;
        CountDownLatch clientReadFirstBytes = new CountDownLatch(1);
        LoopbackServer server = closeAfterTest(LoopbackServer.start(c -> {
            c.readRequest();
            c.writeHead(200, "Content-Length: " + total, "Content-Type: video/mp4");
            byte[] chunk = new byte[1 << 16];
            Arrays.fill(chunk, (byte) 'v');
            c.write(Arrays.copyOf(chunk, firstPart));
            if (!clientReadFirstBytes.await(Contract.HANG_GUARD.toMillis(), TimeUnit.MILLISECONDS)) {
                return; // the client never got to read: the test fails on its side
            }
            for (long sent = firstPart; sent < total; sent += chunk.length) {
                c.write(chunk);
            }
        }));

        long counted = 0;
        try (HttpResponse response = transport().execute(get(server.url("/video.mp4")))) {
            assertThat(response.body().isBuffered()).isFalse();
            assertThat(response.body().contentLength()).hasValue(total);
            InputStream in = response.body().stream();
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = in.read(buffer)) != -1) {
                counted += n;
                clientReadFirstBytes.countDown();
            }
        }
        assertThat(counted).isEqualTo(total);
    }

    /** An asynchronous response arrives with its body already in memory. */
    @Test
    default void asyncBodyIsBufferedInFull() {
        byte[] body = new byte[300_000];
        Arrays.fill(body, (byte) 'a');
        wireMock().stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody(body)));

        HttpResponse response = await(transport().executeAsync(get(url("/async"))));

        assertThat(response.body().isBuffered()).isTrue();
        assertThat(bodyOf(response)).isEqualTo(body);
    }
}
