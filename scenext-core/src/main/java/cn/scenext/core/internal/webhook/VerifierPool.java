package cn.scenext.core.internal.webhook;

import cn.scenext.core.internal.canonical.CanonicalWriter;
import java.util.concurrent.atomic.AtomicReferenceArray;
import javax.crypto.Mac;

/**
 * Reusable per-call state of a verifier (canonical writer, event capture, initialized MACs), pooled in a few
 * lock-free slots so that concurrent callers rarely build one and nothing is tied to a thread (no thread-local
 * left behind in a container's threads after an application is undeployed).
 */
public final class VerifierPool {
    private final HmacKeys keys;
    private final AtomicReferenceArray<Worker> slots;
    private final int mask;

    public VerifierPool(HmacKeys keys) {
        this.keys = keys;
        int size = Integer.highestOneBit(Math.max(4, Math.min(64, Runtime.getRuntime().availableProcessors() * 2)));
        this.slots = new AtomicReferenceArray<>(size);
        this.mask = size - 1;
    }

    public Worker acquire() {
        int start = (int) Thread.currentThread().getId();
        for (int i = 0; i <= mask; i++) {
            Worker w = slots.getAndSet((start + i) & mask, null);
            if (w != null) {
                return w;
            }
        }
        return new Worker(keys.newMacs());
    }

    public void release(Worker w) {
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
