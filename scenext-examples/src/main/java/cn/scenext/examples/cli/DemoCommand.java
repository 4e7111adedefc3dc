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
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * {@code demo}: the whole job against the embedded simulator, with no key and no network. Starts the simulator
 * and a webhook receiver in-process, creates a task that notifies the receiver, shows its progress, verifies
 * the webhook, downloads the video and prints a summary.
 */
final class DemoCommand {
    private static final String QUESTION = "What is a Fourier series?";
    /** How many times the simulator repeats each webhook, to show the receiver taking it once. */
    private static final int REPEATS = 1;

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
        ScenextCli.checkOut(cl.value("--out") == null ? null : Paths.get(cl.value("--out")), cl.flag("--force"));
        long start = System.nanoTime();
        CompletableFuture<WebhookEvent> webhook = new CompletableFuture<>();
        try (ScenextSimulator sim = ScenextSimulator.builder().taskDuration(taskDuration).framesPerTask(6)
                .webhookDuplicates(REPEATS).start();
             ScenextClient client = client(sim, transport)) {
            // The receiver hands verified events to the client: a wait on the task ends as its webhook arrives.
            WebhookHandler handler = client.webhooks().handlerBuilder(WebhookVerifier.of(sim.apiKey()))
                    .onEvent(webhook::complete)
                    .build();
            HttpServer receiver = WebhookCommands.serve("127.0.0.1", 0, "/webhook", handler, err);
            try {
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
                        .pollPolicy(PollPolicy.fixed(Duration.ofSeconds(1)))
                        .refreshStatusOnWebhook(true)          // one status read for the credits and the title
                        .timeout(taskDuration.plusSeconds(60))
                        .progressListener(bar)
                        .build());
                WebhookEvent event = awaitWebhook(webhook);
                out.println("Webhook received and verified: task " + event.taskId() + " " + event.rawStatus()
                        + " (signature over the canonical form checked)");
                Path tempDir = cl.value("--out") == null ? Files.createTempDirectory("scenext-demo-") : null;
                try {
                    Path target = tempDir == null ? Paths.get(cl.value("--out"))
                            : tempDir.resolve("scenext-demo-" + id.value() + ".mp4");
                    Path saved = client.download(status, target, DownloadOptions.builder()
                            .overwrite(cl.flag("--force") ? OverwritePolicy.REPLACE : OverwritePolicy.FAIL)
                            .progressListener(bar).build());
                    long taken = deliveriesTaken(sim, 1 + REPEATS);
                    summary(status, saved, client.transportName(), event, taken,
                            Duration.ofNanos(System.nanoTime() - start));
                    if (tempDir != null) {
                        out.println("  (the video was saved in a temporary folder, now removed: keep it with "
                                + "--out FILE)");
                    }
                } finally {
                    if (tempDir != null) {
                        deleteTree(tempDir);
                    }
                }
                return ExitCode.SUCCESS.code;
            } finally {
                WebhookCommands.stop(receiver);
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

    /** The deliveries the receiver took (responded 200), once the expected ones arrived or 5 s passed. */
    private static long deliveriesTaken(ScenextSimulator sim, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        long taken;
        while ((taken = sim.webhookDeliveries().stream().filter(d -> d.responseStatus() == 200).count()) < expected
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return taken;
    }

    /** Removes the demo's temporary folder and what is in it (the video, a leftover temporary file). */
    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
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
                + " deliveries taken with 200, " + (deliveries - 1) + " repeat ignored");
        out.println("  Took:       " + Durations.format(took));
    }
}
