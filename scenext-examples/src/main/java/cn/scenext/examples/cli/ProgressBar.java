package cn.scenext.examples.cli;

import cn.scenext.api.Frame;
import cn.scenext.api.TaskStatus;
import cn.scenext.core.batch.BatchProgress;
import cn.scenext.core.download.DownloadProgressListener;
import cn.scenext.core.poll.ProgressListener;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.function.LongSupplier;

/**
 * The progress shown on stderr while waiting and downloading: frames so far, elapsed time and state. On a
 * terminal one line redraws itself; otherwise (a pipe, a log file, a test) a line is printed per change.
 */
final class ProgressBar implements ProgressListener, DownloadProgressListener {
    private static final int WIDTH = 24;

    private final PrintStream err;
    private final boolean interactive;
    private final LongSupplier nanoTime;
    private final long start;
    private String lastLine = "";
    private String lastChange = "";
    private int lastPercent = -1;

    ProgressBar(PrintStream err, boolean interactive, LongSupplier nanoTime) {
        this.err = err;
        this.interactive = interactive;
        this.nanoTime = nanoTime;
        this.start = nanoTime.getAsLong();
    }

    Duration elapsed() {
        return Duration.ofNanos(nanoTime.getAsLong() - start);
    }

    @Override
    public synchronized void onStatus(TaskStatus status) {
        int frames = status.frames().size();
        StringBuilder bar = new StringBuilder("[");
        int filled = status.isCompleted() ? WIDTH : Math.min(WIDTH - 1, frames * 2);
        for (int i = 0; i < WIDTH; i++) {
            bar.append(i < filled ? '#' : (i == filled && !status.isTerminal() ? '>' : ' '));
        }
        bar.append(']');
        String line = String.format(Locale.ROOT, "%s %-11s %2d frame%s  %s", bar, status.rawStatus(), frames,
                frames == 1 ? " " : "s", Durations.format(elapsed()));
        // Without a terminal to redraw on, print only what changed, not every tick of the clock.
        String change = status.rawStatus() + "/" + frames;
        if (interactive || !change.equals(lastChange)) {
            lastChange = change;
            show(line, status.isTerminal());
        }
    }

    @Override
    public synchronized void onFrame(TaskStatus status, Frame frame, int number) {
        if (!interactive) {
            err.println("  frame " + number + " (" + frame.id() + ")");
        }
    }

    @Override
    public synchronized void onProgress(long bytesDone, OptionalLong totalBytes) {
        if (!totalBytes.isPresent() || totalBytes.getAsLong() <= 0) {
            return;
        }
        int percent = (int) (100 * bytesDone / totalBytes.getAsLong());
        if (percent == lastPercent || (!interactive && percent % 25 != 0)) {
            return;
        }
        lastPercent = percent;
        show(String.format(Locale.ROOT, "Downloading %3d%%  %s of %s", percent, Sizes.format(bytesDone),
                Sizes.format(totalBytes.getAsLong())), percent == 100);
    }

    private void show(String line, boolean last) {
        if (interactive) {
            err.print("\r" + line + pad(lastLine.length() - line.length()) + (last ? "\n" : ""));
            lastLine = last ? "" : line;
        } else if (!line.equals(lastLine)) {
            err.println(line);
            lastLine = line;
        }
        err.flush();
    }

    /**
     * Shows a batch's counts: one line that redraws itself on a terminal; elsewhere a line per change of the
     * counts (never one per poll or per tick of the clock).
     *
     * @param p the batch's counts
     */
    synchronized void onBatch(BatchProgress p) {
        int ended = p.completed() + p.failed() + p.unknown();
        int filled = p.total() == 0 ? WIDTH : (int) ((long) WIDTH * ended / p.total());
        StringBuilder bar = new StringBuilder("[");
        for (int i = 0; i < WIDTH; i++) {
            bar.append(i < filled ? '#' : (i == filled && ended < p.total() ? '>' : ' '));
        }
        bar.append(']');
        String counts = String.format(Locale.ROOT, "%d/%d  created %d  running %d  done %d  failed %d%s", ended,
                p.total(), p.created(), p.running(), p.completed(), p.failed(),
                p.unknown() == 0 ? "" : "  unknown " + p.unknown());
        if (interactive || !counts.equals(lastChange)) {
            lastChange = counts;
            show(bar + " " + counts + "  " + Durations.format(elapsed()), false);
        }
    }

    /** Ends a line left open on a terminal, so that what follows starts on its own line. */
    synchronized void end() {
        if (interactive && !lastLine.isEmpty()) {
            err.print("\n");
            lastLine = "";
            err.flush();
        }
    }

    private static String pad(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(' ');
        }
        return sb.toString();
    }
}
