package cn.scenext.core.poll;

import cn.scenext.api.TaskId;
import cn.scenext.api.TaskState;
import cn.scenext.core.internal.token.TokenCodec;
import cn.scenext.core.internal.token.TokenState;
import cn.scenext.core.internal.token.WaitTokens;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A wait saved to be resumed later, in this process or another: the task, the wait's deadline as an instant,
 * where it stands in its {@link PollPolicy}, the last state it saw and the storyboard frames it already
 * reported. Immutable and thread-safe.
 *
 * <p>A wait hands its listener a fresh token after every update
 * ({@link ProgressListener#onCheckpoint(WaitToken)}); save the latest one, and resume with
 * {@code client.resumeWait(token)} (or {@code resumeWaitAsync}) after a restart:
 *
 * <pre>{@code
 * WaitOptions options = WaitOptions.builder()
 *         .progressListener(ProgressListener.onCheckpoint(token -> store.put(taskId, token.asString())))
 *         .build();
 * client.waitForCompletionAsync(taskId, options);
 * // ... later, maybe in another JVM:
 * TaskStatus done = client.resumeWait(WaitToken.parse(store.get(taskId)), options);
 * }</pre>
 *
 * <p>The resumed wait keeps the original deadline (it does not get a fresh time budget), goes on with the poll
 * policy's intervals where the saved wait left them, and never reports a frame the token says was reported,
 * nor the state it last saw as a change.
 *
 * <p>The {@linkplain #asString() text} is compact (under 60 characters for a task id that is a UUID, however
 * many frames were reported), URL-safe (base64url, no padding), versioned, and checksummed (CRC-32): a
 * mistyped, cut or garbled token is refused by {@link #parse(String)} with an {@link InvalidWaitTokenException},
 * as is one made by a newer SDK. It holds no secret (no API key, no URL): only what this class shows. It is
 * no proof either: anyone may write one for any task id with {@link #of(TaskId, Instant)}.
 */
public final class WaitToken {
    /** The token format version this SDK writes, and the newest it reads. */
    public static final int FORMAT_VERSION = TokenCodec.VERSION;

    static {
        WaitTokens.register(new WaitTokens.Access() {
            @Override
            public WaitToken token(TokenState state) {
                return new WaitToken(state);
            }

            @Override
            public TokenState state(WaitToken token) {
                return token.state;
            }
        });
    }

    private final TokenState state;
    private volatile String text;

    private WaitToken(TokenState state) {
        this.state = Objects.requireNonNull(state, "state");
    }

    /**
     * A token for a wait that has not polled yet: resuming it waits for the task until the deadline, as a
     * fresh wait does, and reports every frame. Useful to save right after creating a task.
     *
     * @param taskId the task
     * @param deadline when the wait gives up (kept to the millisecond)
     * @return the token
     */
    public static WaitToken of(TaskId taskId, Instant deadline) {
        return new WaitToken(new TokenState(Objects.requireNonNull(taskId, "taskId"),
                Objects.requireNonNull(deadline, "deadline"), 0, null, 0, 0L));
    }

    /**
     * Reads a token's text, as {@link #asString()} gave it; white space around it is ignored.
     *
     * @param text the text
     * @return the token
     * @throws InvalidWaitTokenException when the text is empty ({@link InvalidWaitTokenException.Reason#EMPTY}),
     *     not a token ({@code MALFORMED}), mistyped ({@code CHECKSUM}) or made by a newer SDK
     *     ({@code NEWER_VERSION}: upgrade)
     * @throws NullPointerException when the text is {@code null}
     */
    public static WaitToken parse(String text) {
        return new WaitToken(TokenCodec.decode(Objects.requireNonNull(text, "text")));
    }

    /**
     * The token as text, to save and later {@link #parse(String) parse}: base64url without padding, so it fits
     * a URL, a file name, a database column or a header as it is.
     *
     * @return the text; the same for equal tokens
     */
    public String asString() {
        String t = text;
        if (t == null) {
            t = TokenCodec.encode(state);
            text = t;
        }
        return t;
    }

    /**
     * The task waited for.
     *
     * @return its id
     */
    public TaskId taskId() {
        return state.taskId();
    }

    /**
     * When the wait gives up: the instant its timeout passes, fixed when the first wait started. A resumed wait
     * ends there too, with a {@link cn.scenext.api.exception.WaitTimeoutException} (at once when it already
     * passed).
     *
     * @return the deadline, to the millisecond
     */
    public Instant deadline() {
        return state.deadline();
    }

    /**
     * How many polls the wait sent so far: its position in the {@link PollPolicy}, from which a resumed wait
     * goes on (a backoff goes on growing from there).
     *
     * @return 0 or more
     */
    public int pollsDone() {
        return state.polls();
    }

    /**
     * The task's state in the last status the wait took in.
     *
     * @return the state; empty before the first status
     */
    public Optional<TaskState> lastState() {
        return Optional.ofNullable(state.lastState());
    }

    /**
     * How many storyboard frames the wait reported to its listener so far; a resumed wait reports only frames
     * after these, numbered on from here.
     *
     * @return 0 or more
     */
    public int framesReported() {
        return state.frames();
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof WaitToken && state.equals(((WaitToken) o).state));
    }

    @Override
    public int hashCode() {
        return state.hashCode();
    }

    /**
     * What the token holds, for logs.
     *
     * @return e.g. {@code WaitToken{task 3f2a…, deadline 2030-01-01T01:00:00Z, polls 4, last IN_PROGRESS, frames 3}}
     */
    @Override
    public String toString() {
        return "WaitToken{task " + state.taskId() + ", deadline " + state.deadline() + ", polls " + state.polls()
                + ", last " + (state.lastState() == null ? "none" : state.lastState()) + ", frames "
                + state.frames() + '}';
    }
}
