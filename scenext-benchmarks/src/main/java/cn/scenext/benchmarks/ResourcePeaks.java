package cn.scenext.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Map;
import java.util.TreeMap;

/**
 * The peak live threads and heap of this JVM during a run: the JVM's own peak thread count (reset at the start),
 * and a sampler every 10 ms that keeps the highest heap in use and the names of the threads alive at the highest
 * thread count, to say whose threads they were.
 */
final class ResourcePeaks implements AutoCloseable {
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final Thread sampler;
    private volatile long sampledHeapPeak;
    private volatile int sampledThreadPeak;
    private volatile Map<String, Integer> threadsAtPeak = new TreeMap<>();

    private ResourcePeaks() {
        threads.resetPeakThreadCount();
        sampler = new Thread(this::sample, "peak-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** Starts watching. */
    static ResourcePeaks start() {
        return new ResourcePeaks();
    }

    private void sample() {
        while (!Thread.currentThread().isInterrupted()) {
            sampledHeapPeak = Math.max(sampledHeapPeak, memory.getHeapMemoryUsage().getUsed());
            int count = threads.getThreadCount();
            if (count > sampledThreadPeak) {
                sampledThreadPeak = count;
                threadsAtPeak = threadGroups();
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** The most live threads at once, by the JVM's count (which includes this sampler). */
    int peakThreads() {
        return Math.max(threads.getPeakThreadCount(), sampledThreadPeak);
    }

    /** The most heap in use at once (live objects and garbage not yet collected), sampled, in MiB. */
    double peakHeapMb() {
        return Math.max(sampledHeapPeak, memory.getHeapMemoryUsage().getUsed()) / (1024.0 * 1024.0);
    }

    /** Live threads at the sampled peak, grouped by name without numbers. */
    Map<String, Integer> threadsAtPeak() {
        return threadsAtPeak;
    }

    private Map<String, Integer> threadGroups() {
        Map<String, Integer> groups = new TreeMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null) {
                groups.merge(info.getThreadName().replaceAll("\\d+", "N"), 1, Integer::sum);
            }
        }
        return groups;
    }

    @Override
    public void close() {
        sampler.interrupt();
    }
}
