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
}
