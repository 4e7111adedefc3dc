package cn.scenext.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The README's performance table, written from a {@link Scorecard} output (its JSON lines) in Markdown: one row per
 * figure with its value, 95% interval, pairs, goal and whether the goal is met, the peers' ratios beside the SDK's.
 *
 * <p>In README.md the table stands between two HTML comments, the first naming the scorecard output it was written
 * from (a path relative to the repository's root):
 *
 * <pre>
 * &lt;!-- scorecard-table: docs/scorecard/2026-12-02-run1.jsonl --&gt;
 * ...
 * &lt;!-- /scorecard-table --&gt;
 * </pre>
 *
 * <pre>java -cp scenext-benchmarks/target/benchmarks.jar cn.scenext.benchmarks.ScorecardTable --readme README.md [--check]</pre>
 * <pre>java -cp scenext-benchmarks/target/benchmarks.jar cn.scenext.benchmarks.ScorecardTable --compare A.jsonl B.jsonl</pre>
 *
 * <p>With {@code --readme}, replaces what stands between the markers by the table written from the file the first
 * marker names ({@code --input FILE} names another file and rewrites the marker); with {@code --check} it changes
 * nothing and exits with status 1 when the README's table is not the one that file gives. Without {@code --readme}
 * it prints the table of {@code --input} to stdout. With {@code --compare A B} it says, figure by figure, whether
 * two runs agree ({@link Agreement}: each median inside the other run's interval) and exits with status 1 when
 * one figure with an interval does not. Fields of a line beyond the six (the load averages) are ignored.
 *
 * <p>Goals and whether they are met: a goal "≤ g" is <em>met</em> when the whole interval is at most g,
 * <em>not met</em> when the median is above g, and <em>by the median only</em> when the median is at most g but
 * the interval reaches above it (and likewise for "≥ g"). The SDK's {@code getStatus} ratios must also be below
 * every peer's ratio.
 */
public final class ScorecardTable {
    /** The first marker, with the scorecard output's path as group 1. */
    static final Pattern BEGIN = Pattern.compile("<!-- scorecard-table: (\\S+) -->");
    /** The closing marker. */
    static final String END = "<!-- /scorecard-table -->";

    private static final String[] TRANSPORTS = {"okhttp", "apache", "retrofit", "jdk"};
    private static final String[] PEERS = {"openai", "anthropic"};
    private static final Pattern TASKS = Pattern.compile("tasks of (\\d+)");

    private ScorecardTable() {
    }

    /**
     * One figure of a scorecard output.
     *
     * @param figure its name
     * @param value the median (or the count)
     * @param low the interval's lower end
     * @param high the interval's upper end
     * @param unit what the value counts
     * @param pairs how many pairs it rests on
     */
    record Figure(String figure, double value, double low, double high, String unit, int pairs) {
    }

    /**
     * Reads a scorecard output: one JSON object per line, blank lines ignored.
     *
     * @param text the output
     * @return the figures by name, in their order
     * @throws IllegalArgumentException naming the line when a line is not a figure or a figure comes twice
     */
    static Map<String, Figure> parse(String text) {
        Map<String, Figure> figures = new LinkedHashMap<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            Figure f;
            try {
                Map<String, Object> m = Figures.fromJson(line);
                f = new Figure(text(m, "figure"), number(m, "value"), number(m, "low"), number(m, "high"),
                        text(m, "unit"), (int) number(m, "pairs"));
            } catch (UncheckedIOException | IllegalArgumentException | ClassCastException e) {
                throw new IllegalArgumentException("Line " + (i + 1) + " is not a scorecard figure: "
                        + e.getMessage(), e);
            }
            if (figures.putIfAbsent(f.figure(), f) != null) {
                throw new IllegalArgumentException("Line " + (i + 1) + ": figure " + f.figure() + " comes twice");
            }
        }
        return figures;
    }

    private static String text(Map<String, Object> m, String name) {
        Object v = m.get(name);
        if (!(v instanceof String s)) {
            throw new IllegalArgumentException("no text field \"" + name + "\"");
        }
        return s;
    }

    private static double number(Map<String, Object> m, String name) {
        Object v = m.get(name);
        if (!(v instanceof Number n)) {
            throw new IllegalArgumentException("no number field \"" + name + "\"");
        }
        return n.doubleValue();
    }

    /** A goal: at most or at least a limit. */
    private record Goal(String text, double limit, boolean atMost) {
        String met(Figure f) {
            double worst = atMost ? f.high() : f.low();
            boolean medianMet = atMost ? f.value() <= limit : f.value() >= limit;
            boolean allMet = atMost ? worst <= limit : worst >= limit;
            return allMet ? "yes" : medianMet ? "by the median only" : "**no**";
        }
    }

    /**
     * The table of a scorecard output, in Markdown, the header line included.
     *
     * @param figures the output's figures (from {@link #parse})
     * @return the table, every line ending with a line break
     * @throws IllegalArgumentException naming the figures the scorecard must give and this output lacks
     */
    static String table(Map<String, Figure> figures) {
        List<String> missing = new ArrayList<>();
        for (String name : required()) {
            if (!figures.containsKey(name)) {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("The scorecard output lacks " + String.join(", ", missing));
        }
        Set<String> shown = new LinkedHashSet<>();
        StringBuilder out = new StringBuilder();
        out.append("| figure | what | value | 95% interval | pairs | goal | met |\n");
        out.append("|---|---|---|---|---|---|---|\n");
        double bestPeer = Double.POSITIVE_INFINITY;
        for (String peer : PEERS) {
            bestPeer = Math.min(bestPeer, figures.get("peer." + peer + ".ratio").value());
        }
        for (String t : TRANSPORTS) {
            Figure f = figures.get("getStatus.ratio." + t);
            Goal limit = new Goal("≤ " + ("jdk".equals(t) ? "1.15" : "1.05"), "jdk".equals(t) ? 1.15 : 1.05, true);
            Goal peers = new Goal("< every peer (" + fixed(bestPeer, 3) + ")", bestPeer, true);
            String met = combine(limit.met(f), f.value() < bestPeer ? (f.high() < bestPeer ? "yes" : "by the median only")
                    : "**no**");
            row(out, f, "`getStatus` SDK/raw wall time per call, `" + t + "`",
                    limit.text() + " and " + peers.text(), met);
            shown.add(f.figure());
        }
        for (String peer : PEERS) {
            Figure f = figures.get("peer." + peer + ".ratio");
            row(out, f, peer + "-java/raw OkHttp wall time per call (the peer's model retrieval)", "report", "");
            shown.add(f.figure());
        }
        for (String t : TRANSPORTS) {
            Figure f = figures.get("alloc.ratio." + t);
            Goal g = new Goal("≤ 1.3", 1.3, true);
            row(out, f, "`getStatus` SDK/raw bytes allocated per call, `" + t + "`", g.text(), g.met(f));
            shown.add(f.figure());
        }
        for (String peer : PEERS) {
            Figure f = figures.get("peer." + peer + ".alloc.ratio");
            if (f != null) {
                row(out, f, peer + "-java/raw OkHttp bytes allocated per call", "report", "");
                shown.add(f.figure());
            }
        }
        Figure verify = figures.get("webhook.verify.opsPerSec");
        Goal verifyGoal = new Goal("≥ 300,000", 300_000, false);
        row(out, verify, "verifies per second of the documented COMPLETED webhook, one thread", verifyGoal.text(),
                verifyGoal.met(verify));
        shown.add(verify.figure());
        Figure forged = figures.get("webhook.forged1MB.ms");
        Goal forgedGoal = new Goal("≤ 5", 5, true);
        row(out, forged, "ms to reject a forged 1 MB float-heavy webhook", forgedGoal.text(), forgedGoal.met(forged));
        shown.add(forged.figure());

        Figure completed = figures.get("waits100k.completed");
        Matcher tasks = TASKS.matcher(completed.unit());
        if (!tasks.find()) {
            throw new IllegalArgumentException("waits100k.completed does not say of how many tasks: "
                    + completed.unit());
        }
        long all = Long.parseLong(tasks.group(1));
        row(out, completed, "concurrent waits on the in-process simulator that completed", "all (" + grouped(all) + ")",
                completed.value() == all ? "yes" : "**no**");
        Figure threads = figures.get("waits100k.threads");
        Goal threadGoal = new Goal("≤ 32", 32, true);
        row(out, threads, "the same: peak live threads, whole JVM (simulator included)", threadGoal.text(),
                threadGoal.met(threads));
        Figure heap = figures.get("waits100k.heapMb");
        Goal heapGoal = new Goal("≤ 1,024 (`-Xmx1g`)", 1024, true);
        row(out, heap, "the same: peak heap in use, MiB", heapGoal.text(), heapGoal.met(heap));
        Figure requests = figures.get("waits100k.statusRequests");
        Figure bound = figures.get("waits100k.statusRequestsBound");
        Goal boundGoal = new Goal("≤ " + grouped((long) bound.value()) + " (the poll policy's bound)", bound.value(),
                true);
        row(out, requests, "the same: status requests sent", boundGoal.text(), boundGoal.met(requests));
        shown.add(completed.figure());
        shown.add(threads.figure());
        shown.add(heap.figure());
        shown.add(requests.figure());
        shown.add(bound.figure());

        Figure fsync = figures.get("download.ratioToRawFsync");
        Goal fsyncGoal = new Goal("≥ 0.9", 0.9, false);
        row(out, fsync, "download to a file, SDK default (forced to disk) / raw copy forced to disk",
                fsyncGoal.text(), fsyncGoal.met(fsync));
        Figure noSync = figures.get("download.ratioNoSync");
        Goal noSyncGoal = new Goal("≥ 0.95", 0.95, false);
        row(out, noSync, "the same, SDK `syncToDisk(false)` / raw copy", noSyncGoal.text(), noSyncGoal.met(noSync));
        shown.add(fsync.figure());
        shown.add(noSync.figure());

        for (Figure f : figures.values()) {
            if (shown.add(f.figure())) {
                row(out, f, f.unit(), "report", "");
            }
        }
        return out.toString();
    }

    private static String combine(String a, String b) {
        if (a.equals("**no**") || b.equals("**no**")) {
            return "**no**";
        }
        return a.equals("yes") && b.equals("yes") ? "yes" : "by the median only";
    }

    /** The figures every table needs. */
    static List<String> required() {
        List<String> names = new ArrayList<>();
        for (String t : TRANSPORTS) {
            names.add("getStatus.ratio." + t);
            names.add("alloc.ratio." + t);
        }
        for (String p : PEERS) {
            names.add("peer." + p + ".ratio");
        }
        names.addAll(List.of("webhook.verify.opsPerSec", "webhook.forged1MB.ms", "waits100k.completed",
                "waits100k.threads", "waits100k.heapMb", "waits100k.statusRequests", "waits100k.statusRequestsBound",
                "download.ratioToRawFsync", "download.ratioNoSync"));
        return names;
    }

    private static void row(StringBuilder out, Figure f, String what, String goal, String met) {
        boolean exact = f.low() == f.value() && f.high() == f.value();
        out.append("| `").append(f.figure()).append("` | ").append(what).append(" | **")
                .append(format(f.value(), f)).append("** | ")
                .append(exact ? "" : "[" + format(f.low(), f) + ", " + format(f.high(), f) + "]")
                .append(" | ").append(f.pairs()).append(" | ").append(goal).append(" | ").append(met).append(" |\n");
    }

    /**
     * A value of a figure as the table shows it, in the figure's one format: counts grouped when the value and
     * its interval are whole numbers, else by the median's size: from 1,000 grouped without decimals, from 100
     * with one, below with three.
     */
    static String format(double v, Figure of) {
        if (whole(of.value()) && whole(of.low()) && whole(of.high())) {
            return grouped((long) v);
        }
        double size = Math.abs(of.value());
        if (size >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        return fixed(v, size >= 100 ? 1 : 3);
    }

    private static boolean whole(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15;
    }

    private static String fixed(double v, int digits) {
        return String.format(Locale.ROOT, "%." + digits + "f", v);
    }

    private static String grouped(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }

    /**
     * The README with its table replaced by the one written from {@code scorecard}.
     *
     * @param readme the README's text
     * @param source the path to name in the first marker
     * @param scorecard the scorecard output's text
     * @return the new README text
     * @throws IllegalArgumentException when the README lacks the markers or the output is not a full scorecard
     */
    static String replace(String readme, String source, String scorecard) {
        Matcher begin = BEGIN.matcher(readme);
        if (!begin.find()) {
            throw new IllegalArgumentException("The README has no marker <!-- scorecard-table: PATH -->");
        }
        int end = readme.indexOf(END, begin.end());
        if (end < 0) {
            throw new IllegalArgumentException("The README has no " + END + " after its first marker");
        }
        return readme.substring(0, begin.start()) + "<!-- scorecard-table: " + source + " -->\n"
                + table(parse(scorecard)) + readme.substring(end);
    }

    /**
     * The scorecard output the README's first marker names.
     *
     * @param readme the README's text
     * @return the path, relative to the repository's root
     * @throws IllegalArgumentException when there is no marker
     */
    static String source(String readme) {
        Matcher begin = BEGIN.matcher(readme);
        if (!begin.find()) {
            throw new IllegalArgumentException("The README has no marker <!-- scorecard-table: PATH -->");
        }
        return begin.group(1);
    }

    /**
     * One figure of two runs, side by side. Two runs <em>agree</em> on a figure when each run's median lies inside
     * the other run's interval (the "agree within their intervals"); the weaker "the intervals overlap" is
     * shown beside it. A count or a peak (a figure without interval in either run) has nothing to agree within.
     *
     * @param figure the figure's name
     * @param a its value in the first run
     * @param b its value in the second run
     */
    record Agreement(String figure, Figure a, Figure b) {
        /** Whether the figure has no interval in either run (a count, a peak). */
        boolean exact() {
            return a.low() == a.high() && b.low() == b.high();
        }

        /** Whether each run's median lies inside the other's interval. */
        boolean agree() {
            return a.low() <= b.value() && b.value() <= a.high() && b.low() <= a.value() && a.value() <= b.high();
        }

        /** Whether the two intervals have a value in common. */
        boolean overlap() {
            return a.low() <= b.high() && b.low() <= a.high();
        }
    }

    /**
     * The figures two runs both have, in the first run's order.
     *
     * @param a the first run's figures
     * @param b the second run's figures
     * @return one agreement per common figure
     */
    static List<Agreement> compare(Map<String, Figure> a, Map<String, Figure> b) {
        List<Agreement> common = new ArrayList<>();
        for (Figure f : a.values()) {
            Figure g = b.get(f.figure());
            if (g != null) {
                common.add(new Agreement(f.figure(), f, g));
            }
        }
        return common;
    }

    /**
     * Two runs compared figure by figure, in Markdown: a table (both values with their intervals, whether the
     * intervals overlap, whether each median lies in the other's interval), then a summary line and the figures
     * only one run has.
     *
     * @param a the first run's figures
     * @param b the second run's figures
     * @return the comparison, every line ending with a line break
     */
    static String comparison(Map<String, Figure> a, Map<String, Figure> b) {
        StringBuilder out = new StringBuilder();
        out.append("| figure | run A | run B | intervals overlap | each median in the other's interval |\n");
        out.append("|---|---|---|---|---|\n");
        int withInterval = 0;
        int agreeing = 0;
        int overlapping = 0;
        List<String> disagreeing = new ArrayList<>();
        for (Agreement c : compare(a, b)) {
            out.append("| `").append(c.figure()).append("` | ").append(shown(c.a())).append(" | ")
                    .append(shown(c.b())).append(" | ");
            if (c.exact()) {
                out.append("n/a (a count) |  |\n");
                continue;
            }
            withInterval++;
            overlapping += c.overlap() ? 1 : 0;
            agreeing += c.agree() ? 1 : 0;
            if (!c.agree()) {
                disagreeing.add(c.figure());
            }
            out.append(c.overlap() ? "yes" : "**no**").append(" | ").append(c.agree() ? "yes" : "**no**")
                    .append(" |\n");
        }
        out.append('\n').append("Agree (each median in the other's interval): ").append(agreeing).append(" of ")
                .append(withInterval).append(" figures with an interval; intervals overlap: ").append(overlapping)
                .append(" of ").append(withInterval).append(".\n");
        if (!disagreeing.isEmpty()) {
            out.append("Not agreeing: ").append(String.join(", ", disagreeing)).append(".\n");
        }
        List<String> onlyA = new ArrayList<>(a.keySet());
        onlyA.removeAll(b.keySet());
        List<String> onlyB = new ArrayList<>(b.keySet());
        onlyB.removeAll(a.keySet());
        if (!onlyA.isEmpty()) {
            out.append("Only in run A: ").append(String.join(", ", onlyA)).append(".\n");
        }
        if (!onlyB.isEmpty()) {
            out.append("Only in run B: ").append(String.join(", ", onlyB)).append(".\n");
        }
        return out.toString();
    }

    /** A figure's value and interval as the comparison shows them. */
    private static String shown(Figure f) {
        if (f.low() == f.value() && f.high() == f.value()) {
            return format(f.value(), f);
        }
        return format(f.value(), f) + " [" + format(f.low(), f) + ", " + format(f.high(), f) + "]";
    }

    /**
     * Writes, checks or prints the table, or compares two runs.
     *
     * @param args {@code --readme FILE}, {@code --input FILE}, {@code --check}; or {@code --compare A B}, which
     *     prints {@link #comparison} of two scorecard outputs and exits with status 1 when they do not agree on
     *     every figure with an interval
     * @throws IOException when a file cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        if (args.length > 0 && args[0].equals("--compare")) {
            if (args.length != 3) {
                System.err.println("usage: ScorecardTable --compare A.jsonl B.jsonl");
                System.exit(2);
            }
            Map<String, Figure> a = parse(Files.readString(Path.of(args[1]), StandardCharsets.UTF_8));
            Map<String, Figure> b = parse(Files.readString(Path.of(args[2]), StandardCharsets.UTF_8));
            System.out.print(comparison(a, b));
            boolean all = compare(a, b).stream().allMatch(c -> c.exact() || c.agree());
            System.exit(all ? 0 : 1);
        }
        Map<String, String> o = Arguments.parse(args);
        if (!o.containsKey("readme")) {
            if (!o.containsKey("input")) {
                System.err.println("usage: ScorecardTable --readme README.md [--input FILE] [--check]"
                        + " | --input FILE");
                System.exit(2);
            }
            System.out.print(table(parse(Files.readString(Path.of(o.get("input")), StandardCharsets.UTF_8))));
            return;
        }
        Path readme = Path.of(o.get("readme"));
        String text = Files.readString(readme, StandardCharsets.UTF_8);
        String source = o.getOrDefault("input", source(text));
        Path root = readme.toAbsolutePath().getParent();
        String scorecard = Files.readString(root.resolve(source), StandardCharsets.UTF_8);
        String updated = replace(text, source, scorecard);
        if (o.containsKey("check")) {
            if (!updated.equals(text)) {
                System.err.println(readme + ": the performance table is not the one " + source + " gives;"
                        + " run ScorecardTable --readme " + readme);
                System.exit(1);
            }
            return;
        }
        Files.writeString(readme, updated, StandardCharsets.UTF_8);
    }
}
