package cn.scenext.tck;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import cn.scenext.api.Frame;
import cn.scenext.api.GenerateVideoRequest;
import cn.scenext.api.Quality;
import cn.scenext.api.TaskId;
import cn.scenext.api.TaskState;
import cn.scenext.api.TaskStatus;
import cn.scenext.api.exception.AuthenticationException;
import cn.scenext.api.exception.ProtocolException;
import cn.scenext.api.exception.ServerException;
import cn.scenext.api.exception.TaskNotFoundException;
import cn.scenext.api.exception.ValidationException;
import cn.scenext.core.ScenextClient;
import cn.scenext.core.webhook.WebhookEvent;
import cn.scenext.core.webhook.WebhookSigner;
import cn.scenext.core.webhook.WebhookVerifier;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every fixture of the API ({@code shared/api/fixtures}, copied to {@code cn/scenext/tck/fixtures/}) served at
 * the HTTP status its {@code README.md} gives, read through {@link ScenextClient} over the transport under
 * test: each comes out as the right model, or as the right exception with the right message. Default retries
 * (with short backoff) are on, so that a retry the SDK must not make shows as a second request.
 */
public interface FixtureContract extends ContractFixture {
    /** The fixtures this contract covers; {@link #everyFixtureOfTheReadmeIsCovered()} keeps it complete. */
    Set<String> COVERED = new LinkedHashSet<>(Arrays.asList(
            "gen_video-request.json", "gen_video-success.json", "gen_video-error.json",
            "get_status-in_progress.json", "get_status-completed.json", "get_status-failed.json",
            "get_status-completed-backend.json", "get_status-failed-backend.json", "get_status-unknown_task.json",
            "get_status-malformed_id.json", "get_status-internal_state.json", "get_status-not_found.json",
            "error-unauthorized.json", "auth-missing.json", "validation-422.json", "validation-422-pydantic2.json",
            "route-not-found.json", "webhook-completed.json", "webhook-failed.json"));

    /**
     * A fixture's text.
     *
     * @param name the file name, e.g. {@code get_status-completed.json}
     * @return its UTF-8 text
     */
    static String fixture(String name) {
        try (InputStream in = FixtureContract.class.getResourceAsStream("fixtures/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("No fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ScenextClient fixtureClient() {
        return closeAfterTest(ScenextClient.builder()
                .apiKey("sk-contract-test-key")
                .baseUrl(url("/"))
                .transport(open(Contract.OPTIONS))
                .retryPolicy(ClientRetryContract.FAST_RETRIES)
                .build());
    }

    private void statusServes(String id, int status, String fixture) {
        wireMock().stubFor(get(urlEqualTo("/api/get_status/" + id)).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody(fixture(fixture))));
    }

    private void creationServes(int status, String fixture) {
        wireMock().stubFor(post(urlEqualTo("/api/gen_video")).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody(fixture(fixture))));
    }

    private TaskStatus status(String id) {
        return fixtureClient().getStatus(id);
    }

    private <T extends Throwable> T statusFails(Class<T> type, String id) {
        ScenextClient client = fixtureClient();
        return catchThrowableOfType(type, () -> client.getStatus(id));
    }

    private <T extends Throwable> T creationFails(Class<T> type) {
        ScenextClient client = fixtureClient();
        return catchThrowableOfType(type, () -> client.generateVideo(GenerateVideoRequest.ofQuestion("q")));
    }

    private int requests() {
        return wireMock().findAll(anyRequestedFor(anyUrl())).size();
    }

    /** Every fixture the README lists is exercised here, and every fixture named here exists. */
    @Test
    default void everyFixtureOfTheReadmeIsCovered() {
        Set<String> listed = new LinkedHashSet<>();
        Matcher m = Pattern.compile("`([A-Za-z0-9_.-]+\\.json)`").matcher(fixture("README.md"));
        while (m.find()) {
            listed.add(m.group(1));
        }
        assertThat(listed).hasSizeGreaterThanOrEqualTo(19);
        assertThat(COVERED).containsExactlyInAnyOrderElementsOf(listed);
        COVERED.forEach(name -> assertThat(fixture(name)).isNotEmpty());
    }

    /** {@code gen_video-request.json}: the SDK sends the documented fields, under their wire names. */
    @Test
    default void theRequestFixtureIsWhatTheSdkSends() {
        creationServes(200, "gen_video-success.json");

        fixtureClient().generateVideo(GenerateVideoRequest.builder().question("What is Fourier series")
                .quality(Quality.MEDIUM).notifyUrl("https://your-domain.com/webhook").build());

        String body = fixture("gen_video-request.json");
        wireMock().verify(postRequestedFor(urlEqualTo("/api/gen_video"))
                .withRequestBody(matchingJsonPath("$.question", equalTo(jsonString(body, "question"))))
                .withRequestBody(matchingJsonPath("$.quality", equalTo(jsonString(body, "quality"))))
                .withRequestBody(matchingJsonPath("$.notify_url", equalTo(jsonString(body, "notify_url")))));
    }

    private static String jsonString(String json, String field) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(field) + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        if (!m.find()) {
            throw new AssertionError("no " + field + " in the fixture");
        }
        return m.group(1);
    }

    /** {@code gen_video-success.json} at 200: the task id. */
    @Test
    default void aCreatedTaskGivesItsId() {
        creationServes(200, "gen_video-success.json");

        assertThat(fixtureClient().generateVideo(GenerateVideoRequest.ofQuestion("q"))).isEqualTo(TaskId.of("12345"));
    }

    /** {@code gen_video-error.json} at 200: the task may exist; not retried, and said so. */
    @Test
    default void aCreationErrorAt200SaysTheTaskMayHaveBeenCreated() {
        creationServes(200, "gen_video-error.json");

        ServerException e = creationFails(ServerException.class);

        assertThat(e.taskMayHaveBeenCreated()).isTrue();
        assertThat(e.statusCode()).hasValue(200);
        assertThat(e.serviceMessage()).contains(
                "The video generation interface response is abnormal:500 - storyboard service unavailable");
        assertThat(e.getMessage()).contains("gen_video").contains("storyboard service unavailable")
                .contains("may have been created");
        assertThat(requests()).as("requests at the server").isEqualTo(1);
    }

    /** {@code get_status-in_progress.json} at 200. */
    @Test
    default void anInProgressStatusHasItsFrames() {
        statusServes("12345", 200, "get_status-in_progress.json");

        TaskStatus s = status("12345");

        assertThat(s.state()).isEqualTo(TaskState.IN_PROGRESS);
        assertThat(s.frames()).extracting(Frame::id).containsExactly("frame1", "frame2");
        assertThat(s.frames().get(1).imageUrl()).contains("frame3.png");
        assertThat(s.isTerminal()).isFalse();
    }

    /** {@code get_status-completed.json} at 200. */
    @Test
    default void aCompletedStatusHasItsVideoTitleCreditsAndTimes() {
        statusServes("12345", 200, "get_status-completed.json");

        TaskStatus s = status("12345");

        assertThat(s.isCompleted()).isTrue();
        assertThat(s.videoUrl()).hasValueSatisfying(u -> assertThat(u).contains("/Video/").contains(".mp4?"));
        assertThat(s.title()).contains("Fourier series");
        assertThat(s.creditsConsumed()).isEqualByComparingTo(BigDecimal.valueOf(20));
        assertThat(s.createdAt()).contains(OffsetDateTime.of(2025, 8, 12, 7, 0, 2, 0, ZoneOffset.ofHours(8)));
    }

    /** {@code get_status-failed.json} at 200. */
    @Test
    default void aFailedStatusHasItsReason() {
        statusServes("12345", 200, "get_status-failed.json");

        TaskStatus s = status("12345");

        assertThat(s.isFailed()).isTrue();
        assertThat(s.failureMessage()).contains("Task execution failed");
        assertThat(s.creditsConsumed()).isEqualByComparingTo(BigDecimal.ZERO);
    }

    /** {@code get_status-completed-backend.json} at 200: numeric frame ids, microseconds, an upper-case id. */
    @Test
    default void aCompletedStatusAsTheServerWritesItIsRead() {
        String id = "ED6E7BAE-CB5D-4E75-A6AE-B4BECED80C92";
        statusServes(id, 200, "get_status-completed-backend.json");

        TaskStatus s = status(id);

        assertThat(s.taskId()).isEqualTo(TaskId.of(id));
        assertThat(s.isCompleted()).isTrue();
        assertThat(s.frames()).extracting(Frame::id).containsExactly("1", "2");
        assertThat(s.title()).contains("傅里叶级数");
        assertThat(s.finishAt()).contains(OffsetDateTime.of(2025, 6, 7, 8, 41, 53, 123_456_000, ZoneOffset.UTC));
        assertThat(s.creditsConsumed()).isEqualByComparingTo(BigDecimal.valueOf(12));
    }

    /** {@code get_status-failed-backend.json} at 200: no progress, empty consumption, extra result fields. */
    @Test
    default void aFailedStatusAsTheServerWritesItIsRead() {
        String id = "ed6e7bae-cb5d-4e75-a6ae-b4beced80c92";
        statusServes(id, 200, "get_status-failed-backend.json");

        TaskStatus s = status(id);

        assertThat(s.isFailed()).isTrue();
        assertThat(s.frames()).isEmpty();
        assertThat(s.consumptions()).isEmpty();
        assertThat(s.failureMessage()).contains("任务执行失败，不消耗积分");
    }

    /** {@code get_status-unknown_task.json} at 200: an unknown UUID; final at once. */
    @Test
    default void anUnknownUuidIsTaskNotFound() {
        String id = "ed6e7bae-cb5d-4e75-a6ae-b4beced80c92";
        statusServes(id, 200, "get_status-unknown_task.json");

        TaskNotFoundException e = statusFails(TaskNotFoundException.class, id);

        assertThat(e.taskId()).isEqualTo(id);
        assertThat(e.getMessage()).contains("knows no task " + id).contains("list index out of range");
        assertThat(requests()).as("requests at the server").isEqualTo(1);
    }

    /** {@code get_status-malformed_id.json} at 200: an id that is not a UUID. */
    @Test
    default void anIdThatIsNotAUuidIsTaskNotFound() {
        statusServes("12345", 200, "get_status-malformed_id.json");

        TaskNotFoundException e = statusFails(TaskNotFoundException.class, "12345");

        assertThat(e.taskId()).isEqualTo("12345");
        assertThat(e.getMessage()).contains("not a well-formed task id").contains("invalid input syntax for type uuid");
        assertThat(requests()).as("requests at the server").isEqualTo(1);
    }

    /** {@code get_status-internal_state.json} at 200: a server error naming the state; not retried at once. */
    @Test
    default void aTaskInAnInternalStateIsAServerError() {
        statusServes("12345", 200, "get_status-internal_state.json");

        ServerException e = statusFails(ServerException.class, "12345");

        assertThat(e.serviceMessage()).contains("An exception occurred while obtaining the task status(3).");
        assertThat(e.getMessage()).contains("a state the API does not name");
        assertThat(e.taskMayHaveBeenCreated()).isFalse();
        assertThat(requests()).as("requests at the server").isEqualTo(1);
    }

    /**
     * {@code get_status-not_found.json} at 200, 404 or 500: the documented text.
     *
     * @param status the HTTP status it is served with
     */
    @ParameterizedTest
    @ValueSource(ints = {200, 404, 500})
    default void theDocumentedNotFoundIsTaskNotFoundAtAnyStatus(int status) {
        statusServes("12345", status, "get_status-not_found.json");

        TaskNotFoundException e = statusFails(TaskNotFoundException.class, "12345");

        assertThat(e.statusCode()).hasValue(status);
        assertThat(e.getMessage()).contains("knows no task 12345").contains("Task not found");
        assertThat(requests()).as("requests at the server").isEqualTo(1);
    }

    /** {@code error-unauthorized.json} at 401. */
    @Test
    default void theDocumentedBadKeyIsAnAuthenticationError() {
        statusServes("12345", 401, "error-unauthorized.json");

        AuthenticationException e = statusFails(AuthenticationException.class, "12345");

        assertThat(e.serviceMessage()).contains("Unauthorized: Invalid API key");
        assertThat(e.getMessage()).contains("rejected the API key").doesNotContain("sk-contract-test-key");
    }

    /**
     * {@code auth-missing.json} at 403 (401 on newer servers): the framework's response, quoted.
     *
     * @param status the HTTP status it is served with
     */
    @ParameterizedTest
    @ValueSource(ints = {401, 403})
    default void theFrameworksNotAuthenticatedIsAnAuthenticationError(int status) {
        creationServes(status, "auth-missing.json");

        AuthenticationException e = creationFails(AuthenticationException.class);

        assertThat(e.getMessage()).contains("Not authenticated").contains("HTTP " + status);
        assertThat(e.taskMayHaveBeenCreated()).isFalse();
        assertThat(requests()).as("requests at the server").isEqualTo(1);
    }

    /**
     * {@code validation-422.json} and {@code validation-422-pydantic2.json} at 422: the field and the message.
     *
     * @param name the fixture
     */
    @ParameterizedTest
    @ValueSource(strings = {"validation-422.json", "validation-422-pydantic2.json"})
    default void aValidatorsRefusalNamesTheFieldAndItsMessage(String name) {
        creationServes(422, name);
        String msg = name.contains("pydantic2") ? "Input should be a valid string" : "str type expected";

        ValidationException e = creationFails(ValidationException.class);

        assertThat(e.field()).contains("question");
        assertThat(e.getMessage()).contains("question: " + msg).contains("HTTP 422");
        assertThat(e.taskMayHaveBeenCreated()).isFalse();
        assertThat(requests()).as("requests at the server").isEqualTo(1);
    }

    /** {@code route-not-found.json} at 404: a protocol error quoting the detail and the URL. */
    @Test
    default void anUnknownRouteIsAProtocolErrorNamingTheUrl() {
        statusServes("12345", 404, "route-not-found.json");

        ProtocolException e = statusFails(ProtocolException.class, "12345");

        URI asked = url("/api/get_status/12345");
        assertThat(e.getMessage()).contains("\"Not Found\"").contains(asked.toString()).contains("base URL");
        assertThat(e.statusCode()).hasValue(404);
    }

    /**
     * {@code webhook-completed.json} and {@code webhook-failed.json}: signed and verified, they give the event.
     *
     * @param name the fixture
     */
    @ParameterizedTest
    @ValueSource(strings = {"webhook-completed.json", "webhook-failed.json"})
    default void theWebhookBodiesVerifyAndGiveTheirEvent(String name) {
        byte[] body = fixture(name).getBytes(StandardCharsets.UTF_8);
        WebhookVerifier verifier = WebhookVerifier.builder().secret("sk-contract-test-key")
                .clock(Clock.fixed(Instant.ofEpochSecond(1672531200L), ZoneOffset.UTC)).build();

        WebhookEvent event = verifier.verify(body, WebhookSigner.of("sk-contract-test-key").sign(body));

        assertThat(event.taskId()).isEqualTo(TaskId.of("12345"));
        assertThat(event.state()).isEqualTo(name.contains("completed") ? TaskState.COMPLETED : TaskState.FAILED);
        assertThat(event.frames()).hasSize(2);
        assertThat(event.timestamp()).isEqualTo(Instant.ofEpochSecond(1672531200L));
    }
}
