package cn.scenext.core.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.scenext.api.GenerateVideoRequest;
import cn.scenext.api.TaskId;
import cn.scenext.api.exception.ConfigurationException;
import cn.scenext.api.exception.InvalidValueException;
import cn.scenext.core.internal.batch.MemoryBatchLeases;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The batch API's values, and the in-memory leases on a fake clock. */
class BatchApiTest {
    private static final GenerateVideoRequest REQUEST = GenerateVideoRequest.ofQuestion("Q?");

    @Test
    void rowsRefuseReferencesTheJournalOrTheReCreationsCannotHold() {
        assertThat(BatchRow.of("3", REQUEST).reference()).isEqualTo("3");
        assertThatThrownBy(() -> BatchRow.of("", REQUEST)).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> BatchRow.of("a#2", REQUEST)).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("'#'");
        assertThatThrownBy(() -> BatchRow.of("a\nb", REQUEST)).isInstanceOf(InvalidValueException.class);
        char[] longName = new char[BatchRow.MAX_REFERENCE_LENGTH + 1];
        Arrays.fill(longName, 'x');
        assertThatThrownBy(() -> BatchRow.of(new String(longName), REQUEST)).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void optionsHaveTheDocumentedDefaultsAndRefuseBadValues() {
        assertThatThrownBy(() -> BatchOptions.builder().build()).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("outputDirectory");
        BatchOptions o = BatchOptions.builder().outputDirectory(Paths.get("out")).build();
        assertThat(o.name()).isEqualTo("batch");
        assertThat(o.concurrency()).isEqualTo(4);
        assertThat(o.creationsPerSecond()).isEqualTo(1.0);
        assertThat(o.lease()).isEqualTo(Duration.ofMinutes(2));
        assertThat(o.recreateUnknown()).isFalse();
        assertThat(o.owner()).isEqualTo(BatchOptions.defaultOwner()).contains("-");
        assertThat(o.fileNamer().fileName(BatchRow.of("3", REQUEST), TaskId.of("t1"))).isEqualTo("3-t1.mp4");
        assertThat(BatchFileNamer.defaults().fileName(BatchRow.of("a/b c", REQUEST), TaskId.of("t")))
                .isEqualTo("a_b_c-t.mp4");
        assertThatThrownBy(() -> BatchOptions.builder().concurrency(0)).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> BatchOptions.builder().creationsPerSecond(-1))
                .isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> BatchOptions.builder().creationsPerSecond(Double.NaN))
                .isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> BatchOptions.builder().lease(Duration.ofMillis(10)))
                .isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> BatchOptions.builder().name("")).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void aReportCountsItsRows() {
        BatchReport r = BatchReport.of(Arrays.asList(
                BatchRowResult.builder("1", BatchRowResult.Status.COMPLETED).build(),
                BatchRowResult.builder("2", BatchRowResult.Status.UNKNOWN).build()));
        assertThat(r.count(BatchRowResult.Status.COMPLETED)).isEqualTo(1);
        assertThat(r.count(BatchRowResult.Status.UNKNOWN)).isEqualTo(1);
        assertThat(r.allCompleted()).isFalse();
        assertThat(BatchReport.of(Collections.emptyList()).allCompleted()).isTrue();
    }

    @Test
    void inMemoryLeasesShareRowsOutAndTakeOverExpiredOnes() {
        AtomicLong now = new AtomicLong(1_000);
        BatchLeases leases = new MemoryBatchLeases(now::get);
        Duration lease = Duration.ofSeconds(10);
        leases.register("b", Arrays.asList("1", "2", "3"));
        leases.register("b", Arrays.asList("1", "4"));

        assertThat(leases.claim("b", "A", 2, lease)).containsExactly("1", "2");
        assertThat(leases.claim("b", "A", 5, lease)).containsExactly("3", "4");
        assertThat(leases.claim("b", "B", 5, lease)).isEmpty();
        assertThat(leases.finish("b", "A", "1")).isTrue();
        assertThat(leases.finish("b", "B", "2")).isFalse();
        leases.release("b", "A", "2");
        assertThat(leases.claim("b", "B", 5, lease)).containsExactly("2");

        now.addAndGet(Duration.ofSeconds(11).toNanos());
        assertThat(leases.renew("b", "A", Collections.singleton("3"), lease)).containsExactly("3");
        // A's 4 and B's own 2 expired (anyone may claim them); A's 3 was renewed
        assertThat(leases.claim("b", "B", 5, lease)).containsExactly("2", "4");
        assertThat(leases.renew("b", "A", Arrays.asList("3", "4"), lease)).containsExactly("3");
        assertThat(leases.unfinished("b")).isEqualTo(3);
        assertThat(leases.claim("none", "A", 1, lease)).isEmpty();
    }
}
