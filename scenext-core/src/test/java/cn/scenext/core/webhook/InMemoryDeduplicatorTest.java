package cn.scenext.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.scenext.api.TaskId;
import cn.scenext.core.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class InMemoryDeduplicatorTest {
    private static final Instant TS = Instant.ofEpochSecond(1672531200L);
    private final MutableClock clock = new MutableClock(TS);

    private static WebhookEvent.Key key(String taskId, String status, long second) {
        return WebhookEvent.Key.of(TaskId.of(taskId), status, Instant.ofEpochSecond(second));
    }

    @Test
    void firstDeliveryIsNewAndRepeatsAreNot() {
        WebhookDeduplicator dedup = WebhookDeduplicator.inMemory(10, Duration.ofMinutes(10), clock);

        assertThat(dedup.firstDelivery(key("t", "COMPLETED", 1))).isTrue();
        assertThat(dedup.firstDelivery(key("t", "COMPLETED", 1))).isFalse();
        assertThat(dedup.firstDelivery(key("t", "COMPLETED", 1))).isFalse();
    }

    @Test
    void anotherStatusOrTimestampIsAnotherEvent() {
        WebhookDeduplicator dedup = WebhookDeduplicator.inMemory(10, Duration.ofMinutes(10), clock);
        dedup.firstDelivery(key("t", "IN_PROGRESS", 1));

        assertThat(dedup.firstDelivery(key("t", "COMPLETED", 1))).isTrue();
        assertThat(dedup.firstDelivery(key("t", "IN_PROGRESS", 2))).isTrue();
        assertThat(dedup.firstDelivery(key("u", "IN_PROGRESS", 1))).isTrue();
    }

    @Test
    void forgetsAnEventOnceItIsOlderThanTheMaxAge() {
        InMemoryDeduplicator dedup = new InMemoryDeduplicator(10, Duration.ofMinutes(10), clock);
        dedup.firstDelivery(key("old", "COMPLETED", 1));
        clock.advance(Duration.ofMinutes(6));
        dedup.firstDelivery(key("young", "COMPLETED", 1));

        clock.advance(Duration.ofMinutes(4).minusSeconds(1));
        assertThat(dedup.firstDelivery(key("old", "COMPLETED", 1))).isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(dedup.firstDelivery(key("other", "COMPLETED", 1))).isTrue();

        assertThat(dedup.size()).isEqualTo(2); // "old" went when "other" came
        assertThat(dedup.firstDelivery(key("old", "COMPLETED", 1))).isTrue();
        assertThat(dedup.firstDelivery(key("young", "COMPLETED", 1))).isFalse();
    }

    @Test
    void dropsTheOldestEventWhenFull() {
        InMemoryDeduplicator dedup = new InMemoryDeduplicator(3, Duration.ofMinutes(10), clock);
        for (int i = 1; i <= 4; i++) {
            dedup.firstDelivery(key("t" + i, "COMPLETED", 1));
            clock.advance(Duration.ofSeconds(1));
        }

        assertThat(dedup.size()).isEqualTo(3);
        assertThat(dedup.firstDelivery(key("t4", "COMPLETED", 1))).isFalse();
        assertThat(dedup.firstDelivery(key("t2", "COMPLETED", 1))).isFalse();
        assertThat(dedup.firstDelivery(key("t1", "COMPLETED", 1))).isTrue();
    }

    @Test
    void forgottenEventCountsAsNewAgain() {
        WebhookDeduplicator dedup = WebhookDeduplicator.inMemory(10, Duration.ofMinutes(10), clock);
        dedup.firstDelivery(key("t", "COMPLETED", 1));

        dedup.forget(key("t", "COMPLETED", 1));

        assertThat(dedup.firstDelivery(key("t", "COMPLETED", 1))).isTrue();
    }

    @Test
    void exactlyOneOfManyConcurrentDeliveriesIsFirst() throws Exception {
        WebhookDeduplicator dedup = WebhookDeduplicator.inMemory();
        int threads = 16;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 50; round++) {
                WebhookEvent.Key key = key("t" + round, "COMPLETED", round);
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Boolean>> results = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    results.add(pool.submit(() -> {
                        start.await();
                        return dedup.firstDelivery(key);
                    }));
                }
                start.countDown();
                int firsts = 0;
                for (Future<Boolean> r : results) {
                    firsts += r.get(30, TimeUnit.SECONDS) ? 1 : 0;
                }
                assertThat(firsts).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void refusesLimitsThatCannotWork() {
        assertThatThrownBy(() -> WebhookDeduplicator.inMemory(0, Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WebhookDeduplicator.inMemory(1, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void noneTakesEveryDeliveryForTheFirst() {
        WebhookDeduplicator none = WebhookDeduplicator.none();
        none.firstDelivery(key("t", "COMPLETED", 1));

        assertThat(none.firstDelivery(key("t", "COMPLETED", 1))).isTrue();
        assertThat(WebhookDeduplicator.DEFAULT_MAX_AGE).isEqualTo(Duration.ofMinutes(10));
    }
}
