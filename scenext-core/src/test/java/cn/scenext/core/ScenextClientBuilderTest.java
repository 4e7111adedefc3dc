package cn.scenext.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.scenext.api.exception.ConfigurationException;
import cn.scenext.core.testing.LoopbackTransport;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ScenextClientBuilderTest {
    private final LoopbackTransport transport = LoopbackTransport.create();
    private final Map<String, String> env = new HashMap<>();

    @AfterEach
    void close() {
        transport.close();
    }

    private ScenextClient.Builder builder() {
        return ScenextClient.builder().environment(env::get).transport(transport);
    }

    @Test
    void fromEnvReadsTheKeyAndTheBaseUrl() {
        env.put("SCENEXT_API_KEY", "sk-env-abcdef");
        env.put("SCENEXT_BASE_URL", "http://127.0.0.1:9/scenext");

        try (ScenextClient client = builder().fromEnv().build()) {
            assertThat(client.baseUrl().toString()).isEqualTo("http://127.0.0.1:9/scenext/");
            assertThat(client.toString()).doesNotContain("sk-env-abcdef");
        }
    }

    @Test
    void defaultsToTheServiceBaseUrl() {
        try (ScenextClient client = builder().apiKey("sk-abcdef").build()) {
            assertThat(client.baseUrl().toString()).isEqualTo("https://api.scenext.cn/");
            assertThat(client.transportName()).isEqualTo("loopback");
            assertThat(client.userAgent()).startsWith("scenext-java/" + ScenextClient.version() + " (loopback; Java ");
        }
    }

    @Test
    void missingKeySaysHowToProvideIt() {
        assertThatThrownBy(() -> builder().fromEnv().build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("SCENEXT_API_KEY").hasMessageContaining("apiKey(");
    }

    @Test
    void malformedKeysAreRefusedWithoutEchoingThem() {
        assertThatThrownBy(() -> builder().apiKey("sk-abc def").build())
                .isInstanceOf(ConfigurationException.class).hasMessageNotContaining("sk-abc");
        assertThatThrownBy(() -> builder().apiKey("sk-abc\n").build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("position 6");
        assertThatThrownBy(() -> builder().apiKey("abc").build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("too short");
    }

    @Test
    void invalidBaseUrlsAreRefused() {
        assertThatThrownBy(() -> builder().apiKey("sk-abcdef").baseUrl("api.scenext.cn").build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("absolute http(s)");
        assertThatThrownBy(() -> builder().apiKey("sk-abcdef").baseUrl("ftp://api.scenext.cn").build())
                .isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> builder().apiKey("sk-abcdef").baseUrl("https://api.scenext.cn/?x=1").build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("query");
        assertThatThrownBy(() -> builder().apiKey("sk-abcdef").baseUrl("https://exa mple.com").build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("not a valid URL");
    }

    @Test
    void theSdkKnowsItsVersion() {
        assertThat(ScenextClient.version()).matches("\\d+\\.\\d+\\.\\d+.*");
    }
}
