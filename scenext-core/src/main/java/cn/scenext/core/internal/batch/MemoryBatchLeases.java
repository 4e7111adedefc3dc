package cn.scenext.core.internal.batch;

import cn.scenext.core.batch.BatchLeases;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * {@link BatchLeases} in memory: one lock, rows kept in registration order. Lease expiry is measured on the
 * given nanosecond clock. Thread-safe.
 */
public final class MemoryBatchLeases implements BatchLeases {
    private final LongSupplier nanoTime;
    private final Map<String, Map<String, Row>> batches = new HashMap<>();

    /**
     * Creates empty leases.
     *
     * @param nanoTime the clock leases expire on, e.g. {@code System::nanoTime}
     */
    public MemoryBatchLeases(LongSupplier nanoTime) {
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    }

    /** One row: who holds it until when, and whether it is finished. */
    private static final class Row {
        String owner;
        long expiresAt;
        boolean finished;
    }

    private static String checkBatch(String batch) {
        Objects.requireNonNull(batch, "batch");
        if (batch.isEmpty() || batch.length() > 200) {
            throw new IllegalArgumentException("A batch's name has 1 to 200 characters, got " + batch.length());
        }
        return batch;
    }

    @Override
    public synchronized void register(String batch, Collection<String> references) {
        Map<String, Row> rows = batches.computeIfAbsent(checkBatch(batch), b -> new LinkedHashMap<>());
        for (String reference : Objects.requireNonNull(references, "references")) {
            rows.putIfAbsent(Objects.requireNonNull(reference, "reference"), new Row());
        }
    }

    @Override
    public synchronized List<String> claim(String batch, String owner, int max, Duration lease) {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(lease, "lease");
        if (max < 1) {
            throw new IllegalArgumentException("claim at least 1 row, got " + max);
        }
        List<String> out = new ArrayList<>();
        Map<String, Row> rows = batches.get(checkBatch(batch));
        if (rows == null) {
            return out;
        }
        long now = nanoTime.getAsLong();
        for (Map.Entry<String, Row> e : rows.entrySet()) {
            Row r = e.getValue();
            if (r.finished || (r.owner != null && now - r.expiresAt < 0)) {
                continue;
            }
            r.owner = owner;
            r.expiresAt = now + lease.toNanos();
            out.add(e.getKey());
            if (out.size() == max) {
                break;
            }
        }
        return out;
    }

    @Override
    public synchronized Set<String> renew(String batch, String owner, Collection<String> references,
            Duration lease) {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(lease, "lease");
        Set<String> held = new HashSet<>();
        Map<String, Row> rows = batches.get(checkBatch(batch));
        if (rows == null) {
            return held;
        }
        long now = nanoTime.getAsLong();
        for (String reference : references) {
            Row r = rows.get(reference);
            if (r != null && !r.finished && owner.equals(r.owner)) {
                // still ours, even past its expiry, as long as nobody claimed it meanwhile
                r.expiresAt = now + lease.toNanos();
                held.add(reference);
            }
        }
        return held;
    }

    @Override
    public synchronized boolean finish(String batch, String owner, String reference) {
        Map<String, Row> rows = batches.get(checkBatch(batch));
        Row r = rows == null ? null : rows.get(reference);
        if (r == null || r.finished || !Objects.equals(owner, r.owner)) {
            return false;
        }
        r.finished = true;
        return true;
    }

    @Override
    public synchronized void release(String batch, String owner, String reference) {
        Map<String, Row> rows = batches.get(checkBatch(batch));
        Row r = rows == null ? null : rows.get(reference);
        if (r != null && !r.finished && Objects.equals(owner, r.owner)) {
            r.owner = null;
        }
    }

    @Override
    public synchronized int unfinished(String batch) {
        Map<String, Row> rows = batches.get(checkBatch(batch));
        int n = 0;
        if (rows != null) {
            for (Row r : rows.values()) {
                if (!r.finished) {
                    n++;
                }
            }
        }
        return n;
    }

    @Override
    public void close() {
        // nothing held
    }

    @Override
    public String toString() {
        return "BatchLeases.inMemory()";
    }
}
