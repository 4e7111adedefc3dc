package cn.scenext.tck;

import static cn.scenext.tck.Contract.asyncFailure;
import static cn.scenext.tck.Contract.get;
import static cn.scenext.tck.Contract.post;
import static cn.scenext.tck.Contract.syncFailure;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;

import cn.scenext.api.exception.TransportException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * WireMock's network faults, each surfacing as a {@link TransportException} with the right reason, and each
 * sent exactly once: a transport never retries on its own.
 */
public interface FaultContract extends ContractFixture {

    /**
     * A fault on a synchronous GET: the right reason, and one request at the server (two where the HTTP library
     * resends a GET left without a response by itself, see {@link #resendsIdempotentRequestsWithoutResponse()}).
     */
    @ParameterizedTest
    @EnumSource(NetworkFault.class)
    default void faultIsTransportExceptionAndNotRetried(NetworkFault fault) {
        wireMock().stubFor(any(anyUrl()).willReturn(fault.response("late")));

        TransportException e = syncFailure(open(Contract.optionsFor(fault)), get(url("/api/get_status/f")));

        assertThat(e.reason()).isEqualTo(fault.reason());
        assertThat(e.requestMayHaveBeenSent()).isTrue();
        int requests = wireMock().findAll(anyRequestedFor(anyUrl())).size();
        if (fault.endsBeforeResponse() && resendsIdempotentRequestsWithoutResponse()) {
            // The library, not the transport, decides whether to send the GET again (once as a rule, twice seen
            // under load): bounded, and never for a POST (next test).
            assertThat(requests).isBetween(1, 1 + ContractFixture.LIBRARY_RESENDS_AT_MOST);
        } else {
            assertThat(requests).isEqualTo(1);
        }
    }

    /** A fault on an asynchronous POST: the future fails with the right reason, one request at the server. */
    @ParameterizedTest
    @EnumSource(NetworkFault.class)
    default void faultIsTransportExceptionAndNotRetriedAsync(NetworkFault fault) {
        wireMock().stubFor(any(anyUrl()).willReturn(fault.response("late")));

        TransportException e = asyncFailure(open(Contract.optionsFor(fault))
                .executeAsync(post(url("/api/gen_video"), "{\"question\":\"q\"}".getBytes(StandardCharsets.UTF_8))));

        assertThat(e.reason()).isEqualTo(fault.reason());
        assertThat(e.requestMayHaveBeenSent()).isTrue();
        assertThat(wireMock().findAll(anyRequestedFor(anyUrl()))).hasSize(1);
    }
}
