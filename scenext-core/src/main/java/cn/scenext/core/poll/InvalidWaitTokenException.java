package cn.scenext.core.poll;

import cn.scenext.api.exception.InvalidValueException;
import java.util.Objects;

/**
 * A text given to {@link WaitToken#parse(String)} is not a wait token this SDK can resume: empty, garbled or
 * cut short, mistyped (its checksum does not match), or made by a newer SDK. An {@link InvalidValueException}
 * (so an {@link IllegalArgumentException}) whose {@link #field()} is {@code "token"}; {@link #reason()} tells the
 * cases apart. The message never repeats the token's text, only its length.
 */
public final class InvalidWaitTokenException extends InvalidValueException {
    private static final long serialVersionUID = 1L;

    /** Why a token was refused. */
    public enum Reason {
        /** The text is empty or only white space. */
        EMPTY,
        /**
         * The text is not a token: characters outside base64url, a length no token has, or contents that do
         * not decode (cut short, or garbled in a way the checksum could not catch).
         */
        MALFORMED,
        /** The text decodes, but its checksum does not match: a character was mistyped, dropped or added. */
        CHECKSUM,
        /** The token is intact but was made by a newer SDK, in a format version this one does not know: upgrade. */
        NEWER_VERSION
    }

    private final Reason reason;

    /**
     * Creates the exception.
     *
     * @param reason why the token was refused
     * @param message what is wrong and what to do
     */
    public InvalidWaitTokenException(Reason reason, String message) {
        super("token", message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /**
     * Why the token was refused.
     *
     * @return the reason
     */
    public Reason reason() {
        return reason;
    }
}
