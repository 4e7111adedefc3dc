package cn.scenext.core.internal.http;

/**
 * Removes the API key from any text before it reaches a message, a {@code toString} or a log line: a body
 * snippet may echo it, a user's exception may carry it.
 */
public final class Redactor {
    /** What replaces the key. */
    public static final String MASK = "[redacted]";

    private final String secret;

    /**
     * Creates a redactor for one key.
     *
     * @param secret the API key; keys shorter than 4 characters are not searched for, as they would
     *     garble ordinary text (the client refuses such keys)
     */
    public Redactor(String secret) {
        this.secret = secret != null && secret.length() >= 4 ? secret : null;
    }

    /**
     * The text with every occurrence of the key replaced by {@value #MASK}.
     *
     * @param text any text, or {@code null}
     * @return the redacted text, or {@code null}
     */
    public String redact(String text) {
        if (text == null || secret == null || text.indexOf(secret) < 0) {
            return text;
        }
        return text.replace(secret, MASK);
    }
}
