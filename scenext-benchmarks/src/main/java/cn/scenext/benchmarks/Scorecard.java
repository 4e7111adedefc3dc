package cn.scenext.benchmarks;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every performance figure of the SDK in one run, one JSON object per line and figure:
 * {@code {"figure": NAME, "value": NUMBER, "low": NUMBER, "high": NUMBER, "unit": TEXT, "pairs": N}}, where
 * {@code low}/{@code high} are the 95% interval of {@link PairedRatio} (equal to {@code value} for a count).
 *
 * <pre>java -cp scenext-benchmarks/target/benchmarks.jar cn.scenext.benchmarks.Scorecard [--quick] [--no-pin]</pre>
 *
 * <ul>
 *   <li>{@code getStatus.ratio.<transport>}, {@code alloc.ratio.<transport>} (and {@code cpu.ratio.<transport>}):
 *       SDK/raw wall time, allocation and client-thread CPU per call, from {@link PairedOverhead} in
 *       {@code forks} child JVMs per pair, each pinned to CPU 0 with {@code taskset -c 0} when the machine has it
 *       (server in the same JVM, so on the same CPU), intervals stratified by JVM;</li>
 *   <li>{@code peer.openai.ratio}, {@code peer.anthropic.ratio} (and their {@code .cpu.ratio}/{@code .alloc.ratio}):
 *       the same for openai-java and anthropic-java against a raw OkHttp GET;</li>
 *   <li>{@code webhook.verify.opsPerSec} and {@code webhook.forged1MB.ms} ({@link WebhookTimings}, in this JVM);</li>
 *   <li>{@code waits100k.*}: {@link ConcurrentWaits} with 100,000 tasks in a child JVM with {@code -Xmx1g}
 *       (and {@code waits100k.statusRequestsBound}, the poll policy's bound);</li>
 *   <li>{@code download.ratioToRawFsync}, {@code download.ratioNoSync}: {@link DownloadThroughput} in a child JVM
 *       with {@code -Xmx64m} (pinned like the paired JVMs, the simulator inside it), medians of per-round ratios of
 *       downloads run back to back; and {@code download.cpuRatioNoSync}, the SDK/raw ratio of the process's CPU time
 *       per download, which the share of the CPU other load leaves does not move.</li>
 * </ul>
 *
 * <p>Settings: the default is the full run (about half an hour on 2 cores); {@code --quick} uses short settings that
 * finish in well under 20 minutes; {@code --smoke} runs each figure for a few iterations only, to check that every
 * line comes out (its figures mean nothing). {@code --no-pin} runs the paired JVMs unpinned. {@code --only a,b}
 * runs only the groups named ({@code transports}, {@code peers}, {@code webhook}, {@code waits}, {@code download}).
 * Progress goes to stderr.
 */
public final class Scorecard {
    private static final String[] TRANSPORTS = {"okhttp", "apache", "retrofit", "jdk"};
    private static final String[] PEERS = {"openai", "anthropic"};

    private Scorecard() {
    }

    /** How long each part runs. */
    record Settings(int forks, int rounds, long warmupMs, long roundMs, int webhookRounds, long webhookRoundMs,
            int forgedRuns, int waitTasks, int downloadMb, int downloadRounds, int warmupCalls) {
        static Settings of(Map<String, String> o) {
            if (o.containsKey("smoke")) {
                return new Settings(1, 3, 300, 50, 3, 100, 3, 2000, 8, 2, 200);
            }
            if (o.containsKey("quick")) {
                return new Settings(2, 20, 10_000, 300, 10, 500, 10, 100_000, 64, 30, 20_000);
            }
            return new Settings(2, 40, 20_000, 500, 30, 1000, 30, 100_000, 256, 20, 20_000);
        }
    }

    /**
     * Runs the scorecard.
     *
     * @param args {@code --quick}, {@code --smoke}, {@code --no-pin}, {@code --only groups}
     * @throws Exception when a figure cannot be measured (a child JVM failed, a check did not hold)
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> o = Arguments.parse(args);
        Settings s = Settings.of(o);
        boolean pin = !o.containsKey("no-pin") && taskset() != null;
        List<String> only = o.containsKey("only") ? List.of(o.get("only").split(",")) : null;
        progress("settings " + s + (pin ? ", paired JVMs pinned to CPU 0" : ", paired JVMs not pinned"));

        if (only == null || only.contains("transports")) {
            for (String transport : TRANSPORTS) {
                Paired p = paired("sdk:" + transport, s, pin);
                print("getStatus.ratio." + transport, p.wall(), "sdk/raw wall time per call");
                print("alloc.ratio." + transport, p.alloc(), "sdk/raw bytes allocated per call");
                print("cpu.ratio." + transport, p.cpu(), "sdk/raw client-thread CPU per call");
            }
        }
        if (only == null || only.contains("peers")) {
            for (String peer : PEERS) {
                Paired p = paired("peer:" + peer, s, pin);
                print("peer." + peer + ".ratio", p.wall(), peer + "-java/raw OkHttp wall time per call");
                print("peer." + peer + ".alloc.ratio", p.alloc(), peer + "-java/raw OkHttp bytes allocated per call");
                print("peer." + peer + ".cpu.ratio", p.cpu(), peer + "-java/raw OkHttp client-thread CPU per call");
            }
        }
        if (only == null || only.contains("webhook")) {
            progress("webhook verifies");
            print("webhook.verify.opsPerSec", PairedRatio.of(WebhookTimings.verifyOpsPerSecond(s.webhookRounds(),
                    s.webhookRoundMs(), s.webhookRoundMs() * 10)), "verifies/s, one thread");
            progress("forged 1 MB webhook");
            print("webhook.forged1MB.ms", PairedRatio.of(WebhookTimings.forgedRejectionMillis(s.forgedRuns(),
                    Math.max(3, s.forgedRuns() / 2))), "ms per rejection");
        }
        if (only == null || only.contains("waits")) {
            progress(s.waitTasks() + " concurrent waits");
            Map<String, Object> w = childFigures(false, List.of("-Xmx1g"), ConcurrentWaits.class,
                    "--tasks", Integer.toString(s.waitTasks()));
            print("waits100k.completed", exact(w, "completed"), "tasks of " + w.get("tasks"));
            print("waits100k.threads", exact(w, "peakThreads"), "peak live threads, whole JVM");
            print("waits100k.heapMb", exact(w, "peakHeapMb"), "MiB peak heap in use (-Xmx1g)");
            print("waits100k.statusRequests", exact(w, "statusRequests"), "status requests");
            print("waits100k.statusRequestsBound", exact(w, "statusRequestsBound"), "status requests at most");
        }
        if (only == null || only.contains("download")) {
            progress(s.downloadMb() + " MiB downloads");
            Map<String, Object> d = childFigures(pin, List.of("-Xmx64m"), DownloadThroughput.class,
                    "--mb", Integer.toString(s.downloadMb()), "--rounds", Integer.toString(s.downloadRounds()));
            print("download.ratioToRawFsync", PairedRatio.of(numbers(d, "ratioToRawFsyncRounds")),
                    "sdk/(raw copy + force) MB/s");
            print("download.ratioNoSync", PairedRatio.of(numbers(d, "ratioNoSyncRounds")),
                    "sdk syncToDisk(false)/raw copy MB/s");
            print("download.cpuRatioNoSync", PairedRatio.of(numbers(d, "cpuRatioNoSyncRounds")),
                    "sdk syncToDisk(false)/raw copy process CPU per download");
        }
    }

    /** The three per-round ratios of a pair, over all its JVMs. */
    record Paired(PairedRatio.Estimate wall, PairedRatio.Estimate cpu, PairedRatio.Estimate alloc) {
    }

    private static Paired paired(String pair, Settings s, boolean pin) throws Exception {
        List<double[]> wall = new ArrayList<>();
        List<double[]> cpu = new ArrayList<>();
        List<double[]> alloc = new ArrayList<>();
        for (int fork = 0; fork < s.forks(); fork++) {
            progress(pair + ", JVM " + (fork + 1) + " of " + s.forks());
            List<Map<String, Object>> rounds = childLines(pin, List.of("-Xmx512m"), PairedOverhead.class,
                    "--pair", pair, "--rounds", Integer.toString(s.rounds()),
                    "--warmup-ms", Long.toString(s.warmupMs()), "--round-ms", Long.toString(s.roundMs()),
                    "--warmup-calls", Integer.toString(s.warmupCalls()));
            wall.add(column(rounds, "wall"));
            cpu.add(column(rounds, "cpu"));
            alloc.add(column(rounds, "alloc"));
        }
        return new Paired(PairedRatio.stratified(wall), PairedRatio.stratified(cpu), PairedRatio.stratified(alloc));
    }

    private static double[] column(List<Map<String, Object>> rows, String name) {
        double[] values = new double[rows.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = ((Number) rows.get(i).get(name)).doubleValue();
        }
        return values;
    }

    private static PairedRatio.Estimate exact(Map<String, Object> figures, String name) {
        Object v = figures.get(name);
        if (!(v instanceof Number)) {
            throw new IllegalStateException("No figure " + name + " in " + figures);
        }
        return PairedRatio.Estimate.exact(((Number) v).doubleValue());
    }

    @SuppressWarnings("unchecked")
    private static double[] numbers(Map<String, Object> figures, String name) {
        List<Number> list = (List<Number>) figures.get(name);
        return list.stream().mapToDouble(Number::doubleValue).toArray();
    }

    /** Prints one figure's line. */
    static void print(String figure, PairedRatio.Estimate e, String unit) {
        System.out.println(line(figure, e, unit));
        System.out.flush();
    }

    /** One figure's JSON line. */
    static String line(String figure, PairedRatio.Estimate e, String unit) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("figure", figure);
        m.put("value", Figures.round(e.value(), 4));
        m.put("low", Figures.round(e.low(), 4));
        m.put("high", Figures.round(e.high(), 4));
        m.put("unit", unit);
        m.put("pairs", e.pairs());
        return Figures.toJson(m);
    }

    private static Map<String, Object> childFigures(boolean pin, List<String> jvmOptions, Class<?> main,
            String... args) throws Exception {
        List<Map<String, Object>> lines = childLines(pin, jvmOptions, main, args);
        if (lines.size() != 1) {
            throw new IllegalStateException(main.getSimpleName() + " printed " + lines.size() + " lines, not one");
        }
        return lines.get(0);
    }

    /** Runs a program of this jar in a child JVM and reads the JSON lines it prints. */
    private static List<Map<String, Object>> childLines(boolean pin, List<String> jvmOptions, Class<?> main,
            String... args) throws Exception {
        List<String> command = new ArrayList<>();
        if (pin) {
            command.add(taskset());
            command.add("-c");
            command.add("0");
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        List<Map<String, Object>> lines = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("{")) {
                    lines.add(Figures.fromJson(line));
                } else if (!line.isBlank()) {
                    System.err.println(line);
                }
            }
        }
        int exit = process.waitFor();
        if (exit != 0) {
            throw new IOException(main.getSimpleName() + " " + String.join(" ", args) + " exited with " + exit);
        }
        return lines;
    }

    /** The path of {@code taskset}, or {@code null} when this machine has none. */
    private static String taskset() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "taskset");
            if (!dir.isEmpty() && Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }

    private static void progress(String message) {
        System.err.println("[scorecard] " + message);
    }
}
