package cn.scenext.core;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import cn.scenext.api.GenerateVideoRequest;
import cn.scenext.api.TaskId;
import cn.scenext.api.exception.AuthenticationException;
import cn.scenext.api.exception.ClientClosedException;
import cn.scenext.api.exception.ProtocolException;
import cn.scenext.api.exception.ScenextException;
import cn.scenext.api.exception.ServerException;
import cn.scenext.api.exception.TaskNotFoundException;
import cn.scenext.api.exception.TransportException;
import cn.scenext.api.exception.ValidationException;
import cn.scenext.api.transport.HttpRequest;
import cn.scenext.api.transport.HttpResponse;
import cn.scenext.api.transport.Transport;
import cn.scenext.core.testing.Fixtures;
import cn.scenext.core.testing.RefusedPort;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The service's answers as its public server code gives them (SCENEXT_API.md, "Answers as the server really
 * gives them"): errors at HTTP 200, the unknown-id texts, the framework's {@code {"detail"}} bodies, and task
 * creations that may have created the task. Each runs with the default retry policy, so that a retry the SDK
 * must not make would show at the server.
 */
class ServerAnswersTest extends ClientTestSupport {
    private static final GenerateVideoRequest REQUEST = GenerateVideoRequest.ofQuestion("What is Fourier series");
    private static final String ABNORMAL = "{\"status\":\"error\",\"data\":{\"messages\":\"The video generation "
            + "interface response is abnormal:500 - storyboard service unavailable\"}}";

    private static ResponseDefinitionBuilder answer(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    private void statusAnswers(String id, int status, String body) {
        wm.stubFor(get(urlEqualTo("/api/get_status/" + id)).willReturn(answer(status, body)));
    }

    private void creationAnswers(int status, String body) {
        wm.stubFor(post(urlEqualTo("/api/gen_video")).willReturn(answer(status, body)));
    }

    private <T extends Throwable> T statusFails(Class<T> type, String id) {
        try (ScenextClient client = clientBuilder().build()) {
            return catchThrowableOfType(type, () -> client.getStatus(id));
        }
    }

    private <T extends Throwable> T creationFails(Class<T> type) {
        try (ScenextClient client = clientBuilder().build()) {
            return catchThrowableOfType(type, () -> client.generateVideo(REQUEST));
        }
    }

    private Throwable creationFailsAsync() throws Exception {
        try (ScenextClient client = clientBuilder().build()) {
            try {
                client.generateVideoAsync(REQUEST).get(10, TimeUnit.SECONDS);
                throw new AssertionError("the creation succeeded");
            } catch (ExecutionException e) {
                return e.getCause();
            }
        }
    }

    // ---- unknown task, in every form ----------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(ints = {200, 404, 500})
    void anUnknownUuidIsTaskNotFoundAtAnyStatusAndIsNotRetried(int status) {
        String id = "ed6e7bae-cb5d-4e75-a6ae-b4beced80c92";
        statusAnswers(id, status, Fixtures.text("get_status-unknown_task.json"));

        TaskNotFoundException e = statusFails(TaskNotFoundException.class, id);

        assertThat(e.taskId()).isEqualTo(id);
        assertThat(e.statusCode()).hasValue(status);
        assertThat(e.serviceMessage()).contains("Server error:list index out of range");
        assertThat(e.getMessage()).contains("knows no task " + id).contains("list index out of range");
        assertThat(e.taskMayHaveBeenCreated()).isFalse();
        wm.verify(1, getRequestedFor(urlEqualTo("/api/get_status/" + id)));
    }

    @ParameterizedTest
    @ValueSource(ints = {200, 404, 500})
    void anIdThatIsNotAUuidIsTaskNotFoundSayingSo(int status) {
        statusAnswers("12345", status, Fixtures.text("get_status-malformed_id.json"));

        TaskNotFoundException e = statusFails(TaskNotFoundException.class, "12345");

        assertThat(e.taskId()).isEqualTo("12345");
        assertThat(e.getMessage()).contains("not a well-formed task id").contains("UUID")
                .contains("invalid input syntax for type uuid");
        wm.verify(1, getRequestedFor(urlEqualTo("/api/get_status/12345")));
    }

    @Test
    void anUnknownTaskIsFinalForAnAsynchronousReadToo() throws Exception {
        statusAnswers("12345", 200, Fixtures.text("get_status-unknown_task.json"));

        try (ScenextClient client = clientBuilder().build()) {
            Throwable e = catchThrowableOfType(ExecutionException.class,
                    () -> client.getStatusAsync(TaskId.of("12345")).get(10, TimeUnit.SECONDS)).getCause();
            assertThat(e).isInstanceOf(TaskNotFoundException.class);
        }
        wm.verify(1, getRequestedFor(urlEqualTo("/api/get_status/12345")));
    }

    @Test
    void theNotFoundTextsAreNotATaskNotFoundForATaskCreation() {
        creationAnswers(200, Fixtures.text("get_status-unknown_task.json"));

        ServerException e = creationFails(ServerException.class);

        assertThat(e).isNotInstanceOf(TaskNotFoundException.class);
        assertThat(e.taskMayHaveBeenCreated()).isTrue();
    }

    @Test
    void aTaskInAnInternalStateIsAServerErrorThatIsNotRetriedAtOnce() {
        statusAnswers("12345", 200, Fixtures.text("get_status-internal_state.json"));

        ServerException e = statusFails(ServerException.class, "12345");

        assertThat(e.statusCode()).hasValue(200);
        assertThat(e.serviceMessage()).contains("An exception occurred while obtaining the task status(3).");
        assertThat(e.getMessage()).contains("task 12345").contains("a state the API does not name")
                .contains("a wait polls again");
        wm.verify(1, getRequestedFor(urlEqualTo("/api/get_status/12345")));
    }

    // ---- the framework's answers --------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(ints = {401, 403})
    void theFrameworksNotAuthenticatedIsAnAuthenticationErrorQuotingIt(int status) {
        statusAnswers("12345", status, Fixtures.text("auth-missing.json"));

        AuthenticationException e = statusFails(AuthenticationException.class, "12345");

        assertThat(e.getMessage()).contains("Not authenticated").contains("HTTP " + status);
        assertThat(e.serviceMessage()).contains("Not authenticated");
        wm.verify(1, getRequestedFor(urlEqualTo("/api/get_status/12345")));
    }

    @Test
    void anotherSchemeRefusedIsAnAuthenticationErrorAndCreatesNoTask() {
        creationAnswers(403, "{\"detail\":\"Invalid authentication credentials\"}");

        AuthenticationException e = creationFails(AuthenticationException.class);

        assertThat(e.getMessage()).contains("Invalid authentication credentials");
        assertThat(e.taskMayHaveBeenCreated()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"validation-422.json", "validation-422-pydantic2.json"})
    void aValidatorsRefusalNamesTheFieldAndQuotesItsMessage(String fixture) {
        creationAnswers(422, Fixtures.text(fixture));
        String msg = fixture.contains("pydantic2") ? "Input should be a valid string" : "str type expected";

        ValidationException e = creationFails(ValidationException.class);

        assertThat(e.field()).contains("question");
        assertThat(e.getMessage()).contains("question: " + msg).contains("HTTP 422").contains("not the SDK")
                .doesNotContain("body");
        assertThat(e.serviceMessage()).contains("question: " + msg);
        assertThat(e.taskMayHaveBeenCreated()).isFalse();
        wm.verify(1, postRequestedFor(urlEqualTo("/api/gen_video")));
    }

    @Test
    void aValidatorsFieldIsNamedAsTheBuilderMethodAndAWholeBodyRefusalNamesNone() {
        creationAnswers(422, "{\"detail\":[{\"loc\":[\"body\",\"notify_url\"],\"msg\":\"invalid or missing URL "
                + "scheme\",\"type\":\"value_error.url.scheme\"}]}");
        assertThat(creationFails(ValidationException.class).field()).contains("notifyUrl");

        creationAnswers(422, "{\"detail\":[{\"loc\":[\"body\"],\"msg\":\"value is not a valid dict\"}]}");
        ValidationException e = creationFails(ValidationException.class);
        assertThat(e.field()).isEmpty();
        assertThat(e.getMessage()).contains("the body: value is not a valid dict");
    }

    @Test
    void anUnknownRouteIsAProtocolErrorQuotingTheDetailAndTheUrl() {
        statusAnswers("12345", 404, Fixtures.text("route-not-found.json"));

        ProtocolException e = statusFails(ProtocolException.class, "12345");

        assertThat(e.getMessage()).contains("\"Not Found\"").contains(wm.baseUrl() + "/api/get_status/12345")
                .contains("Check the base URL").contains("task id");
        assertThat(e.statusCode()).hasValue(404);
    }

    @Test
    void aWrongMethodIsAProtocolErrorQuotingTheDetail() {
        creationAnswers(405, "{\"detail\":\"Method Not Allowed\"}");

        ProtocolException e = creationFails(ProtocolException.class);

        assertThat(e.getMessage()).contains("\"Method Not Allowed\"").contains(wm.baseUrl() + "/api/gen_video")
                .contains("Check the base URL");
        assertThat(e.taskMayHaveBeenCreated()).isFalse();
    }

    // ---- creation that may have happened ------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(ints = {200, 400, 500})
    void anErrorEnvelopeOfACreationSaysTheTaskMayExistAndIsNotRetried(int status) {
        creationAnswers(status, ABNORMAL);

        ScenextException e = creationFails(ScenextException.class);

        assertThat(e.taskMayHaveBeenCreated()).isTrue();
        assertThat(e.getMessage()).contains("abnormal").contains("may have been created");
        assertThat(e.serviceMessage()).hasValueSatisfying(m -> assertThat(m).contains("storyboard"));
        wm.verify(1, postRequestedFor(urlEqualTo("/api/gen_video")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"status\":\"success\",\"data\":{\"task_id\":",
        "<html><body>Welcome to nginx</body></html>", "{\"status\":\"success\",\"data\":{}}",
        "{\"status\":\"success\",\"data\":{\"title\":\"x\"}}"})
    void anUnreadableSuccessOfACreationSaysTheTaskMayExistAndIsNotRetried(String body) throws Exception {
        creationAnswers(200, body);

        ProtocolException e = creationFails(ProtocolException.class);

        assertThat(e.taskMayHaveBeenCreated()).isTrue();
        assertThat(e.getMessage()).contains("could not be read").contains("may have been created");
        assertThat(creationFailsAsync()).isInstanceOfSatisfying(ProtocolException.class,
                a -> assertThat(a.taskMayHaveBeenCreated()).isTrue());
        wm.verify(2, postRequestedFor(urlEqualTo("/api/gen_video")));
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503, 504})
    void aProxysServerErrorOfACreationSaysTheTaskMayExistAndIsNotRetried(int status) throws Exception {
        creationAnswers(status, "<html><body><h1>" + status + " Gateway</h1>nginx</body></html>");

        ServerException e = creationFails(ServerException.class);

        assertThat(e.taskMayHaveBeenCreated()).isTrue();
        assertThat(e.statusCode()).hasValue(status);
        assertThat(e.getMessage()).contains("may have been created");
        assertThat(creationFailsAsync()).isInstanceOfSatisfying(ServerException.class,
                a -> assertThat(a.taskMayHaveBeenCreated()).isTrue());
        wm.verify(2, postRequestedFor(urlEqualTo("/api/gen_video")));
        assertThat(scheduler.waits()).isEmpty();
    }

    @Test
    void theServicesOwn503IsRetriedAndItsLastAnswerCreatedNothing() throws Exception {
        creationAnswers(503, "{\"status\":\"error\",\"data\":{\"messages\":\"Service busy\"}}");

        ServerException e = creationFails(ServerException.class);

        assertThat(e.taskMayHaveBeenCreated()).isFalse();
        assertThat(e.getMessage()).contains("after 3 attempts").doesNotContain("may have been created");
        wm.verify(3, postRequestedFor(urlEqualTo("/api/gen_video")));
        assertThat(creationFailsAsync()).isInstanceOf(ServerException.class);
        wm.verify(6, postRequestedFor(urlEqualTo("/api/gen_video")));
    }

    @Test
    void aConnectionLostAfterSendingTheCreationIsMarkedOnTheTransportException() throws Exception {
        wm.stubFor(post(urlEqualTo("/api/gen_video"))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        TransportException e = creationFails(TransportException.class);

        assertThat(e.requestMayHaveBeenSent()).isTrue();
        assertThat(e.taskMayHaveBeenCreated()).isTrue();
        assertThat(e.getMessage()).contains("may have been created");
        assertThat(e.getCause()).isInstanceOf(TransportException.class);
        assertThat(creationFailsAsync()).isInstanceOfSatisfying(TransportException.class,
                a -> assertThat(a.taskMayHaveBeenCreated()).isTrue());
        wm.verify(2, postRequestedFor(urlEqualTo("/api/gen_video")));
    }

    @Test
    void aStatusReadIsNeverMarkedAsHavingCreatedATask() {
        wm.stubFor(get(urlEqualTo("/api/get_status/12345"))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        TransportException e = statusFails(TransportException.class, "12345");

        assertThat(e.requestMayHaveBeenSent()).isTrue();
        assertThat(e.taskMayHaveBeenCreated()).isFalse();
        statusAnswers("12345", 502, "Bad Gateway");
        assertThat(statusFails(ServerException.class, "12345").taskMayHaveBeenCreated()).isFalse();
    }

    @Test
    void closingTheClientWhileACreationIsInFlightSaysTheTaskMayHaveBeenCreated() throws Exception {
        Transport hanging = new Transport() {
            @Override
            public HttpResponse execute(HttpRequest request) {
                throw new UnsupportedOperationException("asynchronous only");
            }

            @Override
            public CompletableFuture<HttpResponse> executeAsync(HttpRequest request) {
                return new CompletableFuture<>(); // sent, never answered
            }

            @Override
            public String name() {
                return "hanging";
            }

            @Override
            public void close() {
            }
        };
        ScenextClient client = clientBuilder().transport(hanging).build();
        CompletableFuture<TaskId> creation = client.generateVideoAsync(REQUEST);
        CompletableFuture<?> read = client.getStatusAsync(TaskId.of("12345"));

        client.close();

        Throwable created = catchThrowableOfType(ExecutionException.class,
                () -> creation.get(10, TimeUnit.SECONDS)).getCause();
        assertThat(created).isInstanceOfSatisfying(ClientClosedException.class, e -> {
            assertThat(e.taskMayHaveBeenCreated()).isTrue();
            assertThat(e.getMessage()).contains("may have been created");
        });
        Throwable readFailure = catchThrowableOfType(ExecutionException.class,
                () -> read.get(10, TimeUnit.SECONDS)).getCause();
        assertThat(readFailure).isInstanceOfSatisfying(ClientClosedException.class,
                e -> assertThat(e.taskMayHaveBeenCreated()).isFalse());
    }

    @Test
    void aRefusedConnectionCreatedNothing() throws Exception {
        try (RefusedPort closed = new RefusedPort();
                ScenextClient client = clientBuilder().baseUrl("http://127.0.0.1:" + closed.port()).build()) {
            Throwable e = catchThrowable(() -> client.generateVideo(REQUEST));
            assertThat(e).isInstanceOfSatisfying(TransportException.class, t -> {
                assertThat(t.requestMayHaveBeenSent()).isFalse();
                assertThat(t.taskMayHaveBeenCreated()).isFalse();
            });
        }
        assertThat(scheduler.waits()).hasSize(2);
    }
}
