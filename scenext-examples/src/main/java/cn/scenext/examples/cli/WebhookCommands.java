package cn.scenext.examples.cli;

import cn.scenext.api.TaskStatus;
import cn.scenext.api.exception.WebhookVerificationException;
import cn.scenext.core.internal.json.ApiJson;
import cn.scenext.core.webhook.WebhookEvent;
import cn.scenext.core.webhook.WebhookHandler;
import cn.scenext.core.webhook.WebhookResponse;
import cn.scenext.core.webhook.WebhookVerifier;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** {@code webhook verify} and {@code webhook listen}. */
final class WebhookCommands {
    /** Where {@code webhook listen} binds without {@code --host}: this machine only. */
    static final String DEFAULT_HOST = "127.0.0.1";
    /** How many deliveries {@code webhook listen} serves at once; more wait their turn. */
    static final int DELIVERY_THREADS = 8;

    private WebhookCommands() {
    }

    static int run(List<String> args, InputStream in, PrintStream out, PrintStream err) throws Exception {
        if (args.isEmpty()) {
            throw new UsageException("webhook needs a subcommand: verify or listen");
        }
        String sub = args.remove(0);
        if (sub.equals("--help") || sub.equals("-h")) {
            throw new CommandLine.HelpRequested("webhook");
        }
        switch (sub) {
            case "verify":
                return verify(CommandLine.parse("webhook verify", args, new CommandLine.Spec()
                        .value("--secret", "--signature", "--tolerance").positionals(1)), in, out, err);
            case "listen":
                return listen(CommandLine.parse("webhook listen", args, new CommandLine.Spec()
                        .value("--port", "--secret", "--path", "--tolerance", "--host")), out, err);
            default:
                throw new UsageException("Unknown webhook subcommand \"" + sub + "\": use verify or listen");
        }
    }

    private static int verify(CommandLine cl, InputStream in, PrintStream out, PrintStream err) throws IOException {
        WebhookVerifier verifier = verifier(cl);
        String signature = cl.required("--signature");
        String file = cl.optionalPositional(0);
        byte[] body;
        try {
            body = file == null ? in.readAllBytes() : Files.readAllBytes(Paths.get(file));
        } catch (IOException e) {
            throw LocalProblemException.of("Cannot read " + (file == null ? "the body from stdin" : file), e);
        }
        try {
            WebhookEvent event = verifier.verify(body, signature);
            out.println(eventJson(event));
            return ExitCode.SUCCESS.code;
        } catch (WebhookVerificationException e) {
            err.println("invalid webhook (" + e.reason().name().toLowerCase(Locale.ROOT).replace('_', ' ') + "): "
                    + e.getMessage());
            return ExitCode.FAILED.code;
        }
    }

    private static int listen(CommandLine cl, PrintStream out, PrintStream err) throws Exception {
        WebhookVerifier verifier = verifier(cl);
        int port = port(cl.required("--port"));
        String path = cl.value("--path") == null ? "/webhook" : cl.value("--path");
        if (!path.startsWith("/")) {
            throw new UsageException("--path must start with /");
        }
        String host = cl.value("--host") == null ? DEFAULT_HOST : cl.value("--host");
        WebhookHandler handler = WebhookHandler.builder(verifier)
                .onEvent(event -> {
                    synchronized (out) {
                        out.println(eventJson(event));
                        out.flush();
                    }
                })
                .build();
        HttpServer server = serve(host, port, path, handler, err);
        err.println("Listening for Scenext webhooks on http://" + host + ":" + server.getAddress().getPort() + path
                + (host.equals(DEFAULT_HOST) ? " (this machine only; --host 0.0.0.0 listens on every interface)" : "")
                + " (Ctrl-C stops)");
        err.flush();
        CountDownLatch stop = new CountDownLatch(1);
        Thread hook = new Thread(stop::countDown, "scenext-webhook-listen-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            stop(server);
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // shutting down already
            }
        }
        return ExitCode.SUCCESS.code;
    }

    /**
     * An HTTP server responding to webhook deliveries on one path with the handler's verdict, several at a time on
     * its own threads (a slow client holds one of them, not the server). Stop it with {@link #stop(HttpServer)}.
     */
    static HttpServer serve(String host, int port, String path, WebhookHandler handler, PrintStream err)
            throws IOException {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 64);
        } catch (BindException e) {
            throw new LocalProblemException("Cannot listen on " + host + ":" + port + ": "
                    + (e.getMessage() == null ? "the address is in use" : e.getMessage().toLowerCase(Locale.ROOT))
                    + ". Choose another --port (0 takes any free one).", e);
        }
        AtomicInteger threads = new AtomicInteger();
        ThreadPoolExecutor executor = new ThreadPoolExecutor(DELIVERY_THREADS, DELIVERY_THREADS, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "scenext-webhook-listen-" + threads.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        executor.allowCoreThreadTimeOut(true);
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                int status;
                String message;
                if (!exchange.getRequestURI().getPath().equals(path)) {
                    status = 404;
                    message = "Not found: webhooks go to " + path;
                } else if (!"POST".equals(exchange.getRequestMethod())) {
                    status = 405;
                    message = "Webhooks are POSTed";
                } else {
                    WebhookResponse r = handler.handle(exchange.getRequestHeaders(), body);
                    status = r.statusCode();
                    message = r.message();
                    if (r.rejection().isPresent()) {
                        err.println("Rejected a delivery (" + status + "): " + r.message());
                    }
                }
                byte[] bytes = (message + "\n").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
                exchange.sendResponseHeaders(status, bytes.length);
                try (OutputStream o = exchange.getResponseBody()) {
                    o.write(bytes);
                }
            }
        });
        server.start();
        return server;
    }

    /** Stops a server made by {@link #serve} and its threads. */
    static void stop(HttpServer server) {
        server.stop(0);
        if (server.getExecutor() instanceof ExecutorService) {
            ((ExecutorService) server.getExecutor()).shutdownNow();
        }
    }

    private static WebhookVerifier verifier(CommandLine cl) {
        WebhookVerifier.Builder b = WebhookVerifier.builder().secret(cl.required("--secret"));
        if (cl.value("--tolerance") != null) {
            b.tolerance(Durations.parse("--tolerance", cl.value("--tolerance")));
        }
        return b.build();
    }

    private static int port(String text) {
        try {
            int port = Integer.parseInt(text.trim());
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("--port takes a port number from 0 to 65535, got \"" + text + "\"");
    }

    /** One line of JSON for an event: its task, status, timestamp and frames so far. */
    static String eventJson(WebhookEvent event) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (JsonGenerator g = ApiJson.factory().createGenerator(bytes, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeStringField("task_id", event.taskId().value());
            g.writeStringField("status", event.rawStatus());
            g.writeNumberField("timestamp", event.timestamp().getEpochSecond());
            g.writeNumberField("frames", event.frames().size());
            TaskStatus status = event.toTaskStatus();
            if (status.videoUrl().isPresent()) {
                g.writeStringField("video_url", status.videoUrl().get());
            }
            if (status.failureMessage().isPresent()) {
                g.writeStringField("error", status.failureMessage().get());
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new String(bytes.toByteArray(), StandardCharsets.UTF_8);
    }
}
