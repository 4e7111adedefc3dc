package cn.scenext.core.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import cn.scenext.api.transport.HttpRequest;
import cn.scenext.core.Attempt;
import cn.scenext.core.Interceptor;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import org.junit.jupiter.api.Test;

class RequestPreparerTest {
    private static final Attempt ATTEMPT = Attempt.starting("get_status", 1, null, 0);

    private static RequestPreparer preparer(Interceptor... interceptors) {
        Redactor redactor = new Redactor(Calls.KEY);
        java.util.List<Interceptor> list = interceptors.length == 0 ? Collections.<Interceptor>emptyList()
                : java.util.Arrays.asList(interceptors);
        return new RequestPreparer(Calls.BASE, Calls.KEY, "scenext-java/test", new Interceptors(list, redactor));
    }

    @Test
    void anApiCallTakesTheKeyTheUserAgentAndJsonHeaders() {
        HttpRequest post = HttpRequest.builder().post(Calls.BASE.resolve("api/gen_video"),
                "{}".getBytes(StandardCharsets.UTF_8)).build();

        HttpRequest out = preparer().prepare(ATTEMPT, post, true, true);

        assertThat(out.headers().firstValue("Authorization")).hasValue("Bearer " + Calls.KEY);
        assertThat(out.headers().firstValue("User-Agent")).hasValue("scenext-java/test");
        assertThat(out.headers().firstValue("Accept")).hasValue("application/json");
        assertThat(out.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
    }

    @Test
    void aGetHasNoContentTypeAndADownloadNoJsonHeaders() {
        HttpRequest get = HttpRequest.builder().get(Calls.BASE.resolve("api/get_status/1")).build();

        HttpRequest api = preparer().prepare(ATTEMPT, get, true, true);
        HttpRequest download = preparer().prepare(ATTEMPT, get, false, true);

        assertThat(api.headers().contains("Content-Type")).isFalse();
        assertThat(download.headers().contains("Accept")).isFalse();
        assertThat(download.headers().firstValue("User-Agent")).hasValue("scenext-java/test");
    }

    @Test
    void theKeyNeverLeavesTheApiOriginWhateverAnInterceptorDoes() {
        Interceptor redirecting = new Interceptor() {
            @Override
            public HttpRequest onRequest(Attempt attempt, HttpRequest request) {
                return request.toBuilder().uri(URI.create("https://evil.test/steal"))
                        .setHeader("Authorization", "Bearer " + Calls.KEY).build();
            }
        };
        HttpRequest get = HttpRequest.builder().get(Calls.BASE.resolve("api/get_status/1")).build();

        HttpRequest out = preparer(redirecting).prepare(ATTEMPT, get, true, true);

        assertThat(out.uri().getHost()).isEqualTo("evil.test");
        assertThat(out.headers().contains("Authorization")).isFalse();
    }

    @Test
    void otherPortsAndSchemesAreOtherOrigins() {
        RequestPreparer p = preparer();

        assertThat(p.isApiOrigin(URI.create("https://api.scenext.test/any/path?q=1"))).isTrue();
        assertThat(p.isApiOrigin(URI.create("https://api.scenext.test:8443/api"))).isFalse();
        assertThat(p.isApiOrigin(URI.create("http://api.scenext.test/api"))).isFalse();
        assertThat(p.isApiOrigin(URI.create("https://files.scenext.test/api"))).isFalse();
    }

    @Test
    void withoutCredentialsTheKeyIsLeftOutEvenOnTheApiOrigin() {
        HttpRequest get = HttpRequest.builder().get(Calls.BASE.resolve("files/v.mp4?sig=abc"))
                .setHeader("Authorization", "Bearer someone-else").build();

        HttpRequest out = preparer().prepare(ATTEMPT, get, false, false);

        assertThat(out.headers().contains("Authorization")).isFalse();
    }
}
