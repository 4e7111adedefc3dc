package cn.scenext.okhttp;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import cn.scenext.api.GenerateVideoRequest;
import cn.scenext.api.TaskId;
import cn.scenext.api.TaskStatus;
import cn.scenext.core.ScenextClient;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The README's quick start, with the transport found by ServiceLoader. */
class OkHttpQuickStartTest {
    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    private static String fixture(String name) throws IOException {
        try (InputStream in = OkHttpQuickStartTest.class.getResourceAsStream("/fixtures/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void createsATaskAndReadsItsStatusThroughTheDiscoveredTransport() throws Exception {
        wm.stubFor(post(urlEqualTo("/api/gen_video"))
                .willReturn(aResponse().withStatus(200).withBody(fixture("gen_video-success.json"))));
        wm.stubFor(get(urlEqualTo("/api/get_status/12345"))
                .willReturn(aResponse().withStatus(200).withBody(fixture("get_status-completed.json"))));

        try (ScenextClient client = ScenextClient.builder().apiKey("sk-test-1234567890").baseUrl(wm.baseUrl()).build()) {
            TaskId id = client.generateVideo(GenerateVideoRequest.ofQuestion("What is Fourier series"));
            TaskStatus status = client.getStatus(id);

            assertThat(client.transportName()).isEqualTo("okhttp");
            assertThat(id.value()).isEqualTo("12345");
            assertThat(status.isCompleted()).isTrue();
            assertThat(status.title()).contains("Fourier series");
            assertThat(client.getStatusAsync(id).get().frames()).hasSize(2);
        }

        wm.verify(2, getRequestedFor(urlEqualTo("/api/get_status/12345"))
                .withHeader("Authorization", equalTo("Bearer sk-test-1234567890"))
                .withHeader("User-Agent", matching("scenext-java/.* \\(okhttp; .*")));
    }
}
