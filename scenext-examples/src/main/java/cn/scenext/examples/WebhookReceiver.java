package cn.scenext.examples;

import cn.scenext.api.GenerateVideoRequest;
import cn.scenext.api.TaskId;
import cn.scenext.api.TaskStatus;
import cn.scenext.core.ScenextClient;
import cn.scenext.core.webhook.WebhookEvent;
import cn.scenext.core.webhook.WebhookHandler;
import cn.scenext.core.webhook.WebhookResponse;
import cn.scenext.core.webhook.WebhookVerifier;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.CountDownLatch;

/**
 * Receiving webhooks on the JDK's own {@link HttpServer}: each delivery is verified by a {@link WebhookHandler}
 * (the {@code X-Signature} HMAC made with your API key, and a timestamp within five minutes), a repeated
 * delivery of an event is acknowledged without being acted on again, and each new event is printed once.
 * Forged or stale deliveries are refused with 401, unsigned ones with 400.
 *
 * <p>Given a question, it also creates a task whose {@code notify_url} is this receiver, so the service (or
 * the simulator) calls it when the task ends. The service must be able to reach that URL: on your machine
 * that means a tunnel, whose public address goes in the third argument.
 *
 * <pre>
 * SCENEXT_API_KEY=sk-... java -cp scenext.jar cn.scenext.examples.WebhookReceiver 8080 ["What is 1 + 1?" [NOTIFY_URL]]
 * </pre>
 */
public final class WebhookReceiver {
    /** The path deliveries are POSTed to. */
    public static final String PATH = "/scenext/webhook";

    private WebhookReceiver() {
    }

    /**
     * Receives webhooks on a port until the JVM is stopped (Ctrl-C); with a question, first creates a task
     * that will call back.
     *
     * @param args an optional port (default 8080), an optional question, an optional public notify URL
     *     (default {@code http://localhost:PORT/scenext/webhook})
     * @throws IOException when the port cannot be bound
     * @throws InterruptedException when the main thread is interrupted
     */
    public static void main(String[] args) throws IOException, InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
        try (ScenextClient client = ScenextClient.fromEnv()) {          // SCENEXT_API_KEY also signs the webhooks
            String apiKey = System.getenv(ScenextClient.ENV_API_KEY).trim();
            HttpServer server = start(new InetSocketAddress(port), apiKey, System.out);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0)));
            System.out.println("Receiving webhooks on http://localhost:" + port + PATH + " (Ctrl-C to stop)");
            if (args.length > 1) {
                URI notifyUrl = URI.create(args.length > 2 ? args[2] : "http://localhost:" + port + PATH);
                createTaskThatCallsBack(client, System.out, args[1], notifyUrl);
            }
        }
        new CountDownLatch(1).await();                                  // the server's threads serve on
    }

    /**
     * Starts a server that receives webhook deliveries on {@value #PATH}.
     *
     * @param address where to listen
     * @param apiKey the API key the service signs webhooks with
     * @param out where to print each new event and each refused delivery
     * @return the running server, to {@link HttpServer#stop(int) stop}
     * @throws IOException when the address cannot be bound
     */
    public static HttpServer start(InetSocketAddress address, String apiKey, PrintStream out) throws IOException {
        WebhookHandler handler = WebhookHandler.builder(WebhookVerifier.of(apiKey))
                .onEvent(event -> out.println(describe(event)))         // once per new, verified event
                .build();
        HttpServer server = HttpServer.create(address, 0);
        server.createContext(PATH, exchange -> {
            try (exchange; InputStream body = exchange.getRequestBody()) {
                if (!"POST".equals(exchange.getRequestMethod())) {
                    exchange.sendResponseHeaders(405, -1);
                    return;
                }
                WebhookResponse response = handler.handle(exchange.getRequestHeaders(), body);
                if (response.isDuplicate()) {
                    out.println("(a repeat of " + response.event().orElseThrow().taskId() + "'s event, ignored)");
                }
                response.rejection().ifPresent(rejection ->
                        out.println("Refused a delivery from " + remote(exchange) + ": " + rejection.getMessage()));
                exchange.sendResponseHeaders(response.statusCode(), -1);
            }
        });
        server.start();
        return server;
    }

    /**
     * Creates a task that calls a receiver when it ends.
     *
     * @param client the client
     * @param out where to print the task's id
     * @param question what to make a video of
     * @param notifyUrl the receiver's address, as the service can reach it
     * @return the task's id
     */
    public static TaskId createTaskThatCallsBack(ScenextClient client, PrintStream out, String question,
            URI notifyUrl) {
        TaskId id = client.generateVideo(GenerateVideoRequest.builder()
                .question(question)
                .notifyUrl(notifyUrl)
                .build());
        out.println("Created " + id + "; its webhook will come to " + notifyUrl);
        return id;
    }

    private static String describe(WebhookEvent event) {
        TaskStatus status = event.toTaskStatus();
        String what = status.videoUrl().map(url -> "video at " + url)
                .or(status::failureMessage)
                .orElse(event.frames().size() + " frames so far");
        return event.taskId() + " is " + event.state() + " (" + event.timestamp() + "): " + what;
    }

    private static String remote(HttpExchange exchange) {
        return exchange.getRemoteAddress().getAddress().getHostAddress();
    }
}
