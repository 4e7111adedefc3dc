package cn.scenext.examples.cli;

import cn.scenext.core.batch.BatchReport;
import cn.scenext.core.batch.BatchRowResult;
import cn.scenext.core.internal.json.ApiJson;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code report.jsonl}, written at the end of {@code scenext batch}: one JSON object per input row, in input
 * order, with {@code line}, {@code task_id}, {@code status}, {@code file} (relative to the output directory),
 * {@code sha256}, {@code credits} and {@code detail} ({@code null} where there is nothing to say). It is written
 * to a temporary file in the work directory, forced to the disk and moved over the report atomically: a kill
 * at any moment leaves the previous report or the new one, each whole, never half of one.
 */
final class BatchReportFile {
    /** The report's name in the output directory. */
    static final String NAME = "report.jsonl";

    private BatchReportFile() {
    }

    /**
     * Writes the report.
     *
     * @param report the batch's report; each row's reference is its line number
     * @param outDir the output directory: {@code file} is relative to it
     * @param workDir where the temporary file goes (on the same file system as {@code outDir})
     * @return the report's path
     * @throws LocalProblemException when it cannot be written
     */
    static Path write(BatchReport report, Path outDir, Path workDir) {
        byte[] body = render(report, outDir);
        Path target = outDir.resolve(NAME);
        Path temp = workDir.resolve(NAME + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()
                & Long.MAX_VALUE) + ".tmp");
        try {
            Files.createDirectories(workDir);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(body);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return target;
        } catch (IOException e) {
            throw LocalProblemException.of("Cannot write " + target, e);
        } finally {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException e) {
                // reported above if it mattered; removed at the next run otherwise
            }
        }
    }

    /**
     * Removes the temporary reports a killed run left in the work directory.
     *
     * @param workDir the work directory
     */
    static void removeLeftovers(Path workDir) {
        if (!Files.isDirectory(workDir)) {
            return;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(workDir, NAME + ".*.tmp")) {
            for (Path p : entries) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw LocalProblemException.of("Cannot clean " + workDir, e);
        }
    }

    /** The report's bytes: one JSON object per line. */
    static byte[] render(BatchReport report, Path outDir) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 * (report.rows().size() + 1));
        Path base = outDir.toAbsolutePath().normalize();
        try {
            for (BatchRowResult row : report.rows()) {
                try (JsonGenerator g = ApiJson.factory().createGenerator(bytes, JsonEncoding.UTF8)) {
                    g.writeStartObject();
                    g.writeNumberField("line", Integer.parseInt(row.reference()));
                    g.writeFieldName("task_id");
                    if (row.taskId().isPresent()) {
                        g.writeString(row.taskId().get().value());
                    } else {
                        g.writeNull();
                    }
                    g.writeStringField("status", row.status().name());
                    g.writeFieldName("file");
                    if (row.file().isPresent()) {
                        g.writeString(relative(base, row.file().get()));
                    } else {
                        g.writeNull();
                    }
                    g.writeFieldName("sha256");
                    if (row.sha256().isPresent()) {
                        g.writeString(row.sha256().get());
                    } else {
                        g.writeNull();
                    }
                    g.writeFieldName("credits");
                    if (row.credits().isPresent()) {
                        g.writeNumber(row.credits().get());
                    } else {
                        g.writeNull();
                    }
                    g.writeFieldName("detail");
                    if (row.detail().isPresent()) {
                        g.writeString(row.detail().get());
                    } else {
                        g.writeNull();
                    }
                    g.writeEndObject();
                }
                bytes.write('\n');
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static String relative(Path base, Path file) {
        Path absolute = file.isAbsolute() ? file.normalize() : base.resolve(file).normalize();
        Path shown = absolute.startsWith(base) ? base.relativize(absolute) : absolute;
        return shown.toString().replace(java.io.File.separatorChar, '/');
    }
}
