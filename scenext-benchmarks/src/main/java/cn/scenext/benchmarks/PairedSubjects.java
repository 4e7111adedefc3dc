package cn.scenext.benchmarks;

import cn.scenext.api.TaskId;
import cn.scenext.api.TaskStatus;
import cn.scenext.benchmarks.loopback.EncodedResponse;
import cn.scenext.benchmarks.loopback.LoopbackHttpServer;
import cn.scenext.benchmarks.raw.RawClient;
import cn.scenext.benchmarks.raw.RawClients;
import cn.scenext.benchmarks.raw.RawGet;
import cn.scenext.core.ScenextClient;
import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.models.models.ModelInfo;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.models.Model;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The pairs {@link PairedOverhead} measures, each a subject and its baseline on one {@link LoopbackHttpServer}:
 * {@code sdk:<transport>} ({@code ScenextClient.getStatus} against the bare library behind the transport, as in
 * {@link ClientOverheadBenchmark}), {@code peer:openai} ({@code client.models().retrieve(id)} of openai-java on its
 * OkHttp client) and {@code peer:anthropic} (the same with anthropic-java), the two peers each against a raw OkHttp
 * GET of the same resource. The server returns each peer the body its model class reads, of the real API's size
 * and shape.
 */
final class PairedSubjects {
    static final String API_KEY = "sk-bench-0123456789abcdef";
    private static final String TASK = "12345";
    private static final TaskId TASK_ID = TaskId.of(TASK);
    static final String OPENAI_MODEL = "gpt-4o-mini";
    static final String ANTHROPIC_MODEL = "claude-sonnet-4-5-20250929";

    /** What the OpenAI API returns for {@code GET /v1/models/gpt-4o-mini}. */
    static final byte[] OPENAI_BODY = ("{\n  \"id\": \"" + OPENAI_MODEL + "\",\n  \"object\": \"model\",\n"
            + "  \"created\": 1721172741,\n  \"owned_by\": \"system\"\n}\n").getBytes(StandardCharsets.UTF_8);

    /** What the Anthropic API returns for {@code GET /v1/models/{id}}: the model, its limits and capabilities. */
    static final byte[] ANTHROPIC_BODY = ("{\"type\":\"model\",\"id\":\"" + ANTHROPIC_MODEL + "\","
            + "\"display_name\":\"Claude Sonnet 4.5\",\"created_at\":\"2025-09-29T00:00:00Z\","
            + "\"lifecycle\":\"active\",\"max_input_tokens\":200000,\"max_tokens\":64000,"
            + "\"capabilities\":{\"batch\":{\"supported\":true},\"citations\":{\"supported\":true},"
            + "\"code_execution\":{\"supported\":true},\"image_input\":{\"supported\":true},"
            + "\"pdf_input\":{\"supported\":true},\"structured_outputs\":{\"supported\":true},"
            + "\"context_management\":{\"supported\":true},\"effort\":{\"supported\":false},"
            + "\"server_tools\":{\"supported\":true},\"thinking\":{\"supported\":true}}}")
            .getBytes(StandardCharsets.UTF_8);

    private PairedSubjects() {
    }

    /** One side of a pair: a call, and a check that what it read is what the server sent. */
    interface Side extends AutoCloseable {
        /**
         * Makes one call.
         *
         * @return what the call read, for {@link #check}
         * @throws Exception when the call fails
         */
        Object call() throws Exception;

        /**
         * Checks a call's result.
         *
         * @param result what {@link #call} returned
         * @throws IllegalStateException when the values read differ from the server's
         */
        void check(Object result);

        @Override
        void close();
    }

    /** A subject, its baseline and their server. */
    record Pair(String name, LoopbackHttpServer server, Side subject, Side baseline) implements AutoCloseable {
        @Override
        public void close() {
            subject.close();
            baseline.close();
            server.close();
        }
    }

    /**
     * Opens a pair.
     *
     * @param name {@code sdk:okhttp}, {@code sdk:apache}, {@code sdk:retrofit}, {@code sdk:jdk},
     *     {@code peer:openai} or {@code peer:anthropic}
     * @return the pair, checked once on each side
     * @throws IOException when the server cannot start
     */
    static Pair open(String name) throws IOException {
        byte[] status = Fixtures.bytes("get_status-completed.json");
        LoopbackHttpServer server = LoopbackHttpServer.start(Map.of(
                "/api/get_status/", EncodedResponse.json(200, status),
                "/v1/models/" + OPENAI_MODEL, EncodedResponse.json(200, OPENAI_BODY),
                "/v1/models/" + ANTHROPIC_MODEL, EncodedResponse.json(200, ANTHROPIC_BODY)));
        Pair pair;
        if (name.startsWith("sdk:")) {
            String transport = name.substring(4);
            pair = new Pair(name, server, sdk(server, transport), raw(server, transport, status));
        } else if (name.equals("peer:openai")) {
            pair = new Pair(name, server, openai(server), rawGet(server, "v1/models/" + OPENAI_MODEL, OPENAI_BODY));
        } else if (name.equals("peer:anthropic")) {
            pair = new Pair(name, server, anthropic(server),
                    rawGet(server, "v1/models/" + ANTHROPIC_MODEL, ANTHROPIC_BODY));
        } else {
            server.close();
            throw new IllegalArgumentException("No pair named " + name
                    + " (sdk:okhttp|apache|retrofit|jdk, peer:openai, peer:anthropic)");
        }
        try {
            for (Side side : new Side[] {pair.subject(), pair.baseline()}) {
                side.check(side.call());
            }
        } catch (Exception e) {
            pair.close();
            throw new IllegalStateException("The pair " + name + " does not work: " + e, e);
        }
        return pair;
    }

    private static Side sdk(LoopbackHttpServer server, String transport) {
        ScenextClient client = ScenextClient.builder().apiKey(API_KEY).baseUrl(server.baseUrl())
                .transport(transport).build();
        return new Side() {
            @Override
            public Object call() {
                return client.getStatus(TASK_ID);
            }

            @Override
            public void check(Object result) {
                TaskStatus s = (TaskStatus) result;
                if (!s.isCompleted() || s.frames().size() != 2 || !s.taskId().equals(TASK_ID)) {
                    throw new IllegalStateException("The SDK read other values than the fixture's: " + s);
                }
            }

            @Override
            public void close() {
                client.close();
            }
        };
    }

    private static Side raw(LoopbackHttpServer server, String transport, byte[] expected) {
        RawClient client = RawClients.create(transport, server.baseUrl(), API_KEY);
        return bytesSide(() -> client.getStatus(TASK), client::close, expected);
    }

    private static Side rawGet(LoopbackHttpServer server, String path, byte[] expected) {
        RawGet client = RawClients.okHttpGet(server.baseUrl(), API_KEY);
        return bytesSide(() -> client.get(path), client::close, expected);
    }

    /** A raw side: its call reads the body to bytes, which must be the server's. */
    private static Side bytesSide(Callable<byte[]> call, Runnable close, byte[] expected) {
        return new Side() {
            @Override
            public Object call() throws Exception {
                return call.call();
            }

            @Override
            public void check(Object result) {
                if (!Arrays.equals((byte[]) result, expected)) {
                    throw new IllegalStateException("The raw client read another body than the server's");
                }
            }

            @Override
            public void close() {
                close.run();
            }
        };
    }

    private static Side openai(LoopbackHttpServer server) {
        OpenAIClient client = OpenAIOkHttpClient.builder().apiKey(API_KEY)
                .baseUrl(server.baseUrl().toString() + "v1").build();
        return new Side() {
            @Override
            public Object call() {
                return client.models().retrieve(OPENAI_MODEL);
            }

            @Override
            public void check(Object result) {
                Model m = (Model) result;
                if (!m.id().equals(OPENAI_MODEL) || m.created() != 1721172741L || !m.ownedBy().equals("system")) {
                    throw new IllegalStateException("openai-java read other values than the server's: " + m);
                }
            }

            @Override
            public void close() {
                client.close();
            }
        };
    }

    private static Side anthropic(LoopbackHttpServer server) {
        String base = server.baseUrl().toString();
        AnthropicClient client = AnthropicOkHttpClient.builder().apiKey(API_KEY)
                .baseUrl(base.substring(0, base.length() - 1)).build();
        OffsetDateTime created = OffsetDateTime.parse("2025-09-29T00:00:00Z");
        return new Side() {
            @Override
            public Object call() {
                return client.models().retrieve(ANTHROPIC_MODEL);
            }

            @Override
            public void check(Object result) {
                ModelInfo m = (ModelInfo) result;
                if (!m.id().equals(ANTHROPIC_MODEL) || !m.displayName().equals("Claude Sonnet 4.5")
                        || !m.createdAt().isEqual(created) || m.maxTokens().orElse(0L) != 64000L) {
                    throw new IllegalStateException("anthropic-java read other values than the server's: " + m);
                }
            }

            @Override
            public void close() {
                client.close();
            }
        };
    }
}
