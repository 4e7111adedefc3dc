package cn.scenext.testkit;

import cn.scenext.api.TaskState;
import cn.scenext.core.webhook.WebhookSigner;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Calls tasks' {@code notify_url} when they end, as the service does: a JSON body as Python's
 * {@code json.dumps(data)} writes it (keys in the service's order), signed in {@code X-Signature} over its
 * canonical form with the API key; once per task, optionally only for failed tasks, retried when the receiver
 * fails to take it only if asked, and repeated on purpose when asked, since receivers must be idempotent.
 */
final class WebhookSender implements AutoCloseable {
    private final ScenextSimulator sim;
    private final ApiHandler writer;
    private final WebhookSigner signer;
    private final int duplicates;
    private final int retries;
    private final Duration retryDelay;
    private final boolean onFailureOnly;
    private final ScheduledThreadPoolExecutor executor;
    private final List<WebhookDelivery> deliveries = new CopyOnWriteArrayList<>();

    WebhookSender(ScenextSimulator sim, ApiHandler writer, int duplicates, int retries, Duration retryDelay,
            boolean onFailureOnly) {
        this.sim = sim;
        this.writer = writer;
        this.signer = WebhookSigner.of(sim.apiKey());
        this.duplicates = duplicates;
        this.retries = retries;
        this.retryDelay = retryDelay;
        this.onFailureOnly = onFailureOnly;
        this.executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "scenext-simulator-webhooks");
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
    }

    /** Sends the task's webhook when it is due to end (on the wall clock), if nothing sent it before. */
    void scheduleAtEnd(TaskRecord task, Duration delay) {
        if (task.notifyUrl != null) {
            submit(() -> deliverOnce(task), delay);
        }
    }

    /** Sends the task's webhook now if the task has ended and its webhook was not sent yet. */
    void deliverOnce(TaskRecord task) {
        TaskRecord.View v = task.at(sim.clock().instant());
        if (v.state.isTerminal() && task.claimWebhook() && !(onFailureOnly && v.state != TaskState.FAILED)) {
            Instant timestamp = sim.clock().instant();
            byte[] body = body(task, v, timestamp);
            String signature = signer.sign(body);
            submit(() -> attempt(task, v.state, timestamp, body, signature, 1, false), Duration.ZERO);
        }
    }

    private void attempt(TaskRecord task, TaskState state, Instant timestamp, byte[] body, String signature,
            int attempt, boolean duplicate) {
        int status = post(task, body, signature);
        deliveries.add(new WebhookDelivery(task.id, state.name(), timestamp, task.notifyUrl, body, signature, attempt,
                duplicate, status));
        boolean taken = status >= 200 && status < 300;
        if (taken) {
            task.webhookDelivered();
            if (!duplicate) {
                for (int i = 0; i < duplicates; i++) {
                    submit(() -> attempt(task, state, timestamp, body, signature, 1, true), Duration.ZERO);
                }
            }
        } else if (!duplicate && attempt <= retries) {
            Duration delay = retryDelay.multipliedBy(1L << Math.min(attempt - 1, 10));
            submit(() -> attempt(task, state, timestamp, body, signature, attempt + 1, false), delay);
        }
    }

    private int post(TaskRecord task, byte[] body, String signature) {
        try {
            HttpURLConnection c = (HttpURLConnection) task.notifyUrl.toURL().openConnection();
            c.setConnectTimeout(5000);
            c.setReadTimeout(10000);
            c.setInstanceFollowRedirects(false);
            c.setRequestMethod("POST");
            c.setDoOutput(true);
            c.setFixedLengthStreamingMode(body.length);
            c.setRequestProperty("Content-Type", "application/json");
            c.setRequestProperty("User-Agent", "Scenext-Webhook/1.0 (scenext simulator)");
            c.setRequestProperty("X-Signature", signature);
            try (OutputStream out = c.getOutputStream()) {
                out.write(body);
            }
            int status = c.getResponseCode();
            try (InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
                drain(in);
            }
            return status;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static void drain(InputStream in) throws IOException {
        if (in != null) {
            byte[] buffer = new byte[4096];
            while (in.read(buffer) != -1) {
                // discard
            }
        }
    }

    private byte[] body(TaskRecord task, TaskRecord.View v, Instant timestamp) {
        return JsonText.pythonDumps(writer.webhookData(task, v, timestamp));
    }

    private void submit(Runnable action, Duration delay) {
        try {
            executor.schedule(action, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // the simulator is closing: nothing more is sent
        }
    }

    List<WebhookDelivery> deliveries() {
        return Collections.unmodifiableList(new ArrayList<>(deliveries));
    }

    void clear() {
        deliveries.clear();
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
