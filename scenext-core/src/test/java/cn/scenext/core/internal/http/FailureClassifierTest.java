package cn.scenext.core.internal.http;

import static cn.scenext.core.internal.http.FailureClassifier.Kind.CANCELLED;
import static cn.scenext.core.internal.http.FailureClassifier.Kind.FINAL;
import static cn.scenext.core.internal.http.FailureClassifier.Kind.TRANSIENT;
import static cn.scenext.core.internal.http.FailureClassifier.Kind.UNCLASSIFIED;
import static org.assertj.core.api.Assertions.assertThat;

import cn.scenext.api.exception.AuthenticationException;
import cn.scenext.api.exception.ClientClosedException;
import cn.scenext.api.exception.ErrorDetails;
import cn.scenext.api.exception.ProtocolException;
import cn.scenext.api.exception.RateLimitException;
import cn.scenext.api.exception.ServerException;
import cn.scenext.api.exception.TaskNotFoundException;
import cn.scenext.api.exception.TransportException;
import cn.scenext.api.exception.ValidationException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class FailureClassifierTest {

    @ParameterizedTest
    @ValueSource(ints = {408, 429, 500, 502, 503, 504, 599})
    void temporaryStatuses(int status) {
        assertThat(FailureClassifier.isTransientStatus(status)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = {200, 206, 301, 400, 401, 403, 404, 409, 416, 422})
    void otherStatusesAreNotTemporary(int status) {
        assertThat(FailureClassifier.isTransientStatus(status)).isFalse();
    }

    @Test
    void networkFailuresAreTemporaryExceptACancel() {
        for (TransportException.Reason reason : TransportException.Reason.values()) {
            TransportException e = new TransportException(reason, "x", null);
            assertThat(FailureClassifier.classify(e)).as(reason.name())
                    .isEqualTo(reason == TransportException.Reason.CANCELLED ? CANCELLED : TRANSIENT);
        }
    }

    @Test
    void rateLimitAndServerFailuresAreTemporary() {
        assertThat(FailureClassifier.classify(new RateLimitException("slow down", ErrorDetails.of(429, null, null),
                null))).isEqualTo(TRANSIENT);
        assertThat(FailureClassifier.classify(server(503))).isEqualTo(TRANSIENT);
        assertThat(FailureClassifier.classify(server(500))).isEqualTo(TRANSIENT);
        assertThat(FailureClassifier.classify(server(408))).isEqualTo(TRANSIENT);
    }

    @Test
    void anErrorOrAGarbledBodyAt2xxCannotBeClassified() {
        assertThat(FailureClassifier.classify(server(200))).isEqualTo(UNCLASSIFIED);
        assertThat(FailureClassifier.classify(new ProtocolException("garbled", null, ErrorDetails.of(200, null,
                null)))).isEqualTo(UNCLASSIFIED);
        assertThat(FailureClassifier.classify(new ProtocolException("garbled", null, ErrorDetails.none())))
                .isEqualTo(UNCLASSIFIED);
    }

    @Test
    void whatRepeatsTheSameIsFinal() {
        assertThat(FailureClassifier.classify(new ProtocolException("redirect", null, ErrorDetails.of(302, null,
                null)))).isEqualTo(FINAL);
        assertThat(FailureClassifier.classify(new AuthenticationException("no", ErrorDetails.of(401, null, null))))
                .isEqualTo(FINAL);
        assertThat(FailureClassifier.classify(new TaskNotFoundException("1", "gone", ErrorDetails.of(200, null,
                null)))).isEqualTo(FINAL);
        assertThat(FailureClassifier.classify(new ValidationException("question", "bad"))).isEqualTo(FINAL);
        assertThat(FailureClassifier.classify(new ClientClosedException("closed"))).isEqualTo(FINAL);
        assertThat(FailureClassifier.classify(new IllegalStateException("bug"))).isEqualTo(FINAL);
    }

    private static ServerException server(int status) {
        return new ServerException("failed", ErrorDetails.of(status, null, null));
    }
}
