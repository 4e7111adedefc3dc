package cn.scenext.api.transport;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.scenext.api.exception.InvalidValueException;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class HttpRequestTest {
    private static final URI URL = URI.create("https://api.scenext.cn/api/get_status?task_id=t-1");
    private static final URI CREATE = URI.create("https://api.scenext.cn/api/generate_video");

    @Test
    void startsAsAGetWithoutBodyOrTimeout() {
        HttpRequest r = HttpRequest.builder().uri(URL).build();

        assertThat(r.method()).isEqualTo("GET");
        assertThat(r.uri()).isEqualTo(URL);
        assertThat(r.headers()).isEqualTo(HttpHeaders.builder().build());
        assertThat(r.hasBody()).isFalse();
        assertThat(r.body()).isEmpty();
        assertThat(r.bodyLength()).isZero();
        assertThat(r.timeout()).isEmpty();
    }

    @Test
    void upperCasesTheMethod() {
        assertThat(HttpRequest.builder().method("post").uri(URL).build().method()).isEqualTo("POST");
    }

    @Test
    void refusesWhatCannotBeSent() {
        assertThatThrownBy(() -> HttpRequest.builder().build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("URI");
        assertThatThrownBy(() -> HttpRequest.builder().uri(URI.create("/api/get_status")))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("absolute")
                .hasMessageContaining("/api/get_status");
        assertThatThrownBy(() -> HttpRequest.builder().uri(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("uri");
        assertThatThrownBy(() -> HttpRequest.builder().method(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("method");
        assertThatThrownBy(() -> HttpRequest.builder().headers(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("headers");
        assertThatThrownBy(() -> HttpRequest.builder().post(CREATE, null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("body");
    }

    @Test
    void acceptsZeroAsNoCallTimeoutAndRefusesANegativeOne() {
        assertThat(HttpRequest.builder().uri(URL).timeout(Duration.ZERO).build().timeout()).contains(Duration.ZERO);
        assertThat(HttpRequest.builder().uri(URL).timeout(Duration.ofSeconds(5)).timeout(null).build().timeout())
                .isEmpty();

        assertThatThrownBy(() -> HttpRequest.builder().timeout(Duration.ofMillis(-1)))
                .isInstanceOfSatisfying(InvalidValueException.class,
                        e -> assertThat(e.getMessage()).contains("negative").contains("PT-0.001S"));
    }

    @Test
    void postCarriesItsBodyAndGetDropsIt() {
        byte[] json = "{\"question\":\"why\"}".getBytes(UTF_8);
        HttpRequest post = HttpRequest.builder().post(CREATE, json).build();

        assertThat(post.method()).isEqualTo("POST");
        assertThat(post.hasBody()).isTrue();
        assertThat(post.body()).isEqualTo(json);
        assertThat(post.bodyLength()).isEqualTo(json.length);

        HttpRequest get = post.toBuilder().get(URL).build();
        assertThat(get.method()).isEqualTo("GET");
        assertThat(get.hasBody()).isFalse();
        assertThat(get.bodyLength()).isZero();
    }

    @Test
    void anEmptyBodyIsStillABody() {
        HttpRequest r = HttpRequest.builder().post(CREATE, new byte[0]).build();

        assertThat(r.hasBody()).isTrue();
        assertThat(r.bodyLength()).isZero();
        assertThat(r).isNotEqualTo(HttpRequest.builder().method("POST").uri(CREATE).build());
        assertThat(r.toString()).endsWith("(0 body bytes)");
    }

    @Test
    void theBodyItGivesOutIsACopy() {
        HttpRequest r = HttpRequest.builder().post(CREATE, new byte[] {1, 2, 3}).build();

        r.body()[0] = 9;

        assertThat(r.body()).containsExactly(1, 2, 3);
    }

    @Test
    void addsSetsAndRemovesHeaders() {
        HttpRequest r = HttpRequest.builder().uri(URL)
                .header("Accept", "application/json").header("X-Trace", "a").header("x-trace", "b")
                .setHeader("User-Agent", "one").setHeader("user-agent", "two")
                .header("X-Gone", "1").removeHeader("x-gone")
                .build();

        assertThat(r.headers().allValues("X-Trace")).containsExactly("a", "b");
        assertThat(r.headers().allValues("User-Agent")).containsExactly("two");
        assertThat(r.headers().contains("X-Gone")).isFalse();
        assertThat(r.headers().firstValue("accept")).contains("application/json");

        HttpHeaders replacement = HttpHeaders.builder().add("X-Only", "1").build();
        HttpRequest replaced = r.toBuilder().headers(replacement).build();
        assertThat(replaced.headers()).isEqualTo(replacement);
        assertThat(r.headers().contains("X-Only")).isFalse();
    }

    @Test
    void toBuilderCopiesEveryValueAndChangesNothingOfTheOriginal() {
        HttpRequest original = HttpRequest.builder().post(CREATE, "{}".getBytes(UTF_8))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30)).build();

        HttpRequest copy = original.toBuilder().build();
        assertThat(copy).isEqualTo(original).hasSameHashCodeAs(original);
        assertThat(copy.toString()).isEqualTo(original.toString());

        HttpRequest changed = original.toBuilder().setHeader("Content-Type", "text/plain").header("X-New", "1")
                .timeout(Duration.ZERO).body(null).build();
        assertThat(changed.headers().firstValue("Content-Type")).contains("text/plain");
        assertThat(changed.timeout()).contains(Duration.ZERO);
        assertThat(changed.hasBody()).isFalse();
        assertThat(original.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(original.headers().contains("X-New")).isFalse();
        assertThat(original.timeout()).contains(Duration.ofSeconds(30));
        assertThat(original.body()).isEqualTo("{}".getBytes(UTF_8));
    }

    @Test
    void equalityCoversEveryPart() {
        HttpRequest base = HttpRequest.builder().post(CREATE, new byte[] {1}).header("A", "1")
                .timeout(Duration.ofSeconds(1)).build();

        assertThat(base).isEqualTo(HttpRequest.builder().post(CREATE, new byte[] {1}).header("A", "1")
                .timeout(Duration.ofSeconds(1)).build());
        assertThat(base).isNotEqualTo(base.toBuilder().method("PUT").build());
        assertThat(base).isNotEqualTo(base.toBuilder().uri(URL).build());
        assertThat(base).isNotEqualTo(base.toBuilder().header("A", "2").build());
        assertThat(base).isNotEqualTo(base.toBuilder().body(new byte[] {2}).build());
        assertThat(base).isNotEqualTo(base.toBuilder().timeout(null).build());
        assertThat(base).isNotEqualTo(null).isNotEqualTo("POST");
    }

    @Test
    void printsMethodUriHeadersAndBodyLengthButNoCredential() {
        String key = "sk-live-0123456789abcdef";
        HttpRequest r = HttpRequest.builder().post(CREATE, "{\"question\":\"secret question\"}".getBytes(UTF_8))
                .header("Authorization", "Bearer " + key).header("Proxy-Authorization", "Basic dXNlcjpwdw==")
                .header("Cookie", "session=s3cr3t").header("Accept", "application/json").build();

        String printed = r.toString();

        assertThat(printed).startsWith("POST " + CREATE + " ").contains("Accept=[application/json]")
                .contains("Authorization=[redacted]").contains("Proxy-Authorization=[redacted]")
                .contains("Cookie=[redacted]").endsWith("(30 body bytes)");
        assertThat(printed).doesNotContain(key).doesNotContain("Bearer").doesNotContain("dXNlcjpwdw==")
                .doesNotContain("s3cr3t").doesNotContain("secret question");
    }

    @Test
    void printsNoPasswordGivenInTheUri() {
        HttpRequest r = HttpRequest.builder().uri(URI.create("https://user:pa55word@proxy.example/api/x?a=1"))
                .build();

        assertThat(r.uri().getRawUserInfo()).isEqualTo("user:pa55word");
        assertThat(r.toString()).doesNotContain("pa55word").doesNotContain("user:")
                .contains("https://[redacted]@proxy.example/api/x?a=1");
    }
}
