package cn.scenext.jdk;

import cn.scenext.api.internal.CoalescingTimer;
import cn.scenext.api.transport.BoundedBuffer;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A body read fully into memory without blocking any thread, failing when no bytes arrive for longer than the
 * read timeout (the JDK's own request timeout stops counting once the headers are in), when the exchange's
 * call deadline passes, or when the body grows past its limit (the exchange is then aborted).
 */
final class BufferingBodySubscriber implements BodySubscriber<byte[]> {
    private final CompletableFuture<byte[]> body = new CompletableFuture<>();
    private final BoundedBuffer bytes;
    private final CoalescingTimer timer;
    private final long readTimeoutNanos;
    private final long deadlineNanos;
    private final Supplier<InterruptedIOException> timedOut;
    private final Supplier<IOException> tooLarge;
    private volatile long lastActivity;
    private volatile Flow.Subscription subscription;
    private volatile CoalescingTimer.Timeout check;

    /**
     * @param timer runs the checks for silence and the deadline (setting one wakes no thread)
     * @param readTimeoutNanos the longest silence
     * @param deadlineNanos when the exchange must be over, on {@link System#nanoTime()}; {@code Long.MAX_VALUE}
     *     for never
     * @param bytes the buffer, bounded
     * @param timedOut the failure past the deadline
     * @param tooLarge the failure past the buffer's limit
     */
    BufferingBodySubscriber(CoalescingTimer timer, long readTimeoutNanos, long deadlineNanos,
            BoundedBuffer bytes, Supplier<InterruptedIOException> timedOut, Supplier<IOException> tooLarge) {
        this.timer = timer;
        this.readTimeoutNanos = readTimeoutNanos;
        this.deadlineNanos = deadlineNanos;
        this.bytes = bytes;
        this.timedOut = timedOut;
        this.tooLarge = tooLarge;
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return body;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        lastActivity = System.nanoTime();
        scheduleCheck(nextCheckIn(readTimeoutNanos));
        s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
        lastActivity = System.nanoTime();
        if (body.isDone()) {
            return; // failed already: the rest is dropped while the cancel takes effect
        }
        for (ByteBuffer b : item) {
            if (!bytes.add(b)) {
                abort(tooLarge.get());
                return;
            }
        }
    }

    @Override
    public void onError(Throwable failure) {
        stopChecking();
        body.completeExceptionally(failure);
    }

    @Override
    public void onComplete() {
        stopChecking();
        body.complete(bytes.toByteArray());
    }

    /** Fails first, then cancels: cancelling may call onError at once with an error that hides the cause. */
    private void abort(IOException failure) {
        stopChecking();
        if (body.completeExceptionally(failure)) {
            subscription.cancel();
        }
    }

    /** The delay before the next check: the silence left, or the time to the deadline when that is sooner. */
    private long nextCheckIn(long silenceLeft) {
        if (deadlineNanos == Long.MAX_VALUE) {
            return silenceLeft;
        }
        return Math.max(0, Math.min(silenceLeft, deadlineNanos - System.nanoTime()));
    }

    private void scheduleCheck(long delayNanos) {
        // When the transport is closing its timer sets no wake-up; its close() aborts this exchange.
        check = timer.schedule(this::checkActivity, delayNanos);
    }

    private void checkActivity() {
        if (body.isDone()) {
            return;
        }
        long now = System.nanoTime();
        if (deadlineNanos != Long.MAX_VALUE && now - deadlineNanos >= 0) {
            abort(timedOut.get());
            return;
        }
        long idle = now - lastActivity;
        if (idle < readTimeoutNanos) {
            scheduleCheck(nextCheckIn(readTimeoutNanos - idle));
            return;
        }
        abort(new HttpTimeoutException("Read timed out: no body bytes for "
                + TimeUnit.NANOSECONDS.toMillis(readTimeoutNanos) + " ms"));
    }

    private void stopChecking() {
        CoalescingTimer.Timeout c = check;
        if (c != null) {
            c.cancel();
        }
    }
}
