package cn.scenext.tck;

import static org.assertj.core.api.Assertions.assertThat;

import cn.scenext.api.exception.TransportException;
import cn.scenext.api.transport.HttpRequest;
import cn.scenext.api.transport.HttpResponse;
import cn.scenext.api.transport.Transport;
import cn.scenext.api.transport.TransportFailures;
import cn.scenext.api.transport.TransportOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Settings and small helpers shared by the contract's tests. */
final class Contract {
    /** How long a test waits for anything before it counts as hung. Only a guard: no test waits it out. */
    static final Duration HANG_GUARD = Duration.ofSeconds(30);
    /** The user agent the options carry. */
    static final String USER_AGENT = "scenext-tck/1 (contract)";
    /** Timeouts long enough never to fire in a passing test. */
    static final TransportOptions OPTIONS = TransportOptions.builder()
            .connectTimeout(Duration.ofSeconds(5))
            .readTimeout(Duration.ofSeconds(10))
            .userAgent(USER_AGENT)
            .build();
    /** Timeouts the timeout tests wait out. */
    static final TransportOptions SHORT_TIMEOUTS = OPTIONS.toBuilder()
            .connectTimeout(Duration.ofMillis(500))
            .readTimeout(Duration.ofMillis(500))
            .build();
    /** A server delay well beyond {@link #SHORT_TIMEOUTS}' read timeout. */
    static final int DELAY_BEYOND_READ_TIMEOUT_MILLIS = 2_500;

    /**
     * The timeouts for a transport meeting a fault: {@link #SHORT_TIMEOUTS} only when the fault is a late
     * response, which they wait out; {@link #OPTIONS} for a fault that ends the connection, so that on a busy
     * machine a slow server is not cut by a timeout the test did not mean to reach (a {@code READ_TIMEOUT}
     * instead of the fault's own reason, or a retry's response lost).
     */
    static TransportOptions optionsFor(NetworkFault fault) {
        return fault == NetworkFault.DELAY_BEYOND_READ_TIMEOUT ? SHORT_TIMEOUTS : OPTIONS;
    }

    private Contract() {
    }

    static HttpRequest get(URI uri) {
        return HttpRequest.builder().get(uri).build();
    }

    static HttpRequest post(URI uri, byte[] body) {
        return HttpRequest.builder().post(uri, body).build();
    }

    /** The whole body of a response, which is closed. */
    static byte[] bodyOf(HttpResponse response) {
        try (HttpResponse r = response) {
            return r.body().bytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The response of an asynchronous call, failing the test if it does not come within the hang guard. */
    static HttpResponse await(CompletableFuture<HttpResponse> future) {
        try {
            return future.get(HANG_GUARD.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted", e);
        } catch (ExecutionException e) {
            throw new AssertionError("The call failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("No response within " + HANG_GUARD, e);
        }
    }

    /**
     * How a synchronous exchange failed: the transport's exception from {@code execute}, or, when the failure
     * came while the body streamed, the body's {@link IOException} classified as the client classifies it.
     */
    static TransportException syncFailure(Transport transport, HttpRequest request) {
        HttpResponse response;
        try {
            response = transport.execute(request);
        } catch (TransportException e) {
            return e;
        }
        try (HttpResponse r = response; InputStream in = r.body().stream()) {
            byte[] buffer = new byte[8192];
            while (in.read(buffer) != -1) {
                // read to the end, where the failure must come
            }
        } catch (IOException e) {
            return TransportFailures.of(transport.name(), request, e);
        }
        throw new AssertionError("The exchange succeeded with HTTP " + response.statusCode() + "; a failure was expected");
    }

    /** How an asynchronous exchange failed; the future must fail with a {@link TransportException}. */
    static TransportException asyncFailure(CompletableFuture<HttpResponse> future) {
        try {
            HttpResponse r = future.get(HANG_GUARD.toMillis(), TimeUnit.MILLISECONDS);
            throw new AssertionError("The exchange succeeded with HTTP " + r.statusCode() + "; a failure was expected");
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(TransportException.class);
            return (TransportException) e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted", e);
        } catch (TimeoutException e) {
            throw new AssertionError("The call neither failed nor completed within " + HANG_GUARD, e);
        }
    }
}
