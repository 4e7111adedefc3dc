package cn.scenext.api.exception;

import java.util.Optional;

/**
 * The service refused a request as invalid: HTTP 400 with an error envelope, or the framework's HTTP 422
 * {@code {"detail":[{"loc":["body","question"],"msg":"..."}]}} (then {@link #field()} names the field the
 * service pointed at, e.g. {@code question}, and the message quotes the service's {@code msg}).
 *
 * <p>A bad value the SDK itself finds, before anything is sent, is not this exception but an
 * {@link InvalidValueException} (an {@link IllegalArgumentException}), thrown where the value is given.
 */
public class ValidationException extends ScenextException {
    private static final long serialVersionUID = 1L;

    private final String field;

    /**
     * A refusal with no HTTP details.
     *
     * @param field the field at fault, named as its builder method ({@code "question"}, {@code "notifyUrl"})
     * @param message what is wrong with it and what is expected
     * @deprecated the SDK raises {@link InvalidValueException} for a bad value it finds itself; a refusal of
     *     the service comes with its details: use {@link #ValidationException(String, String, ErrorDetails)}
     */
    @Deprecated
    public ValidationException(String field, String message) {
        super(message);
        this.field = field;
    }

    /**
     * A request the service rejected as invalid.
     *
     * @param message what went wrong
     * @param details the HTTP response's status, message and body snippet
     */
    public ValidationException(String message, ErrorDetails details) {
        this(null, message, details);
    }

    /**
     * A request the service rejected, pointing at one field.
     *
     * @param field the field the service named, as the builder method that sets it, or {@code null}
     * @param message what went wrong
     * @param details the HTTP response's status, message and body snippet
     */
    public ValidationException(String field, String message, ErrorDetails details) {
        super(message, null, details);
        this.field = field;
    }

    /**
     * The field at fault, named as its builder method.
     *
     * @return the field, or empty when the service refused the request without naming one
     */
    public Optional<String> field() {
        return Optional.ofNullable(field);
    }
}
