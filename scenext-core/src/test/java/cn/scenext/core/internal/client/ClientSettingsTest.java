package cn.scenext.core.internal.client;

import static org.assertj.core.api.Assertions.assertThat;

import cn.scenext.core.RetryPolicy;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ClientSettingsTest {

    @Test
    void theTotalTimeoutOverridesThePolicysBoundWhicheverIsSetFirst() {
        ClientSettings s = new ClientSettings();
        RetryPolicy policy = RetryPolicy.builder().maxRetries(4).maxElapsed(Duration.ofSeconds(5)).build();

        s.retryPolicy(policy);
        assertThat(s.effectiveRetryPolicy()).isSameAs(policy);

        s.totalTimeout(Duration.ofSeconds(90));
        assertThat(s.effectiveRetryPolicy().maxElapsed()).isEqualTo(Duration.ofSeconds(90));
        assertThat(s.effectiveRetryPolicy().maxRetries()).isEqualTo(4);

        ClientSettings other = new ClientSettings();
        other.totalTimeout(Duration.ofSeconds(90));
        other.retryPolicy(policy);
        assertThat(other.effectiveRetryPolicy().maxElapsed()).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void baseUrlsAreNormalizedToEndWithASlash() {
        ClientSettings s = new ClientSettings();

        s.baseUrl("HTTP://127.0.0.1:9/scenext");
        assertThat(s.baseUrl).isEqualTo(URI.create("http://127.0.0.1:9/scenext/"));
        s.baseUrl(URI.create("https://api.example.com"));
        assertThat(s.baseUrl).isEqualTo(URI.create("https://api.example.com/"));
    }

    @Test
    void secretsAreCutFromUrlsHoweverMalformed() {
        assertThat(ClientSettings.withoutSecrets("https://u:p@h.com/x?token=t#f"))
                .isEqualTo("https://***@h.com/x?***#f");
        assertThat(ClientSettings.withoutSecrets("u:p@h?t")).isEqualTo("***@h?***");
        assertThat(ClientSettings.withoutSecrets(null)).isNull();
    }

    @Test
    void interceptorsAreCopiedInTheOrderAdded() {
        ClientSettings s = new ClientSettings();
        cn.scenext.core.Interceptor first = new cn.scenext.core.Interceptor() { };
        cn.scenext.core.Interceptor second = new cn.scenext.core.Interceptor() { };

        s.addInterceptor(first);
        s.addInterceptor(second);

        assertThat(s.interceptors()).containsExactly(first, second);
    }
}
