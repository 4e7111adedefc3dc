package cn.scenext.examples;

import cn.scenext.testkit.ScenextSimulator;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the Scenext simulator on a local port until stopped, to try the other examples (or any client, in any
 * language) with no key and no network: point {@code SCENEXT_BASE_URL} at it and use its key.
 *
 * <pre>
 * java -cp scenext.jar cn.scenext.examples.RunSimulator 8765 PT10S      # port, task duration
 * </pre>
 */
public final class RunSimulator {
    private RunSimulator() {
    }

    /**
     * Starts the simulator and runs until the JVM is stopped (Ctrl-C).
     *
     * @param args an optional port (default 8765), then an optional task duration in ISO-8601 (default
     *     {@code PT5S})
     * @throws InterruptedException when the main thread is interrupted
     */
    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8765;
        Duration taskDuration = args.length > 1 ? Duration.parse(args[1]) : Duration.ofSeconds(5);
        ScenextSimulator simulator = start(System.out, port, taskDuration);
        Runtime.getRuntime().addShutdownHook(new Thread(simulator::close));
        new CountDownLatch(1).await();                                  // the simulator's threads are daemons
    }

    /**
     * Starts the simulator and prints how to point a client at it.
     *
     * @param out where to print
     * @param port the port, or 0 for any free one
     * @param taskDuration how long each task runs before it completes
     * @return the running simulator, to close
     */
    public static ScenextSimulator start(PrintStream out, int port, Duration taskDuration) {
        ScenextSimulator simulator = ScenextSimulator.builder().port(port).taskDuration(taskDuration).start();
        out.println("Scenext simulator running; tasks take " + taskDuration.toSeconds() + " s. In another shell:");
        out.println("  export SCENEXT_BASE_URL=" + simulator.baseUrl());
        out.println("  export SCENEXT_API_KEY=" + ScenextSimulator.DEFAULT_API_KEY + "   # the simulator's own test key");
        return simulator;
    }
}
