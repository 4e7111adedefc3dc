package cn.scenext.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.scenext.api.TaskId;
import cn.scenext.api.TaskStatus;
import cn.scenext.api.exception.ProtocolException;
import cn.scenext.api.transport.HttpHeaders;
import cn.scenext.api.transport.HttpRequest;
import cn.scenext.api.transport.HttpResponse;
import cn.scenext.api.transport.ResponseBody;
import cn.scenext.api.transport.Transport;
import cn.scenext.core.testing.Fixtures;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** How the client reads a streamed answer whose Content-Length is right, wrong or absent. */
class AnswerReadingTest {
    private static final byte[] COMPLETED = Fixtures.bytes("get_status-completed.json");

    /** Answers every request with the given body and announced length, and remembers whether it was read out. */
    private static final class StreamingTransport implements Transport {
        private final byte[] body;
        private final long announced;
        private boolean readToTheEnd;

        StreamingTransport(byte[] body, long announced) {
            this.body = body;
            this.announced = announced;
        }

        @Override
        public HttpResponse execute(HttpRequest request) {
            InputStream in = new ByteArrayInputStream(body) {
                @Override
                public synchronized int read() {
                    return ended(super.read());
                }

                @Override
                public synchronized int read(byte[] b, int off, int len) {
                    return ended(super.read(b, off, len));
                }
            };
            return HttpResponse.of(200, HttpHeaders.builder().add("Content-Type", "application/json").build(),
                    ResponseBody.of(in, announced, null));
        }

        private int ended(int n) {
            readToTheEnd |= n == -1;
            return n;
        }

        @Override
        public CompletableFuture<HttpResponse> executeAsync(HttpRequest request) {
            return CompletableFuture.completedFuture(execute(request));
        }

        @Override
        public String name() {
            return "streaming";
        }

        @Override
        public void close() {
        }
    }

    private static TaskStatus getStatus(StreamingTransport transport) {
        try (ScenextClient client = ScenextClient.builder().apiKey("sk-test-1234567890").baseUrl("http://127.0.0.1:9/")
                .transport(transport).retryPolicy(RetryPolicy.none()).build()) {
            return client.getStatus(TaskId.of("12345"));
        }
    }

    @Test
    void readsAnAnswerOfTheAnnouncedLengthAndReachesItsEnd() {
        StreamingTransport transport = new StreamingTransport(COMPLETED, COMPLETED.length);
        assertThat(getStatus(transport).frames()).hasSize(2);
        assertThat(transport.readToTheEnd).isTrue();
    }

    @Test
    void readsEveryByteOfAnAnswerLongerThanAnnounced() {
        StreamingTransport transport = new StreamingTransport(COMPLETED, COMPLETED.length - 40);
        assertThat(getStatus(transport).finishAt()).isPresent(); // the last field is past the announced length
        assertThat(transport.readToTheEnd).isTrue();
    }

    @Test
    void readsWhatCameOfAnAnswerShorterThanAnnounced() {
        StreamingTransport transport = new StreamingTransport(COMPLETED, COMPLETED.length + 100);
        assertThat(getStatus(transport).frames()).hasSize(2);
    }

    @Test
    void readsAnAnswerOfUnknownLength() {
        StreamingTransport transport = new StreamingTransport(COMPLETED, -1);
        assertThat(getStatus(transport).results()).hasSize(1);
        assertThat(transport.readToTheEnd).isTrue();
    }

    @Test
    void refusesAnAnswerThatGrowsPastTheLimitWhateverItAnnounced() {
        byte[] huge = new byte[16 * 1024 * 1024 + 1];
        assertThatThrownBy(() -> getStatus(new StreamingTransport(huge, 10)))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("larger than 16 MiB");
        assertThatThrownBy(() -> getStatus(new StreamingTransport(huge, huge.length)))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("larger than 16 MiB");
    }
}
