package cn.scenext.api.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.scenext.api.exception.InvalidValueException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.time.Duration;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class TransportOptionsTest {

    private static void assertRefused(ThrowingCallable setter, String field) {
        assertThatThrownBy(setter).isInstanceOf(InvalidValueException.class)
                .isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> assertThat(((InvalidValueException) e).field()).isEqualTo(field));
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        TransportOptions o = TransportOptions.defaults();

        assertThat(o.connectTimeout()).isEqualTo(TransportOptions.DEFAULT_CONNECT_TIMEOUT);
        assertThat(o.readTimeout()).isEqualTo(TransportOptions.DEFAULT_READ_TIMEOUT);
        assertThat(o.callTimeout()).isEqualTo(TransportOptions.DEFAULT_CALL_TIMEOUT);
        assertThat(o.maxConcurrentRequests()).isEqualTo(TransportOptions.DEFAULT_MAX_CONCURRENT_REQUESTS);
        assertThat(o.maxBufferedBodyBytes()).isEqualTo(TransportOptions.DEFAULT_MAX_BUFFERED_BODY_BYTES);
        assertThat(o.proxy()).isEmpty();
        assertThat(o.userAgent()).isEmpty();
    }

    @Test
    void everySettingIsCheckedWhereItIsSet() {
        assertRefused(() -> TransportOptions.builder().connectTimeout(Duration.ZERO), "connectTimeout");
        assertRefused(() -> TransportOptions.builder().readTimeout(Duration.ofSeconds(-1)), "readTimeout");
        assertRefused(() -> TransportOptions.builder().callTimeout(Duration.ZERO), "callTimeout");
        assertRefused(() -> TransportOptions.builder().maxConcurrentRequests(0), "maxConcurrentRequests");
        assertRefused(() -> TransportOptions.builder().maxBufferedBodyBytes(0), "maxBufferedBodyBytes");
        assertRefused(() -> TransportOptions.builder().maxBufferedBodyBytes(Integer.MAX_VALUE), "maxBufferedBodyBytes");
        assertThat(TransportOptions.builder().maxBufferedBodyBytes(TransportOptions.MAX_BUFFERED_BODY_BYTES_LIMIT)
                .build().maxBufferedBodyBytes()).isEqualTo(TransportOptions.MAX_BUFFERED_BODY_BYTES_LIMIT);
        assertThatThrownBy(() -> TransportOptions.builder().connectTimeout(null))
                .isInstanceOf(NullPointerException.class).hasMessage("connectTimeout");
    }

    @Test
    void toBuilderRoundTripsEverySetting() {
        Proxy proxy = new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved("proxy.example", 3128));
        TransportOptions o = TransportOptions.builder().connectTimeout(Duration.ofSeconds(1))
                .readTimeout(Duration.ofSeconds(2)).callTimeout(Duration.ofSeconds(3)).maxConcurrentRequests(4)
                .maxBufferedBodyBytes(5).proxy(proxy).userAgent("ua/1").build();

        TransportOptions copy = o.toBuilder().build();

        assertThat(copy).isEqualTo(o).hasSameHashCodeAs(o).hasToString(o.toString());
        assertThat(copy.proxy()).contains(proxy);
        assertThat(copy.userAgent()).contains("ua/1");
        assertThat(o.toBuilder().maxConcurrentRequests(8).build()).isNotEqualTo(o);
        assertThat(o.maxConcurrentRequests()).isEqualTo(4);
    }
}
