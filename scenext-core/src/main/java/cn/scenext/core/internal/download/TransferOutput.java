package cn.scenext.core.internal.download;

import cn.scenext.api.exception.DownloadException;
import cn.scenext.api.exception.ErrorDetails;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;

/**
 * The output a transfer writes the file's bytes to, counting them: a temporary file, which can start over (a
 * server that ignores {@code Range} sends the whole file again), or a caller's stream, which cannot.
 */
public abstract class TransferOutput {
    private long position;

    /** How many bytes were written since the start (or the last restart). */
    final long position() {
        return position;
    }

    final void write(byte[] buffer, int length) throws IOException {
        doWrite(buffer, length);
        position += length;
    }

    /** Drops what was written, to take a full response from the start. */
    final void restart(String describe) throws IOException {
        if (position > 0) {
            doRestart(describe);
            position = 0;
        }
    }

    abstract void doWrite(byte[] buffer, int length) throws IOException;

    abstract void doRestart(String describe) throws IOException;

    static TransferOutput of(FileChannel channel) {
        return of(channel, null);
    }

    /**
     * A file that also feeds a digest with every byte written (reset when the transfer starts over), so that a
     * saved file's digest needs no second read.
     */
    static TransferOutput of(FileChannel channel, MessageDigest digest) {
        return new TransferOutput() {
            @Override
            void doWrite(byte[] buffer, int length) throws IOException {
                ByteBuffer b = ByteBuffer.wrap(buffer, 0, length);
                while (b.hasRemaining()) {
                    channel.write(b);
                }
                if (digest != null) {
                    digest.update(buffer, 0, length);
                }
            }

            @Override
            void doRestart(String describe) throws IOException {
                channel.truncate(0);
                channel.position(0);
                if (digest != null) {
                    digest.reset();
                }
            }
        };
    }

    static TransferOutput of(OutputStream out) {
        return new TransferOutput() {
            @Override
            void doWrite(byte[] buffer, int length) throws IOException {
                out.write(buffer, 0, length);
            }

            @Override
            void doRestart(String describe) {
                throw new DownloadException(DownloadException.Reason.CANNOT_RESUME, "The transfer of " + describe
                        + " was cut after " + position() + " bytes already written to the stream, and the server "
                        + "does not resume it (it ignored Range). Download to a file (Path) instead, which can "
                        + "start over.", null, ErrorDetails.none());
            }
        };
    }
}
