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
     * Registers the access; only the first registration counts.
     *
     * @param a the access
     */
    public static synchronized void register(Access a) {
        if (access == null) {
            access = Objects.requireNonNull(a, "access");
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
