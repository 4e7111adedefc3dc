package cn.scenext.core.http;

import cn.scenext.api.exception.AuthenticationException;
import cn.scenext.api.exception.ErrorDetails;
import cn.scenext.api.exception.ProtocolException;
import cn.scenext.api.exception.RateLimitException;
import cn.scenext.api.exception.ScenextException;
import cn.scenext.api.exception.ServerException;
import cn.scenext.api.exception.TaskNotFoundException;
import cn.scenext.api.exception.ValidationException;
import cn.scenext.core.json.ApiJson;
import cn.scenext.core.json.MalformedJsonException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * Turns an answer that is not a success into the right typed exception, by its HTTP status <em>and</em> its
 * envelope: the envelope is the source of truth ({@code Task not found} is a {@link TaskNotFoundException}
 * whatever the status).
 */
public final class ErrorMapper {
    /** How much of a body goes into an exception. */
    static final int SNIPPET_CHARS = 500;

    private final Redactor redactor;

    /**
     * Creates a mapper.
     *
     * @param redactor removes the API key from every text it produces
     */
    public ErrorMapper(Redactor redactor) {
        this.redactor = redactor;
    }

    /**
     * The exception for an answer that is an HTTP error or carries an error envelope.
     *
     * @param call the call answered
     * @param answer the answer
     * @param envelope the envelope already parsed from it, or {@code null} to parse it here
     * @param attempts how many attempts were made
     * @param retryAfter the answer's {@code Retry-After}, or {@code null}
     * @return the exception to throw
     */
    public ScenextException map(ApiCall<?> call, Answer answer, ApiJson.Envelope envelope, int attempts,
            Duration retryAfter) {
        int status = answer.statusCode();
        String serviceMessage = null;
        boolean hasEnvelope = false;
        ApiJson.Envelope env = envelope;
        if (env == null && answer.body().length > 0) {
            try {
                env = ApiJson.readEnvelope(answer.body());
            } catch (MalformedJsonException e) {
                env = null;
            }
        }
        if (env != null && (env.isError() || env.status() != null)) {
            hasEnvelope = true;
            serviceMessage = redactor.redact(env.errorMessage());
        }
        ErrorDetails details = ErrorDetails.of(status, serviceMessage, snippet(answer.body()));
        String what = call.describe();
        String said = "HTTP " + status + (serviceMessage == null ? "" : ": " + serviceMessage);
        String tries = attempts > 1 ? " after " + attempts + " attempts" : "";

        if (serviceMessage != null && serviceMessage.toLowerCase(Locale.ROOT).contains("task not found")) {
            String id = call.taskId() == null ? "?" : call.taskId().value();
            return new TaskNotFoundException(id, "Scenext knows no task " + id + " (" + said + "). Check the id; "
                    + "a task is visible only with the API key that created it.", details);
        }
        if (status == 401 || status == 403 || (serviceMessage != null
                && serviceMessage.toLowerCase(Locale.ROOT).startsWith("unauthori"))) {
            return new AuthenticationException("Scenext rejected the API key (" + said + "). Check the key the "
                    + "client was built with (SCENEXT_API_KEY).", details);
        }
        if (status == 429) {
            return new RateLimitException("Scenext is rate limiting " + what + " (" + said + ")" + tries
                    + (retryAfter == null ? "" : "; it asks to retry after " + retryAfter.getSeconds() + " s")
                    + ". Slow down, or raise RetryPolicy.maxRetries.", details, retryAfter);
        }
        if (status >= 300 && status < 400) {
            String location = answer.headers().firstValue("Location").orElse("(no Location)");
            return new ProtocolException("Scenext answered " + what + " with a redirect (HTTP " + status + " to "
                    + location + "). The client does not follow redirects with your API key; set the base URL "
                    + "to the address the service uses.", null, details);
        }
        if (status >= 500 || status == 408) {
            return new ServerException("Scenext failed to answer " + what + " (" + said + ")" + tries + ".", details);
        }
        if (status >= 400) {
            if (!hasEnvelope) {
                return new ProtocolException("HTTP " + status + " from " + answer.uri() + " for " + what
                        + " is not a Scenext answer. Check the base URL.", null, details);
            }
            return new ValidationException("Scenext rejected " + what + " (" + said + ").", details);
        }
        // A 2xx (or 1xx) carrying an error envelope.
        return new ServerException("Scenext reported an error for " + what + " (" + said + ")" + tries + ".", details);
    }

    /**
     * The exception for a successful status whose body is not what the call expects.
     *
     * @param call the call answered
     * @param answer the answer
     * @param problem what was wrong
     * @return the exception
     */
    public ProtocolException malformed(ApiCall<?> call, Answer answer, MalformedJsonException problem) {
        ErrorDetails details = ErrorDetails.of(answer.statusCode(), null, snippet(answer.body()));
        return new ProtocolException("Scenext's answer to " + call.describe() + " could not be read: "
                + redactor.redact(problem.getMessage()) + " (HTTP " + answer.statusCode() + ").", problem, details);
    }

    /**
     * The first {@value #SNIPPET_CHARS} characters of a body, redacted.
     *
     * @param body the bytes
     * @return the snippet, or {@code null} for an empty body
     */
    public String snippet(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        int len = Math.min(body.length, SNIPPET_CHARS * 4);
        // Redact before cutting, so that a key straddling the cut cannot leave a prefix behind.
        String text = redactor.redact(new String(body, 0, len, StandardCharsets.UTF_8));
        if (text.length() > SNIPPET_CHARS) {
            return text.substring(0, SNIPPET_CHARS) + "…";
        }
        return len < body.length ? text + "…" : text;
    }
}
