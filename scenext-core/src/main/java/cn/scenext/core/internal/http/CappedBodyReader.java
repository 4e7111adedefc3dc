package cn.scenext.core.internal.http;

import cn.scenext.api.exception.ErrorDetails;
import cn.scenext.api.exception.ProtocolException;
import cn.scenext.api.exception.ResponseTooLargeException;
import cn.scenext.api.exception.TransportException;
import cn.scenext.api.transport.BoundedBuffer;
import cn.scenext.api.transport.HttpResponse;
import cn.scenext.api.transport.TransportFailures;
import cn.scenext.api.transport.TransportOptions;
import java.io.IOException;

/**
 * Reads an API response's body into memory, never more than {@link #MAX_RESPONSE_BYTES}: a larger one (announced,
 * counted as it arrives, or refused by the transport) is not the Scenext API's and fails the call for good with
 * a {@link ProtocolException}, which for a task creation says the task may have been created. Thread-safe.
 */
final class CappedBodyReader {
    /**
     * The largest API response read into memory; a larger one is not the Scenext API. Transports buffering
     * asynchronous bodies enforce the same bound through {@link TransportOptions#maxBufferedBodyBytes()}.
     */
    static final int MAX_RESPONSE_BYTES = TransportOptions.DEFAULT_MAX_BUFFERED_BODY_BYTES;

    private final String transportName;

    CappedBodyReader(String transportName) {
        this.transportName = transportName;
    }

    /**
     * The whole body.
     *
     * @throws ProtocolException when it is larger than the cap
     * @throws TransportException when reading it fails (a stall past the read timeout is a
     *     {@code READ_TIMEOUT}, as it would be before the headers)
     */
    byte[] read(HttpResponse response, ApiCall<?> call) {
        try {
            if (response.body().isBuffered()) {
                byte[] buffered = response.body().bytes();
                if (buffered.length > MAX_RESPONSE_BYTES) { // a transport given with a larger limit of its own
                    throw tooLarge(call, response.statusCode(), buffered.length);
                }
                return buffered;
            }
            long declared = response.body().contentLength().orElse(-1);
            if (declared > MAX_RESPONSE_BYTES) {
                throw tooLarge(call, response.statusCode(), declared);
            }
            // Grows with what arrives, never with what the response announces; a small announced length is
            // read straight into an array of that size.
            return BoundedBuffer.start(transportName, call.request(), MAX_RESPONSE_BYTES, declared)
                    .readFrom(response.body().stream(), transportName, call.request());
        } catch (IOException e) {
            ResponseTooLargeException big = tooLargeIn(e);
            if (big != null) {
                throw tooLarge(call, " (" + big.getMessage() + ")", big,
                        ErrorDetails.of(response.statusCode(), null, null));
            }
            throw new TransportException(TransportFailures.classify(e), "Reading the response to "
                    + call.describe() + " from " + call.request().uri().getHost() + " failed: " + e, e);
        }
    }

    /**
     * The transport's refusal of an oversized body, wherever it sits in a failure's causes.
     *
     * @return the refusal, or {@code null} when the failure is another
     */
    static ResponseTooLargeException tooLargeIn(Throwable failure) {
        return TransportFailures.findCause(failure, ResponseTooLargeException.class);
    }

    /** The final failure for a body the transport refused as too large. */
    static ProtocolException tooLarge(ApiCall<?> call, TransportException refused) {
        return tooLarge(call, " (" + refused.getMessage() + ")", refused, ErrorDetails.none());
    }

    private static ProtocolException tooLarge(ApiCall<?> call, int status, long size) {
        return tooLarge(call, " (" + size + " bytes)", null, ErrorDetails.of(status, null, null));
    }

    /**
     * The failure for a response too large to be the API's, however it was found (announced, or counted as it
     * arrived, here or in the transport): final, and for a task creation one that may have created the task.
     */
    private static ProtocolException tooLarge(ApiCall<?> call, String found, Throwable cause, ErrorDetails details) {
        return new ProtocolException("The response to " + call.describe() + " is larger than "
                + (MAX_RESPONSE_BYTES >> 20) + " MiB" + found + ": not a Scenext API response."
                + (call.createsTask() ? " " + ErrorMapper.MAY_HAVE_BEEN_CREATED : ""), cause,
                call.createsTask() ? details.withTaskMayHaveBeenCreated() : details);
    }
}
