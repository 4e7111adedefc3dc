package cn.scenext.core;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.scenext.api.TaskId;
import cn.scenext.api.TaskState;
import cn.scenext.api.exception.InvalidValueException;
import cn.scenext.api.exception.TransportException;
import cn.scenext.api.transport.HttpRequest;
import cn.scenext.api.transport.HttpResponse;
import cn.scenext.core.testing.Fixtures;
import cn.scenext.core.testing.LogCapture;
import com.github.tomakehurst.wiremock.http.Fault;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Whatever an interceptor throws, {@link Error}s included, is logged and ignored: calls succeed or fail as
 * without it, and an asynchronous call's future always completes. Configuration errors never echo a base URL's
 * user info or query.
 */
class InterceptorContainmentTest extends ClientTestSupport {
    private static final long GUARD_SECONDS = 30;

    /** Throws an {@link AssertionError} (what a failed assertion in a test interceptor is) from every method. */
    private static final class Throwing implements Interceptor {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public HttpRequest onRequest(Attempt attempt, HttpRequest request) {
            calls.incrementAndGet();
            throw new AssertionError("onRequest broke");
        }

        @Override
        public void onResponse(Attempt attempt, HttpResponse response) {
            calls.incrementAndGet();
            throw new StackOverflowError("onResponse broke");
        }

        @Override
        public void onFailure(Attempt attempt, TransportException failure) {
            calls.incrementAndGet();
            throw new AssertionError("onFailure broke");
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void errorsThrownByInterceptorsAreLoggedAndTheCallSucceeds(boolean async) throws Exception {
        wm.stubFor(get(urlEqualTo("/api/get_status/12345")).willReturn(aResponse().withStatus(200)
                .withBody(Fixtures.text("get_status-in_progress.json"))));
        Throwing interceptor = new Throwing();
        List<String> lines;
        try (LogCapture logs = new LogCapture();
                ScenextClient client = clientBuilder().addInterceptor(interceptor).build()) {
            TaskState state = async
                    ? client.getStatusAsync(TaskId.of("12345")).get(GUARD_SECONDS, TimeUnit.SECONDS).state()
                    : client.getStatus("12345").state();
            assertThat(state).isEqualTo(TaskState.IN_PROGRESS);
            lines = logs.lines();
        }

        assertThat(interceptor.calls.get()).isEqualTo(2);
        assertThat(lines).anyMatch(l -> l.contains("onRequest") && l.contains("AssertionError"));
        assertThat(lines).anyMatch(l -> l.contains("onResponse") && l.contains("StackOverflowError"));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void errorsThrownOnAFailedAttemptLeaveTheFailureTypedAndTheFutureComplete(boolean async) throws Exception {
        wm.stubFor(get(urlEqualTo("/api/get_status/12345")).willReturn(aResponse()
                .withFault(Fault.CONNECTION_RESET_BY_PEER)));
        Throwing interceptor = new Throwing();
        try (ScenextClient client = clientBuilder().addInterceptor(interceptor).retryPolicy(RetryPolicy.none())
                .build()) {
            if (async) {
                assertThatThrownBy(() -> client.getStatusAsync(TaskId.of("12345")).get(GUARD_SECONDS, TimeUnit.SECONDS))
                        .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(TransportException.class);
            } else {
                assertThatThrownBy(() -> client.getStatus("12345")).isInstanceOf(TransportException.class);
            }
        }

        assertThat(interceptor.calls.get()).isEqualTo(2); // onRequest, then onFailure
    }

    @Test
    void configurationErrorsNeverEchoUserInfoOrAQuery() {
        String[] urls = {
            "https://user:s3cret-pass@api.example.com/?token=s3cret-token",
            "ftp://user:s3cret-pass@api.example.com/x?token=s3cret-token",
            "https://user:s3cret-pass@api.example.com:99999999999/x?token=s3cret-token",
            "https://user:s3cret-pass@exa mple.com/?token=s3cret-token",
            "relative/path?token=s3cret-token",
        };
        for (String url : urls) {
            assertThatThrownBy(() -> ScenextClient.builder().apiKey(API_KEY).baseUrl(url))
                    .isInstanceOf(InvalidValueException.class)
                    .satisfies(e -> assertThat(e.getMessage()).as(url).doesNotContain("s3cret"));
        }
    }
}
