package cn.scenext.core.internal.http;

import cn.scenext.api.exception.AuthenticationException;
import cn.scenext.api.exception.ErrorDetails;
import cn.scenext.api.exception.ProtocolException;
import cn.scenext.api.exception.RateLimitException;
import cn.scenext.api.exception.ScenextException;
import cn.scenext.api.exception.ServerException;
import cn.scenext.api.exception.TaskNotFoundException;
import cn.scenext.api.exception.ValidationException;
import cn.scenext.core.internal.json.ApiJson;
import cn.scenext.core.internal.json.MalformedJsonException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * Turns a response that is not a success into the right typed exception, by its HTTP status <em>and</em> its
 * body: the envelope is the source of truth (the service reports its own errors with HTTP 200, and an unknown
 * task id is a {@link TaskNotFoundException} whatever the status), and the framework's own
 * {@code {"detail": ...}} responses (401/403, 404/405, 422) are read too. For a task creation it marks every
 * failure that may have created the task ({@link ScenextException#taskMayHaveBeenCreated()}).
 */
public final class ErrorMapper {
    /** How much of a body goes into an exception. */
    static final int SNIPPET_CHARS = 500;
    /** What a failed task creation that may have created the task says, at the end of its message. */
    static final String MAY_HAVE_BEEN_CREATED = "The task may have been created nonetheless (it was not retried, "
            + "so as not to create it twice): check before creating it again.";
    /** The service's text for a well-formed UUID that names no task (an empty query result indexed). */
    private static final String UNKNOWN_UUID = "list index out of range";
    /** PostgreSQL's text for a task id that is not a UUID. */
    private static final String MALFORMED_ID = "invalid input syntax for type uuid";
    /** The service's text for a task in a state the API does not name. */
    private static final String INTERNAL_STATE = "an exception occurred while obtaining the task status";

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
     * The exception for a response that is an HTTP error or carries an error envelope.
     *
     * @param call the call the response is for
     * @param response the response
     * @param envelope the envelope already parsed from it, or {@code null} to parse it here
     * @param attempts how many attempts were made
     * @param retryAfter the response's {@code Retry-After}, or {@code null}
     * @return the exception to throw
     */
    public ScenextException map(ApiCall<?> call, BufferedResponse response, ApiJson.Envelope envelope, int attempts,
            Duration retryAfter) {
        int status = response.statusCode();
        String serviceMessage = null;
        boolean hasEnvelope = false;
        ApiJson.Envelope env = envelope;
        if (env == null && response.body().length > 0) {
            try {
                env = ApiJson.readEnvelope(response.body());
            } catch (MalformedJsonException e) {
                env = null;
            }
        }
        if (env != null && (env.isError() || env.status() != null)) {
            hasEnvelope = true;
            serviceMessage = redactor.redact(env.errorMessage());
        }
        FrameworkError framework = hasEnvelope ? null : FrameworkError.parse(response.body());
        String frameworkSaid = framework == null ? null : redactor.redact(framework.describe());
        String message = serviceMessage != null ? serviceMessage : frameworkSaid;
        // Whether a task creation that failed here may have created the task: the request reached something
        // that may have forwarded it, and the response does not prove the application turned it away first.
        boolean refusedKey = status == 401 || status == 403 || (serviceMessage != null
                && serviceMessage.toLowerCase(Locale.ROOT).startsWith("unauthori"));
        boolean mayHaveCreated = call.createsTask() && mayHaveCreated(status, hasEnvelope, refusedKey);
        ErrorDetails details = ErrorDetails.of(status, message, snippet(response.body()));
        if (mayHaveCreated) {
            details = details.withTaskMayHaveBeenCreated();
        }
        String what = call.describe();
        String said = "HTTP " + status + (message == null ? "" : ": " + message);
        String tries = attempts > 1 ? " after " + attempts + " attempts" : "";
        String created = mayHaveCreated ? " " + MAY_HAVE_BEEN_CREATED : "";

        if (call.taskId() != null && serviceMessage != null) {
            String id = call.taskId().value();
            String lower = serviceMessage.toLowerCase(Locale.ROOT);
            if (lower.contains(MALFORMED_ID)) {
                return new TaskNotFoundException(id, "Scenext knows no task " + id + ": it is not a well-formed "
                        + "task id (the service expects a UUID such as ed6e7bae-cb5d-4e75-a6ae-b4beced80c92; "
                        + said + "). Check the id.", details);
            }
            if (lower.contains("task not found") || lower.contains(UNKNOWN_UUID)) {
                return new TaskNotFoundException(id, "Scenext knows no task " + id + " (" + said + "). Check the "
                        + "id; a task is visible only with the API key that created it.", details);
            }
            if (lower.contains(INTERNAL_STATE)) {
                return new ServerException("Scenext could not report the state of task " + id + ": the task is "
                        + "in a state the API does not name (" + said + ")" + tries + ". It may pass; a wait polls "
                        + "again, but gives up after a few such responses in a row.", details);
            }
        }
        if (refusedKey) {
            return new AuthenticationException("Scenext rejected the API key (" + said + "). Check the key the "
                    + "client was built with (SCENEXT_API_KEY).", details);
        }
        if (status == 429) {
            return new RateLimitException("Scenext is rate limiting " + what + " (" + said + ")" + tries
                    + (retryAfter == null ? "" : "; it asks to retry after " + retryAfter.getSeconds() + " s")
                    + ". Slow down, or raise RetryPolicy.maxRetries.", details, retryAfter);
        }
        if (status >= 300 && status < 400) {
            String location = response.headers().firstValue("Location").orElse("(no Location)");
            return new ProtocolException("Scenext responded to " + what + " with a redirect (HTTP " + status + " to "
                    + location + "). The client does not follow redirects with your API key; set the base URL "
                    + "to the address the service uses." + created, null, details);
        }
        if (status >= 500 || status == 408) {
            return new ServerException("Scenext failed to handle " + what + " (" + said + ")" + tries + "."
                    + created, details);
        }
        if (framework != null && (status == 404 || status == 405)) {
            return new ProtocolException("HTTP " + status + " \"" + frameworkSaid + "\" from " + response.uri()
                    + " for " + what + ": the server has no such " + (status == 404 ? "path" : "method for this path")
                    + ". Check the base URL (the API's root, e.g. https://api.scenext.cn/)"
                    + (call.taskId() == null ? "" : ", or whether the task id holds a character the server's "
                    + "router split the path on") + ".", null, details);
        }
        if (framework != null && (status == 400 || status == 422)) {
            return validation(call, status, framework, frameworkSaid, details);
        }
        if (status >= 400) {
            if (!hasEnvelope) {
                return new ProtocolException("HTTP " + status + " from " + response.uri() + " for " + what
                        + " is not a Scenext response. Check the base URL." + created, null, details);
            }
            return new ValidationException("Scenext rejected " + what + " (" + said + ")." + created, details);
        }
        // A 2xx (or 1xx) carrying an error envelope: how the service reports all its own errors.
        return new ServerException("Scenext reported an error for " + what + " (" + said + ")" + tries + "."
                + created, details);
    }

    /**
     * Whether a failed task creation responded to with this may have created the task: every error envelope
     * (the service writes the task before it can fail), except a refused key, a 429 and a 503 (turned away
     * before processing); and every 5xx that is not the service's envelope (a proxy's 502/503/504 can come
     * after the request was forwarded). Other responses that are not the service's envelope (the framework's
     * 4xx, a redirect) come before the application ran.
     */
    private static boolean mayHaveCreated(int status, boolean hasEnvelope, boolean refusedKey) {
        if (refusedKey || status == 429) {
            return false;
        }
        if (hasEnvelope) {
            return status != 503;
        }
        return status >= 500 || status < 300;
    }

    private static ValidationException validation(ApiCall<?> call, int status, FrameworkError framework,
            String frameworkSaid, ErrorDetails details) {
        String field = null;
        if (!framework.problems().isEmpty() && framework.problems().get(0).field() != null) {
            field = builderName(framework.problems().get(0).field());
        }
        return new ValidationException(field, "Scenext refused " + call.describe() + " as invalid (HTTP " + status
                + "): " + frameworkSaid + ". The service's validator, not the SDK, refused it: check the value"
                + (field == null ? "s sent" : " of " + field) + ".", details);
    }

    /** The builder method's name for a wire field: {@code notify_url} → {@code notifyUrl}; nested parts dropped. */
    static String builderName(String loc) {
        int dot = loc.indexOf('.');
        String top = dot < 0 ? loc : loc.substring(0, dot);
        StringBuilder sb = new StringBuilder(top.length());
        boolean upper = false;
        for (int i = 0; i < top.length(); i++) {
            char c = top.charAt(i);
            if (c == '_' && sb.length() > 0) {
                upper = true;
            } else {
                sb.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return sb.toString();
    }

    /**
     * The exception for a successful status whose body is not what the call expects.
     *
     * @param call the call the response is for
     * @param response the response
     * @param problem what was wrong
     * @return the exception
     */
    public ProtocolException malformed(ApiCall<?> call, BufferedResponse response, MalformedJsonException problem) {
        ErrorDetails details = ErrorDetails.of(response.statusCode(), null, snippet(response.body()));
        if (call.createsTask()) {
            details = details.withTaskMayHaveBeenCreated();
        }
        return new ProtocolException("Scenext's response to " + call.describe() + " could not be read: "
                + redactor.redact(problem.getMessage()) + " (HTTP " + response.statusCode() + ")."
                + (call.createsTask() ? " " + MAY_HAVE_BEEN_CREATED : ""), problem, details);
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
