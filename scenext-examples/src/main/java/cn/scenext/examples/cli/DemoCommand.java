package cn.scenext.examples.cli;

import cn.scenext.api.GenerateVideoRequest;
import cn.scenext.api.TaskId;
import cn.scenext.api.TaskStatus;
import cn.scenext.core.ScenextClient;
import cn.scenext.core.download.DownloadOptions;
import cn.scenext.core.download.OverwritePolicy;
import cn.scenext.core.poll.PollPolicy;
import cn.scenext.core.poll.WaitOptions;
import cn.scenext.core.webhook.WebhookEvent;
import cn.scenext.core.webhook.WebhookHandler;
import cn.scenext.core.webhook.WebhookVerifier;
import cn.scenext.testkit.ScenextSimulator;
import cn.scenext.testkit.WebhookDelivery;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code demo}: the whole job against the embedded simulator, with no key and no network. Starts the simulator
 * and a webhook receiver in-process, creates a task that notifies the receiver, shows its progress, verifies
 * the webhook, downloads the video and prints a summary.
 */
final class DemoCommand {
    private static final String QUESTION = "What is a Fourier series?";

    private final PrintStream out;
    private final PrintStream err;
    private final boolean interactive;

    DemoCommand(PrintStream out, PrintStream err, boolean interactive) {
        this.out = out;
        this.err = err;
        this.interactive = interactive;
    }

    int run(CommandLine cl, String transport) throws Exception {
        Duration taskDuration = cl.value("--task-duration") == null ? Duration.ofSeconds(6)
                : Durations.parse("--task-duration", cl.value("--task-duration"));
        long start = System.nanoTime();
        CompletableFuture<WebhookEvent> webhook = new CompletableFuture<>();
        try (ScenextSimulator sim = ScenextSimulator.builder().taskDuration(taskDuration).framesPerTask(6)
                .webhookDuplicates(1).start()) {
            WebhookHandler handler = WebhookHandler.builder(WebhookVerifier.of(sim.apiKey()))
                    .onEvent(webhook::complete)
                    .build();
            HttpServer receiver = WebhookCommands.serve("127.0.0.1", 0, "/webhook", handler, err);
            try (ScenextClient client = client(sim, transport)) {
                String notifyUrl = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/webhook";
                out.println("Scenext demo: the simulator runs at " + sim.baseUrl() + " (no key, no network needed)");
                out.println("Webhook receiver:  " + notifyUrl);
                out.println("Transport:         " + client.transportName());
                out.println();
                TaskId id = client.generateVideo(GenerateVideoRequest.builder().question(QUESTION)
                        .notifyUrl(notifyUrl).build());
                out.println("Created task " + id + " for \"" + QUESTION + "\"; its storyboard frames appear as the "
                        + "video is made:");
                out.flush();
                ProgressBar bar = new ProgressBar(err, interactive, System::nanoTime);
                TaskStatus status = client.waitForCompletion(id, WaitOptions.builder()
                        .pollPolicy(PollPolicy.fixed(Duration.ofMillis(500)).withFloor(Duration.ofMillis(500)))
                        .timeout(taskDuration.plusSeconds(60))
                        .progressListener(bar)
                        .build());
                WebhookEvent event = awaitWebhook(webhook);
                out.println("Webhook received and verified: task " + event.taskId() + " " + event.rawStatus()
                        + " (signature over the canonical form checked)");
                Path target = target(cl, id);
                Path saved = client.download(status, target, DownloadOptions.builder()
                        .overwrite(OverwritePolicy.REPLACE).progressListener(bar).build());
                long taken = sim.webhookDeliveries().stream().filter(d -> d.responseStatus() == 200).count();
                summary(status, saved, client.transportName(), event, taken, Duration.ofNanos(System.nanoTime() - start));
                return ExitCode.SUCCESS.code;
            } finally {
                receiver.stop(0);
            }
        }
    }

    private static ScenextClient client(ScenextSimulator sim, String transport) {
        ScenextClient.Builder b = sim.newClient().userAgentSuffix("scenext-cli-demo");
        if (transport != null) {
            b.transport(transport);
        }
        return b.build();
    }

    private WebhookEvent awaitWebhook(CompletableFuture<WebhookEvent> webhook) throws Exception {
        try {
            return webhook.get(30, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("The simulator's webhook did not arrive within 30 s", e);
        }
    }

    private static Path target(CommandLine cl, TaskId id) throws IOException {
        if (cl.value("--out") != null) {
            return Paths.get(cl.value("--out"));
        }
        return Files.createTempDirectory("scenext-demo-").resolve("scenext-demo-" + id.value() + ".mp4");
    }

    private void summary(TaskStatus status, Path saved, String transport, WebhookEvent event, long deliveries,
            Duration took) throws IOException {
        out.println();
        out.println("Summary");
        out.println("  Task:       " + status.taskId() + " (" + status.rawStatus() + ")");
        status.title().ifPresent(t -> out.println("  Title:      " + t));
        out.println("  Frames:     " + status.frames().size());
        out.println("  Credits:    " + status.creditsConsumed().toPlainString());
        out.println("  Video:      " + saved + " (" + Sizes.format(Files.size(saved)) + ")");
        out.println("  Transport:  " + transport);
        out.println("  Webhook:    " + event.rawStatus() + ", signature verified; " + deliveries
                + " deliveries taken, " + (deliveries - 1) + " repeat ignored");
        out.println("  Took:       " + Durations.format(took));
    }
}
