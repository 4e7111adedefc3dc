package cn.scenext.core.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

public class UrlPathsTest {

    @Test
    void returnsAPlainIdAsItIs() {
        String id = "d988d4d9-72f0-4b76-97b0_ca974335dcf4~v1.2";
        assertThat(UrlPaths.encodeSegment(id)).isSameAs(id);
    }

    @Test
    void encodesEverythingThatCouldChangeThePath() {
        assertThat(UrlPaths.encodeSegment("a/b?c#d e%")).isEqualTo("a%2Fb%3Fc%23d%20e%25");
        assertThat(UrlPaths.encodeSegment("\u4efb\u52a1")).isEqualTo("%E4%BB%BB%E5%8A%A1");
        assertThat(UrlPaths.encodeSegment("..")).isEqualTo("%2E%2E");
        assertThat(UrlPaths.encodeSegment(".")).isEqualTo("%2E");
        assertThat(UrlPaths.encodeSegment("..a")).isEqualTo("..a");
        assertThat(UrlPaths.encodeSegment("")).isEmpty();
    }

    @Test
    void sameOriginComparesSchemeHostAndEffectivePort() {
        URI api = URI.create("https://api.scenext.cn/");

        assertThat(UrlPaths.sameOrigin(URI.create("https://API.scenext.cn:443/api/x"), api)).isTrue();
        assertThat(UrlPaths.sameOrigin(URI.create("http://api.scenext.cn/api/x"), api)).isFalse();
        assertThat(UrlPaths.sameOrigin(URI.create("https://api.scenext.cn:8443/x"), api)).isFalse();
        assertThat(UrlPaths.sameOrigin(URI.create("https://oss.scenext.cn/v.mp4"), api)).isFalse();
        assertThat(UrlPaths.sameOrigin(URI.create("/relative"), api)).isFalse();
    }
}
