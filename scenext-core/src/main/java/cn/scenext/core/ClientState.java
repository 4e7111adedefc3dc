package cn.scenext.core;

/**
 * A client's state at one moment, read without calling the API: for a health indicator or a gauge. See
 * {@link ScenextClient#state()}. Immutable.
 */
public final class ClientState {
    private final boolean open;
    private final int waitsInFlight;
    private final int callsInFlight;

    private ClientState(boolean open, int waitsInFlight, int callsInFlight) {
        this.open = open;
        this.waitsInFlight = waitsInFlight;
        this.callsInFlight = callsInFlight;
    }

    /**
     * A state. Used by the client; handy in tests of health indicators.
     *
     * @param open whether the client is open
     * @param waitsInFlight the waits running
     * @param callsInFlight the API calls running
     * @return the state
     */
    public static ClientState of(boolean open, int waitsInFlight, int callsInFlight) {
        return new ClientState(open, waitsInFlight, callsInFlight);
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
     * waiting to retry included; the status requests of waits count while they run. Downloads are not counted.
     *
     * @return 0 or more
     */
    public int callsInFlight() {
        return callsInFlight;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ClientState)) {
            return false;
        }
        ClientState s = (ClientState) o;
        return open == s.open && waitsInFlight == s.waitsInFlight && callsInFlight == s.callsInFlight;
    }

    @Override
    public int hashCode() {
        return (open ? 1 : 0) + 31 * waitsInFlight + 961 * callsInFlight;
    }

    @Override
    public String toString() {
        return "ClientState{" + (open ? "open" : "closed") + ", waitsInFlight=" + waitsInFlight
                + ", callsInFlight=" + callsInFlight + '}';
    }
}
