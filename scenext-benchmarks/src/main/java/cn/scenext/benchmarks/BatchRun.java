package cn.scenext.benchmarks;

import cn.scenext.api.GenerateVideoRequest;
import cn.scenext.api.transport.Transport;
import cn.scenext.api.transport.TransportOptions;
import cn.scenext.core.ScenextClient;
import cn.scenext.core.batch.BatchOptions;
import cn.scenext.core.batch.BatchReport;
import cn.scenext.core.batch.BatchRow;
import cn.scenext.core.batch.BatchRowResult;
import cn.scenext.core.journal.TaskJournal;
import cn.scenext.core.poll.PollPolicy;
import cn.scenext.core.poll.WaitOptions;
import cn.scenext.testkit.ScenextSimulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A batch of {@code --rows} rows run by {@code ScenextClient.runBatch} on an in-process {@link ScenextSimulator},
 * with a file journal and a temporary output directory: each row is created, waited for (polls every
 * {@code --poll-ms}), downloaded and checked. Prints one JSON line: rows, completed, creations the simulator saw,
 * seconds, peak live threads and heap of the whole JVM (simulator included), and the settings.
 *
 * <pre>java -Xmx256m -cp scenext-benchmarks/target/benchmarks.jar cn.scenext.benchmarks.BatchRun --rows 1000</pre>
 *
 * <p>Options: {@code --rows} (1000), {@code --concurrency} (16), {@code --rate} (creations per second, 0 for no
 * limit: the default, so that the figure measures the SDK rather than the limit), {@code --task-ms} (200),
 * {@code --poll-ms} (100), {@code --transport} (okhttp), {@code --simulator-threads} (4).
 */
public final class BatchRun {
    private BatchRun() {
    }

    /**
     * Runs the program.
     *
     * @param args see the class description
     * @throws Exception when the simulator, the client or the batch fails
     */
    public static void main(String[] args) throws Exception {
        System.out.println(Figures.toJson(run(args)));
    }

    /**
     * Runs the program and returns its figures instead of printing them.
     *
     * @param args see the class description
     * @return the figures by name, in the order of the printed line
     * @throws Exception when the simulator, the client or the batch fails
     */
    public static Map<String, Object> run(String[] args) throws Exception {
        Map<String, String> o = Arguments.parse(args);
        int rows = Integer.parseInt(o.getOrDefault("rows", "1000"));
        int concurrency = Integer.parseInt(o.getOrDefault("concurrency", "16"));
        double rate = Double.parseDouble(o.getOrDefault("rate", "0"));
        Duration task = Duration.ofMillis(Long.parseLong(o.getOrDefault("task-ms", "200")));
        Duration poll = Duration.ofMillis(Long.parseLong(o.getOrDefault("poll-ms", "100")));
        String transportName = o.getOrDefault("transport", "okhttp");
        int simulatorThreads = Integer.parseInt(o.getOrDefault("simulator-threads", "4"));
        LoopbackSimulator.useNoDelay();
        Path dir = Files.createTempDirectory("scenext-batch-run");
        Map<String, Object> figures = new LinkedHashMap<>();
        ResourcePeaks peaks = ResourcePeaks.start();
        try (ScenextSimulator simulator = ScenextSimulator.builder().recordRequests(false).taskDuration(task)
                .framesPerTask(1).threads(simulatorThreads).start();
                Transport transport = Transports.create(transportName,
                        TransportOptions.builder().maxConcurrentRequests(concurrency).build());
                TaskJournal journal = TaskJournal.file(dir.resolve("journal"));
                ScenextClient client = simulator.newClient().transport(transport).journal(journal).build()) {
            List<BatchRow> input = new ArrayList<>(rows);
            for (int i = 1; i <= rows; i++) {
                input.add(BatchRow.of(String.valueOf(i), GenerateVideoRequest.ofQuestion("Question " + i + "?")));
            }
            BatchOptions options = BatchOptions.builder().outputDirectory(dir.resolve("videos"))
                    .concurrency(concurrency).creationsPerSecond(rate)
                    .waitOptions(WaitOptions.builder().pollPolicy(PollPolicy.fixed(poll).withFloor(poll)).build())
                    .build();
            long start = System.nanoTime();
            BatchReport report = client.runBatch(input, options);
            double seconds = (System.nanoTime() - start) / 1e9;
            figures.put("rows", rows);
            figures.put("completed", report.count(BatchRowResult.Status.COMPLETED));
            figures.put("creations", simulator.tasks().size());
            figures.put("seconds", Figures.round(seconds, 2));
            figures.put("peakThreads", peaks.peakThreads());
            figures.put("peakHeapMb", Figures.round(peaks.peakHeapMb(), 1));
        } finally {
            peaks.close();
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        figures.put("concurrency", concurrency);
        figures.put("rate", rate);
        figures.put("taskMs", task.toMillis());
        figures.put("pollMs", poll.toMillis());
        figures.put("transport", transportName);
        return figures;
    }
}
