package cn.scenext.examples.cli;

import cn.scenext.api.TaskId;
import cn.scenext.core.poll.ProgressListener;
import java.io.PrintStream;
import java.util.HashSet;
import java.util.Set;

/**
 * Tells the user on stderr, once per distinct message, that polls fail while the wait goes on: without it a
 * wait that cannot read the task's status would show nothing until it ends. Needs no {@code --verbose}.
 */
final class PollFailureNotes implements ProgressListener {
    /** The most distinct messages shown; a service that varies its error text cannot flood the terminal. */
    static final int MAX_NOTES = 20;

    private final PrintStream err;
    private final boolean interactive;
    private final Set<String> shown = new HashSet<>();

    /**
     * Creates the notes.
     *
     * @param err where to write
     * @param interactive whether a progress line may be open on {@code err} (then a note starts a new line)
     */
    PollFailureNotes(PrintStream err, boolean interactive) {
        this.err = err;
        this.interactive = interactive;
    }

    @Override
    public synchronized void onPollFailed(TaskId taskId, Throwable failure) {
        String message = String.valueOf(failure.getMessage());
        if (shown.size() >= MAX_NOTES || !shown.add(message)) {
            return;
        }
        err.println((interactive ? "\n" : "") + "warning: reading the status of task " + taskId
                + " failed; still waiting: " + message);
        err.flush();
    }
}
