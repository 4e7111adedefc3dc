package cn.scenext.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import cn.scenext.api.TaskId;
import cn.scenext.core.webhook.WebhookDeduplicator;
import cn.scenext.core.webhook.WebhookEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class JdbcWebhookDeduplicatorTest {
    private static final Instant T = Instant.parse("2026-12-01T10:00:00Z");

    private static WebhookEvent.Key key(int i) {
        return WebhookEvent.Key.of(TaskId.of("task/" + i), "COMPLETED", T);
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void aRepeatIsARepeatInEveryProcessUntilForgotten(Databases database) {
        Supplier<DataSource> db = database.newDatabaseWithSchema();
        WebhookDeduplicator a = JdbcWebhookDeduplicator.create(db.get());
        WebhookDeduplicator b = JdbcWebhookDeduplicator.create(db.get());
        assertThat(a.firstDelivery(key(1))).isTrue();
        assertThat(b.firstDelivery(key(1))).isFalse();
        assertThat(a.firstDelivery(key(1))).isFalse();
        assertThat(b.firstDelivery(key(2))).isTrue();
        b.forget(key(1));
        assertThat(a.firstDelivery(key(1))).isTrue();
        a.forget(key(99));   // never seen: nothing happens
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void anEventOlderThanTheMaximumAgeCountsAsNew(Databases database) {
        Supplier<DataSource> db = database.newDatabaseWithSchema();
        Instant[] now = {T};
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        };
        WebhookDeduplicator d = JdbcWebhookDeduplicator.create(db.get(), Duration.ofMinutes(10), clock);
        assertThat(d.firstDelivery(key(1))).isTrue();
        now[0] = T.plus(Duration.ofMinutes(9));
        assertThat(d.firstDelivery(key(1))).isFalse();
        now[0] = T.plus(Duration.ofMinutes(11));
        assertThat(d.firstDelivery(key(1))).isTrue();
        assertThat(d.firstDelivery(key(1))).isFalse();
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void concurrentDeliveriesOfOneEventAreActedOnOnce(Databases database) throws Exception {
        Supplier<DataSource> db = database.newDatabaseWithSchema();
        int events = 40;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                WebhookDeduplicator d = JdbcWebhookDeduplicator.create(db.get());
                results.add(pool.submit(() -> {
                    go.await();
                    int first = 0;
                    for (int i = 0; i < events; i++) {
                        if (d.firstDelivery(key(i))) {
                            first++;
                        }
                    }
                    return first;
                }));
            }
            go.countDown();
            int first = 0;
            for (Future<Integer> f : results) {
                first += f.get();
            }
            assertThat(first).isEqualTo(events);
        } finally {
            pool.shutdownNow();
        }
    }
}
