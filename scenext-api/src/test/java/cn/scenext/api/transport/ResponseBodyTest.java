package cn.scenext.api.transport;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ResponseBodyTest {

    @Test
    void aBodyInMemoryIsBufferedAndReadsAsItsOwnArray() throws IOException {
        byte[] bytes = "{\"code\":0}".getBytes(UTF_8);
        ResponseBody body = ResponseBody.of(bytes);

        assertThat(body.isBuffered()).isTrue();
        assertThat(body.contentLength()).hasValue(bytes.length);
        assertThat(body.bytes()).isSameAs(bytes);
        assertThat(body.bytes()).isSameAs(bytes);
    }

    @Test
    void theEmptyBodyHasZeroBytes() throws IOException {
        ResponseBody body = ResponseBody.empty();

        assertThat(body.contentLength()).hasValue(0);
        assertThat(body.bytes()).isEmpty();
        assertThat(body.stream().read()).isEqualTo(-1);
    }

    @Test
    void aStreamedBodyIsReadToItsEndOnceAndThenClosed() throws IOException {
        Connection connection = new Connection("streamed body");
        AtomicInteger released = new AtomicInteger();
        ResponseBody body = ResponseBody.of(connection, 13, released::incrementAndGet);

        assertThat(body.isBuffered()).isFalse();
        assertThat(body.contentLength()).hasValue(13);

        byte[] first = body.bytes();

        assertThat(new String(first, UTF_8)).isEqualTo("streamed body");
        assertThat(body.isBuffered()).isTrue();
        assertThat(connection.closed).isEqualTo(1);
        assertThat(released).hasValue(1);
        assertThat(body.bytes()).isSameAs(first);
        assertThat(connection.reads).as("the second call reads nothing more").isEqualTo(connection.readsAtEnd);
    }

    @Test
    void readsEveryByteThatArrivesWhateverTheLengthAnnounced() throws IOException {
        assertThat(ResponseBody.of(new Connection("longer than said"), 3, null).bytes())
                .isEqualTo("longer than said".getBytes(UTF_8));
        // A huge announced length must not be allocated up front: memory follows the bytes that arrive.
        assertThat(ResponseBody.of(new Connection("tiny"), Long.MAX_VALUE, null).bytes())
                .isEqualTo("tiny".getBytes(UTF_8));
        assertThat(ResponseBody.of(new Connection("no length"), -1, null).bytes())
                .isEqualTo("no length".getBytes(UTF_8));
    }

    @Test
    void anAnnouncedZeroLengthReadsNothing() throws IOException {
        Connection connection = new Connection("ignored");
        ResponseBody body = ResponseBody.of(connection, 0, null);

        assertThat(body.bytes()).isEmpty();
        assertThat(connection.reads).isZero();
        assertThat(connection.closed).isEqualTo(1);
    }

    @Test
    void anyNegativeLengthMeansUnknown() {
        assertThat(ResponseBody.of(new Connection(""), -1, null).contentLength()).isEmpty();
        assertThat(ResponseBody.of(new Connection(""), -42, null).contentLength()).isEmpty();
        assertThat(ResponseBody.of(new Connection(""), Long.MIN_VALUE, null).contentLength()).isEmpty();
    }

    @Test
    void theStreamIsGivenOutOnce() throws IOException {
        Connection connection = new Connection("abc");
        ResponseBody body = ResponseBody.of(connection, -1, null);

        assertThat(body.stream()).isSameAs(connection);
        assertThatThrownBy(body::stream).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already consumed");
        assertThatThrownBy(body::bytes).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("consumed as a stream");
        assertThat(connection.reads).as("refusing bytes() read nothing").isZero();
    }

    @Test
    void aBodyInMemoryStreamsItsBytesOnce() throws IOException {
        ResponseBody body = ResponseBody.of(new byte[] {7, 8});

        InputStream in = body.stream();

        assertThat(in.read()).isEqualTo(7);
        assertThat(in.read()).isEqualTo(8);
        assertThat(in.read()).isEqualTo(-1);
        assertThatThrownBy(body::stream).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aStreamedBodyCannotBeStreamedAfterItsBytesWereRead() throws IOException {
        ResponseBody body = ResponseBody.of(new Connection("abc"), 3, null);
        body.bytes();

        assertThatThrownBy(body::stream).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void closingReleasesStreamAndConnectionOnlyOnce() throws IOException {
        Connection connection = new Connection("never read");
        AtomicInteger released = new AtomicInteger();
        ResponseBody body = ResponseBody.of(connection, -1, released::incrementAndGet);

        body.close();
        body.close();

        assertThat(connection.closed).isEqualTo(1);
        assertThat(released).hasValue(1);
    }

    @Test
    void closingABodyInMemoryIsHarmless() throws IOException {
        ResponseBody body = ResponseBody.of(new byte[] {1});
        body.close();
        body.close();

        assertThat(body.bytes()).containsExactly(1);
    }

    @Test
    void theConnectionIsReleasedEvenWhenClosingTheStreamFails() {
        Connection connection = new Connection("x");
        connection.failOnClose = true;
        AtomicInteger released = new AtomicInteger();
        ResponseBody body = ResponseBody.of(connection, -1, released::incrementAndGet);

        assertThatThrownBy(body::close).isInstanceOf(IOException.class).hasMessage("close failed");
        assertThat(released).hasValue(1);
    }

    @Test
    void aFailedReadPropagatesAndStillReleasesTheConnection() {
        Connection connection = new Connection("partial");
        connection.failAfter = 3;
        AtomicInteger released = new AtomicInteger();
        ResponseBody body = ResponseBody.of(connection, 7, released::incrementAndGet);

        assertThatThrownBy(body::bytes).isInstanceOf(IOException.class).hasMessage("connection reset");
        assertThat(connection.closed).isEqualTo(1);
        assertThat(released).hasValue(1);
        assertThat(body.isBuffered()).as("nothing partial is kept").isFalse();
        assertThatThrownBy(body::bytes).as("the body stays consumed").isInstanceOf(IllegalStateException.class);
    }

    @Test
    void refusesNulls() {
        assertThatThrownBy(() -> ResponseBody.of((byte[]) null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("bytes");
        assertThatThrownBy(() -> ResponseBody.of(null, 1, null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("stream");
    }

    /** A connection's stream: counts reads and closes, and fails where told. */
    private static final class Connection extends InputStream {
        private final ByteArrayInputStream data;
        int reads;
        int readsAtEnd = -1;
        int closed;
        int failAfter = -1;
        boolean failOnClose;
        private int delivered;

        Connection(String text) {
            this.data = new ByteArrayInputStream(text.getBytes(UTF_8));
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            reads++;
            if (failAfter >= 0 && delivered >= failAfter) {
                throw new IOException("connection reset");
            }
            int max = failAfter >= 0 ? Math.min(len, failAfter - delivered) : len;
            int n = data.read(b, off, max);
            if (n == -1) {
                readsAtEnd = reads;
            } else {
                delivered += n;
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            closed++;
            if (failOnClose) {
                throw new IOException("close failed");
            }
        }
    }
}
