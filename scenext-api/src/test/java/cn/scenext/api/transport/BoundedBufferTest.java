package cn.scenext.api.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.scenext.api.exception.ResponseTooLargeException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BoundedBufferTest {
    private static final HttpRequest REQUEST = HttpRequest.builder()
            .get(URI.create("https://user:pw@api.example.com/api/get_status/1?token=t")).build();

    @Test
    void memoryFollowsTheBytesReceivedNotTheLengthAnnounced() {
        BoundedBuffer b = BoundedBuffer.start("test", REQUEST, TransportOptions.MAX_BUFFERED_BODY_BYTES_LIMIT,
                2_000_000_000L);

        assertThat(b.capacity()).isLessThanOrEqualTo(64 * 1024);
        assertThat(b.add(new byte[100_000], 0, 100_000)).isTrue();
        assertThat(b.capacity()).isBetween(100_000, 200_000);
        assertThat(b.toByteArray()).hasSize(100_000);
    }

    @Test
    void aSmallAnnouncedLengthIsAllocatedAtOnce() {
        BoundedBuffer b = BoundedBuffer.start("test", REQUEST, 1_000, 10);

        assertThat(b.capacity()).isEqualTo(10);
        assertThat(b.add(ByteBuffer.wrap("0123456789".getBytes()))).isTrue();
        assertThat(b.toByteArray()).isEqualTo("0123456789".getBytes());
    }

    @Test
    void refusesAnAnnouncedLengthOverTheLimitWithoutNamingUserInfoOrQuery() {
        assertThatThrownBy(() -> BoundedBuffer.start("test", REQUEST, 1_000, 1_001))
                .isInstanceOfSatisfying(ResponseTooLargeException.class, e -> {
                    assertThat(e.limit()).isEqualTo(1_000);
                    assertThat(e.getMessage()).contains("1001").doesNotContain("pw").doesNotContain("token");
                });
    }

    @Test
    void refusesBytesPastTheLimitAndKeepsNone() throws IOException {
        BoundedBuffer b = BoundedBuffer.start("test", REQUEST, 1_000, -1);

        assertThat(b.add(new byte[1_000], 0, 1_000)).isTrue();
        assertThat(b.add(new byte[1], 0, 1)).isFalse();
        assertThat(b.size()).isEqualTo(1_000);
        assertThatThrownBy(() -> BoundedBuffer.start("test", REQUEST, 1_000, -1)
                .readFrom(new ByteArrayInputStream(new byte[1_001]), "test", REQUEST))
                .isInstanceOf(IOException.class).hasCauseInstanceOf(ResponseTooLargeException.class);
    }

    @Test
    void transportOptionsCarryTheNewBoundsAndRefuseBadOnes() {
        TransportOptions o = TransportOptions.builder().callTimeout(Duration.ofSeconds(5)).maxBufferedBodyBytes(10)
                .build();

        assertThat(TransportOptions.defaults().callTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(TransportOptions.defaults().maxBufferedBodyBytes()).isEqualTo(16 * 1024 * 1024);
        assertThat(o.toBuilder().build()).isEqualTo(o);
        assertThat(o.toString()).contains("callTimeout=PT5S", "maxBufferedBodyBytes=10");
        assertThatThrownBy(() -> TransportOptions.builder().callTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TransportOptions.builder().maxBufferedBodyBytes(0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(TransportFailures.callTimeout(HttpRequest.builder().get(URI.create("http://h/")).build(), o))
                .isEqualTo(Duration.ofSeconds(5));
        assertThat(TransportFailures.callTimeout(HttpRequest.builder().get(URI.create("http://h/"))
                .timeout(Duration.ZERO).build(), o)).isZero();
    }
}
