package cn.scenext.core.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import cn.scenext.api.exception.ProtocolException;
import cn.scenext.api.exception.TransportException;
import cn.scenext.api.transport.HttpHeaders;
import cn.scenext.api.transport.HttpResponse;
import cn.scenext.api.transport.ResponseBody;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CappedBodyReaderTest {
    private static final int CAP = CappedBodyReader.MAX_RESPONSE_BYTES;
    private final CappedBodyReader reader = new CappedBodyReader("in-memory");

    @Test
    void readsAStreamedBodyWhole() {
        byte[] json = Calls.SUCCESS.getBytes(StandardCharsets.UTF_8);

        byte[] read = reader.read(streamed(new ByteArrayInputStream(json), -1), Calls.read());

        assertThat(read).isEqualTo(json);
    }

    @Test
    void aBufferedBodyOverTheCapIsNotTheApisAndSaysATaskMayExist() {
        HttpResponse big = HttpResponse.of(200, HttpHeaders.empty(), ResponseBody.of(new byte[CAP + 1]));

        ProtocolException e = catchThrowableOfType(ProtocolException.class, () -> reader.read(big, Calls.create()));

        assertThat(e).hasMessageContaining("is larger than").hasMessageContaining("not a Scenext API response");
        assertThat(e.taskMayHaveBeenCreated()).isTrue();
        assertThat(e.statusCode()).hasValue(200);
    }

    @Test
    void anAnnouncedLengthOverTheCapIsRefusedBeforeAByteIsRead() {
        InputStream never = new InputStream() {
            @Override
            public int read() {
                throw new AssertionError("the body must not be read");
            }
        };

        ProtocolException e = catchThrowableOfType(ProtocolException.class,
                () -> reader.read(streamed(never, CAP + 1L), Calls.read()));

        assertThat(e).hasMessageContaining((CAP + 1L) + " bytes");
        assertThat(e.taskMayHaveBeenCreated()).isFalse();
    }

    @Test
    void aBodyThatGrowsPastTheCapUnannouncedIsCutOff() {
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return 'x';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                java.util.Arrays.fill(b, off, off + len, (byte) 'x');
                return len;
            }
        };

        ProtocolException e = catchThrowableOfType(ProtocolException.class,
                () -> reader.read(streamed(endless, -1), Calls.read()));

        assertThat(e).hasMessageContaining("is larger than");
    }

    @Test
    void aStallWhileReadingIsAReadTimeout() {
        InputStream stalling = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new SocketTimeoutException("Read timed out");
            }
        };

        TransportException e = catchThrowableOfType(TransportException.class,
                () -> reader.read(streamed(stalling, -1), Calls.read()));

        assertThat(e.reason()).isEqualTo(TransportException.Reason.READ_TIMEOUT);
        assertThat(e).hasMessageContaining("Reading the response to");
    }

    private static HttpResponse streamed(InputStream in, long length) {
        return HttpResponse.of(200, HttpHeaders.empty(), ResponseBody.of(in, length, in));
    }
}
