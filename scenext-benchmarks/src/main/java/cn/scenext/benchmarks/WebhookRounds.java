package cn.scenext.benchmarks;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One JVM's share of the {@link Scorecard}'s webhook figures: {@link WebhookTimings}' verifies per CPU-second of
 * the documented COMPLETED event, round by round, and its CPU milliseconds per rejection of the forged 1 MB body,
 * run by run, both on this program's one thread. Prints one JSON line, {@code {"verifyOpsPerSec": [...],
 * "forgedMs": [...]}}; the scorecard runs it in several JVMs, pinned like the paired ones, and takes intervals over
 * the JVMs ({@link PairedRatio#hierarchical}), since what the JIT made of the verifier differs from JVM to JVM.
 *
 * <pre>java -cp scenext-benchmarks/target/benchmarks.jar cn.scenext.benchmarks.WebhookRounds --rounds 8</pre>
 *
 * <p>Options: {@code --rounds} (8) verify rounds of {@code --round-ms} (300) of CPU time each, after ten rounds'
 * worth of warm-up; {@code --forged-runs} (8) timed rejections after at least half as many (and 3 s of CPU time)
 * untimed.
 */
public final class WebhookRounds {
    private WebhookRounds() {
    }

    /**
     * Runs the rounds and prints their line.
     *
     * @param args see the class description
     */
    public static void main(String[] args) {
        Map<String, String> o = Arguments.parse(args);
        int rounds = Integer.parseInt(o.getOrDefault("rounds", "8"));
        long roundMs = Long.parseLong(o.getOrDefault("round-ms", "300"));
        int forgedRuns = Integer.parseInt(o.getOrDefault("forged-runs", "8"));
        if (rounds < 1 || roundMs < 1 || forgedRuns < 1) {
            throw new IllegalArgumentException("--rounds, --round-ms and --forged-runs must be at least 1");
        }
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("verifyOpsPerSec", WebhookTimings.verifyOpsPerSecond(rounds, roundMs, roundMs * 10));
        line.put("forgedMs", WebhookTimings.forgedRejectionMillis(forgedRuns, Math.max(3, forgedRuns / 2)));
        System.out.println(Figures.toJson(line));
    }
}
