package cn.scenext.core.internal.poll;

/** Where a wait is in its life; it only moves down this list. */
enum WaitPhase {
    /** Polling on its schedule, and taking pushed statuses in. */
    POLLING,
    /** A pushed terminal status ended the task; one status request reads the full status to end with. */
    REFRESHING,
    /** Ended: nothing more happens. */
    SETTLED
}
