package cn.scenext.examples.readme;

import static org.assertj.core.api.Assertions.assertThat;

import cn.scenext.testkit.Endpoint;
import cn.scenext.testkit.ScenextSimulator;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's Java snippets cannot rot: every {@code ```java} block is compiled, and the runnable ones are run
 * against the simulator, each in its own JVM with {@code SCENEXT_API_KEY} and {@code SCENEXT_BASE_URL} pointing
 * at it and a fresh working directory, exactly as a reader would paste them.
 *
 * <ul>
 *   <li>A block of imports only gives every snippet its imports; a snippet's own leading imports are its own.
 *   <li>A block that declares a class is compiled as it is; with {@code @Test} methods it is run with JUnit.
 *   <li>A block that starts with an annotation is a member (a Spring controller method): compiled inside a class,
 *       against stand-ins for the few Spring types it names, not run.
 *   <li>Any other block is statements: compiled as the body of {@link ReadmeContext#run()}, where the names the
 *       prose supplies ({@code client}, {@code options}, {@code handler}, {@code apiKey}) resolve, and run,
 *       unless it starts a server on a fixed port ({@code HttpServer.create}).
 * </ul>
 * A failure names the snippet, its section and the README line.
 */
class ReadmeSnippetsTest {
    private static final Pattern CLASS = Pattern.compile("^(public\\s+|final\\s+|abstract\\s+)*(class|interface|record|enum)\\s.*");
    private static final Map<String, String> SPRING_STAND_INS = new LinkedHashMap<>();

    static {
        SPRING_STAND_INS.put("org/springframework/web/bind/annotation/PostMapping.java",
                "package org.springframework.web.bind.annotation;\npublic @interface PostMapping { String[] value() default {}; }\n");
        SPRING_STAND_INS.put("org/springframework/web/bind/annotation/RequestHeader.java",
                "package org.springframework.web.bind.annotation;\npublic @interface RequestHeader { String name() default \"\"; "
                        + "String value() default \"\"; boolean required() default true; }\n");
        SPRING_STAND_INS.put("org/springframework/web/bind/annotation/RequestBody.java",
                "package org.springframework.web.bind.annotation;\npublic @interface RequestBody { boolean required() default true; }\n");
        SPRING_STAND_INS.put("org/springframework/http/ResponseEntity.java",
                "package org.springframework.http;\npublic class ResponseEntity<T> {\n"
                        + "  public static BodyBuilder status(int status) { return new BodyBuilder(); }\n"
                        + "  public static final class BodyBuilder { public <T> ResponseEntity<T> body(T body) { return new ResponseEntity<>(); } }\n"
                        + "}\n");
    }

    enum Kind { IMPORTS, CLASS, MEMBER, STATEMENTS }

    /** One {@code ```java} block: where it is, its own imports and its body, with README line numbers. */
    record Snippet(int number, String section, int line, List<String> imports, List<String> body, List<Integer> bodyLines,
            Kind kind) {
        String className() {
            if (kind == Kind.CLASS) {
                for (String l : body) {
                    java.util.regex.Matcher m = Pattern.compile("\\b(class|interface|record|enum)\\s+(\\w+)").matcher(l);
                    if (m.find()) {
                        return m.group(2);
                    }
                }
            }
            return String.format(Locale.ROOT, "ReadmeSnippet%02d", number);
        }

        boolean runnable() {
            String text = String.join("\n", body);
            return kind == Kind.STATEMENTS && !text.contains("HttpServer.create(")
                    || kind == Kind.CLASS && text.contains("@Test");
        }

        String describe() {
            return "README.md snippet #" + number + " (section \"" + section + "\", line " + line + ")";
        }
    }

    /** A generated source file and, for each of its lines, the README line it came from (0: generated). */
    record Source(Snippet snippet, Path file, List<Integer> readmeLines) {
    }

    private static List<Snippet> snippets;
    private static Path classes;
    private static List<String> compileErrors;

    @TempDir
    static Path work;

    @BeforeAll
    static void compileEverySnippet() throws IOException {
        snippets = parse(readme());
        classes = Files.createDirectories(work.resolve("classes"));
        compileErrors = compile(snippets, work.resolve("src"), classes);
    }

    @Test
    void theReadmeHasItsSnippets() {
        assertThat(snippets).extracting(Snippet::kind).contains(Kind.IMPORTS, Kind.CLASS, Kind.MEMBER, Kind.STATEMENTS);
        assertThat(snippets.stream().filter(Snippet::runnable).count()).isGreaterThanOrEqualTo(6);
    }

    @Test
    void everyJavaSnippetCompiles() {
        assertThat(compileErrors).as("compilation errors").isEmpty();
    }

    @Test
    void theRunnableSnippetsRunAgainstTheSimulator() throws Exception {
        assertThat(compileErrors).as("compilation errors").isEmpty();
        List<String> failures = new ArrayList<>();
        // Tasks end at once, so that a wait with the default polls (at once, then every 30 s) ends on its first read.
        try (ScenextSimulator sim = ScenextSimulator.builder().taskDuration(Duration.ZERO).framesPerTask(2).start()) {
            for (Snippet s : snippets) {
                if (!s.runnable()) {
                    continue;
                }
                Path dir = Files.createDirectories(work.resolve("run-" + s.number()));
                // What the snippets read from the working directory, as a reader would have it.
                Files.write(dir.resolve("problem.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0});
                int createdBefore = sim.requests(Endpoint.GEN_VIDEO).size();
                String output = runInChildJvm(s, dir, sim);
                if (output != null) {
                    failures.add(s.describe() + " failed:\n" + output);
                    continue;
                }
                String text = String.join("\n", s.body());
                if (text.contains("Paths.get(\"fourier.mp4\")") && !Files.isRegularFile(dir.resolve("fourier.mp4"))) {
                    failures.add(s.describe() + " ended without saving fourier.mp4");
                }
                if (s.kind() == Kind.STATEMENTS && text.contains(".generateVideo")
                        && sim.requests(Endpoint.GEN_VIDEO).size() == createdBefore) {
                    failures.add(s.describe() + " created no task on the simulator");
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    /** Runs one snippet in a child JVM; {@code null} when it succeeded, else what it printed. */
    private static String runInChildJvm(Snippet s, Path dir, ScenextSimulator sim) throws Exception {
        List<String> command = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classpath() + java.io.File.pathSeparator + classes, ReadmeSnippetRunner.class.getName()));
        if (s.kind() == Kind.CLASS) {
            command.add("--junit");
        }
        command.add(s.className());
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("SCENEXT_API_KEY", sim.apiKey());
        pb.environment().put("SCENEXT_BASE_URL", sim.baseUrl().toString());
        pb.environment().remove("SCENEXT_TRANSPORT");
        Path log = dir.resolve("output.txt");
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        try {
            if (!p.waitFor(5, TimeUnit.MINUTES)) {                    // a hang guard, not a measurement
                return "did not end: " + Files.readString(log);
            }
        } finally {
            p.destroyForcibly();
        }
        return p.exitValue() == 0 ? null : "exit " + p.exitValue() + ":\n" + Files.readString(log);
    }

    // ---- reading the README ---------------------------------------------------------------------------------

    private static List<String> readme() throws IOException {
        Path dir = Paths.get("").toAbsolutePath();
        for (int up = 0; up < 4 && dir != null; up++, dir = dir.getParent()) {
            Path readme = dir.resolve("README.md");
            if (Files.isRegularFile(readme) && Files.isDirectory(dir.resolve("scenext-examples"))) {
                return Files.readAllLines(readme, StandardCharsets.UTF_8);
            }
        }
        throw new IllegalStateException("No README.md above " + Paths.get("").toAbsolutePath());
    }

    static List<Snippet> parse(List<String> lines) {
        List<Snippet> found = new ArrayList<>();
        String section = "(top)";
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.startsWith("#")) {
                section = l.replaceFirst("^#+\\s*", "");
            }
            if (!l.trim().equals("```java")) {
                continue;
            }
            int start = i + 1;
            List<String> imports = new ArrayList<>();
            List<String> body = new ArrayList<>();
            List<Integer> bodyLines = new ArrayList<>();
            boolean inBody = false;
            for (i = start; i < lines.size() && !lines.get(i).trim().equals("```"); i++) {
                String code = lines.get(i);
                String t = code.trim();
                if (!inBody && (t.isEmpty() || t.startsWith("import ") || t.startsWith("//"))) {
                    if (t.startsWith("import ")) {
                        imports.add(t.replaceFirst("\\s*//.*$", ""));
                    }
                    continue;
                }
                inBody = true;
                body.add(code);
                bodyLines.add(i + 1);
            }
            String first = body.isEmpty() ? "" : body.get(0).trim();
            Kind kind = body.isEmpty() ? Kind.IMPORTS : CLASS.matcher(first).matches() ? Kind.CLASS
                    : first.startsWith("@") ? Kind.MEMBER : Kind.STATEMENTS;
            found.add(new Snippet(found.size() + 1, section, start, imports, body, bodyLines, kind));
        }
        return found;
    }

    // ---- compiling ---------------------------------------------------------------------------------------------

    private static List<String> compile(List<Snippet> all, Path src, Path out) throws IOException {
        List<String> shared = all.stream().filter(s -> s.kind() == Kind.IMPORTS).flatMap(s -> s.imports().stream())
                .distinct().collect(Collectors.toList());
        List<Source> sources = new ArrayList<>();
        for (Snippet s : all) {
            if (s.kind() != Kind.IMPORTS) {
                sources.add(source(s, shared, Files.createDirectories(src)));
            }
        }
        List<Path> files = new ArrayList<>();
        sources.forEach(x -> files.add(x.file()));
        for (Map.Entry<String, String> stand : SPRING_STAND_INS.entrySet()) {
            Path f = Files.createDirectories(src.resolve("stand-ins")).resolve(stand.getKey());
            Files.createDirectories(f.getParent());
            Files.writeString(f, stand.getValue());
            files.add(f);
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        StringWriter output = new StringWriter();
        try (StandardJavaFileManager fm = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            javac.getTask(output, fm, diagnostics, List.of("-classpath", classpath(), "-d", out.toString(), "-proc:none",
                    "-encoding", "UTF-8"), null, fm.getJavaFileObjectsFromPaths(files)).call();
        }
        List<String> errors = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() != Diagnostic.Kind.ERROR) {
                continue;
            }
            errors.add(explain(d, sources));
        }
        if (errors.isEmpty() && !output.toString().isBlank() && output.toString().contains("error")) {
            errors.add(output.toString());
        }
        return errors;
    }

    private static Source source(Snippet s, List<String> shared, Path dir) throws IOException {
        List<String> text = new ArrayList<>();
        List<Integer> map = new ArrayList<>();
        List<String> imports = new ArrayList<>();
        imports.addAll(shared);
        imports.addAll(s.imports());
        for (String i : imports) {
            text.add(i);
            map.add(0);
        }
        if (s.kind() == Kind.CLASS) {
            addBody(s, text, map);
        } else {
            text.add("class " + s.className() + " extends " + ReadmeContext.class.getName() + " {");
            map.add(0);
            if (s.kind() == Kind.STATEMENTS) {
                text.add("@Override public void run() throws Exception {");
                map.add(0);
            }
            addBody(s, text, map);
            if (s.kind() == Kind.STATEMENTS) {
                text.add("}");
                map.add(0);
            }
            text.add("}");
            map.add(0);
        }
        Path file = dir.resolve(String.format(Locale.ROOT, "ReadmeSnippet%02d.java", s.number()));
        Files.write(file, text, StandardCharsets.UTF_8);
        return new Source(s, file, map);
    }

    private static void addBody(Snippet s, List<String> text, List<Integer> map) {
        for (int i = 0; i < s.body().size(); i++) {
            text.add(s.body().get(i));
            map.add(s.bodyLines().get(i));
        }
    }

    private static String explain(Diagnostic<? extends JavaFileObject> d, List<Source> sources) {
        String message = d.getMessage(Locale.ROOT);
        if (d.getSource() == null) {
            return message;
        }
        for (Source src : sources) {
            if (Paths.get(d.getSource().toUri()).equals(src.file())) {
                int generated = (int) d.getLineNumber();
                int readmeLine = generated >= 1 && generated <= src.readmeLines().size()
                        ? src.readmeLines().get(generated - 1) : 0;
                String code = readmeLine > 0 ? src.snippet().body().get(src.snippet().bodyLines().indexOf(readmeLine))
                        .trim() : "(imports or wrapper)";
                return src.snippet().describe() + ", README line " + (readmeLine > 0 ? readmeLine : "?") + ": "
                        + message + "\n    " + code;
            }
        }
        return d.getSource().getName() + ":" + d.getLineNumber() + ": " + message;
    }

    private static String classpath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }
}
