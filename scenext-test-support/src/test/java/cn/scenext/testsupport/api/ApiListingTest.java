package cn.scenext.testsupport.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiListingTest {
    private static final Map<String, String> VERSION_1 = Map.of(
            "fixture/Box.java", """
                    package fixture;
                    import java.util.Iterator;
                    import java.util.List;
                    import java.util.function.Function;
                    /** A box. */
                    public class Box<T extends Comparable<? super T>> extends Base implements Iterable<T>, AutoCloseable {
                        public static final String NAME = "box";
                        protected List<? extends T> items;
                        int packagePrivateField;
                        private int hidden;
                        public Box(T first, T... more) { }
                        protected Box() { }
                        Box(int packagePrivate) { }
                        public <R extends Comparable<? super R>> Box<R> map(Function<? super T, ? extends R> f) { return null; }
                        public int size() { return 0; }
                        @Deprecated public void old() { }
                        @SuppressWarnings("unused") public void quiet() { }
                        protected void hook() throws java.io.IOException, IllegalStateException { }
                        void packagePrivate() { }
                        private void secret() { }
                        @Override public Iterator<T> iterator() { return null; }
                        @Override public void close() { }
                        public interface Visitor<V> { V visit(Box<?> box); default void done() { } static int count() { return 0; } }
                        public enum Mode { ON, OFF }
                        private static final class Secret { public void invisible() { } }
                        Runnable r = new Runnable() { public void run() { } };
                    }
                    """,
            "fixture/Base.java", """
                    package fixture;
                    abstract class Base {
                        public long inherited() { return 0; }
                        protected abstract void hook() throws java.io.IOException;
                    }
                    """,
            "fixture/Helper.java", """
                    package fixture;
                    class Helper { public void notApi() { } }
                    """,
            "fixture/internal/Engine.java", """
                    package fixture.internal;
                    public class Engine { public void run() { } }
                    """,
            "fixture/Entry.java", """
                    package fixture;
                    import java.util.Map;
                    public final class Entry implements Map.Entry<String, int[]>, Comparable<Entry> {
                        public String getKey() { return null; }
                        public int[] getValue() { return null; }
                        public int[] setValue(int[] v) { return v; }
                        public int compareTo(Entry o) { return 0; }
                        public static <K, V extends Number & Comparable<V>> Map.Entry<K, V>[] many(java.util.List<? super K> keys) { return null; }
                    }
                    """);

    private static final String LISTING_1 = """
            public class fixture.Box<T extends java.lang.Comparable<? super T>> implements java.lang.AutoCloseable, java.lang.Iterable<T> {
              public static final java.lang.String NAME
              protected java.util.List<? extends T> items
              protected Box()
              public Box(T, T...)
              public void close()
              protected void hook() throws java.io.IOException, java.lang.IllegalStateException
              public long inherited()
              public java.util.Iterator<T> iterator()
              public <R extends java.lang.Comparable<? super R>> fixture.Box<R> map(java.util.function.Function<? super T, ? extends R>)
              @java.lang.Deprecated public void old()
              public void quiet()
              public int size()
            }

            public static enum fixture.Box.Mode {
              public static final fixture.Box.Mode OFF
              public static final fixture.Box.Mode ON
              public static fixture.Box.Mode valueOf(java.lang.String)
              public static fixture.Box.Mode[] values()
            }

            public static interface fixture.Box.Visitor<V> {
              public static int count()
              public default void done()
              public abstract V visit(fixture.Box<?>)
            }

            public final class fixture.Entry implements java.lang.Comparable<fixture.Entry>, java.util.Map.Entry<java.lang.String, int[]> {
              public Entry()
              public int compareTo(fixture.Entry)
              public java.lang.String getKey()
              public int[] getValue()
              public static <K, V extends java.lang.Number & java.lang.Comparable<V>> java.util.Map.Entry<K, V>[] many(java.util.List<? super K>)
              public int[] setValue(int[])
            }
            """;

    @TempDir
    Path temp;

    @Test
    void listsPublicAndProtectedApiWithGenericsSortedAndNothingElse() throws IOException {
        assertThat(listing(VERSION_1, "v1")).isEqualTo(LISTING_1);
    }

    @Test
    void leavesOutInternalPackagesAtAnyDepth() {
        assertThat(ApiListing.isInternal("cn.scenext.core.internal.http.HttpPipeline")).isTrue();
        assertThat(ApiListing.isInternal("cn.scenext.api.internal.Strings")).isTrue();
        assertThat(ApiListing.isInternal("cn.scenext.core.internalize.Thing")).isFalse();
        assertThat(ApiListing.isInternal("cn.scenext.core.Internal")).isFalse();
        assertThat(ApiListing.isInternal("Internal")).isFalse();
    }

    @Test
    void theSameClassesInAnyOrderGiveTheSameText() throws Exception {
        Path classes = compile(VERSION_1, "order");
        try (URLClassLoader loader = new URLClassLoader(new java.net.URL[] {classes.toUri().toURL()}, null)) {
            List<Class<?>> types = new ArrayList<>();
            for (String name : List.of("fixture.Box", "fixture.Box$Mode", "fixture.Box$Visitor", "fixture.Entry",
                    "fixture.Helper", "fixture.internal.Engine")) {
                types.add(Class.forName(name, false, loader));
            }
            for (long seed = 0; seed < 5; seed++) {
                Collections.shuffle(types, new Random(seed));
                assertThat(ApiListing.render(types)).isEqualTo(LISTING_1);
            }
        }
    }

    @Test
    void aChangedSignatureFailsTheCheckShowingBothLinesAndHowToRegenerate() throws IOException {
        Path file = temp.resolve("api/fixture.api");
        ApiListingCheck.verify("fixture", file, listing(VERSION_1, "v1"), true);
        String changed = listing(with("fixture/Box.java", "public int size()", "public long size()"), "v2");

        assertThatThrownBy(() -> ApiListingCheck.verify("fixture", file, changed, false))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("The public API of fixture differs from its checked-in listing " + file)
                .hasMessageContaining("\n-   public int size()\n+   public long size()\n")
                .hasMessageContaining("-Dscenext.api.update=true")
                .hasMessageContaining("name the change in CHANGELOG.md");
    }

    @Test
    void anAddedMethodFailsTheCheckWithOnlyThatLineAdded() throws IOException {
        Path file = temp.resolve("fixture.api");
        Files.writeString(file, LISTING_1);
        String added = listing(with("fixture/Entry.java", "public String getKey()",
                "public java.util.Optional<String> label() { return null; }\n    public String getKey()"), "v3");

        AssertionError failure = catchAssertion(() -> ApiListingCheck.verify("fixture", file, added, false));
        List<String> changes = failure.getMessage().lines()
                .filter(l -> l.startsWith("+ ") || l.startsWith("- ")).toList();
        assertThat(changes).containsExactly("+   public java.util.Optional<java.lang.String> label()");
    }

    @Test
    void aChangeInAnInternalPackageOrAPackagePrivateClassChangesNothing() throws IOException {
        Map<String, String> v4 = with("fixture/internal/Engine.java", "public void run() { }",
                "public void run() { } public int more(String s) { return 0; }");
        v4 = with(v4, "fixture/Helper.java", "public void notApi() { }", "public int alsoNotApi() { return 1; }");
        assertThat(listing(v4, "v4")).isEqualTo(LISTING_1);
    }

    @Test
    void updateWritesTheListingAndTheCheckThenPasses() throws IOException {
        Path file = temp.resolve("deep/api/fixture.api");
        String computed = listing(VERSION_1, "v5");

        assertThat(ApiListingCheck.verify("fixture", file, computed, true)).startsWith("Wrote");
        assertThat(Files.readString(file)).isEqualTo(computed);
        assertThat(ApiListingCheck.verify("fixture", file, computed, false)).contains("matches");
        assertThat(ApiListingCheck.verify("fixture", file, computed, true)).contains("unchanged");
    }

    @Test
    void aListingCheckedOutWithWindowsLineEndingsStillMatches() throws IOException {
        Path file = temp.resolve("fixture.api");
        Files.writeString(file, LISTING_1.replace("\n", "\r\n"));
        assertThat(ApiListingCheck.verify("fixture", file, LISTING_1, false)).contains("matches");
    }

    @Test
    void aMissingListingFailsWithHowToCreateIt() {
        Path file = temp.resolve("absent.api");
        assertThatThrownBy(() -> ApiListingCheck.verify("scenext-core", file, LISTING_1, false))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("has no checked-in listing at " + file)
                .hasMessageContaining("./mvnw -B verify -pl scenext-core -am -Dscenext.api.update=true");
    }

    private static AssertionError catchAssertion(ThrowingRunnable r) throws IOException {
        try {
            r.run();
        } catch (AssertionError e) {
            return e;
        }
        throw new AssertionError("expected the check to fail");
    }

    private interface ThrowingRunnable {
        void run() throws IOException;
    }

    private static Map<String, String> with(String file, String from, String to) {
        return with(VERSION_1, file, from, to);
    }

    private static Map<String, String> with(Map<String, String> sources, String file, String from, String to) {
        Map<String, String> copy = new java.util.HashMap<>(sources);
        assertThat(copy.get(file)).contains(from);
        copy.put(file, copy.get(file).replace(from, to));
        return copy;
    }

    private String listing(Map<String, String> sources, String name) throws IOException {
        Path classes = compile(sources, name);
        try (URLClassLoader loader = new URLClassLoader(new java.net.URL[] {classes.toUri().toURL()}, null)) {
            return ApiListing.of(classes, loader);
        }
    }

    private Path compile(Map<String, String> sources, String name) throws IOException {
        Path src = temp.resolve(name + "-src");
        Path out = temp.resolve(name + "-classes");
        Files.createDirectories(out);
        List<String> args = new ArrayList<>(List.of("-d", out.toString(), "--release", "8", "-nowarn",
                "-Xlint:none"));
        for (Map.Entry<String, String> e : sources.entrySet()) {
            Path file = src.resolve(e.getKey());
            Files.createDirectories(file.getParent());
            Files.write(file, e.getValue().getBytes(StandardCharsets.UTF_8));
            args.add(file.toString());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        java.io.StringWriter errors = new java.io.StringWriter();
        int status = javac.run(null, null, new java.io.PrintStream(new java.io.ByteArrayOutputStream()) {
            @Override
            public void write(byte[] b, int off, int len) {
                errors.write(new String(b, off, len, StandardCharsets.UTF_8));
            }
        }, args.toArray(new String[0]));
        assertThat(status).as("javac: %s", errors).isZero();
        return out;
    }
}
