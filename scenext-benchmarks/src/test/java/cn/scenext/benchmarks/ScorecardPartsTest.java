package cn.scenext.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The scorecard's parts that need no timing: its line format, the forged body, the paired rounds' bookkeeping. */
class ScorecardPartsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aFigureIsOneJsonObjectWithTheSixFields() throws Exception {
        String line = Scorecard.line("getStatus.ratio.okhttp", new PairedRatio.Estimate(1.04123456, 1.03, 1.05, 80),
                "sdk/raw wall time per call");
        assertTrue(!line.contains("\n"));
        JsonNode node = JSON.readTree(line);
        List<String> fields = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(fields::add);
        assertEquals(List.of("figure", "value", "low", "high", "unit", "pairs"), fields);
        assertEquals("getStatus.ratio.okhttp", node.get("figure").asText());
        assertEquals(1.0412, node.get("value").asDouble());
        assertEquals(1.03, node.get("low").asDouble());
        assertEquals(1.05, node.get("high").asDouble());
        assertEquals(80, node.get("pairs").asInt());
    }

    /** The quick run's groups: four transports, two peers, webhooks (5 JVMs each), waits (1), downloads (5). */
    @Test
    void everyGroupsJvmsAreSpreadOverTheWholeRunInRotatingCycles() {
        int[] jvms = {5, 5, 5, 5, 5, 5, 5, 1, 5};
        List<int[]> order = Scorecard.order(jvms);
        assertEquals(41, order.size());
        int[] next = new int[jvms.length];
        for (int[] step : order) {
            assertEquals(next[step[0]]++, step[1], "a group's JVMs run in their order");
        }
        assertTrue(java.util.Arrays.equals(jvms, next), "every JVM runs once");
        // Cycle by cycle (the first eight of 9 groups a cycle, the waits only in the middle one) each starts one
        // group further on, so no group is always first or always after the same one.
        assertEquals(0, order.get(0)[0]);
        assertEquals(1, order.get(8)[0]);
        assertEquals(2, order.get(16)[0]);
        int waits = 0;
        while (order.get(waits)[0] != 7) {
            waits++;
        }
        assertTrue(waits >= 16 && waits < 25, "the waits' one JVM runs in the middle cycle, not at " + waits);
        // A group of fewer JVMs than cycles has them spread out, not bunched at the start.
        // Six cycles for a group of 6 and one of 3: the second group's JVMs in cycles 1, 3 and 5, first in those.
        List<String> uneven = new java.util.ArrayList<>();
        for (int[] step : Scorecard.order(new int[] {6, 3})) {
            uneven.add(step[0] + ":" + step[1]);
        }
        assertEquals(List.of("0:0", "1:0", "0:1", "0:2", "1:1", "0:3", "0:4", "1:2", "0:5"), uneven);
    }

    @Test
    void aCountHasItsValueAsInterval() throws Exception {
        JsonNode node = JSON.readTree(Scorecard.line("waits100k.threads", PairedRatio.Estimate.exact(28), "threads"));
        assertEquals(28.0, node.get("low").asDouble());
        assertEquals(28.0, node.get("high").asDouble());
        assertEquals(1, node.get("pairs").asInt());
    }

    @Test
    void theForgedBodyIsAboutOneMegabyteOfValidJsonFloats() throws Exception {
        byte[] body = WebhookTimings.forgedFloatBody(WebhookTimings.FORGED_BYTES);
        assertTrue(body.length <= WebhookTimings.FORGED_BYTES && body.length > WebhookTimings.FORGED_BYTES - 64,
                "size " + body.length);
        JsonNode node = JSON.readTree(body);
        assertEquals("COMPLETED", node.get("status").asText());
        JsonNode progress = node.get("progress");
        assertTrue(progress.size() > 40_000, "floats: " + progress.size());
        assertEquals(Double.MIN_VALUE, progress.get(0).asDouble());
        assertEquals(Double.MIN_NORMAL, progress.get(1).asDouble());
    }

    @Test
    void figuresRoundTripAsJson() {
        Map<String, Object> back = Figures.fromJson(Figures.toJson(Map.of("completed", 100000)));
        assertEquals(100000, ((Number) back.get("completed")).intValue());
        assertEquals(1.23, Figures.round(1.23456, 2));
    }

    @Test
    void pairedRoundsAlternateWhoGoesFirstAndCheckEveryRequest() throws Exception {
        try (PairedSubjects.Pair pair = PairedSubjects.open("sdk:okhttp")) {
            long before = pair.server().requestsServed();
            List<PairedOverhead.Round> rounds = PairedOverhead.run(pair, 4, 0, 20_000, 1);
            assertEquals(4, rounds.size());
            long calls = 0;
            for (int i = 0; i < rounds.size(); i++) {
                PairedOverhead.Round r = rounds.get(i);
                assertEquals(i % 2 == 0, r.subjectFirst());
                assertTrue(r.wallRatio() > 0 && r.cpuRatio() >= 0 && r.allocRatio() > 0, r.toString());
                calls += 2L * r.calls();
            }
            // Warm-up (two batches of 100), the probe (two of 200), then the rounds: one request per call.
            assertEquals(200 + 400 + calls, pair.server().requestsServed() - before);
        }
    }

    @Test
    void everyPeerReadsTheServersValues() throws Exception {
        for (String name : List.of("peer:openai", "peer:anthropic")) {
            try (PairedSubjects.Pair pair = PairedSubjects.open(name)) {
                pair.subject().check(pair.subject().call());
                pair.baseline().check(pair.baseline().call());
            }
        }
    }

    @Test
    void theLoadFollowsTheSixFieldsAndTheTableIgnoresIt() throws Exception {
        String line = Scorecard.line("cpu.ratio.jdk", new PairedRatio.Estimate(1.5, 1.4, 1.6, 60), "ratio",
                new Scorecard.Load(0.91, 1.37));
        JsonNode node = JSON.readTree(line);
        List<String> fields = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(fields::add);
        assertEquals(List.of("figure", "value", "low", "high", "unit", "pairs", "loadStart", "loadEnd"), fields);
        assertEquals(0.91, node.get("loadStart").asDouble());
        assertEquals(1.37, node.get("loadEnd").asDouble());
        assertEquals(new ScorecardTable.Figure("cpu.ratio.jdk", 1.5, 1.4, 1.6, "ratio", 60),
                ScorecardTable.parse(line).get("cpu.ratio.jdk"));
        // A machine that does not tell its load gives the six fields only.
        String unknown = Scorecard.line("x", PairedRatio.Estimate.exact(1), "u", new Scorecard.Load(Double.NaN, 1));
        assertTrue(!unknown.contains("load"), unknown);
    }

    @Test
    void theLoadAverageIsReadOrUnknown() {
        double load = Scorecard.loadAverage();
        assertTrue(Double.isNaN(load) || load >= 0, Double.toString(load));
    }

    @Test
    void rawDataGivesBackTheSameFigureLine() {
        Scorecard.Raw raw = new Scorecard.Raw("alloc.ratio.okhttp", "sdk/raw bytes allocated per call", false,
                List.of(new double[] {1.28, 1.281, 1.279}, new double[] {1.30, 1.301}, new double[] {1.29}),
                new Scorecard.Load(2.5, 3.0));
        Scorecard.Raw back = Scorecard.Raw.fromJson(raw.toJson());
        assertEquals(raw.figureLine(), back.figureLine());
        assertEquals(6, ScorecardTable.parse(back.figureLine()).get("alloc.ratio.okhttp").pairs());
        Scorecard.Raw count = new Scorecard.Raw("waits100k.threads", "threads", true,
                List.of(new double[] {28}), null);
        assertEquals(Scorecard.line("waits100k.threads", PairedRatio.Estimate.exact(28), "threads"),
                Scorecard.Raw.fromJson(count.toJson()).figureLine());
        for (String bad : List.of("{\"figure\":\"x\",\"unit\":\"u\",\"exact\":false,\"jvms\":[]}",
                "{\"figure\":\"x\",\"unit\":\"u\",\"exact\":false,\"jvms\":[[1,\"a\"]]}",
                "{\"figure\":\"x\",\"unit\":\"u\",\"jvms\":[[1]]}")) {
            org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> Scorecard.Raw.fromJson(bad), bad);
        }
    }
}
