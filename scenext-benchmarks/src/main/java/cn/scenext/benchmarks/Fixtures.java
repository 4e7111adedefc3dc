package cn.scenext.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The API's shared fixtures, copied into the jar so that it runs on its own. */
public final class Fixtures {
    private Fixtures() {
    }

    /**
     * A fixture's bytes.
     *
     * @param name e.g. {@code get_status-completed.json}
     * @return the bytes
     * @throws IllegalArgumentException when there is no such fixture
     */
    public static byte[] bytes(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("No fixture " + name + " in the benchmarks jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
