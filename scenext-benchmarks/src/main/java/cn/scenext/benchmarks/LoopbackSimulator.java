package cn.scenext.benchmarks;

/** How the benchmark programs run {@link cn.scenext.testkit.ScenextSimulator} on loopback. */
final class LoopbackSimulator {
    private LoopbackSimulator() {
    }

    /**
     * Makes the JDK's HTTP server (under the simulator) set {@code TCP_NODELAY} on its connections. Without it, a
     * small response written in two parts (head, then body) meets the client's delayed ACK, and every request on a
     * kept-alive connection waits about 40 ms: a load test would measure Nagle's algorithm, not the client. Must
     * run before the server's classes load, i.e. before the first simulator starts.
     */
    static void useNoDelay() {
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }
}
