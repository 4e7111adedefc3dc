package cn.scenext.core.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import cn.scenext.api.exception.TransportException;
import cn.scenext.api.transport.HttpRequest;
import cn.scenext.api.transport.HttpResponse;
import cn.scenext.core.Attempt;
import cn.scenext.core.Interceptor;
import cn.scenext.core.testing.LogCapture;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class InterceptorsTest {
    private static final Attempt ATTEMPT = Attempt.starting("get_status", 1, null, 0);
    private static final HttpRequest REQUEST = HttpRequest.builder().get(Calls.BASE.resolve("api/x")).build();

    private final List<String> seen = new ArrayList<>();

    @Test
    void eachInterceptorSeesTheRequestTheOneBeforeItGave() {
        Interceptor first = recording("first", r -> r.toBuilder().setHeader("X-First", "1").build());
        Interceptor second = recording("second", r -> {
            seen.add("second saw X-First=" + r.headers().firstValue("X-First").orElse("none"));
            return null; // null keeps the request as it is
        });
        Interceptors interceptors = new Interceptors(Arrays.asList(first, second), new Redactor(Calls.KEY));

        HttpRequest out = interceptors.onRequest(ATTEMPT, REQUEST);

        assertThat(out.headers().firstValue("X-First")).hasValue("1");
        assertThat(seen).containsExactly("first onRequest", "second onRequest", "second saw X-First=1");
    }

    @Test
    void aFailingInterceptorIsLoggedRedactedAndTheNextStillRuns() {
        Interceptor failing = new Interceptor() {
            @Override
            public HttpRequest onRequest(Attempt attempt, HttpRequest request) {
                throw new StackOverflowError("leaked " + Calls.KEY);
            }

            @Override
            public void onResponse(Attempt attempt, HttpResponse response) {
                throw new IllegalStateException("leaked " + Calls.KEY);
            }

            @Override
            public void onFailure(Attempt attempt, TransportException failure) {
                throw new IllegalStateException("leaked " + Calls.KEY);
            }
        };
        Interceptors interceptors = new Interceptors(Arrays.asList(failing, recording("next", r -> r)),
                new Redactor(Calls.KEY));
        try (LogCapture log = new LogCapture()) {
            assertThat(interceptors.onRequest(ATTEMPT, REQUEST)).isSameAs(REQUEST);
            interceptors.onResponse(ATTEMPT, Calls.response(200, "{}"));
            interceptors.onFailure(ATTEMPT, new TransportException(TransportException.Reason.IO_ERROR, "cut", null));

            assertThat(seen).containsExactly("next onRequest", "next onResponse 200", "next onFailure IO_ERROR");
            assertThat(log.lines()).hasSize(3).allSatisfy(line -> assertThat(line).contains("ignored")
                    .contains(Redactor.MASK).doesNotContain(Calls.KEY));
        }
    }

    private Interceptor recording(String name, java.util.function.UnaryOperator<HttpRequest> onRequest) {
        return new Interceptor() {
            @Override
            public HttpRequest onRequest(Attempt attempt, HttpRequest request) {
                seen.add(name + " onRequest");
                return onRequest.apply(request);
            }

            @Override
            public void onResponse(Attempt attempt, HttpResponse response) {
                seen.add(name + " onResponse " + response.statusCode());
            }

            @Override
            public void onFailure(Attempt attempt, TransportException failure) {
                seen.add(name + " onFailure " + failure.reason());
            }
        };
    }
}
