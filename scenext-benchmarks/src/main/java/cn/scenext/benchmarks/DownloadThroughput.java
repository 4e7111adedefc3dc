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
import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * A large result downloaded to a file through the SDK ({@code client.download}) and by the bare library behind
 * the same transport (its usual GET, the body copied to a file), from the same in-process {@link ScenextSimulator}
 * serving a padded, valid MP4 of {@code --mb} MiB. Sides alternate for {@code --rounds} rounds, each file is
 * checked for its size and deleted; the best round of each side counts (the least disturbed by other load).
 * Prints one JSON line with both rates in MB/s and their ratio. The SDK forces the file to disk before moving it
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

    private DownloadThroughput() {
    }

    /**
     * Runs the program.
     *
     * @param args see the class description
     * @throws Exception when a download fails
     */
    public static void main(String[] args) throws Exception {
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
                Path sdkFile = dir.resolve("sdk.mp4");
                Path rawFile = dir.resolve("raw.mp4");
                raw[round] = timed(bytes, rawFile, () -> bare.download(video, rawFile));
                sdk[round] = timed(bytes, sdkFile, () -> client.download(status, sdkFile, replace));
                rawDurable[round] = timed(bytes, rawFile, () -> {
                    bare.download(video, rawFile);
                    forceToDisk(rawFile);
                });
                sdkNoSync[round] = timed(bytes, sdkFile, () -> client.download(status, sdkFile, replaceNoSync));
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
        System.out.println(String.format(Locale.ROOT, "{\"mb\":%d,\"transport\":\"%s\",\"sdkMBps\":%.1f,"
                + "\"rawMBps\":%.1f,\"ratio\":%.2f,\"rawFsyncMBps\":%.1f,\"ratioToRawFsync\":%.2f,"
                + "\"sdkNoSyncMBps\":%.1f,\"ratioNoSync\":%.2f,\"rounds\":%d,"
                + "\"sdkRoundsMBps\":%s,\"rawRoundsMBps\":%s,\"rawFsyncRoundsMBps\":%s,\"sdkNoSyncRoundsMBps\":%s,"
                + "\"maxHeapMb\":%d}",
                bytes >> 20, transport, sdkBest, rawBest, sdkBest / rawBest, durableBest, sdkBest / durableBest,
                noSyncBest, noSyncBest / rawBest, rounds, rates(sdk), rates(raw), rates(rawDurable), rates(sdkNoSync),
                Runtime.getRuntime().maxMemory() >> 20));
    }

    /** A download to time. */
    @FunctionalInterface
    private interface Download {
        void run() throws IOException;
    }

    /** Runs a download, checks the file's size, deletes it, and returns the rate in MB/s. */
    private static double timed(long bytes, Path file, Download download) throws IOException {
        Files.deleteIfExists(file);
        long start = System.nanoTime();
        download.run();
        double seconds = (System.nanoTime() - start) / 1e9;
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

    private static String rates(double[] rates) {
        StringBuilder sb = new StringBuilder("[");
        for (double r : rates) {
            sb.append(sb.length() > 1 ? "," : "").append(String.format(Locale.ROOT, "%.1f", r));
        }
        return sb.append(']').toString();
    }
}
