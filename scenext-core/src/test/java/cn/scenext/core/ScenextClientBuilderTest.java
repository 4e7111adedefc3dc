package cn.scenext.core;

import static cn.scenext.core.testing.Refusals.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.scenext.api.exception.ConfigurationException;
import cn.scenext.api.exception.InvalidValueException;
import cn.scenext.core.testing.LoopbackTransport;
import java.net.URI;
import java.time.Duration;
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
    void malformedKeysAreRefusedByTheSetterWithoutEchoingThem() {
        assertThatThrownBy(() -> builder().apiKey("sk-abc def"))
                .isInstanceOf(InvalidValueException.class).hasMessageNotContaining("sk-abc")
                .satisfies(e -> assertThat(((InvalidValueException) e).field()).isEqualTo("apiKey"));
        assertThatThrownBy(() -> builder().apiKey("sk-abc\n"))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("position 6");
        assertThatThrownBy(() -> builder().apiKey("abc"))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("too short");
        assertThatThrownBy(() -> builder().apiKey(" \t")).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("blank");
        assertThatThrownBy(() -> builder().apiKey(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("apiKey");
    }

    @Test
    void aRefusedKeyLeavesTheBuilderAsItWas() {
        ScenextClient.Builder b = builder().apiKey("sk-good-key");
        assertThatThrownBy(() -> b.apiKey("bad key")).isInstanceOf(InvalidValueException.class);

        try (ScenextClient client = b.build()) {
            assertThat(client.baseUrl()).isEqualTo(ScenextClient.DEFAULT_BASE_URL);
        }
    }

    @Test
    void invalidBaseUrlsAreRefusedByTheSetter() {
        assertThatThrownBy(() -> builder().baseUrl("api.scenext.cn"))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("absolute http(s)")
                .satisfies(e -> assertThat(((InvalidValueException) e).field()).isEqualTo("baseUrl"));
        assertThatThrownBy(() -> builder().baseUrl("ftp://api.scenext.cn"))
                .isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> builder().baseUrl(URI.create("https://api.scenext.cn/?x=1")))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("query");
        assertThatThrownBy(() -> builder().baseUrl("https://exa mple.com"))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("not a valid URL");
    }

    @Test
    void badValuesInTheEnvironmentAreConfigurationErrorsNamingTheVariable() {
        env.put("SCENEXT_API_KEY", "sk bad");
        assertThatThrownBy(() -> builder().fromEnv())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("SCENEXT_API_KEY")
                .hasMessageNotContaining("sk bad").hasCauseInstanceOf(InvalidValueException.class);

        env.put("SCENEXT_API_KEY", "sk-env-abcdef");
        env.put("SCENEXT_BASE_URL", "ftp://user:s3cret@example.com/");
        assertThatThrownBy(() -> builder().fromEnv())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("SCENEXT_BASE_URL")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void everyClientSettingIsCheckedWhereItIsSet() {
        ScenextClient.Builder b = builder();
        assertRefused(() -> b.connectTimeout(Duration.ZERO), "connectTimeout");
        assertRefused(() -> b.readTimeout(Duration.ofSeconds(-1)), "readTimeout");
        assertRefused(() -> b.callTimeout(Duration.ZERO), "callTimeout");
        assertRefused(() -> b.totalTimeout(Duration.ZERO), "totalTimeout");
        assertRefused(() -> b.maxConcurrentRequests(0), "maxConcurrentRequests");
        assertRefused(() -> b.maxStatusRequestsPerSecond(-1), "maxStatusRequestsPerSecond");
        assertRefused(() -> b.maxStatusRequestsPerSecond(Double.NaN), "maxStatusRequestsPerSecond");
        assertRefused(() -> b.keptWebhookEvents(-1, Duration.ofMinutes(1)), "keptWebhookEvents");
        assertRefused(() -> b.transport("  "), "transport");
        assertRefused(() -> b.userAgentSuffix("app/1\r\nX-Injected: 1"), "userAgentSuffix");
        assertThatThrownBy(() -> b.retryPolicy(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> b.addInterceptor(null)).isInstanceOf(NullPointerException.class);

        try (ScenextClient client = b.apiKey("sk-abcdef").userAgentSuffix("app/1.2").build()) {
            assertThat(client.userAgent()).endsWith(") app/1.2");
        }
    }

    @Test
    void theSdkKnowsItsVersion() {
        assertThat(ScenextClient.version()).matches("\\d+\\.\\d+\\.\\d+.*");
    }
}
