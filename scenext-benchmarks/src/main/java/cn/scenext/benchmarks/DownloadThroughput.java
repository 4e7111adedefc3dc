package cn.scenext.benchmarks;

import cn.scenext.api.GenerateVideoRequest;
import cn.scenext.api.TaskId;
import cn.scenext.api.TaskStatus;
import cn.scenext.benchmarks.raw.RawClient;
import cn.scenext.benchmarks.raw.RawClients;
import cn.scenext.core.ScenextClient;
import cn.scenext.core.download.DownloadOptions;
import cn.scenext.core.download.OverwritePolicy;
import cn.scenext.testkit.ScenextSimulator;
import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A large result downloaded to a file through the SDK ({@code client.download}) and by the bare library behind
 * the same transport (its usual GET, the body copied to a file), from the same in-process {@link ScenextSimulator}
 * serving a padded, valid MP4 of {@code --mb} MiB, for {@code --rounds} rounds; each file is checked for its size
 * and deleted. Each ratio's two sides run back to back in a round, which side goes first alternates every round
 * and which pair goes first every second round. Prints one JSON line with the best round's rates in MB/s and their
 * ratios, and each round's ratios ({@code ratioToRawFsyncRounds}, {@code ratioNoSyncRounds}) and ratio of the
 * process's CPU time ({@code cpuRatioNoSyncRounds}, SDK without force over the bare copy), from which
 * {@link Scorecard} takes medians. The SDK forces the file to disk before moving it
 * into place (so a crash never leaves a complete-looking file that is not), which a bare copy does not: the line
 * also gives the bare copy followed by the same {@code force}, {@code rawFsyncMBps}, and the ratio to that. Run it
 * in a small heap to show memory stays flat:
 *
 * <pre>java -Xmx64m -cp scenext-benchmarks/target/benchmarks.jar cn.scenext.benchmarks.DownloadThroughput --mb 256</pre>
 *
 * <p>Options: {@code --mb} (256), {@code --transport} (okhttp), {@code --rounds} (3), {@code --dir} (a new
 * temporary directory).
 */
public final class DownloadThroughput {
    private static final double MB = 1_000_000.0;
    /** The process's CPU time, all threads: what a download costs whatever share of the CPU it was given. */
    private static final OperatingSystemMXBean PROCESS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private DownloadThroughput() {
    }

    /**
     * Runs the program.
     *
     * @param args see the class description
     * @throws Exception when a download fails
     */
    public static void main(String[] args) throws Exception {
        System.out.println(Figures.toJson(run(args)));
    }

    /**
     * Runs the program and returns its figures instead of printing them.
     *
     * @param args see the class description
     * @return the figures by name, as in the printed line, with each round's ratios in
     *     {@code ratioToRawFsyncRounds} and {@code ratioNoSyncRounds} (for {@link PairedRatio})
     * @throws Exception when a download fails
     */
    public static Map<String, Object> run(String[] args) throws Exception {
        Map<String, String> o = Arguments.parse(args);
        LoopbackSimulator.useNoDelay();
        long bytes = Long.parseLong(o.getOrDefault("mb", "256")) << 20;
        String transport = o.getOrDefault("transport", "okhttp");
        int rounds = Integer.parseInt(o.getOrDefault("rounds", "3"));
        Path dir = o.containsKey("dir") ? Path.of(o.get("dir")) : Files.createTempDirectory("scenext-download-");

        double[] sdk = new double[rounds];
        double[] raw = new double[rounds];
        double[] rawDurable = new double[rounds];
        double[] sdkNoSync = new double[rounds];
        double[] rawCpu = new double[rounds];
        double[] sdkNoSyncCpu = new double[rounds];
        try (ScenextSimulator simulator = ScenextSimulator.builder().recordRequests(false).videoSize(bytes)
                .taskDuration(Duration.ZERO).start();
                ScenextClient client = simulator.newClient().transport(transport).build();
                RawClient bare = RawClients.create(transport, simulator.baseUrl(), simulator.apiKey())) {
            TaskId id = client.generateVideo(GenerateVideoRequest.ofQuestion("What is a Fourier series?"));
            TaskStatus status = client.waitForCompletion(id);
            URI video = URI.create(status.videoUrl().orElseThrow());
            DownloadOptions replace = DownloadOptions.builder().overwrite(OverwritePolicy.REPLACE).build();
            DownloadOptions replaceNoSync = DownloadOptions.builder().overwrite(OverwritePolicy.REPLACE)
                    .syncToDisk(false).build();
            for (int round = 0; round < rounds; round++) {
                int r = round;
                Path sdkFile = dir.resolve("sdk.mp4");
                Path rawFile = dir.resolve("raw.mp4");
                // The two sides of each ratio run back to back, so that both meet the same load; which side goes
                // first alternates from round to round, and which pair goes first every second round, so that the
                // one after (which meets the write-back of the one before) is each side equally often.
                Download[][] pairs = {
                    {
                        () -> raw[r] = timed(bytes, rawFile, rawCpu, r, () -> bare.download(video, rawFile)),
                        () -> sdkNoSync[r] = timed(bytes, sdkFile, sdkNoSyncCpu, r,
                                () -> client.download(status, sdkFile, replaceNoSync)),
                    },
                    {
                        () -> sdk[r] = timed(bytes, sdkFile, null, r,
                                () -> client.download(status, sdkFile, replace)),
                        () -> rawDurable[r] = timed(bytes, rawFile, null, r, () -> {
                            bare.download(video, rawFile);
                            forceToDisk(rawFile);
                        }),
                    },
                };
                for (int p = 0; p < pairs.length; p++) {
                    Download[] pair = pairs[(round / 2) % 2 == 0 ? p : pairs.length - 1 - p];
                    for (int k = 0; k < pair.length; k++) {
                        pair[round % 2 == 0 ? k : pair.length - 1 - k].run();
                    }
                }
            }
        } finally {
            if (!o.containsKey("dir")) {
                Files.deleteIfExists(dir);
            }
        }
        double sdkBest = Arrays.stream(sdk).max().orElse(0);
        double rawBest = Arrays.stream(raw).max().orElse(0);
        double durableBest = Arrays.stream(rawDurable).max().orElse(0);
        double noSyncBest = Arrays.stream(sdkNoSync).max().orElse(0);
        double[] toFsync = new double[rounds];
        double[] noSync = new double[rounds];
        double[] cpuNoSync = new double[rounds];
        for (int round = 0; round < rounds; round++) {
            toFsync[round] = sdk[round] / rawDurable[round];
            noSync[round] = sdkNoSync[round] / raw[round];
            cpuNoSync[round] = sdkNoSyncCpu[round] / rawCpu[round];
        }
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("mb", bytes >> 20);
        f.put("transport", transport);
        f.put("sdkMBps", Figures.round(sdkBest, 1));
        f.put("rawMBps", Figures.round(rawBest, 1));
        f.put("ratio", Figures.round(sdkBest / rawBest, 2));
        f.put("rawFsyncMBps", Figures.round(durableBest, 1));
        f.put("ratioToRawFsync", Figures.round(sdkBest / durableBest, 2));
        f.put("sdkNoSyncMBps", Figures.round(noSyncBest, 1));
        f.put("ratioNoSync", Figures.round(noSyncBest / rawBest, 2));
        f.put("rounds", rounds);
        f.put("sdkRoundsMBps", rates(sdk));
        f.put("rawRoundsMBps", rates(raw));
        f.put("rawFsyncRoundsMBps", rates(rawDurable));
        f.put("sdkNoSyncRoundsMBps", rates(sdkNoSync));
        f.put("ratioToRawFsyncRounds", rates(toFsync));
        f.put("ratioNoSyncRounds", rates(noSync));
        f.put("cpuRatioNoSyncRounds", rates(cpuNoSync));
        f.put("maxHeapMb", Runtime.getRuntime().maxMemory() >> 20);
        return f;
    }

    /** A download to time. */
    @FunctionalInterface
    private interface Download {
        void run() throws IOException;
    }

    /**
     * Runs a download, checks the file's size, deletes it, and returns the rate in MB/s; stores the CPU time the
     * whole process spent on it (client and in-process server, every thread) in {@code cpu[index]} unless
     * {@code cpu} is {@code null}.
     */
    private static double timed(long bytes, Path file, double[] cpu, int index, Download download)
            throws IOException {
        Files.deleteIfExists(file);
        long cpuStart = PROCESS.getProcessCpuTime();
        long start = System.nanoTime();
        download.run();
        double seconds = (System.nanoTime() - start) / 1e9;
        if (cpu != null) {
            cpu[index] = PROCESS.getProcessCpuTime() - cpuStart;
        }
        long size = Files.size(file);
        Files.delete(file);
        if (size != bytes) {
            throw new IOException("Downloaded " + size + " bytes, expected " + bytes);
        }
        return bytes / MB / seconds;
    }

    /** What the SDK does before moving a download into place: the bytes reach the disk. */
    private static void forceToDisk(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    private static double[] rates(double[] rates) {
        double[] rounded = new double[rates.length];
        for (int i = 0; i < rates.length; i++) {
            rounded[i] = Figures.round(rates[i], 3);
        }
        return rounded;
    }
}
