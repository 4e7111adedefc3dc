package cn.scenext.core;

/**
 * A client's state at one moment, read without calling the API: for a health indicator or a gauge. See
 * {@link ScenextClient#state()}. Immutable.
 */
public final class ClientState {
    private final boolean open;
    private final int waitsInFlight;
    private final int callsInFlight;
    private final int downloadsInFlight;

    private ClientState(boolean open, int waitsInFlight, int callsInFlight, int downloadsInFlight) {
        this.open = open;
        this.waitsInFlight = waitsInFlight;
        this.callsInFlight = callsInFlight;
        this.downloadsInFlight = downloadsInFlight;
    }

    /**
     * A state. Used by the client; handy in tests of health indicators.
     *
     * @param open whether the client is open
     * @param waitsInFlight the waits running
     * @param callsInFlight the API calls running
     * @return the state, with no download running
     */
    public static ClientState of(boolean open, int waitsInFlight, int callsInFlight) {
        return new ClientState(open, waitsInFlight, callsInFlight, 0);
    }

    /**
     * A state. Used by the client; handy in tests of health indicators.
     *
     * @param open whether the client is open
     * @param waitsInFlight the waits running
     * @param callsInFlight the API calls running
     * @param downloadsInFlight the downloads running
     * @return the state
     */
    public static ClientState of(boolean open, int waitsInFlight, int callsInFlight, int downloadsInFlight) {
        return new ClientState(open, waitsInFlight, callsInFlight, downloadsInFlight);
    }

    /**
     * Whether the client is open: not yet {@link ScenextClient#close() closed}.
     *
     * @return {@code true} until the client is closed
     */
    public boolean isOpen() {
        return open;
    }

    /**
     * How many waits for tasks are running: started ({@code waitForCompletion}, {@code generateVideoAndWait},
     * their asynchronous forms) and not ended.
     *
     * @return 0 or more
     */
    public int waitsInFlight() {
        return waitsInFlight;
    }

    /**
     * How many API calls ({@code gen_video}, {@code get_status}) are running, synchronous or not, those
     * waiting to retry included; the status requests of waits count while they run. Downloads are not counted:
     * see {@link #downloadsInFlight()}.
     *
     * @return 0 or more
     */
    public int callsInFlight() {
        return callsInFlight;
    }

    /**
     * How many downloads of videos and frames are running: from before their first request to the file in
     * place (or their failure), retries and resumptions included. Counted apart from {@link #callsInFlight()}:
     * a download goes to the object store, not to the API, and may run for minutes.
     *
     * @return 0 or more
     */
    public int downloadsInFlight() {
        return downloadsInFlight;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ClientState)) {
            return false;
        }
        ClientState s = (ClientState) o;
        return open == s.open && waitsInFlight == s.waitsInFlight && callsInFlight == s.callsInFlight
                && downloadsInFlight == s.downloadsInFlight;
    }

    @Override
    public int hashCode() {
        return (open ? 1 : 0) + 31 * waitsInFlight + 961 * callsInFlight + 29791 * downloadsInFlight;
    }

    @Override
    public String toString() {
        return "ClientState{" + (open ? "open" : "closed") + ", waitsInFlight=" + waitsInFlight
                + ", callsInFlight=" + callsInFlight + ", downloadsInFlight=" + downloadsInFlight + '}';
    }
}
