package cn.scenext.core;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import cn.scenext.core.testing.LoopbackTransport;
import cn.scenext.core.testing.RecordingScheduler;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A WireMock server on loopback, a test transport, a virtual-time scheduler and a client over them. */
abstract class ClientTestSupport {
    static final String API_KEY = "sk-test-1234567890";

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
            .build();

    // Generous: a loaded machine can keep WireMock from answering for seconds, and a timed-out first attempt
    // would be retried, changing what the tests see. The one test of a read timeout uses a transport of its own.
    final LoopbackTransport transport = LoopbackTransport.withReadTimeout(Duration.ofSeconds(30));
    final RecordingScheduler scheduler = new RecordingScheduler();

    ScenextClient.Builder clientBuilder() {
        return ScenextClient.builder()
                .apiKey(API_KEY)
                .baseUrl(wm.baseUrl())
                .transport(transport)
                .scheduler(scheduler);
    }

    @AfterEach
    void releaseTransport() {
        transport.close();
        scheduler.close();
    }
}
