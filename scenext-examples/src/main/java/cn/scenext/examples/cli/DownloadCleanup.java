package cn.scenext.examples.cli;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Removes a download's temporary file when the process is stopped (Ctrl-C, SIGTERM) while it runs, so that no
 * hidden {@code .part} file stays behind. On shutdown it interrupts the downloading thread, which makes the
 * SDK's file writes fail and the SDK remove its temporary file, and waits for that a little; a download stuck
 * in a network read does not see the interrupt, so the temporary files that appeared beside the target since
 * the download started are then removed directly.
 */
final class DownloadCleanup implements AutoCloseable {
    /** How long the shutdown waits for the download to end on its own before removing its file itself. */
    private static final long GRACE_MILLIS = 2000;

    private final Path dir;
    private final String prefix;
    private final Set<Path> before;
    private final Thread downloading = Thread.currentThread();
    private final CountDownLatch ended = new CountDownLatch(1);
    private final Thread hook = new Thread(this::onShutdown, "scenext-cli-download-cleanup");

    private DownloadCleanup(Path target) {
        Path absolute = target.toAbsolutePath();
        boolean intoDirectory = Files.isDirectory(absolute);
        this.dir = intoDirectory ? absolute : absolute.getParent();
        // The SDK names its temporary file ".<target's name>.<random>.part", beside the target.
        this.prefix = intoDirectory ? "." : "." + absolute.getFileName() + ".";
        this.before = temporaryFiles();
    }

    /**
     * Watches a download to {@code target} from now until {@link #close()}.
     *
     * @param target the download's target, as given to the SDK
     * @return the registration, to close when the download ended
     */
    static DownloadCleanup register(Path target) {
        DownloadCleanup cleanup = new DownloadCleanup(target);
        Runtime.getRuntime().addShutdownHook(cleanup.hook);
        return cleanup;
    }

    @Override
    public void close() {
        ended.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // shutting down: the hook is running
        }
    }

    private void onShutdown() {
        downloading.interrupt();
        try {
            if (ended.await(GRACE_MILLIS, TimeUnit.MILLISECONDS)) {
                return;                                         // the SDK removed its file
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Path temp : temporaryFiles()) {
            if (!before.contains(temp)) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException e) {
                    // nothing more to do while the process ends
                }
            }
        }
    }

    private Set<Path> temporaryFiles() {
        Set<Path> files = new HashSet<>();
        if (dir == null || !Files.isDirectory(dir)) {
            return files;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, p -> {
            String name = p.getFileName().toString();
            return name.startsWith(prefix) && name.endsWith(".part");
        })) {
            for (Path p : entries) {
                files.add(p);
            }
        } catch (IOException e) {
            // an unreadable directory: the download will fail there anyway
        }
        return files;
    }
}
