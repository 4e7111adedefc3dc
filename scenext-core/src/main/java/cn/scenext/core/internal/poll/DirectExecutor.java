package cn.scenext.core.internal.poll;

import java.util.concurrent.Executor;

/** Runs each task on the calling thread: the default callback executor of a wait. */
public enum DirectExecutor implements Executor {
    INSTANCE;

    @Override
    public void execute(Runnable command) {
        command.run();
    }

    @Override
    public String toString() {
        return "the thread that received the status";
    }
}
