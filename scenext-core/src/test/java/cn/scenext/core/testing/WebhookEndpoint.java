package cn.scenext.core.testing;

import cn.scenext.core.webhook.WebhookHandler;
import cn.scenext.core.webhook.WebhookResponse;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A webhook receiver on the JDK's own HTTP server, on loopback, wired to a handler with the three lines the
 * documentation shows; and a client that posts deliveries to it.
 *
 * <p>Kept on {@code com.sun.net.httpserver} rather than the shared test server on purpose: what its tests prove
 * is that the documented integration ({@code handler.handle(exchange.getRequestHeaders(),
 * exchange.getRequestBody())}) works on that server's own header and stream types.
 */
public final class WebhookEndpoint implements AutoCloseable {
    private final HttpServer server;
    private final URI uri;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private WebhookEndpoint(HttpServer server) {
        this.server = server;
        this.uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/scenext/webhook");
    }

    /**
     * Starts serving a handler at {@code /scenext/webhook}.
     *
     * @param handler the handler
     * @return the running endpoint
     * @throws IOException when the server cannot start
     */
    public static WebhookEndpoint serve(WebhookHandler handler) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        // The three lines of the documentation:
        server.createContext("/scenext/webhook", exchange -> {
            WebhookResponse r = handler.handle(exchange.getRequestHeaders(), exchange.getRequestBody());
            exchange.sendResponseHeaders(r.statusCode(), -1);
            exchange.close();
        });
        server.start();
        return new WebhookEndpoint(server);
    }

    /**
     * Posts a delivery and waits for the answer.
     *
     * @param body the body
     * @param signature the {@code X-Signature} value, or {@code null} to send none
     * @return the answer's HTTP status
     * @throws Exception when the exchange fails
     */
    public int post(byte[] body, String signature) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (signature != null) {
            request.header("X-Signature", signature);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
