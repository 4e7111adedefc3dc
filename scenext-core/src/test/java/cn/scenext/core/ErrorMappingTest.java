package cn.scenext.core;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import cn.scenext.api.GenerateVideoRequest;
import cn.scenext.api.exception.AuthenticationException;
import cn.scenext.api.exception.ProtocolException;
import cn.scenext.api.exception.RateLimitException;
import cn.scenext.api.exception.ScenextException;
import cn.scenext.api.exception.ServerException;
import cn.scenext.api.exception.TaskNotFoundException;
import cn.scenext.api.exception.ValidationException;
import cn.scenext.core.testing.Fixtures;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ErrorMappingTest extends ClientTestSupport {

    private ScenextClient client() {
        return clientBuilder().retryPolicy(RetryPolicy.none()).build();
    }

    @Test
    void mapsUnauthorizedFixtureToAuthenticationWithTheServiceMessage() {
        wm.stubFor(get(urlEqualTo("/api/get_status/12345"))
                .willReturn(aResponse().withStatus(401).withBody(Fixtures.text("error-unauthorized.json"))));

        AuthenticationException e = catchThrowableOfType(AuthenticationException.class,
                () -> client().getStatus("12345"));

        assertThat(e.statusCode()).hasValue(401);
        assertThat(e.serviceMessage()).contains("Unauthorized: Invalid API key");
        assertThat(e.bodySnippet()).hasValueSatisfying(s -> assertThat(s).contains("Invalid API key"));
        assertThat(e.getMessage()).contains("rejected the API key").contains("SCENEXT_API_KEY");
    }

    @ParameterizedTest
    @ValueSource(ints = {200, 400, 404, 500})
    void mapsTaskNotFoundEnvelopeWhateverTheStatus(int status) {
        wm.stubFor(get(urlEqualTo("/api/get_status/nope"))
                .willReturn(aResponse().withStatus(status).withBody(Fixtures.text("get_status-not_found.json"))));

        TaskNotFoundException e = catchThrowableOfType(TaskNotFoundException.class, () -> client().getStatus("nope"));

        assertThat(e.taskId()).isEqualTo("nope");
        assertThat(e.statusCode()).hasValue(status);
        assertThat(e.serviceMessage()).contains("Server error: Task not found");
        assertThat(e.getMessage()).contains("nope");
    }

    @Test
    void taskNotFoundIsNotRetried() {
        wm.stubFor(get(urlEqualTo("/api/get_status/nope"))
                .willReturn(aResponse().withStatus(500).withBody(Fixtures.text("get_status-not_found.json"))));

        catchThrowableOfType(TaskNotFoundException.class,
                () -> clientBuilder().build().getStatus("nope"));

        wm.verify(1, getRequestedFor(urlEqualTo("/api/get_status/nope")));
    }

    @Test
    void mapsGenVideoErrorWith400ToServerSideValidation() {
        wm.stubFor(post(urlEqualTo("/api/gen_video"))
                .willReturn(aResponse().withStatus(400).withBody(Fixtures.text("gen_video-error.json"))));

        ValidationException e = catchThrowableOfType(ValidationException.class,
                () -> client().generateVideo(GenerateVideoRequest.ofQuestion("What is Fourier series")));

        assertThat(e.field()).isEmpty();
        assertThat(e.statusCode()).hasValue(400);
        assertThat(e.serviceMessage())
                .contains("The video generation interface response is abnormal: 400 - Bad Request");
    }

    @Test
    void mapsGenVideoErrorEnvelopeWith200ToServerException() {
        wm.stubFor(post(urlEqualTo("/api/gen_video"))
                .willReturn(aResponse().withStatus(200).withBody(Fixtures.text("gen_video-error.json"))));

        ServerException e = catchThrowableOfType(ServerException.class,
                () -> client().generateVideo(GenerateVideoRequest.ofQuestion("What is Fourier series")));

        assertThat(e.statusCode()).hasValue(200);
        assertThat(e.serviceMessage()).hasValueSatisfying(m -> assertThat(m).contains("abnormal"));
        assertThat(e.getMessage()).contains("gen_video");
    }

    @Test
    void mapsRateLimitWithRetryAfter() {
        wm.stubFor(get(urlEqualTo("/api/get_status/1"))
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7")
                        .withBody("{\"status\":\"error\",\"data\":{\"messages\":\"Too many requests\"}}")));

        RateLimitException e = catchThrowableOfType(RateLimitException.class, () -> client().getStatus("1"));

        assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
        assertThat(e.serviceMessage()).contains("Too many requests");
    }

    @Test
    void mapsAnHtmlGatewayErrorToServerExceptionWithASnippet() {
        wm.stubFor(get(urlEqualTo("/api/get_status/1"))
                .willReturn(aResponse().withStatus(502).withBody("<html><body>Bad Gateway</body></html>")));

        ServerException e = catchThrowableOfType(ServerException.class, () -> client().getStatus("1"));

        assertThat(e.statusCode()).hasValue(502);
        assertThat(e.serviceMessage()).isEmpty();
        assertThat(e.bodySnippet()).contains("<html><body>Bad Gateway</body></html>");
    }

    @Test
    void mapsANonScenext404ToProtocolSayingToCheckTheBaseUrl() {
        wm.stubFor(get(urlEqualTo("/api/get_status/1")).willReturn(aResponse().withStatus(404).withBody("Not Found")));

        ProtocolException e = catchThrowableOfType(ProtocolException.class, () -> client().getStatus("1"));

        assertThat(e.getMessage()).contains("Check the base URL");
        assertThat(e.statusCode()).hasValue(404);
    }

    @Test
    void refusesToFollowARedirect() {
        wm.stubFor(get(urlEqualTo("/api/get_status/1"))
                .willReturn(aResponse().withStatus(301).withHeader("Location", "https://elsewhere.example/")));

        ProtocolException e = catchThrowableOfType(ProtocolException.class, () -> client().getStatus("1"));

        assertThat(e.getMessage()).contains("redirect").contains("https://elsewhere.example/");
    }

    @Test
    void mapsAMalformedSuccessToProtocolException() {
        wm.stubFor(get(urlEqualTo("/api/get_status/1"))
                .willReturn(aResponse().withStatus(200).withBody("{\"status\":\"success\",\"data\":{\"task_id\":")));

        ProtocolException e = catchThrowableOfType(ProtocolException.class, () -> client().getStatus("1"));

        assertThat(e.getMessage()).contains("could not be read");
        assertThat(e.bodySnippet()).contains("{\"status\":\"success\",\"data\":{\"task_id\":");
    }

    @Test
    void mapsASuccessWithoutTaskIdToProtocolException() {
        wm.stubFor(post(urlEqualTo("/api/gen_video"))
                .willReturn(aResponse().withStatus(200).withBody("{\"status\":\"success\",\"data\":{}}")));

        ProtocolException e = catchThrowableOfType(ProtocolException.class,
                () -> client().generateVideo(GenerateVideoRequest.ofQuestion("q")));

        assertThat(e.getMessage()).contains("data.task_id is missing");
    }

    @Test
    void everyMappedErrorIsAScenextException() {
        wm.stubFor(get(urlEqualTo("/api/get_status/1")).willReturn(aResponse().withStatus(418).withBody("teapot")));

        assertThat(catchThrowableOfType(ScenextException.class, () -> client().getStatus("1")))
                .isInstanceOf(ProtocolException.class);
    }
}
