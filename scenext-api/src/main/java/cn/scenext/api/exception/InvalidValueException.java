package cn.scenext.api.exception;

/**
 * A value given to the SDK was refused where it was given, before anything was sent: a setting of a builder or
 * of an options type ({@code RetryPolicy}, {@code PollPolicy}, {@code WaitOptions}, {@code DownloadOptions},
 * {@link cn.scenext.api.transport.TransportOptions}, {@code ScenextClient.Builder}) or a value of a request
 * ({@link cn.scenext.api.GenerateVideoRequest}, {@link cn.scenext.api.Image}, {@link cn.scenext.api.TaskId}).
 * The setter or factory that takes the value throws it; a rule that spans two settings is checked by
 * {@code build()}, whose message names both.
 *
 * <p>It is the one type the SDK raises for a bad value, and an {@link IllegalArgumentException}, as the JDK
 * and OkHttp raise for a bad argument: a programming error, to be fixed in the calling code rather than
 * retried. It is deliberately not a {@link ScenextException}, which says that a call failed: a request the
 * <em>service</em> refused is a {@link ValidationException}. A {@code null} where a value is required raises
 * a {@link NullPointerException} naming the parameter, as everywhere in the JDK.
 *
 * <p>{@link #field()} names the setting at fault as the method that sets it ({@code maxRetries},
 * {@code question}, {@code notifyUrl}); the message says what is wrong and what is expected, and never
 * repeats a secret (an API key).
 */
public class InvalidValueException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String field;

    /**
     * Creates the exception.
     *
     * @param field the setting at fault, named as the method that sets it
     * @param message what is wrong with the value and what is expected
     */
    public InvalidValueException(String field, String message) {
        super(message);
        this.field = java.util.Objects.requireNonNull(field, "field");
    }

    /**
     * The setting at fault, named as the method that sets it, e.g. {@code maxRetries} or {@code question}.
     *
     * @return the name, never {@code null}
     */
    public String field() {
        return field;
    }
}
