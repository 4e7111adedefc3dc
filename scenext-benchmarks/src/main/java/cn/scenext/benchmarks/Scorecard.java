package cn.scenext.benchmarks;

import java.io.BufferedReader;
import java.io.BufferedWriter;
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
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Every performance figure of the SDK in one run, one JSON object per line and figure:
 * {@code {"figure": NAME, "value": NUMBER, "low": NUMBER, "high": NUMBER, "unit": TEXT, "pairs": N}}, where
 * {@code value} is the median of all rounds, {@code low}/{@code high} the 95% interval of
 * {@link PairedRatio#hierarchical} (a two-stage bootstrap over the JVMs and their rounds, so that it covers what
 * differs from JVM to JVM; equal to {@code value} for a count) and {@code pairs} the number of rounds over all JVMs.
 * Each line then gives {@code loadStart} and {@code loadEnd}, the machine's 1-minute load average when the first JVM
 * of the figure's group (a pair, the webhooks, the waits, the downloads) began and when its last one ended, when the
 * machine tells ({@code /proc/loadavg}). The groups' JVMs are interleaved: the run goes in cycles of one JVM of
 * every group, each cycle starting one group further on (the waits' one JVM in the middle cycle), so that each
 * figure's JVMs are spread over the whole run; the lines come out at its end.
 *
 * <pre>java -cp scenext-benchmarks/target/benchmarks.jar cn.scenext.benchmarks.Scorecard [--quick] [--no-pin] [--raw FILE]</pre>
 *
 * <ul>
 *   <li>{@code getStatus.ratio.<transport>}, {@code alloc.ratio.<transport>} (and {@code cpu.ratio.<transport>}):
 *       SDK/raw wall time, allocation and client-thread CPU per call, from {@link PairedOverhead} in
 *       {@code forks} child JVMs per pair (5 with {@code --quick}, 6 in the full run), each pinned to CPU 0 with
 *       {@code taskset -c 0} when the machine has it (server in the same JVM, so on the same CPU);</li>
 *   <li>{@code peer.openai.ratio}, {@code peer.anthropic.ratio} (and their {@code .cpu.ratio}/{@code .alloc.ratio}):
 *       the same for openai-java and anthropic-java against a raw OkHttp GET;</li>
 *   <li>{@code webhook.verify.opsPerSec} and {@code webhook.forged1MB.ms} ({@link WebhookRounds}: CPU time of the
 *       verifying thread, in as many child JVMs as a pair, pinned like them);</li>
 *   <li>{@code waits100k.*}: {@link ConcurrentWaits} with 100,000 tasks in a child JVM with {@code -Xmx1g}
 *       (and {@code waits100k.statusRequestsBound}, the poll policy's bound);</li>
 *   <li>{@code download.ratioToRawFsync}, {@code download.ratioNoSync}: {@link DownloadThroughput} in 5 child JVMs
 *       with {@code -Xmx64m} (pinned like the paired JVMs, the simulator inside each), medians of per-round ratios
 *       of downloads run back to back; and {@code download.cpuRatioNoSync}, the SDK/raw ratio of the process's CPU
 *       time per download, which the share of the CPU other load leaves does not move.</li>
 * </ul>
 *
 * <p>Settings: the default is the full run (about half an hour on 2 cores); {@code --quick} uses short settings that
 * finish in well under 20 minutes; {@code --smoke} runs each figure for a few iterations in 2 JVMs only, to check
 * that every line comes out (its figures mean nothing). {@code --no-pin} runs the child JVMs unpinned.
 * {@code --only a,b} runs only the groups named ({@code transports}, {@code peers}, {@code webhook}, {@code waits},
 * {@code download}). {@code --raw FILE} also writes every figure's per-JVM, per-round values to FILE, one JSON line
 * per figure ({@link Raw}); {@code --from-raw FILE} prints the figures such a file gives, the same lines as the run
 * printed (the bootstrap's seed is fixed), without measuring anything. Progress goes to stderr.
 */
public final class Scorecard {
    private static final String[] TRANSPORTS = {"okhttp", "apache", "retrofit", "jdk"};
    private static final String[] PEERS = {"openai", "anthropic"};
    private static final Path LOADAVG = Path.of("/proc/loadavg");

    private Scorecard() {
    }

    /**
     * How long each part runs.
     *
     * @param forks JVMs per pair, and JVMs of the webhook figures
     * @param rounds paired rounds per JVM
     * @param warmupMs the paired JVMs' least warm-up
     * @param roundMs a paired round's target length
     * @param webhookRounds verify rounds per webhook JVM
     * @param webhookRoundMs a verify round's CPU time
     * @param forgedRuns timed forged rejections per webhook JVM
     * @param waitTasks concurrent waits
     * @param downloadMb the downloaded file's size
     * @param downloadForks download JVMs
     * @param downloadRounds download rounds per JVM (a multiple of 4 keeps every order equally often)
     * @param warmupCalls calls of each side the paired warm-up makes at least
     */
    record Settings(int forks, int rounds, long warmupMs, long roundMs, int webhookRounds, long webhookRoundMs,
            int forgedRuns, int waitTasks, int downloadMb, int downloadForks, int downloadRounds, int warmupCalls) {
        static Settings of(Map<String, String> o) {
            if (o.containsKey("smoke")) {
                return new Settings(2, 3, 300, 50, 3, 50, 3, 2000, 8, 2, 2, 200);
            }
            if (o.containsKey("quick")) {
                return new Settings(5, 12, 5_000, 300, 8, 300, 8, 100_000, 64, 5, 8, 20_000);
            }
            return new Settings(6, 25, 15_000, 500, 15, 1000, 15, 100_000, 256, 5, 4, 20_000);
        }
    }

    /**
     * The 1-minute load averages of the machine when a group's first JVM began and when its last one ended.
     *
     * @param start at the start, {@code NaN} when the machine does not tell ({@code /proc/loadavg})
     * @param end at the end, likewise
     */
    record Load(double start, double end) {
    }

    /**
     * The data a figure is computed from, as {@code --raw} records it: one array of per-round values per JVM (a
     * count or a peak: one array of one value, {@code exact}).
     *
     * @param figure the figure's name
     * @param unit what it counts
     * @param exact whether it is a single value without interval
     * @param jvms the values, JVM by JVM
     * @param load the load around its group
     */
    record Raw(String figure, String unit, boolean exact, List<double[]> jvms, Load load) {
        /** The figure: a two-stage bootstrap over JVMs and rounds, or the exact value. */
        PairedRatio.Estimate estimate() {
            return exact ? PairedRatio.Estimate.exact(jvms.get(0)[0]) : PairedRatio.hierarchical(jvms);
        }

        /** The figure's JSON line. */
        String figureLine() {
            return line(figure, estimate(), unit, load);
        }

        /** This raw data as one JSON line. */
        String toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("figure", figure);
            m.put("unit", unit);
            m.put("exact", exact);
            m.put("jvms", jvms);
            putLoad(m, load);
            return Figures.toJson(m);
        }

        /**
         * Reads a line written by {@link #toJson}.
         *
         * @param json the line
         * @return the raw data
         * @throws IllegalArgumentException when the line is not raw figure data
         */
        @SuppressWarnings("unchecked")
        static Raw fromJson(String json) {
            Map<String, Object> m = Figures.fromJson(json);
            if (!(m.get("figure") instanceof String figure) || !(m.get("unit") instanceof String unit)
                    || !(m.get("exact") instanceof Boolean exact) || !(m.get("jvms") instanceof List<?> list)
                    || list.isEmpty()) {
                throw new IllegalArgumentException("Not a raw scorecard line: " + json);
            }
            List<double[]> jvms = new ArrayList<>();
            for (Object jvm : list) {
                if (!(jvm instanceof List<?> values) || values.isEmpty()) {
                    throw new IllegalArgumentException("A JVM without values in " + figure);
                }
                double[] v = new double[values.size()];
                for (int i = 0; i < v.length; i++) {
                    if (!(values.get(i) instanceof Number n)) {
                        throw new IllegalArgumentException("Not a number in " + figure + ": " + values.get(i));
                    }
                    v[i] = n.doubleValue();
                }
                jvms.add(v);
            }
            Load load = m.get("loadStart") instanceof Number a && m.get("loadEnd") instanceof Number b
                    ? new Load(a.doubleValue(), b.doubleValue()) : null;
            return new Raw(figure, unit, exact, jvms, load);
        }
    }

    /**
     * Runs the scorecard.
     *
     * @param args {@code --quick}, {@code --smoke}, {@code --no-pin}, {@code --only groups}, {@code --raw FILE};
     *     or {@code --from-raw FILE} alone, which prints the figures a {@code --raw} file gives without measuring
     * @throws Exception when a figure cannot be measured (a child JVM failed, a check did not hold)
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> o = Arguments.parse(args);
        if (o.containsKey("from-raw")) {
            for (String line : Files.readAllLines(Path.of(o.get("from-raw")), StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    System.out.println(Raw.fromJson(line).figureLine());
                }
            }
            return;
        }
        Settings s = Settings.of(o);
        boolean pin = !o.containsKey("no-pin") && taskset() != null;
        List<String> only = o.containsKey("only") ? List.of(o.get("only").split(",")) : null;
        progress("settings " + s + (pin ? ", child JVMs pinned to CPU 0" : ", child JVMs not pinned"));
        try (BufferedWriter raw = o.containsKey("raw")
                ? Files.newBufferedWriter(Path.of(o.get("raw")), StandardCharsets.UTF_8) : null) {
            run(s, pin, only, raw);
        }
    }

    private static void run(Settings s, boolean pin, List<String> only, BufferedWriter raw) throws Exception {
        List<Group> groups = groups(s, pin, only);
        int[] jvms = new int[groups.size()];
        for (int i = 0; i < jvms.length; i++) {
            jvms[i] = groups.get(i).jvms;
        }
        List<int[]> order = order(jvms);
        for (int n = 0; n < order.size(); n++) {
            Group g = groups.get(order.get(n)[0]);
            int jvm = order.get(n)[1];
            progress(g.name + ", JVM " + (jvm + 1) + " of " + g.jvms + " (" + (n + 1) + " of " + order.size() + ")");
            double before = loadAverage();
            g.step.run(jvm);
            g.ran(before, loadAverage());
        }
        for (Group g : groups) {
            for (Raw figure : g.figures.apply(g.load())) {
                emit(raw, figure);
            }
        }
    }

    /**
     * The order of a run's child JVMs, as {@code {group, jvm}} pairs, for groups of {@code jvms[g]} JVMs each: in
     * cycles of one JVM of every group that has one there, each cycle starting one group further on, a group's JVMs
     * spread evenly over the cycles ({@link Group#jvmOfCycle}; as many cycles as the largest group has JVMs). So
     * every figure's JVMs are spread over the whole run and no figure has a place in the order of its own: what the
     * machine does meanwhile (the host's other guests, a neighbour's build) falls on all the figures alike instead of
     * on one group.
     */
    static List<int[]> order(int[] jvms) {
        int cycles = 0;
        for (int n : jvms) {
            cycles = Math.max(cycles, n);
        }
        List<int[]> order = new ArrayList<>();
        for (int cycle = 0; cycle < cycles; cycle++) {
            for (int i = 0; i < jvms.length; i++) {
                int g = (cycle + i) % jvms.length;
                int jvm = Group.jvmOfCycle(jvms[g], cycle, cycles);
                if (jvm >= 0) {
                    order.add(new int[] {g, jvm});
                }
            }
        }
        return order;
    }

    /** The groups of figures a run measures, in the order of the first cycle. */
    private static List<Group> groups(Settings s, boolean pin, List<String> only) {
        List<Group> groups = new ArrayList<>();
        if (only == null || only.contains("transports")) {
            for (String transport : TRANSPORTS) {
                groups.add(pairedGroup("sdk:" + transport, s, pin, (p, l) -> List.of(
                        new Raw("getStatus.ratio." + transport, "sdk/raw wall time per call", false, p.wall(), l),
                        new Raw("alloc.ratio." + transport, "sdk/raw bytes allocated per call", false, p.alloc(), l),
                        new Raw("cpu.ratio." + transport, "sdk/raw client-thread CPU per call", false, p.cpu(), l))));
            }
        }
        if (only == null || only.contains("peers")) {
            for (String peer : PEERS) {
                groups.add(pairedGroup("peer:" + peer, s, pin, (p, l) -> List.of(
                        new Raw("peer." + peer + ".ratio", peer + "-java/raw OkHttp wall time per call", false,
                                p.wall(), l),
                        new Raw("peer." + peer + ".alloc.ratio", peer + "-java/raw OkHttp bytes allocated per call",
                                false, p.alloc(), l),
                        new Raw("peer." + peer + ".cpu.ratio", peer + "-java/raw OkHttp client-thread CPU per call",
                                false, p.cpu(), l))));
            }
        }
        if (only == null || only.contains("webhook")) {
            List<double[]> verify = new ArrayList<>();
            List<double[]> forged = new ArrayList<>();
            Group g = new Group("webhooks", s.forks(), jvm -> {
                Map<String, Object> w = childFigures(pin, List.of("-Xmx256m"), WebhookRounds.class,
                        "--rounds", Integer.toString(s.webhookRounds()),
                        "--round-ms", Long.toString(s.webhookRoundMs()),
                        "--forged-runs", Integer.toString(s.forgedRuns()));
                verify.add(numbers(w, "verifyOpsPerSec"));
                forged.add(numbers(w, "forgedMs"));
            }, l -> List.of(
                    new Raw("webhook.verify.opsPerSec", "verifies per CPU-second, one thread", false, verify, l),
                    new Raw("webhook.forged1MB.ms", "ms of CPU time per rejection", false, forged, l)));
            groups.add(g);
        }
        if (only == null || only.contains("waits")) {
            Map<String, Object> w = new LinkedHashMap<>();
            Group g = new Group(s.waitTasks() + " concurrent waits", 1, jvm -> w.putAll(
                    childFigures(false, List.of("-Xmx1g"), ConcurrentWaits.class,
                            "--tasks", Integer.toString(s.waitTasks()))), l -> List.of(
                    exact("waits100k.completed", w, "completed", "tasks of " + w.get("tasks"), l),
                    exact("waits100k.threads", w, "peakThreads", "peak live threads, whole JVM", l),
                    exact("waits100k.heapMb", w, "peakHeapMb", "MiB peak heap in use (-Xmx1g)", l),
                    exact("waits100k.statusRequests", w, "statusRequests", "status requests", l),
                    exact("waits100k.statusRequestsBound", w, "statusRequestsBound", "status requests at most", l)));
            groups.add(g);
        }
        if (only == null || only.contains("download")) {
            List<double[]> fsync = new ArrayList<>();
            List<double[]> noSync = new ArrayList<>();
            List<double[]> cpu = new ArrayList<>();
            Group g = new Group(s.downloadMb() + " MiB downloads", s.downloadForks(), jvm -> {
                Map<String, Object> d = childFigures(pin, List.of("-Xmx64m"), DownloadThroughput.class,
                        "--mb", Integer.toString(s.downloadMb()), "--rounds", Integer.toString(s.downloadRounds()));
                fsync.add(numbers(d, "ratioToRawFsyncRounds"));
                noSync.add(numbers(d, "ratioNoSyncRounds"));
                cpu.add(numbers(d, "cpuRatioNoSyncRounds"));
            }, l -> List.of(new Raw("download.ratioToRawFsync", "sdk/(raw copy + force) MB/s", false, fsync, l),
                    new Raw("download.ratioNoSync", "sdk syncToDisk(false)/raw copy MB/s", false, noSync, l),
                    new Raw("download.cpuRatioNoSync", "sdk syncToDisk(false)/raw copy process CPU per download",
                            false, cpu, l)));
            groups.add(g);
        }
        return groups;
    }

    /** A pair's group: {@code forks} JVMs of {@link PairedOverhead}, its figures made by {@code figures}. */
    private static Group pairedGroup(String pair, Settings s, boolean pin,
            BiFunction<Paired, Load, List<Raw>> figures) {
        Paired p = new Paired(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        return new Group(pair, s.forks(), jvm -> {
            List<Map<String, Object>> rounds = childLines(pin, List.of("-Xmx512m"), PairedOverhead.class,
                    "--pair", pair, "--rounds", Integer.toString(s.rounds()),
                    "--warmup-ms", Long.toString(s.warmupMs()), "--round-ms", Long.toString(s.roundMs()),
                    "--warmup-calls", Integer.toString(s.warmupCalls()));
            p.wall().add(column(rounds, "wall"));
            p.cpu().add(column(rounds, "cpu"));
            p.alloc().add(column(rounds, "alloc"));
        }, l -> figures.apply(p, l));
    }

    /** One child JVM of a group: the JVM's index within its group. */
    @FunctionalInterface
    interface Step {
        void run(int jvm) throws Exception;
    }

    /**
     * A group of figures measured in the same child JVMs: a pair, the webhooks, the waits, the downloads.
     * {@link #run} spreads its {@code jvms} JVMs evenly over the run's cycles.
     */
    static final class Group {
        final String name;
        final int jvms;
        final Step step;
        final Function<Load, List<Raw>> figures;
        private double firstLoad = Double.NaN;
        private double lastLoad = Double.NaN;
        private boolean started;

        Group(String name, int jvms, Step step, Function<Load, List<Raw>> figures) {
            this.name = name;
            this.jvms = jvms;
            this.step = step;
            this.figures = figures;
        }

        /**
         * Which of a group's {@code jvms} JVMs runs in {@code cycle} of {@code cycles} (at least {@code jvms}), or
         * -1 for none: JVM {@code j} in the cycle in the middle of its share, {@code floor((2j + 1) * cycles / (2 *
         * jvms))}, so a group of as many JVMs as cycles has one in each and a group of one JVM runs it in the middle.
         */
        static int jvmOfCycle(int jvms, int cycle, int cycles) {
            for (int j = 0; j < jvms; j++) {
                if ((2 * j + 1) * cycles / (2 * jvms) == cycle) {
                    return j;
                }
            }
            return -1;
        }

        void ran(double before, double after) {
            if (!started) {
                firstLoad = before;
                started = true;
            }
            lastLoad = after;
        }

        /** The load average when the group's first JVM began and when its last one ended. */
        Load load() {
            return new Load(firstLoad, lastLoad);
        }
    }

    /** Prints a figure's line and, with {@code --raw}, records its data. */
    private static void emit(BufferedWriter raw, Raw figure) throws IOException {
        System.out.println(figure.figureLine());
        System.out.flush();
        if (raw != null) {
            raw.write(figure.toJson());
            raw.newLine();
            raw.flush();
        }
    }

    /** The machine's 1-minute load average, or {@code NaN} when it does not tell. */
    static double loadAverage() {
        try {
            String[] fields = Files.readString(LOADAVG, StandardCharsets.US_ASCII).trim().split("\\s+");
            return Double.parseDouble(fields[0]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** Each JVM's per-round ratios of a pair. */
    record Paired(List<double[]> wall, List<double[]> cpu, List<double[]> alloc) {
    }

    private static double[] column(List<Map<String, Object>> rows, String name) {
        double[] values = new double[rows.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = ((Number) rows.get(i).get(name)).doubleValue();
        }
        return values;
    }

    private static Raw exact(String figure, Map<String, Object> figures, String name, String unit, Load load) {
        Object v = figures.get(name);
        if (!(v instanceof Number n)) {
            throw new IllegalStateException("No figure " + name + " in " + figures);
        }
        return new Raw(figure, unit, true, List.of(new double[] {n.doubleValue()}), load);
    }

    @SuppressWarnings("unchecked")
    private static double[] numbers(Map<String, Object> figures, String name) {
        List<Number> list = (List<Number>) figures.get(name);
        if (list == null || list.isEmpty()) {
            throw new IllegalStateException("No values " + name + " in " + figures);
        }
        return list.stream().mapToDouble(Number::doubleValue).toArray();
    }

    /** One figure's JSON line, the six fields of the issue. */
    static String line(String figure, PairedRatio.Estimate e, String unit) {
        return line(figure, e, unit, null);
    }

    /**
     * One figure's JSON line: the six fields of the issue, then, when {@code load} is not {@code null} and known,
     * {@code loadStart} and {@code loadEnd} (which {@link ScorecardTable} ignores).
     */
    static String line(String figure, PairedRatio.Estimate e, String unit, Load load) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("figure", figure);
        m.put("value", Figures.round(e.value(), 4));
        m.put("low", Figures.round(e.low(), 4));
        m.put("high", Figures.round(e.high(), 4));
        m.put("unit", unit);
        m.put("pairs", e.pairs());
        putLoad(m, load);
        return Figures.toJson(m);
    }

    private static void putLoad(Map<String, Object> m, Load load) {
        if (load != null && !Double.isNaN(load.start()) && !Double.isNaN(load.end())) {
            m.put("loadStart", load.start());
            m.put("loadEnd", load.end());
        }
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
