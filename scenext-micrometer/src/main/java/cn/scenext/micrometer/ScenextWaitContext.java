package cn.scenext.micrometer;

import cn.scenext.core.poll.ObservedWait;
import io.micrometer.observation.Observation;
import java.util.Objects;

/** The context of a task wait's observation ({@code scenext.task.wait}): the wait as last reported. */
public final class ScenextWaitContext extends Observation.Context {
    private volatile ObservedWait wait;

    ScenextWaitContext(ObservedWait wait) {
        this.wait = Objects.requireNonNull(wait, "wait");
    }

    /**
     * The wait as last reported: with its outcome once it ended.
     *
     * @return the snapshot
     */
    public ObservedWait observedWait() {
        return wait;
    }

    void observedWait(ObservedWait wait) {
        this.wait = Objects.requireNonNull(wait, "wait");
    }
}
