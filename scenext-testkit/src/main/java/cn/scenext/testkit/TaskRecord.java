package cn.scenext.testkit;

import cn.scenext.api.Quality;
import cn.scenext.api.TaskId;
import cn.scenext.api.TaskState;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A simulated task: what was asked, and a schedule from which its state at any instant follows. */
final class TaskRecord {
    final TaskId id;
    final String question;
    final List<String> questionImages;
    final String answer;
    final Quality quality;
    final URI notifyUrl;
    final Instant createdAt;
    private final Duration duration;
    private final int totalFrames;
    private final String scriptedFailure;
    private final AtomicInteger webhooksDelivered = new AtomicInteger();
    private final java.util.concurrent.atomic.AtomicBoolean webhookStarted = new java.util.concurrent.atomic.AtomicBoolean();

    /** Signed URLs handed out once and stored, by path (the real server's style). */
    private final java.util.Map<String, String> storedUrls = new java.util.concurrent.ConcurrentHashMap<>();

    private TaskState forcedState;
    private String forcedReason;
    private Instant forcedAt;

    TaskRecord(TaskId id, String question, List<String> questionImages, String answer, Quality quality, URI notifyUrl,
            Instant createdAt, Duration duration, int totalFrames, String scriptedFailure) {
        this.id = id;
        this.question = question;
        this.questionImages = questionImages;
        this.answer = answer;
        this.quality = quality;
        this.notifyUrl = notifyUrl;
        this.createdAt = createdAt;
        this.duration = duration;
        this.totalFrames = totalFrames;
        this.scriptedFailure = scriptedFailure;
    }

    /** The task as it is at an instant. */
    static final class View {
        final TaskState state;
        final int frames;
        final Instant endedAt;
        final String failureReason;

        View(TaskState state, int frames, Instant endedAt, String failureReason) {
            this.state = state;
            this.frames = frames;
            this.endedAt = endedAt;
            this.failureReason = failureReason;
        }
    }

    synchronized View at(Instant now) {
        if (forcedState != null) {
            return new View(forcedState, forcedState == TaskState.COMPLETED ? totalFrames : framesAt(forcedAt),
                    forcedAt, forcedReason);
        }
        Instant end = createdAt.plus(duration);
        if (!now.isBefore(end)) {
            if (scriptedFailure != null) {
                return new View(TaskState.FAILED, totalFrames / 2, end, scriptedFailure);
            }
            return new View(TaskState.COMPLETED, totalFrames, end, null);
        }
        return new View(TaskState.IN_PROGRESS, framesAt(now), null, null);
    }

    private int framesAt(Instant now) {
        long total = duration.toMillis();
        if (total <= 0) {
            return totalFrames;
        }
        long elapsed = Math.max(0, Duration.between(createdAt, now).toMillis());
        return (int) Math.min(totalFrames, elapsed * (totalFrames + 1) / total);
    }

    /**
     * When storyboard frame {@code n} (from 1) appeared: as the schedule of {@link #at(Instant)} makes it, or at
     * a forced end that came first.
     */
    synchronized Instant frameProducedAt(int n) {
        long total = duration.toMillis();
        Instant natural = total <= 0 ? createdAt
                : createdAt.plusMillis((n * total + totalFrames) / (totalFrames + 1));
        return forcedAt != null && forcedAt.isBefore(natural) ? forcedAt : natural;
    }

    /** The URL stored for a path, signed by {@code signer} the first time it is asked for. */
    String storedUrl(String path, java.util.function.Function<String, String> signer) {
        return storedUrls.computeIfAbsent(path, signer);
    }

    /** When the task ends on its own, or has ended by force. */
    synchronized Instant scheduledEnd() {
        return forcedAt != null ? forcedAt : createdAt.plus(duration);
    }

    /** Ends the task now, unless it already ended. Returns whether this call ended it. */
    synchronized boolean forceEnd(TaskState state, String reason, Instant now) {
        if (forcedState != null || !now.isBefore(createdAt.plus(duration))) {
            return false;
        }
        forcedState = state;
        forcedReason = reason;
        forcedAt = now;
        return true;
    }

    /** Claims the task's webhook: true exactly once, for the caller that is to send it. */
    boolean claimWebhook() {
        return notifyUrl != null && webhookStarted.compareAndSet(false, true);
    }

    int webhooksDelivered() {
        return webhooksDelivered.get();
    }

    void webhookDelivered() {
        webhooksDelivered.incrementAndGet();
    }

    SimulatedTask snapshot(Instant now) {
        View v = at(now);
        return new SimulatedTask(id, question, questionImages, answer, quality, notifyUrl, createdAt, v.state,
                v.frames, webhooksDelivered.get());
    }
}
