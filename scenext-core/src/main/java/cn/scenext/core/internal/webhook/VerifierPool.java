package cn.scenext.core.internal.webhook;

import cn.scenext.core.internal.canonical.CanonicalWriter;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
import javax.crypto.Mac;

/**
 * Reusable per-call state of a verifier (canonical writer, event capture, initialized MACs), pooled in a few
 * lock-free slots so that concurrent callers rarely build one and nothing is tied to a thread (no thread-local
 * left behind in a container's threads after an application is undeployed).
 */
public final class VerifierPool {
    /** The largest output buffer kept for reuse: a few times the default body limit's canonical form. */
    static final int MAX_SPARE_BYTES = 4 * 1024 * 1024;
    /** Bodies up to this size canonicalize into a worker's own small buffer. */
    private static final int SMALL_BODY_BYTES = 32 * 1024;

    private final HmacKeys keys;
    private final AtomicReferenceArray<Worker> slots;
    private final int mask;
    /**
     * One large canonical-output buffer kept between verifications of large bodies (a burst of forged megabytes
     * then neither allocates nor zeroes a megabyte each), one for the whole pool whatever its size, so that what it
     * keeps is bounded by {@link #MAX_SPARE_BYTES}.
     */
    private final AtomicReference<byte[]> spare = new AtomicReference<>();

    public VerifierPool(HmacKeys keys) {
        this.keys = keys;
        int size = Integer.highestOneBit(Math.max(4, Math.min(64, Runtime.getRuntime().availableProcessors() * 2)));
        this.slots = new AtomicReferenceArray<>(size);
        this.mask = size - 1;
    }

    /**
     * A worker for one verification of a body of {@code bodyBytes}; give it back with {@link #release}.
     *
     * @param bodyBytes the body's size, which decides whether it gets the spare large buffer
     * @return a worker no other caller holds
     */
    public Worker acquire(int bodyBytes) {
        Worker w = take();
        if (bodyBytes > SMALL_BODY_BYTES) {
            byte[] large = spare.getAndSet(null);
            if (large != null) {
                w.writer.reuse(large);
            }
        }
        return w;
    }

    private Worker take() {
        int start = (int) Thread.currentThread().getId();
        for (int i = 0; i <= mask; i++) {
            Worker w = slots.getAndSet((start + i) & mask, null);
            if (w != null) {
                return w;
            }
        }
        return new Worker(keys.newMacs());
    }

    /**
     * Takes back a worker from {@link #acquire}: its large buffers are let go (the output buffer kept as the spare
     * when there is none and it is within {@link #MAX_SPARE_BYTES}).
     *
     * @param w the worker
     */
    public void release(Worker w) {
        byte[] large = w.writer.takeLargeOutput();
        if (large != null && large.length <= MAX_SPARE_BYTES) {
            spare.compareAndSet(null, large);
        }
        w.writer.shrink();
        int start = (int) Thread.currentThread().getId();
        for (int i = 0; i <= mask; i++) {
            if (slots.compareAndSet((start + i) & mask, null, w)) {
                return;
            }
        }
    }

    /** The state one verification uses. */
    public static final class Worker {
        public final CanonicalWriter writer = new CanonicalWriter();
        public final EventCapture capture = new EventCapture();
        public final Mac[] macs;
        public final byte[] digest = new byte[HmacKeys.SIGNATURE_BYTES];

        Worker(Mac[] macs) {
            this.macs = macs;
        }
    }
}
