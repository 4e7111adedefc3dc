package cn.scenext.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Two builds of the SDK compared in one JVM, round by round: each build's classes in a class loader of its own,
 * the same workload ({@link PairingWorkloads}) run alternately on one thread, which build goes first alternating
 * by round, and the figure the median of the per-round ratios candidate/base with a 95% bootstrap interval
 * ({@link PairedRatio#of}). Both builds share the JVM, its moment and its machine, so a change of a few percent
 * shows even where separate JVMs differ by more than that (the webhook figures move by up to 1.9x between JVMs
 * on this machine; see docs/performance.md, "What moves the webhook figures"). Each build keeps its own JIT
 * profiles, since its classes are its own.
 *
 * <pre>
 * taskset -c 0 java -cp scenext-benchmarks/target/benchmarks.jar cn.scenext.benchmarks.JarPairing \
 *     --base /tmp/before.jar --candidate scenext-benchmarks/target/benchmarks.jar --workload scorecard
 * </pre>
 *
 * <p>Options: {@code --base} and {@code --candidate} (a benchmarks jar, or any class path that holds the SDK and
 * the benchmark classes), {@code --workload} (one of {@link PairingWorkloads#NAMES}), {@code --rounds} (31) after
 * {@code --warmup} (20) rounds of each. Prints one JSON line: {@code {"workload", "baseNs", "candidateNs",
 * "ratio", "low", "high", "rounds"}}, the first two the medians of the builds' CPU nanoseconds per operation.
 */
public final class JarPairing {
    private static final String WORKLOADS = PairingWorkloads.class.getName();

    private JarPairing() {
    }

    /**
     * Runs the comparison and prints its line.
     *
     * @param args see the class description
     * @throws Exception when a build cannot be loaded or its workload fails
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> o = Arguments.parse(args);
        if (!o.containsKey("base") || !o.containsKey("candidate")) {
            throw new IllegalArgumentException("--base and --candidate name the two builds (jars or class paths)");
        }
        String workload = o.getOrDefault("workload", "scorecard");
        int rounds = Integer.parseInt(o.getOrDefault("rounds", "31"));
        int warmup = Integer.parseInt(o.getOrDefault("warmup", "20"));
        System.out.println(Figures.toJson(compare(o.get("base"), o.get("candidate"), workload, rounds, warmup)));
    }

    /**
     * Compares two builds.
     *
     * @param base the base build's class path
     * @param candidate the candidate build's class path
     * @param workload a name of {@link PairingWorkloads#NAMES}
     * @param rounds timed rounds of each build, at least 1
     * @param warmup untimed rounds of each first
     * @return the figures of the JSON line
     * @throws Exception when a build cannot be loaded or its workload fails
     */
    static Map<String, Object> compare(String base, String candidate, String workload, int rounds, int warmup)
            throws Exception {
        if (rounds < 1 || warmup < 0) {
            throw new IllegalArgumentException("--rounds must be at least 1 and --warmup at least 0");
        }
        Build[] builds = {new Build(base), new Build(candidate)};
        for (int r = 0; r < warmup; r++) {
            builds[0].round(workload);
            builds[1].round(workload);
        }
        double[] baseNs = new double[rounds];
        double[] candidateNs = new double[rounds];
        double[] ratios = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            int first = r & 1;
            double[] ns = new double[2];
            ns[first] = builds[first].round(workload);
            ns[1 - first] = builds[1 - first].round(workload);
            baseNs[r] = ns[0];
            candidateNs[r] = ns[1];
            ratios[r] = ns[1] / ns[0];
        }
        PairedRatio.Estimate e = PairedRatio.of(ratios);
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("workload", workload);
        line.put("baseNs", Figures.round(PairedRatio.median(baseNs), 1));
        line.put("candidateNs", Figures.round(PairedRatio.median(candidateNs), 1));
        line.put("ratio", Figures.round(e.value(), 4));
        line.put("low", Figures.round(e.low(), 4));
        line.put("high", Figures.round(e.high(), 4));
        line.put("rounds", rounds);
        return line;
    }

    /** One build: its class loader and its own {@link PairingWorkloads}. */
    static final class Build {
        final ClassLoader loader;
        private final Object workloads;
        private final Method round;

        Build(String classPath) throws Exception {
            loader = new BuildLoader(urls(classPath), classBytes(WORKLOADS));
            Class<?> type = Class.forName(WORKLOADS, true, loader);
            workloads = type.getConstructor().newInstance();
            round = type.getMethod("round", String.class);
        }

        /** The object running this build's workloads (for tests: its class is this build's). */
        Object workloads() {
            return workloads;
        }

        double round(String workload) throws Exception {
            try {
                return (Double) round.invoke(workloads, workload);
            } catch (InvocationTargetException e) {
                Throwable cause = e.getCause();
                throw cause instanceof Exception ? (Exception) cause : new IllegalStateException(cause);
            }
        }

        private static URL[] urls(String classPath) throws IOException {
            List<URL> urls = new ArrayList<>();
            for (String entry : classPath.split(File.pathSeparator)) {
                if (!entry.isEmpty()) {
                    urls.add(Path.of(entry).toUri().toURL());
                }
            }
            if (urls.isEmpty()) {
                throw new IllegalArgumentException("An empty class path");
            }
            return urls.toArray(new URL[0]);
        }

        private static byte[] classBytes(String name) throws IOException {
            String resource = "/" + name.replace('.', '/') + ".class";
            try (InputStream in = JarPairing.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IOException("No " + resource + " beside " + JarPairing.class.getName());
                }
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                in.transferTo(out);
                return out.toByteArray();
            }
        }
    }

    /**
     * A build's class loader: everything from the build's class path (the JDK's platform classes from the parent),
     * except {@link PairingWorkloads}, which it defines from this program's own bytes, so that a build from
     * before that class existed can be paired too.
     */
    private static final class BuildLoader extends URLClassLoader {
        private final byte[] workloads;

        BuildLoader(URL[] urls, byte[] workloads) {
            super(urls, ClassLoader.getPlatformClassLoader());
            this.workloads = workloads;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!WORKLOADS.equals(name)) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    c = defineClass(name, workloads, 0, workloads.length);
                }
                if (resolve) {
                    resolveClass(c);
                }
                return c;
            }
        }
    }
}
