package cn.scenext.retrofit.service;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import cn.scenext.api.Consumption;
import cn.scenext.api.Frame;
import cn.scenext.api.GenerateVideoRequest;
import cn.scenext.api.Image;
import cn.scenext.api.Quality;
import cn.scenext.api.ResultItem;
import cn.scenext.api.TaskState;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import retrofit2.Response;
import retrofit2.Retrofit;

class ScenextServiceTest {
    private WireMockServer wireMock;
    private OkHttpClient okHttp;
    private ScenextService service;

    @BeforeEach
    void start() {
        wireMock = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        wireMock.start();
        okHttp = new OkHttpClient.Builder()
                .addInterceptor(chain -> chain.proceed(chain.request().newBuilder()
                        .header("Authorization", "Bearer sk-test").build()))
                .build();
        service = new Retrofit.Builder()
                .baseUrl("http://127.0.0.1:" + wireMock.port() + "/")
                .client(okHttp)
                .addConverterFactory(ScenextService.converterFactory())
                .build()
                .create(ScenextService.class);
    }

    @AfterEach
    void stop() {
        wireMock.stop();
        okHttp.dispatcher().executorService().shutdown();
        okHttp.connectionPool().evictAll();
    }

    private static String fixture(String name) throws IOException {
        try (InputStream in = ScenextServiceTest.class.getResourceAsStream("/fixtures/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void generateVideoSendsTheApiJsonAndReadsTheTaskId() throws IOException {
        wireMock.stubFor(post(urlEqualTo("/api/gen_video")).willReturn(okJson(fixture("gen_video-success.json"))));
        GenerateVideoRequest request = GenerateVideoRequest.builder()
                .question("Why is the sky blue?")
                .addQuestionImage(Image.url("https://example.com/q.png"))
                .quality(Quality.HIGH)
                .notifyUrl("https://example.com/hook")
                .build();

        Response<ScenextEnvelope<CreatedTask>> response = service.generateVideo(request).execute();

        assertThat(response.body().isSuccess()).isTrue();
        assertThat(response.body().data().flatMap(CreatedTask::taskId)).hasValue("12345");
        wireMock.verify(postRequestedFor(urlEqualTo("/api/gen_video"))
                .withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.equalTo("Bearer sk-test"))
                .withRequestBody(equalToJson("{\"question\":\"Why is the sky blue?\","
                        + "\"questionImages\":[\"https://example.com/q.png\"],\"quality\":\"h\","
                        + "\"notify_url\":\"https://example.com/hook\"}")));
    }

    @Test
    void getStatusReadsACompletedTaskIntoTheApiModels() throws IOException {
        wireMock.stubFor(get(urlPathEqualTo("/api/get_status/12345"))
                .willReturn(okJson(fixture("get_status-completed.json"))));

        TaskStatusData status = service.getStatus("12345").execute().body().data().get();

        assertThat(status.taskId()).hasValue("12345");
        assertThat(status.state()).isEqualTo(TaskState.COMPLETED);
        assertThat(status.progress()).extracting(Frame::id).containsExactly("frame1", "frame2");
        assertThat(status.consumption()).containsExactly(
                Consumption.of("score", new BigDecimal("20"), "Generate video analysis deduction"));
        assertThat(status.results()).extracting(ResultItem::type).containsExactly(ResultItem.VIDEO);
        assertThat(status.title()).hasValue("Fourier series");
    }

    @Test
    void taskIdIsSentAsOneEncodedPathSegment() throws IOException {
        wireMock.stubFor(get(anyUrl()).willReturn(okJson(fixture("get_status-not_found.json"))));

        ScenextEnvelope<TaskStatusData> envelope = service.getStatus("../a b?c#d").execute().body();

        assertThat(wireMock.findAll(anyRequestedFor(anyUrl())).get(0).getUrl())
                .isEqualTo("/api/get_status/..%2Fa%20b%3Fc%23d");
        assertThat(envelope.isSuccess()).isFalse();
        assertThat(envelope.messages()).hasValue("Server error: Task not found");
    }

    @Test
    void resultAsAnObjectIsReadToo() throws IOException {
        wireMock.stubFor(get(anyUrl()).willReturn(okJson("{\"status\":\"success\",\"data\":{\"task_id\":\"7\","
                + "\"status\":\"FAILED\",\"result\":{\"error\":\"no scene\"},\"surprise\":1}}")));

        TaskStatusData status = service.getStatus("7").execute().body().data().get();

        assertThat(status.state()).isEqualTo(TaskState.FAILED);
        assertThat(status.results()).containsExactly(ResultItem.of(ResultItem.TEXT, "no scene"));
        assertThat(status.progress()).isEmpty();
    }

    @Test
    void entriesOfAnUnexpectedShapeAreSkippedAsTheClientSkipsThem() throws IOException {
        // A frame that is a bare string, a consumption whose value is no number, a result entry that is a number,
        // the progress of another task's shape: the client reads what it can, and so does the service.
        wireMock.stubFor(get(anyUrl()).willReturn(okJson("{\"status\":\"success\",\"data\":{\"task_id\":\"9\","
                + "\"status\":\"IN_PROGRESS\",\"progress\":[\"frame0\",{\"id\":\"frame1\",\"image\":\"http://s/f1.png\"}],"
                + "\"consumption\":[{\"type\":\"score\",\"value\":\"lots\"},{\"type\":\"score\",\"value\":2}],"
                + "\"result\":[42,{\"type\":\"video\",\"content\":\"http://s/v.mp4\"}],"
                + "\"title\":{\"nested\":true}}}")));

        TaskStatusData status = service.getStatus("9").execute().body().data().get();

        assertThat(status.state()).isEqualTo(TaskState.IN_PROGRESS);
        assertThat(status.progress()).extracting(Frame::id).containsExactly("frame1");
        assertThat(status.consumption()).extracting(Consumption::value).containsExactly(new BigDecimal("2"));
        assertThat(status.results()).containsExactly(ResultItem.of(ResultItem.VIDEO, "http://s/v.mp4"));
        assertThat(status.title()).isEmpty();
    }

    @Test
    void anErrorAnswersDataKeepsItsMessageWithoutAStatus() throws IOException {
        wireMock.stubFor(get(anyUrl()).willReturn(okJson("{\"status\":\"error\",\"data\":{\"message\":\"busy\"}}")));

        ScenextEnvelope<TaskStatusData> answer = service.getStatus("1").execute().body();

        assertThat(answer.isSuccess()).isFalse();
        assertThat(answer.messages()).hasValue("busy");
        assertThat(answer.data().get().taskId()).isEmpty();
        assertThat(answer.data().get().progress()).isEmpty();
    }

    @Test
    void errorStatusKeepsTheEnvelopeInTheErrorBody() throws IOException {
        wireMock.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(401)
                .withBody("{\"status\":\"error\",\"data\":{\"messages\":\"Invalid API key\"}}")));

        Response<ScenextEnvelope<TaskStatusData>> response = service.getStatus("1").execute();

        assertThat(response.code()).isEqualTo(401);
        assertThat(response.errorBody().string()).contains("Invalid API key");
    }
}
