package cn.scenext.core.internal.download;

import cn.scenext.api.exception.DownloadException;
import cn.scenext.api.exception.ErrorDetails;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** Where a transfer's bytes go: a temporary file, which can start over, or a caller's stream, which cannot. */
public abstract class Sink {
    private long position;

    /** How many bytes were written since the start (or the last restart). */
    final long position() {
        return position;
    }

    final void write(byte[] buffer, int length) throws IOException {
        doWrite(buffer, length);
        position += length;
    }

    /** Drops what was written, to take a full answer from the start. */
    final void restart(String describe) throws IOException {
        if (position > 0) {
            doRestart(describe);
            position = 0;
        }
    }

    abstract void doWrite(byte[] buffer, int length) throws IOException;

    abstract void doRestart(String describe) throws IOException;

    static Sink of(FileChannel channel) {
        return new Sink() {
            @Override
            void doWrite(byte[] buffer, int length) throws IOException {
                ByteBuffer b = ByteBuffer.wrap(buffer, 0, length);
                while (b.hasRemaining()) {
                    channel.write(b);
                }
            }

            @Override
            void doRestart(String describe) throws IOException {
                channel.truncate(0);
                channel.position(0);
            }
        };
    }

    static Sink of(OutputStream out) {
        return new Sink() {
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
