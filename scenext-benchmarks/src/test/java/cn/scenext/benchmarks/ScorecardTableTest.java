package cn.scenext.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The README's performance table: written from a scorecard output, and the README's is the one its file gives. */
class ScorecardTableTest {
    /** The repository's root: the module's parent (Surefire runs in the module's directory). */
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    private static String line(String figure, double value, double low, double high, String unit, int pairs) {
        return Scorecard.line(figure, new PairedRatio.Estimate(value, low, high, pairs), unit);
    }

    /** A full scorecard output with every goal met, as lines (to be changed by a test). */
    private static List<String> fullOutput() {
        List<String> lines = new ArrayList<>();
        for (String t : List.of("okhttp", "apache", "retrofit", "jdk")) {
            lines.add(line("getStatus.ratio." + t, 1.03, 1.02, 1.04, "sdk/raw wall time per call", 80));
            lines.add(line("alloc.ratio." + t, 1.2, 1.19, 1.21, "sdk/raw bytes allocated per call", 80));
            lines.add(line("cpu.ratio." + t, 1.1, 1.09, 1.11, "sdk/raw client-thread CPU per call", 80));
        }
        lines.add(line("peer.openai.ratio", 1.17, 1.16, 1.18, "openai-java/raw OkHttp wall time per call", 80));
        lines.add(line("peer.anthropic.ratio", 1.35, 1.34, 1.36, "anthropic-java/raw OkHttp wall time per call", 80));
        lines.add(line("webhook.verify.opsPerSec", 320_000.5, 310_000, 330_000, "verifies/s, one thread", 30));
        lines.add(line("webhook.forged1MB.ms", 4.5, 4.4, 4.6, "ms per rejection", 30));
        lines.add(line("waits100k.completed", 100_000, 100_000, 100_000, "tasks of 100000", 1));
        lines.add(line("waits100k.threads", 30, 30, 30, "peak live threads, whole JVM", 1));
        lines.add(line("waits100k.heapMb", 842.8, 842.8, 842.8, "MiB peak heap in use (-Xmx1g)", 1));
        lines.add(line("waits100k.statusRequests", 106_087, 106_087, 106_087, "status requests", 1));
        lines.add(line("waits100k.statusRequestsBound", 1_700_000, 1_700_000, 1_700_000, "status requests at most",
                1));
        lines.add(line("download.ratioToRawFsync", 0.95, 0.93, 0.97, "sdk/(raw copy + force) MB/s", 10));
        lines.add(line("download.ratioNoSync", 0.97, 0.96, 0.99, "sdk syncToDisk(false)/raw copy MB/s", 10));
        return lines;
    }

    private static String rowOf(String table, String figure) {
        for (String row : table.split("\n")) {
            if (row.startsWith("| `" + figure + "` |")) {
                return row;
            }
        }
        throw new AssertionError("No row for " + figure + " in\n" + table);
    }

    private static String met(String row) {
        String[] cells = row.split(" \\| ");
        return cells[cells.length - 1].replace(" |", "").trim();
    }

    private static String replaced(List<String> lines, String figure, String newLine) {
        List<String> out = new ArrayList<>();
        for (String l : lines) {
            out.add(l.contains("\"figure\":\"" + figure + "\"") ? newLine : l);
        }
        return String.join("\n", out);
    }

    @Test
    void everyFigureHasARowWithValueIntervalPairsGoalAndMet() {
        String table = ScorecardTable.table(ScorecardTable.parse(String.join("\n", fullOutput())));
        assertTrue(table.startsWith("| figure | what | value | 95% interval | pairs | goal | met |\n|---|"), table);
        String okhttp = rowOf(table, "getStatus.ratio.okhttp");
        assertTrue(okhttp.contains("| **1.030** | [1.020, 1.040] | 80 | ≤ 1.05 and < every peer (1.170) | yes |"),
                okhttp);
        assertTrue(rowOf(table, "waits100k.completed").contains("| **100,000** |  | 1 | all (100,000) | yes |"));
        assertTrue(rowOf(table, "webhook.verify.opsPerSec").contains("**320,001** | [310,000, 330,000]"));
        assertEquals("report", rowOf(table, "peer.openai.ratio").split(" \\| ")[5]);
        // One format per row: the interval's ends as precise as the value, even when one of them is whole.
        ScorecardTable.Figure f = new ScorecardTable.Figure("x", 132.551, 90.4268, 169.1277, "ms", 10);
        assertEquals("90.4", ScorecardTable.format(f.low(), f));
        ScorecardTable.Figure g = new ScorecardTable.Figure("x", 1.0435, 1.0, 1.1015, "ratio", 30);
        assertEquals("1.000", ScorecardTable.format(g.low(), g));
        // Figures the table has no goal for (the CPU ratios) still get a row.
        assertTrue(rowOf(table, "cpu.ratio.jdk").contains("| report |"));
        for (String figure : ScorecardTable.required()) {
            if (!figure.equals("waits100k.statusRequestsBound")) { // the goal of the statusRequests row
                rowOf(table, figure);
            }
        }
        assertTrue(!table.contains("`waits100k.statusRequestsBound`"), table);
    }

    /** The row of {@code rowFigure} in the table of the full output with {@code figure}'s line replaced. */
    private static String rowAfter(String figure, String newLine, String rowFigure) {
        return rowOf(ScorecardTable.table(ScorecardTable.parse(replaced(fullOutput(), figure, newLine))), rowFigure);
    }

    @Test
    void aGoalIsMetOnlyWhenTheWholeIntervalMeetsIt() {
        assertEquals("by the median only", met(rowAfter("getStatus.ratio.apache",
                line("getStatus.ratio.apache", 1.04, 1.03, 1.06, "sdk/raw wall time per call", 80),
                "getStatus.ratio.apache")));
        assertEquals("**no**", met(rowAfter("download.ratioNoSync",
                line("download.ratioNoSync", 0.94, 0.93, 0.96, "sdk syncToDisk(false)/raw copy MB/s", 10),
                "download.ratioNoSync")));
        assertEquals("yes", met(rowAfter("getStatus.ratio.jdk",
                line("getStatus.ratio.jdk", 1.12, 1.11, 1.13, "sdk/raw wall time per call", 80),
                "getStatus.ratio.jdk")));
    }

    @Test
    void theSdkMustAlsoBeBelowEveryPeer() {
        String row = rowAfter("peer.openai.ratio",
                line("peer.openai.ratio", 1.01, 1.0, 1.02, "openai-java/raw OkHttp wall time per call", 80),
                "getStatus.ratio.okhttp");
        assertTrue(row.contains("< every peer (1.010)"), row);
        assertEquals("**no**", met(row));
    }

    @Test
    void countsAreJudgedAgainstTheirTasksAndBound() {
        assertEquals("**no**", met(rowAfter("waits100k.completed",
                line("waits100k.completed", 99_999, 99_999, 99_999, "tasks of 100000", 1), "waits100k.completed")));
        String row = rowAfter("waits100k.statusRequests",
                line("waits100k.statusRequests", 1_700_001, 1_700_001, 1_700_001, "status requests", 1),
                "waits100k.statusRequests");
        assertTrue(row.contains("≤ 1,700,000 (the poll policy's bound)"), row);
        assertEquals("**no**", met(row));
    }

    @Test
    void badOutputIsRejectedWithTheLineOrTheMissingFigures() {
        IllegalArgumentException notJson = assertThrows(IllegalArgumentException.class,
                () -> ScorecardTable.parse(fullOutput().get(0) + "\n\n[scorecard] progress"));
        assertTrue(notJson.getMessage().startsWith("Line 3 is not a scorecard figure"), notJson.getMessage());
        IllegalArgumentException noValue = assertThrows(IllegalArgumentException.class,
                () -> ScorecardTable.parse("{\"figure\":\"x\",\"low\":1,\"high\":1,\"unit\":\"u\",\"pairs\":1}"));
        assertTrue(noValue.getMessage().contains("\"value\""), noValue.getMessage());
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> ScorecardTable.parse(fullOutput().get(0) + "\n" + fullOutput().get(0)));
        assertTrue(twice.getMessage().contains("comes twice"), twice.getMessage());
        List<String> partial = fullOutput();
        partial.removeIf(l -> l.contains("download."));
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> ScorecardTable.table(ScorecardTable.parse(String.join("\n", partial))));
        assertEquals("The scorecard output lacks download.ratioToRawFsync, download.ratioNoSync",
                missing.getMessage());
    }

    @Test
    void replacingKeepsEverythingOutsideTheMarkers() {
        String output = String.join("\n", fullOutput());
        String readme = "# Title\n\nbefore\n<!-- scorecard-table: docs/scorecard/x.jsonl -->\nold table\n"
                + "<!-- /scorecard-table -->\nafter\n";
        String updated = ScorecardTable.replace(readme, "docs/scorecard/y.jsonl", output);
        assertEquals("# Title\n\nbefore\n<!-- scorecard-table: docs/scorecard/y.jsonl -->\n"
                + ScorecardTable.table(ScorecardTable.parse(output)) + "<!-- /scorecard-table -->\nafter\n", updated);
        assertEquals(updated, ScorecardTable.replace(updated, "docs/scorecard/y.jsonl", output));
        assertThrows(IllegalArgumentException.class, () -> ScorecardTable.replace("no markers", "f", output));
        assertThrows(IllegalArgumentException.class,
                () -> ScorecardTable.replace("<!-- scorecard-table: f -->\nno end", "f", output));
    }

    @Test
    void theReadmesTableIsTheOneItsCheckedInScorecardOutputGives() throws Exception {
        String readme = Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
        String source = ScorecardTable.source(readme);
        assertTrue(source.startsWith("docs/scorecard/") && source.endsWith(".jsonl"), source);
        String output = Files.readString(ROOT.resolve(source), StandardCharsets.UTF_8);
        Map<String, ScorecardTable.Figure> figures = ScorecardTable.parse(output);
        assertTrue(figures.keySet().containsAll(ScorecardTable.required()), "a full run: " + figures.keySet());
        assertEquals(ScorecardTable.replace(readme, source, output), readme,
                "README.md's performance table was not generated from " + source
                        + "; run ScorecardTable --readme README.md");
    }

    @Test
    void twoRunsAgreeOnAFigureWhenEachMedianLiesInTheOthersInterval() {
        String a = String.join("\n",
                line("getStatus.ratio.okhttp", 1.04, 1.02, 1.07, "sdk/raw wall time per call", 60),
                line("alloc.ratio.okhttp", 1.28, 1.279, 1.281, "sdk/raw bytes allocated per call", 60),
                line("cpu.ratio.okhttp", 1.10, 1.05, 1.15, "sdk/raw client-thread CPU per call", 60),
                line("waits100k.threads", 28, 28, 28, "peak live threads, whole JVM", 1),
                line("download.ratioNoSync", 0.97, 0.96, 0.99, "sdk syncToDisk(false)/raw copy MB/s", 40));
        String b = String.join("\n",
                // Agrees: 1.05 lies in A's interval, 1.04 in B's.
                line("getStatus.ratio.okhttp", 1.05, 1.03, 1.08, "sdk/raw wall time per call", 60)
                        .replace("}", ",\"loadStart\":0.9,\"loadEnd\":1.4}"),
                // Overlaps only: A's median 1.28 is below B's interval.
                line("alloc.ratio.okhttp", 1.29, 1.2805, 1.30, "sdk/raw bytes allocated per call", 60),
                // Neither.
                line("cpu.ratio.okhttp", 1.30, 1.20, 1.40, "sdk/raw client-thread CPU per call", 60),
                line("waits100k.threads", 30, 30, 30, "peak live threads, whole JVM", 1),
                line("webhook.forged1MB.ms", 4.5, 4.4, 4.6, "ms of CPU time per rejection", 40));
        Map<String, ScorecardTable.Figure> runA = ScorecardTable.parse(a);
        Map<String, ScorecardTable.Figure> runB = ScorecardTable.parse(b);
        List<ScorecardTable.Agreement> c = ScorecardTable.compare(runA, runB);
        assertEquals(List.of("getStatus.ratio.okhttp", "alloc.ratio.okhttp", "cpu.ratio.okhttp", "waits100k.threads"),
                c.stream().map(ScorecardTable.Agreement::figure).toList());
        assertTrue(c.get(0).agree() && c.get(0).overlap());
        assertTrue(!c.get(1).agree() && c.get(1).overlap());
        assertTrue(!c.get(2).agree() && !c.get(2).overlap());
        assertTrue(c.get(3).exact());
        // Agreement is symmetric.
        for (ScorecardTable.Agreement x : ScorecardTable.compare(runB, runA)) {
            ScorecardTable.Agreement y = c.stream().filter(z -> z.figure().equals(x.figure())).findFirst().get();
            assertEquals(y.agree(), x.agree(), x.figure());
            assertEquals(y.overlap(), x.overlap(), x.figure());
        }
        String text = ScorecardTable.comparison(runA, runB);
        assertTrue(text.contains("| `getStatus.ratio.okhttp` | 1.040 [1.020, 1.070] | 1.050 [1.030, 1.080] | yes | yes |"),
                text);
        assertTrue(text.contains("| `alloc.ratio.okhttp` | 1.280 [1.279, 1.281] | 1.290 [1.281, 1.300] | yes | **no** |"),
                text);
        assertTrue(text.contains("| `cpu.ratio.okhttp` | 1.100 [1.050, 1.150] | 1.300 [1.200, 1.400] | **no** | **no** |"),
                text);
        assertTrue(text.contains("| `waits100k.threads` | 28 | 30 | n/a (a count) |  |"), text);
        assertTrue(text.contains("Agree (each median in the other's interval): 1 of 3 figures with an interval;"
                + " intervals overlap: 2 of 3."), text);
        assertTrue(text.contains("Not agreeing: alloc.ratio.okhttp, cpu.ratio.okhttp."), text);
        assertTrue(text.contains("Only in run A: download.ratioNoSync."), text);
        assertTrue(text.contains("Only in run B: webhook.forged1MB.ms."), text);
    }

    @Test
    void theCheckedInRunsCompareWithoutError() throws Exception {
        Map<String, ScorecardTable.Figure> run1 = ScorecardTable.parse(
                Files.readString(ROOT.resolve("docs/scorecard/2026-12-02-run1.jsonl"), StandardCharsets.UTF_8));
        Map<String, ScorecardTable.Figure> run2 = ScorecardTable.parse(
                Files.readString(ROOT.resolve("docs/scorecard/2026-12-02-run2.jsonl"), StandardCharsets.UTF_8));
        String text = ScorecardTable.comparison(run1, run2);
        // As docs/performance.md's table of these two runs says: alloc.ratio.apache neither agrees nor overlaps.
        assertTrue(text.contains("| `alloc.ratio.apache` | 1.145 [1.145, 1.147] | 1.162 [1.154, 1.164] | **no** | **no** |"),
                text);
        assertTrue(text.contains("| `alloc.ratio.okhttp` | 1.562 [1.560, 1.563] | 1.563 [1.558, 1.568] | yes | yes |"),
                text);
    }

    @Test
    void theCheckedInTwoStageRunsComeFromTheirRawDataAndAgreeAsDocumented() throws Exception {
        Map<String, Map<String, ScorecardTable.Figure>> runs = new java.util.LinkedHashMap<>();
        for (String run : List.of("A", "B")) {
            String name = "docs/scorecard/2026-12-02-transports-" + run;
            List<String> raw = Files.readAllLines(ROOT.resolve(name + ".raw.jsonl"), StandardCharsets.UTF_8);
            List<String> figures = Files.readAllLines(ROOT.resolve(name + ".jsonl"), StandardCharsets.UTF_8);
            List<String> recomputed = raw.stream().map(l -> Scorecard.Raw.fromJson(l).figureLine()).toList();
            assertEquals(figures, recomputed, name + ".jsonl is not what Scorecard --from-raw gives of its raw data");
            runs.put(run, ScorecardTable.parse(String.join("\n", figures)));
            assertTrue(runs.get(run).values().stream().allMatch(f -> f.pairs() == 60), name);
        }
        // docs/performance.md: the two runs agree on 9 of the 12 figures, and every interval overlaps.
        String text = ScorecardTable.comparison(runs.get("A"), runs.get("B"));
        assertTrue(text.contains("Agree (each median in the other's interval): 9 of 12 figures with an interval;"
                + " intervals overlap: 12 of 12."), text);
    }
}
