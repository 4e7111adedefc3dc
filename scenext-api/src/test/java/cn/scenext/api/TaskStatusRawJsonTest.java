package cn.scenext.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.scenext.api.internal.StatusRawJson;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The raw JSON given as a slice of a body, decoded on first use, and the model's lists. */
class TaskStatusRawJsonTest {
    private static final String DATA = "{\"task_id\":\"t1\",\"status\":\"IN_PROGRESS\",\"title\":\"傅里叶\",\"x\":[1.50]}";
    private static final byte[] BODY = ("{\"status\":\"success\",\"data\":" + DATA + "}")
            .getBytes(StandardCharsets.UTF_8);
    private static final int START = "{\"status\":\"success\",\"data\":".length();
    private static final int END = BODY.length - 1;

    private static TaskStatus.Builder builder() {
        return TaskStatus.builder().taskId("t1").state(TaskState.IN_PROGRESS).title("傅里叶");
    }

    @Test
    void aSliceOfTheBodyIsDecodedToTheDataObjectsText() {
        TaskStatus s = StatusRawJson.set(builder(), BODY, START, END).build();

        assertThat(s.rawJson()).contains(DATA);
        assertThat(s.rawJson()).contains(DATA); // the second call returns the text the first one decoded
        assertThat(s.rawJson().get()).isSameAs(s.rawJson().get());
    }

    @Test
    void theBodyIsKeptUntilTheFirstCallAndLetGoAfterIt() {
        byte[] body = BODY.clone();
        TaskStatus s = StatusRawJson.set(builder(), body, START, END).build();

        body[START + 12] = 'X'; // "t1" -> "X1": not decoded yet, so the change shows (the array is kept, not copied)
        String first = s.rawJson().get();
        assertThat(first).startsWith("{\"task_id\":\"X1\"");
        body[START + 12] = 'Y'; // decoded already: the text no longer depends on the array
        assertThat(s.rawJson()).contains(first);
    }

    @Test
    void theRawJsonTakesNoPartInEqualityHashOrTextAndIsNotCarriedOver() {
        TaskStatus sliced = StatusRawJson.set(builder(), BODY, START, END).build();
        TaskStatus plain = builder().build();
        TaskStatus text = builder().rawJson(DATA).build();

        assertThat(sliced).isEqualTo(plain).isEqualTo(text).hasSameHashCodeAs(plain);
        assertThat(sliced.toString()).isEqualTo(plain.toString()).doesNotContain("task_id");
        assertThat(sliced.toBuilder().build().rawJson()).isEmpty();
        assertThat(plain.rawJson()).isEmpty();
        assertThat(text.rawJson()).contains(DATA);
    }

    @Test
    void theLastSourceSetWins() {
        assertThat(StatusRawJson.set(builder().rawJson("{}"), BODY, START, END).build().rawJson()).contains(DATA);
        assertThat(StatusRawJson.set(builder(), BODY, START, END).rawJson("{}").build().rawJson()).contains("{}");
        assertThat(StatusRawJson.set(builder(), BODY, START, END).rawJson(null).build().rawJson()).isEmpty();
    }

    @Test
    void aRangeOutsideTheArrayIsRefused() {
        assertThatThrownBy(() -> StatusRawJson.set(builder(), BODY, -1, 2))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> StatusRawJson.set(builder(), BODY, 3, 2))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> StatusRawJson.set(builder(), BODY, 0, BODY.length + 1))
                .isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining(BODY.length + " bytes");
        assertThatThrownBy(() -> StatusRawJson.install((b, u, s, e) -> { }))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void threadsCallingFirstAtOnceAllSeeTheSameText() throws Exception {
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 50; round++) {
                TaskStatus s = StatusRawJson.set(builder(), BODY, START, END).build();
                CountDownLatch ready = new CountDownLatch(threads);
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Optional<String>>> reads = new ArrayList<>();
                for (int i = 0; i < threads; i++) {
                    reads.add(pool.submit(() -> {
                        ready.countDown();
                        go.await();
                        return s.rawJson();
                    }));
                }
                assertThat(ready.await(1, TimeUnit.MINUTES)).isTrue();
                go.countDown();
                for (Future<Optional<String>> read : reads) {
                    assertThat(read.get(1, TimeUnit.MINUTES)).contains(DATA);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theListsOfAnySizeAreUnmodifiableCopiesEqualToPlainLists() {
        for (int n = 0; n <= 3; n++) {
            TaskStatus.Builder b = builder();
            List<Frame> frames = new ArrayList<>();
            for (int i = 1; i <= n; i++) {
                frames.add(Frame.of("frame" + i, "https://x/" + i + ".png"));
                b.addFrame(frames.get(i - 1));
                b.addResult(ResultItem.of(ResultItem.TEXT, "r" + i));
            }
            TaskStatus s = b.build();
            b.addFrame(Frame.of("later", "https://x/later.png")); // the builder's later changes do not show

            assertThat(s.frames()).isEqualTo(frames).hasSameHashCodeAs(frames).hasSize(n);
            assertThat(s.frames().toString()).isEqualTo(frames.toString());
            assertThat(s.results()).hasSize(n);
            assertThat(s).isEqualTo(s.toBuilder().build()).hasSameHashCodeAs(s.toBuilder().build());
            Frame extra = Frame.of("x", "https://x/x.png");
            assertThatThrownBy(() -> s.frames().add(extra)).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> s.frames().addAll(Arrays.asList(extra)))
                    .isInstanceOf(UnsupportedOperationException.class);
            if (n > 0) {
                assertThatThrownBy(() -> s.frames().set(0, extra)).isInstanceOf(UnsupportedOperationException.class);
                assertThatThrownBy(() -> s.frames().remove(0)).isInstanceOf(UnsupportedOperationException.class);
                assertThatThrownBy(() -> {
                    java.util.Iterator<Frame> i = s.frames().iterator();
                    i.next();
                    i.remove();
                }).isInstanceOf(UnsupportedOperationException.class);
                assertThat(s.frames().get(n - 1)).isEqualTo(frames.get(n - 1));
            }
            assertThat(s.frames()).isEqualTo(frames);
        }
    }
    @Test
    void replacingTheListsKeepsOnlyTheNewEntries() {
        Frame a = Frame.of("a", "https://x/a.png");
        Frame b = Frame.of("b", "https://x/b.png");
        TaskStatus.Builder builder = builder().addFrame(a).addResult(ResultItem.of(ResultItem.TEXT, "t"))
                .addConsumption(Consumption.of(Consumption.SCORE, java.math.BigDecimal.ONE, null));

        TaskStatus s = builder.frames(Arrays.asList(b, a)).results(new ArrayList<>())
                .consumptions(new ArrayList<>()).build();

        assertThat(s.frames()).containsExactly(b, a);
        assertThat(s.results()).isEmpty();
        assertThat(s.consumptions()).isEmpty();
        assertThat(s.toBuilder().addFrame(b).build().frames()).containsExactly(b, a, b);
        assertThat(s.frames()).containsExactly(b, a);
    }
    @Test
    void aSetterInstalledBeforeTaskStatusIsLoadedIsRefusedAndTaskStatusStillWorks() throws Exception {
        java.net.URL classes = StatusRawJson.class.getProtectionDomain().getCodeSource().getLocation();
        try (java.net.URLClassLoader fresh = new java.net.URLClassLoader(new java.net.URL[] {classes}, null)) {
            Class<?> access = Class.forName(StatusRawJson.class.getName(), false, fresh);
            Class<?> setterType = Class.forName(StatusRawJson.Setter.class.getName(), false, fresh);
            Object foreign = java.lang.reflect.Proxy.newProxyInstance(fresh, new Class<?>[] {setterType},
                    (proxy, method, args) -> null);

            assertThatThrownBy(() -> access.getMethod("install", setterType).invoke(null, foreign))
                    .hasCauseInstanceOf(IllegalStateException.class); // TaskStatus installed its own first

            Class<?> status = Class.forName(TaskStatus.class.getName(), true, fresh);
            Object builder = status.getMethod("builder").invoke(null);
            builder.getClass().getMethod("taskId", String.class).invoke(builder, "t1");
            builder.getClass().getMethod("rawStatus", String.class).invoke(builder, "IN_PROGRESS");
            Class<?> builderType = builder.getClass();
            access.getMethod("set", builderType, byte[].class, int.class, int.class)
                    .invoke(null, builder, BODY, START, END);
            Object built = builderType.getMethod("build").invoke(builder);
            assertThat(status.getMethod("rawJson").invoke(built)).isEqualTo(Optional.of(DATA));
        }
    }
}
