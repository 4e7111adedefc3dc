package cn.scenext.api.exception;

import java.util.Optional;

/**
 * A request was invalid. Thrown before anything is sent when the SDK itself finds the problem (then
 * {@link #field()} names the offending field, as the builder method that sets it), or after the service
 * rejected a request as malformed (HTTP 400 or 422 with an error envelope).
 */
public class ValidationException extends ScenextException {
    private static final long serialVersionUID = 1L;

    private final String field;

    /**
     * A problem the SDK found in a value before sending anything.
     *
     * @param field the field at fault, named as its builder method ({@code "question"}, {@code "notifyUrl"})
     * @param message what is wrong with it and what is expected
     */
    public ValidationException(String field, String message) {
        super(message);
        this.field = field;
    }

    /**
     * A request the service rejected as invalid.
     *
     * @param message what went wrong
     * @param details the HTTP answer's status, message and body snippet
     */
    public ValidationException(String message, ErrorDetails details) {
        super(message, null, details);
        this.field = null;
    }

    /**
     * The field at fault, named as its builder method.
     *
     * @return the field, or empty when the service rejected the request without naming one
     */
    public Optional<String> field() {
        return Optional.ofNullable(field);
    }
}
