package cn.scenext.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class UrlPathsTest {

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
