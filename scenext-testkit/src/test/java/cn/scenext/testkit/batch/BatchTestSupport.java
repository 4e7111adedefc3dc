package cn.scenext.testkit.batch;

import cn.scenext.api.GenerateVideoRequest;
import cn.scenext.core.batch.BatchListener;
import cn.scenext.core.batch.BatchOptions;
import cn.scenext.core.batch.BatchProgress;
import cn.scenext.core.batch.BatchRow;
import cn.scenext.core.poll.PollPolicy;
import cn.scenext.core.poll.WaitOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Rows, options and checks shared by the batch tests. */
final class BatchTestSupport {
    static final WaitOptions FAST = WaitOptions.builder()
            .pollPolicy(PollPolicy.fixed(Duration.ofMillis(100)).withFloor(Duration.ofMillis(100))).build();

    private BatchTestSupport() {
    }

    static List<BatchRow> rows(int n) {
        List<BatchRow> rows = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            rows.add(BatchRow.of(String.valueOf(i), GenerateVideoRequest.ofQuestion("Question " + i + "?")));
        }
        return rows;
    }

    static BatchOptions.Builder options(Path dir) {
        return BatchOptions.builder().outputDirectory(dir).creationsPerSecond(0).waitOptions(FAST);
    }

    static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[8192];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                d.update(buffer, 0, n);
            }
            StringBuilder b = new StringBuilder();
            for (byte x : d.digest()) {
                b.append(String.format("%02x", x));
            }
            return b.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> files(Path dir, String suffix) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(suffix)).sorted()
                    .collect(Collectors.toList());
        }
    }

    /** Counts down once when a progress first satisfies a condition. */
    static final class ProgressLatch implements BatchListener {
        final CountDownLatch latch = new CountDownLatch(1);
        final AtomicInteger maxRunning = new AtomicInteger();
        private final Predicate<BatchProgress> condition;

        ProgressLatch(Predicate<BatchProgress> condition) {
            this.condition = condition;
        }

        @Override
        public void onProgress(BatchProgress progress) {
            maxRunning.accumulateAndGet(progress.running(), Math::max);
            if (condition.test(progress)) {
                latch.countDown();
            }
        }
    }
}
