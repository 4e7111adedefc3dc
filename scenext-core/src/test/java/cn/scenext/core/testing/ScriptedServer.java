package cn.scenext.core.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ScenarioMappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.List;

/**
 * A WireMock server on loopback with scripted answers: each GET of a path gets the next answer of its script,
 * the last one repeating, so a task can move from IN_PROGRESS with growing frames to its end.
 */
public final class ScriptedServer implements AutoCloseable {
    private final WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort()
            .bindAddress("127.0.0.1"));

    /** Starts the server. */
    public ScriptedServer() {
        server.start();
    }

    /**
     * The server's base URL.
     *
     * @return e.g. {@code http://127.0.0.1:40123}
     */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    /**
     * The underlying server, for stubs of its own.
     *
     * @return the server
     */
    public WireMockServer wireMock() {
        return server;
    }

    /**
     * Scripts the answers to GETs of a path.
     *
     * @param path e.g. {@code /api/get_status/12345}
     * @param steps the answers in order; the last repeats
     */
    public void script(String path, ResponseDefinitionBuilder... steps) {
        for (int i = 0; i < steps.length; i++) {
            ScenarioMappingBuilder m = get(urlPathEqualTo(path)).inScenario(path)
                    .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "step" + i)
                    .willReturn(steps[i]);
            if (i < steps.length - 1) {
                m = m.willSetStateTo("step" + (i + 1));
            }
            server.stubFor(m);
        }
    }

    /**
     * The GETs received for a path.
     *
     * @param path the path
     * @return the requests, in order
     */
    public List<LoggedRequest> gets(String path) {
        return server.findAll(getRequestedFor(urlPathEqualTo(path)));
    }

    /**
     * A JSON answer.
     *
     * @param status the HTTP status
     * @param body the JSON
     * @return the answer
     */
    public static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    /**
     * A 200 JSON answer.
     *
     * @param body the JSON
     * @return the answer
     */
    public static ResponseDefinitionBuilder ok(String body) {
        return json(200, body);
    }

    /**
     * A connection reset instead of an answer.
     *
     * @return the fault
     */
    public static ResponseDefinitionBuilder reset() {
        return aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER);
    }

    @Override
    public void close() {
        server.stop();
    }
}
