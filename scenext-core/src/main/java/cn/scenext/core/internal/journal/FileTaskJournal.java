package cn.scenext.core.internal.journal;

import cn.scenext.api.exception.JournalException;
import cn.scenext.core.journal.JournalEntry;
import cn.scenext.core.journal.TaskRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * {@code TaskJournal.file(path)}: entries appended to one file, each forced to the disk before {@code append}
 * returns. Opening repairs a torn last line (a write the process died in), refuses damage anywhere else, and
 * holds {@code <file>.lock} so that one process at a time writes. When the file holds many more lines than its
 * records need, it is rewritten into {@code <file>.tmp}, forced, and moved over the journal atomically, so a
 * crash at any moment leaves the old file or the new one, each whole.
 */
public final class FileTaskJournal extends FoldingJournal {
    /**
     * Lines appended after which the file is compacted, if it holds at least that many lines more than its
     * records need (steps superseded by later ones, such as an unknown outcome later resolved).
     */
    public static final int DEFAULT_COMPACT_AFTER_LINES = 10_000;

    /**
     * Where a test stops a journal to kill its process there. Never set outside tests: {@code null}, and then
     * every line is written in one call.
     */
    private static volatile CrashPoints crashPoints;

    private final Path path;
    private final Path temp;
    private final int compactAfterLines;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private FileChannel channel;
    private int lines;
    private int linesSinceCompaction;
    private JournalException broken;

    private FileTaskJournal(Path path, int compactAfterLines, FileChannel lockChannel, FileLock lock) {
        this.path = path;
        this.temp = path.resolveSibling(path.getFileName() + ".tmp");
        this.compactAfterLines = compactAfterLines;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * The places a crash test can stop a journal at, one after the other, to kill its process there.
     */
    public interface CrashPoints {
        /**
         * The journal reached a point: {@code append.before-write}, {@code append.mid-line} (half a line
         * written), {@code append.before-force}, {@code append.after-force}, {@code compact.mid-temp} (half the
         * compacted file written), {@code compact.before-move}, {@code compact.after-move}.
         *
         * @param point the point's name
         */
        void reached(String point);
    }

    /**
     * For crash tests only: stops every journal of this JVM at the given points.
     *
     * @param points the hook, or {@code null} to remove it
     */
    public static void crashPointsForTests(CrashPoints points) {
        crashPoints = points;
    }

    private static void reached(String point) {
        CrashPoints p = crashPoints;
        if (p != null) {
            p.reached(point);
        }
    }

    /**
     * Opens (or creates) a journal file.
     *
     * @param path the file
     * @param compactAfterLines lines appended after which the file may be compacted, at least 1
     * @return the journal
     */
    public static FileTaskJournal open(Path path, int compactAfterLines) {
        if (compactAfterLines < 1) {
            throw new IllegalArgumentException("compactAfterLines must be at least 1, got " + compactAfterLines);
        }
        Path file = path.toAbsolutePath();
        Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
        FileChannel lockChannel = null;
        try {
            Path dir = file.getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            lockChannel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = lockChannel.tryLock();
            } catch (OverlappingFileLockException sameJvm) {
                lock = null;
            }
            if (lock == null) {
                throw new JournalException(JournalException.Reason.LOCKED, "The task journal " + file
                        + " is in use by another process (or another journal in this one); one writer at a time.",
                        null);
            }
            FileTaskJournal journal = new FileTaskJournal(file, compactAfterLines, lockChannel, lock);
            try {
                journal.read();
            } catch (RuntimeException | IOException e) {
                journal.release();
                throw e;
            }
            return journal;
        } catch (IOException e) {
            closeQuietly(lockChannel);
            throw storage("open", file, e);
        } catch (RuntimeException e) {
            closeQuietly(lockChannel);
            throw e;
        }
    }

    private void read() throws IOException {
        Files.deleteIfExists(temp);   // a compaction that did not reach its move: the journal itself is whole
        channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        long length = channel.size();
        if (length > Integer.MAX_VALUE - 16) {
            throw new JournalException(JournalException.Reason.CORRUPT, "The task journal " + path
                    + " is larger than 2 GB: not a journal this SDK wrote.", null);
        }
        byte[] buf = new byte[(int) length];
        ByteBuffer bb = ByteBuffer.wrap(buf);
        while (bb.hasRemaining() && channel.read(bb, bb.position()) >= 0) {
            // read fully
        }
        if (length == 0) {
            writeFully(ByteBuffer.wrap(JournalLines.header()));
            channel.force(true);
            forceDirectory();
            return;
        }
        int headerEnd = indexOf(buf, 0, '\n');
        if (headerEnd < 0) {
            // The process died while writing the header of a new journal: nothing was recorded yet.
            truncate(0);
            writeFully(ByteBuffer.wrap(JournalLines.header()));
            channel.force(true);
            return;
        }
        String header = new String(buf, 0, headerEnd, StandardCharsets.UTF_8);
        if (!header.equals(JournalLines.HEADER)) {
            if (header.startsWith(JournalLines.HEADER_PREFIX)) {
                throw new JournalException(JournalException.Reason.NEWER_VERSION, "The task journal " + path
                        + " has format '" + header + "', written by a newer SDK; this one reads '"
                        + JournalLines.HEADER + "'. Use the newer SDK, or another journal file.", null);
            }
            throw new JournalException(JournalException.Reason.CORRUPT, "The file " + path
                    + " is not a task journal (its first line is not '" + JournalLines.HEADER + "').", null);
        }
        int start = headerEnd + 1;
        int lineNo = 1;
        while (start < buf.length) {
            lineNo++;
            int end = indexOf(buf, start, '\n');
            boolean last = end < 0 || end == buf.length - 1;
            JournalEntry entry = end < 0 ? null : JournalLines.decode(buf, start, end);
            if (entry == null) {
                if (last) {
                    truncate(start);   // torn by a crash while it was written: that step never completed
                    break;
                }
                throw new JournalException(JournalException.Reason.CORRUPT, "Line " + lineNo + " of the task journal "
                        + path + " is damaged (its checksum or content is wrong) and it is not the last line, so "
                        + "the damage did not come from a crash while writing. The file is left as it is.", null);
            }
            try {
                load(entry);
            } catch (JournalException illegal) {
                throw new JournalException(JournalException.Reason.CORRUPT, "Line " + lineNo
                        + " of the task journal " + path + " records a step that cannot follow the ones before: "
                        + illegal.getMessage(), illegal);
            }
            lines++;
            start = end + 1;
        }
        channel.position(channel.size());
    }

    private void truncate(long size) throws IOException {
        channel.truncate(size);
        channel.force(true);
        channel.position(size);
    }

    @Override
    protected void store(JournalEntry entry) {
        if (broken != null) {
            throw new JournalException(JournalException.Reason.STORAGE_FAILED, "The task journal " + path
                    + " failed earlier and takes no more entries; open it again to repair it.", broken);
        }
        try {
            byte[] line = JournalLines.encode(entry);
            reached("append.before-write");
            if (crashPoints == null) {
                writeFully(ByteBuffer.wrap(line));
            } else {
                writeFully(ByteBuffer.wrap(line, 0, line.length / 2));
                reached("append.mid-line");
                writeFully(ByteBuffer.wrap(line, line.length / 2, line.length - line.length / 2));
            }
            reached("append.before-force");
            channel.force(false);
            reached("append.after-force");
        } catch (IOException e) {
            broken = storage("write", path, e);
            throw broken;
        }
        lines++;
        linesSinceCompaction++;
    }

    @Override
    protected void afterStore() {
        if (linesSinceCompaction < compactAfterLines) {
            return;
        }
        int needed = minimalEntries();
        if (lines - needed < compactAfterLines) {   // not that many superseded lines yet
            linesSinceCompaction = 0;
            return;
        }
        try {
            compact(needed);
        } catch (IOException e) {
            // The journal itself is untouched (the move is the only step that changes it): keep appending to it.
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // left for the next open to remove
            }
        }
        linesSinceCompaction = 0;
    }

    private void compact(int needed) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, needed * 160));
        out.write(JournalLines.header());
        for (TaskRecord r : records()) {
            for (JournalEntry e : r.entries()) {
                out.write(JournalLines.encode(e));
            }
        }
        try (FileChannel t = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            byte[] bytes = out.toByteArray();
            ByteBuffer first = ByteBuffer.wrap(bytes, 0, bytes.length / 2);
            while (first.hasRemaining()) {
                t.write(first);
            }
            reached("compact.mid-temp");
            ByteBuffer rest = ByteBuffer.wrap(bytes, bytes.length / 2, bytes.length - bytes.length / 2);
            while (rest.hasRemaining()) {
                t.write(rest);
            }
            t.force(true);
        }
        reached("compact.before-move");
        Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        forceDirectory();
        reached("compact.after-move");
        FileChannel old = channel;
        channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        channel.position(channel.size());
        closeQuietly(old);
        lines = needed;
    }

    private void writeFully(ByteBuffer bb) throws IOException {
        while (bb.hasRemaining()) {
            channel.write(bb);
        }
    }

    private void forceDirectory() {
        Path dir = path.getParent();
        if (dir == null) {
            return;
        }
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | RuntimeException notSupported) {
            // Some platforms cannot open a directory; the file's own force still holds its content.
        }
    }

    @Override
    protected void release() {
        closeQuietly(channel);
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel releases it too
        }
        closeQuietly(lockChannel);
    }

    private static int indexOf(byte[] b, int from, char c) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private static JournalException storage(String what, Path file, IOException e) {
        return new JournalException(JournalException.Reason.STORAGE_FAILED, "Could not " + what
                + " the task journal " + file + ": " + e, e);
    }

    private static void closeQuietly(FileChannel c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException ignored) {
                // nothing more to do
            }
        }
    }

    @Override
    public String toString() {
        return "TaskJournal.file(" + path + ')';
    }
}
