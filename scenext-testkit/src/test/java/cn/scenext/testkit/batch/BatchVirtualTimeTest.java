package cn.scenext.testkit.batch;

import static org.assertj.core.api.Assertions.assertThat;

import cn.scenext.api.transport.Transport;
import cn.scenext.api.transport.TransportOptions;
import cn.scenext.core.ScenextClient;
import cn.scenext.core.batch.BatchOptions;
import cn.scenext.core.batch.BatchReport;
import cn.scenext.core.journal.TaskJournal;
import cn.scenext.core.poll.PollPolicy;
import cn.scenext.core.poll.WaitOptions;
import cn.scenext.okhttp.OkHttpTransport;
import cn.scenext.testkit.Endpoint;
import cn.scenext.testkit.RecordedRequest;
import cn.scenext.testkit.ScenextSimulator;
import cn.scenext.testkit.VirtualScheduler;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Batches whose tasks take half an hour, on virtual time: the creation rate, and long waits. */
class BatchVirtualTimeTest {
    @TempDir
    Path dir;

    @Test
    void creationsKeepToTheRateAndHalfHourTasksAllComplete() throws Exception {
        VirtualScheduler time = new VirtualScheduler();
        try (ScenextSimulator sim = ScenextSimulator.builder().clock(time.clock())
                .taskDuration(Duration.ofMinutes(30)).framesPerTask(1).urlLifetime(Duration.ofDays(1)).start();
                Transport transport = OkHttpTransport.create(TransportOptions.defaults());
                TaskJournal journal = TaskJournal.inMemory();
                ScenextClient client = sim.newClient().transport(time.tracking(transport)).scheduler(time)
                        .clock(time.clock()).journal(journal).build()) {
            Instant start = time.now();
            BatchOptions options = BatchOptions.builder().outputDirectory(dir).concurrency(6).creationsPerSecond(2.0)
                    .waitOptions(WaitOptions.builder().pollPolicy(PollPolicy.fixed(Duration.ofMinutes(1))).build())
                    .build();

            BatchReport report = time.runUntilDone(client.runBatchAsync(BatchTestSupport.rows(6), options));

            assertThat(report.allCompleted()).as(report.rows().toString()).isTrue();
            List<Instant> sent = sim.requests(Endpoint.GEN_VIDEO).stream().map(RecordedRequest::receivedAt).sorted()
                    .collect(Collectors.toList());
            assertThat(sent).hasSize(6);
            for (int k = 0; k < sent.size(); k++) {
                // at most one creation every 500 ms of the client's clock: the k-th no earlier than k slots in
                assertThat(sent.get(k)).isAfterOrEqualTo(start.plusMillis(500L * k));
            }
            assertThat(time.elapsed()).isGreaterThanOrEqualTo(Duration.ofMinutes(30));
        }
    }
}
