package cn.scenext.core.internal.token;

import cn.scenext.core.poll.WaitToken;
import java.util.Objects;

/**
 * The engine's way in to {@link WaitToken}, whose constructor and state are not public: the public class
 * registers its access here when it is initialized.
 */
public final class WaitTokens {
    /** Makes and opens tokens; implemented by {@link WaitToken} alone. */
    public interface Access {
        /**
         * A token holding a state.
         *
         * @param state the state
         * @return the token
         */
        WaitToken token(TokenState state);

        /**
         * A token's state.
         *
         * @param token the token
         * @return its state
         */
        TokenState state(WaitToken token);
    }

    private static volatile Access access;

    private WaitTokens() {
    }

    /**
     * Registers the access; only {@link WaitToken}'s own counts, once.
     *
     * @param a the access
     * @throws IllegalArgumentException when the access is not {@link WaitToken}'s
     */
    public static synchronized void register(Access a) {
        Objects.requireNonNull(a, "access");
        if (a.getClass().getEnclosingClass() != WaitToken.class) {
            throw new IllegalArgumentException("only WaitToken registers its access");
        }
        if (access == null) {
            access = a;
        }
    }

    /**
     * A token holding a state.
     *
     * @param state the state
     * @return the token
     */
    public static WaitToken token(TokenState state) {
        return access().token(state);
    }

    /**
     * A token's state.
     *
     * @param token the token
     * @return its state
     */
    public static TokenState state(WaitToken token) {
        return access().state(Objects.requireNonNull(token, "token"));
    }

    private static Access access() {
        Access a = access;
        if (a == null) {
            try { // initializes WaitToken, which registers
                Class.forName(WaitToken.class.getName(), true, WaitToken.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
            a = access;
        }
        return a;
    }
}
