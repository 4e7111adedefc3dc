package cn.scenext.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The two-build comparison's bookkeeping: builds isolated from each other, rounds counted, the line's fields. */
class JarPairingTest {
    private static final String CLASS_PATH = System.getProperty("java.class.path");

    @Test
    void eachBuildRunsOnItsOwnClasses() throws Exception {
        JarPairing.Build a = new JarPairing.Build(CLASS_PATH);
        JarPairing.Build b = new JarPairing.Build(CLASS_PATH);
        assertNotSame(a.loader, b.loader);
        assertNotSame(a.workloads().getClass(), b.workloads().getClass());
        assertNotSame(PairingWorkloads.class, a.workloads().getClass());
        assertEquals(a.loader, a.workloads().getClass().getClassLoader());
        String verifier = "cn.scenext.core.webhook.WebhookVerifier";
        assertNotSame(Class.forName(verifier, false, a.loader), Class.forName(verifier, false, b.loader));
        assertNotSame(Class.forName(verifier), Class.forName(verifier, false, a.loader));
    }

    @Test
    void aComparisonGivesTheLineOfItsRounds() throws Exception {
        Map<String, Object> line = JarPairing.compare(CLASS_PATH, CLASS_PATH, "docs", 3, 1);
        assertEquals(List.of("workload", "baseNs", "candidateNs", "ratio", "low", "high", "rounds"),
                List.copyOf(line.keySet()));
        assertEquals("docs", line.get("workload"));
        assertEquals(3, line.get("rounds"));
        for (String positive : new String[] {"baseNs", "candidateNs", "ratio", "low", "high"}) {
            assertTrue(((Number) line.get(positive)).doubleValue() > 0, positive + " in " + line);
        }
        double low = ((Number) line.get("low")).doubleValue();
        double high = ((Number) line.get("high")).doubleValue();
        double ratio = ((Number) line.get("ratio")).doubleValue();
        assertTrue(low <= ratio && ratio <= high, "the median inside its interval: " + line);
    }

    @Test
    void anUnknownWorkloadOrNoRoundsIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> JarPairing.compare(CLASS_PATH, CLASS_PATH, "nope", 1, 0));
        assertThrows(IllegalArgumentException.class, () -> JarPairing.compare(CLASS_PATH, CLASS_PATH, "docs", 0, 0));
        assertThrows(IllegalArgumentException.class, () -> JarPairing.main(new String[] {"--base", CLASS_PATH}));
    }
}
