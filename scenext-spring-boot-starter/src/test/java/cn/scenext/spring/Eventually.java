package cn.scenext.spring;

import java.util.function.BooleanSupplier;

/**
 * Waits for something another thread does (a webhook sent by the simulator), with a bound only against a hang:
 * no test asserts on how long it took.
 */
final class Eventually {
    private static final long HANG_NANOS = 120_000_000_000L;

    private Eventually() {
    }

    static void until(String what, BooleanSupplier condition) throws InterruptedException {
        long start = System.nanoTime();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - start > HANG_NANOS) {
                throw new AssertionError("Still not true after two minutes: " + what);
            }
            Thread.sleep(10);
        }
    }
}
