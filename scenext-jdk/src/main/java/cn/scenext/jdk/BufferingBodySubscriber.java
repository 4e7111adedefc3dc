package cn.scenext.jdk;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A body read fully into memory without blocking any thread, failing when no bytes arrive for longer than the
 * read timeout (the JDK's own request timeout stops counting once the headers are in).
 */
final class BufferingBodySubscriber implements BodySubscriber<byte[]> {
    private final CompletableFuture<byte[]> body = new CompletableFuture<>();
    private final ByteArrayOutputStream bytes;
    private final ScheduledExecutorService timer;
    private final long readTimeoutNanos;
    private volatile long lastActivity;
    private volatile Flow.Subscription subscription;
    private volatile ScheduledFuture<?> check;

    BufferingBodySubscriber(ScheduledExecutorService timer, long readTimeoutNanos, long contentLength) {
        this.timer = timer;
        this.readTimeoutNanos = readTimeoutNanos;
        this.bytes = new ByteArrayOutputStream(contentLength > 0 && contentLength < (1 << 24) ? (int) contentLength : 8192);
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return body;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        lastActivity = System.nanoTime();
        scheduleCheck(readTimeoutNanos);
        s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
        lastActivity = System.nanoTime();
        for (ByteBuffer b : item) {
            if (b.hasArray()) {
                bytes.write(b.array(), b.arrayOffset() + b.position(), b.remaining());
            } else {
                byte[] copy = new byte[b.remaining()];
                b.get(copy);
                bytes.write(copy, 0, copy.length);
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

    private void scheduleCheck(long delayNanos) {
        try {
            check = timer.schedule(this::checkActivity, delayNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // The transport is closing; its close() aborts this exchange.
        }
    }

    private void checkActivity() {
        if (body.isDone()) {
            return;
        }
        long idle = System.nanoTime() - lastActivity;
        if (idle < readTimeoutNanos) {
            scheduleCheck(readTimeoutNanos - idle);
            return;
        }
        // Fail first, then cancel: cancelling may call onError at once with an error that hides the timeout.
        body.completeExceptionally(new HttpTimeoutException("Read timed out: no body bytes for "
                + TimeUnit.NANOSECONDS.toMillis(readTimeoutNanos) + " ms"));
        subscription.cancel();
    }

    private void stopChecking() {
        ScheduledFuture<?> c = check;
        if (c != null) {
            c.cancel(false);
        }
    }
}
