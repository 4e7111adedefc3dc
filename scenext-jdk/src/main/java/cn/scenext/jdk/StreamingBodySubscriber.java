package cn.scenext.jdk;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A body read as a stream while it arrives, one buffer list at a time (so memory stays flat however large the
 * body), failing a read that waits longer than the read timeout, and any read once the exchange's call
 * deadline has passed. Closing it before the end aborts the exchange.
 */
final class StreamingBodySubscriber extends InputStream implements BodySubscriber<InputStream> {
    /** What the connection delivered next: bytes, the end, or a failure. */
    private static final class Signal {
        static final Signal END = new Signal(null, null);
        final List<ByteBuffer> buffers;
        final Throwable failure;

        Signal(List<ByteBuffer> buffers, Throwable failure) {
            this.buffers = buffers;
            this.failure = failure;
        }
    }

    private final BlockingQueue<Signal> signals = new LinkedBlockingQueue<>();
    private final long readTimeoutMillis;
    private final long deadlineNanos;
    private final Supplier<InterruptedIOException> timedOut;
    private volatile Flow.Subscription subscription;
    /** The connection signalled the end or a failure: the exchange is over, nothing is left to cancel. */
    private volatile boolean delivered;
    private Iterator<ByteBuffer> buffers;
    private ByteBuffer current;
    private boolean ended;
    private volatile boolean closed;

    /**
     * @param readTimeoutMillis the longest wait for the next bytes
     * @param deadlineNanos when the exchange must be over, on {@link System#nanoTime()}; {@code Long.MAX_VALUE}
     *     for never
     * @param timedOut the failure of a read past the deadline
     */
    StreamingBodySubscriber(long readTimeoutMillis, long deadlineNanos, Supplier<InterruptedIOException> timedOut) {
        this.readTimeoutMillis = readTimeoutMillis;
        this.deadlineNanos = deadlineNanos;
        this.timedOut = timedOut;
    }

    @Override
    public CompletionStage<InputStream> getBody() {
        return CompletableFuture.completedFuture(this);
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (closed) {
            s.cancel();
        } else {
            s.request(1);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
        signals.add(new Signal(item, null));
    }

    @Override
    public void onError(Throwable failure) {
        delivered = true;
        signals.add(new Signal(null, failure));
    }

    @Override
    public void onComplete() {
        delivered = true;
        signals.add(Signal.END);
    }

    @Override
    public int read() throws IOException {
        return nextBytes() ? current.get() & 0xFF : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!nextBytes()) {
            return -1;
        }
        int n = Math.min(len, current.remaining());
        current.get(b, off, n);
        return n;
    }

    @Override
    public int available() {
        return current == null ? 0 : current.remaining();
    }

    /** Makes {@link #current} hold unread bytes; {@code false} at the end of the body. */
    private boolean nextBytes() throws IOException {
        while (current == null || !current.hasRemaining()) {
            if (buffers != null && buffers.hasNext()) {
                current = buffers.next();
                continue;
            }
            if (ended) {
                return false;
            }
            if (closed) {
                throw new IOException("The response body is closed");
            }
            take();
        }
        return true;
    }

    private void take() throws IOException {
        Signal s;
        long waitNanos = TimeUnit.MILLISECONDS.toNanos(readTimeoutMillis);
        boolean deadlineFirst = false;
        if (deadlineNanos != Long.MAX_VALUE) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                close();
                throw timedOut.get();
            }
            deadlineFirst = left < waitNanos;
            waitNanos = Math.min(waitNanos, left);
        }
        try {
            s = signals.poll(waitNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new java.io.InterruptedIOException("Interrupted while reading the response body");
        }
        if (s == null) {
            close();
            if (deadlineFirst) {
                throw timedOut.get();
            }
            throw new HttpTimeoutException("Read timed out: no body bytes for " + readTimeoutMillis + " ms");
        }
        if (s == Signal.END) {
            ended = true;
        } else if (s.failure != null) {
            ended = true;
            throw s.failure instanceof IOException ? (IOException) s.failure : new IOException(s.failure);
        } else {
            buffers = s.buffers.iterator();
            subscription.request(1);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        Flow.Subscription s = subscription;
        if (s != null && !delivered) {
            // Before the end this aborts the exchange and its connection. After it there is nothing to abort, and
            // the JDK would still build (and fill the stack trace of) an exception per call.
            s.cancel();
        }
    }
}
