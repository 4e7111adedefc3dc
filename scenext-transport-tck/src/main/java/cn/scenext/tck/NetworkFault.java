package cn.scenext.tck;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import cn.scenext.api.exception.TransportException.Reason;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;

/** The network faults every transport must report as a {@link cn.scenext.api.exception.TransportException}. */
public enum NetworkFault {
    /** The server resets the connection instead of responding. */
    CONNECTION_RESET_BY_PEER(Fault.CONNECTION_RESET_BY_PEER, Reason.IO_ERROR, true),
    /** The server closes the connection without a byte of response. */
    EMPTY_RESPONSE(Fault.EMPTY_RESPONSE, Reason.IO_ERROR, true),
    /** The server sends a 200 status line, then garbage as the chunked body, then closes. */
    MALFORMED_RESPONSE_CHUNK(Fault.MALFORMED_RESPONSE_CHUNK, Reason.IO_ERROR, false),
    /** The server sends garbage instead of an HTTP response, then closes. */
    RANDOM_DATA_THEN_CLOSE(Fault.RANDOM_DATA_THEN_CLOSE, Reason.IO_ERROR, false),
    /** The server responds well, but only after the read timeout has passed. */
    DELAY_BEYOND_READ_TIMEOUT(null, Reason.READ_TIMEOUT, false);

    private final Fault fault;
    private final Reason reason;
    private final boolean endsBeforeResponse;

    NetworkFault(Fault fault, Reason reason, boolean endsBeforeResponse) {
        this.fault = fault;
        this.reason = reason;
        this.endsBeforeResponse = endsBeforeResponse;
    }

    /**
     * The WireMock response that produces the fault.
     *
     * @param lateBody the body of the late response, for {@link #DELAY_BEYOND_READ_TIMEOUT}
     * @return the response definition
     */
    public ResponseDefinitionBuilder response(String lateBody) {
        if (fault == null) {
            return aResponse().withStatus(200).withBody(lateBody)
                    .withFixedDelay(Contract.DELAY_BEYOND_READ_TIMEOUT_MILLIS);
        }
        return aResponse().withFault(fault);
    }

    /**
     * The reason a transport reports for this fault.
     *
     * @return {@link Reason#READ_TIMEOUT} for the delay, {@link Reason#IO_ERROR} for the others
     */
    public Reason reason() {
        return reason;
    }

    /**
     * Whether the connection ends before a single byte of the response.
     *
     * @return {@code true} for {@link #CONNECTION_RESET_BY_PEER} and {@link #EMPTY_RESPONSE}
     */
    public boolean endsBeforeResponse() {
        return endsBeforeResponse;
    }
}
