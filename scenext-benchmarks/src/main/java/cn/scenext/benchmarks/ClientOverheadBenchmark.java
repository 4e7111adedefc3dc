package cn.scenext.benchmarks;

import cn.scenext.api.TaskId;
import cn.scenext.api.TaskStatus;
import cn.scenext.benchmarks.loopback.EncodedResponse;
import cn.scenext.benchmarks.loopback.LoopbackHttpServer;
import cn.scenext.benchmarks.raw.RawClient;
import cn.scenext.benchmarks.raw.RawClients;
import cn.scenext.core.ScenextClient;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the SDK adds to one status read: {@link #sdkGetStatus} is {@code client.getStatus(id)} through
 * {@link ScenextClient} on a transport chosen by name, parsed into a {@link TaskStatus}; {@link #rawGetStatus}
 * is the same GET written by hand with the bare library behind that transport, body read to bytes and not
 * parsed. Both talk to the same loopback server, which returns the {@code get_status-completed.json} fixture
 * with a production-like set of headers over kept-alive HTTP/1.1 connections.
 *
 * <p>The ratio sdk/raw per transport is the SDK's overhead: request building, headers, credentials,
 * interceptors, the retry loop, error mapping and JSON parsing into immutable models.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ClientOverheadBenchmark {
    private static final String API_KEY = "sk-bench-0123456789abcdef";
    private static final String TASK = "12345";
    private static final TaskId TASK_ID = TaskId.of(TASK);

    /** The loopback server and the transport under test; shared by both sides' states. */
    @State(Scope.Benchmark)
    public static class Server {
        /** The transport measured, and the library its raw side calls. */
        @Param({"okhttp", "apache", "retrofit", "jdk"})
        public String transport;

        LoopbackHttpServer server;

        /**
         * Starts the server.
         *
         * @throws IOException when no loopback port can be bound
         */
        @Setup(Level.Trial)
        public void start() throws IOException {
            server = LoopbackHttpServer.start(Map.of("/api/get_status/",
                    EncodedResponse.json(200, Fixtures.bytes("get_status-completed.json"))));
        }

        /** Stops the server. */
        @TearDown(Level.Trial)
        public void stop() {
            server.close();
        }
    }

    /** The SDK's side: one {@link ScenextClient} on the transport named by the parameter. */
    @State(Scope.Benchmark)
    public static class Sdk {
        ScenextClient client;

        /**
         * Builds the client and checks it reads the fixture.
         *
         * @param server the server and the transport's name
         */
        @Setup(Level.Trial)
        public void open(Server server) {
            client = ScenextClient.builder()
                    .apiKey(API_KEY)
                    .baseUrl(server.server.baseUrl())
                    .transport(server.transport)
                    .build();
            TaskStatus status = client.getStatus(TASK_ID);
            if (!status.isTerminal() || status.frames().size() != 2) {
                throw new IllegalStateException("The SDK did not read the fixture: " + status);
            }
        }

        /** Closes the client. */
        @TearDown(Level.Trial)
        public void close() {
            client.close();
        }
    }

    /** The raw side: the bare library behind the transport named by the parameter. */
    @State(Scope.Benchmark)
    public static class Raw {
        RawClient client;

        /**
         * Builds the client and checks it reads the fixture.
         *
         * @param server the server and the transport's name
         * @throws IOException when the first call fails
         */
        @Setup(Level.Trial)
        public void open(Server server) throws IOException {
            client = RawClients.create(server.transport, server.server.baseUrl(), API_KEY);
            if (client.getStatus(TASK).length != Fixtures.bytes("get_status-completed.json").length) {
                throw new IllegalStateException("The raw client did not read the fixture");
            }
        }

        /** Closes the client. */
        @TearDown(Level.Trial)
        public void close() {
            client.close();
        }
    }

    /**
     * {@code getStatus} through the SDK, parsed into a {@link TaskStatus}.
     *
     * @param sdk the client
     * @return the status, consumed by JMH
     */
    @Benchmark
    public TaskStatus sdkGetStatus(Sdk sdk) {
        return sdk.client.getStatus(TASK_ID);
    }

    /**
     * The same GET with the bare library, body read to bytes.
     *
     * @param raw the client
     * @return the body, consumed by JMH
     * @throws IOException when the exchange fails
     */
    @Benchmark
    public byte[] rawGetStatus(Raw raw) throws IOException {
        return raw.client.getStatus(TASK);
    }
}
