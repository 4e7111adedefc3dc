package cn.scenext.tck;

import static cn.scenext.tck.Contract.bodyOf;
import static cn.scenext.tck.Contract.get;
import static cn.scenext.tck.Contract.post;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import cn.scenext.api.transport.HttpRequest;
import cn.scenext.api.transport.HttpResponse;
import cn.scenext.api.transport.Transport;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What goes out: methods, headers, bodies, the user agent, the path and the proxy, exactly as asked.
 */
public interface RequestContract extends ContractFixture {

    private LoggedRequest onlyRequest() {
        List<LoggedRequest> requests = wireMock().findAll(com.github.tomakehurst.wiremock.client.WireMock
                .anyRequestedFor(anyUrl()));
        assertThat(requests).hasSize(1);
        return requests.get(0);
    }

    private void respondToEverything(String body) {
        wireMock().stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody(body)));
    }

    /** A GET carries its headers, each value of a repeated one in order, and brings back the body. */
    @Test
    default void getSendsHeadersAndReturnsBody() {
        respondToEverything("körper ✓");
        HttpRequest request = HttpRequest.builder().get(url("/api/get_status/t1"))
                .header("X-Trace", "abc")
                .header("X-Multi", "one")
                .header("X-Multi", "two")
                .build();

        HttpResponse response = transport().execute(request);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(new String(bodyOf(response), StandardCharsets.UTF_8)).isEqualTo("körper ✓");
        LoggedRequest seen = onlyRequest();
        assertThat(seen.getMethod().getName()).isEqualTo("GET");
        assertThat(seen.getHeader("X-Trace")).isEqualTo("abc");
        assertThat(seen.getHeaders().getHeader("X-Multi").values()).containsExactly("one", "two");
        assertThat(seen.getBody()).isEmpty();
    }

    /** A POST's UTF-8 body arrives byte for byte, with its content type exactly as given. */
    @Test
    default void postSendsUtf8BodyWithItsContentType() throws Exception {
        AtomicReference<LoopbackServer.Request> seen = new AtomicReference<>();
        LoopbackServer server = closeAfterTest(LoopbackServer.start(c -> {
            seen.set(c.readRequest().orElseThrow());
            c.respond("{}".getBytes(StandardCharsets.UTF_8));
        }));
        byte[] body = "{\"question\":\"Warum ist der Himmel blau? 为什么天空是蓝色的？ 🚀\"}".getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.builder().post(server.url("/api/gen_video"), body)
                .header("Content-Type", "application/json; charset=utf-8")
                .build();

        assertThat(bodyOf(transport().execute(request))).isEqualTo("{}".getBytes(StandardCharsets.UTF_8));

        assertThat(seen.get().method).isEqualTo("POST");
        assertThat(seen.get().body).isEqualTo(body);
        assertThat(seen.get().header("Content-Type")).hasValue("application/json; charset=utf-8");
        assertThat(seen.get().header("Content-Length")).hasValue(String.valueOf(body.length));
    }

    /** A one-megabyte body goes out and another comes back, both intact. */
    @Test
    default void oneMegabyteBodiesGoAndComeBackIntact() {
        byte[] out = new byte[1 << 20];
        byte[] back = new byte[1 << 20];
        new Random(1).nextBytes(out);
        new Random(2).nextBytes(back);
        wireMock().stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody(back)));

        byte[] received = bodyOf(transport().execute(post(url("/big"), out)));

        assertThat(received).isEqualTo(back);
        assertThat(onlyRequest().getBody()).isEqualTo(out);
    }

    /** A POST with an empty body says so with {@code Content-Length: 0}, and an empty response is empty. */
    @Test
    default void emptyPostBodyAndEmptyResponse() {
        respondToEverything("");

        HttpResponse response = transport().execute(post(url("/empty"), new byte[0]));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(bodyOf(response)).isEmpty();
        LoggedRequest seen = onlyRequest();
        assertThat(seen.getBody()).isEmpty();
        assertThat(seen.getHeader("Content-Length")).isEqualTo("0");
    }

    /** Other methods are sent as named, with their bodies. */
    @ParameterizedTest
    @ValueSource(strings = {"PUT", "PATCH", "DELETE"})
    default void otherMethodsAreSentAsNamed(String method) {
        respondToEverything("done");
        byte[] body = method.equals("DELETE") ? null : "x=1".getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.builder().method(method).uri(url("/thing/1")).body(body).build();

        assertThat(bodyOf(transport().execute(request))).isEqualTo("done".getBytes(StandardCharsets.UTF_8));

        LoggedRequest seen = onlyRequest();
        assertThat(seen.getMethod().getName()).isEqualTo(method);
        assertThat(seen.getBody()).isEqualTo(body == null ? new byte[0] : body);
    }

    /** The options' user agent goes with a request that has none; a request's own wins. */
    @Test
    default void userAgentFromOptionsUnlessTheRequestHasOne() {
        respondToEverything("ok");
        Transport transport = transport();

        bodyOf(transport.execute(get(url("/ua/default"))));
        bodyOf(transport.execute(HttpRequest.builder().get(url("/ua/own")).header("User-Agent", "mine/2").build()));

        assertThat(wireMock().findAll(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                urlPathEqualTo("/ua/default"))).get(0).getHeader("User-Agent")).isEqualTo(Contract.USER_AGENT);
        assertThat(wireMock().findAll(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                urlPathEqualTo("/ua/own"))).get(0).getHeader("User-Agent")).isEqualTo("mine/2");
    }

    /** A percent-encoded path arrives as sent: no decoding, no re-encoding, no dot-segment games. */
    @Test
    default void percentEncodedPathArrivesUnchanged() {
        respondToEverything("ok");
        String path = "/api/get_status/..%2Fa%20b%3Fc%23d";

        bodyOf(transport().execute(get(url(path))));

        assertThat(onlyRequest().getUrl()).isEqualTo(path);
    }

    /** The query string arrives as sent too. */
    @Test
    default void queryStringArrivesUnchanged() {
        respondToEverything("ok");
        String pathAndQuery = "/file.mp4?OSSAccessKeyId=k&Expires=1749287113&Signature=Zof%2Bo%3D";

        bodyOf(transport().execute(get(url(pathAndQuery))));

        assertThat(onlyRequest().getUrl()).isEqualTo(pathAndQuery);
    }

    /**
     * With a proxy in the options the request goes to the proxy, addressed to the target; the target itself,
     * where nothing listens, is never contacted.
     */
    @Test
    default void proxyFromOptionsCarriesTheRequest() throws IOException {
        respondToEverything("via proxy");
        Proxy proxy = new Proxy(Proxy.Type.HTTP, new InetSocketAddress("127.0.0.1", wireMock().port()));
        Transport transport = open(Contract.OPTIONS.toBuilder().proxy(proxy).build());
        int target = closeAfterTest(LoopbackServer.heldRefusingPort()).getLocalPort();

        HttpResponse response = transport.execute(get(URI.create("http://localhost:" + target + "/api/get_status/p1")));

        assertThat(new String(bodyOf(response), StandardCharsets.UTF_8)).isEqualTo("via proxy");
        LoggedRequest seen = onlyRequest();
        assertThat(seen.getUrl()).isEqualTo("/api/get_status/p1");
        assertThat(seen.getHeader("Host")).isEqualTo("localhost:" + target);
    }
}
