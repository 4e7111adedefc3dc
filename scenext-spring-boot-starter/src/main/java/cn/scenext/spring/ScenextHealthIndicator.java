package cn.scenext.spring;

import cn.scenext.core.ClientState;
import cn.scenext.core.ScenextClient;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The client's health, read from its state without calling the API (a health check must not spend the
 * service's rate limit or fail when the network blips): UP while the client is open, DOWN once it is closed,
 * with the waits, calls and downloads in flight and the transport as details. Contributed as {@code scenext} when
 * {@code scenext.health.enabled=true} (Spring Boot 4).
 */
public class ScenextHealthIndicator implements HealthIndicator {
    private final ScenextClient client;

    /**
     * Creates the indicator.
     *
     * @param client the client to report on
     */
    public ScenextHealthIndicator(ScenextClient client) {
        this.client = client;
    }

    @Override
    public Health health() {
        ClientState state = client.state();
        Health.Builder health = state.isOpen() ? Health.up() : Health.down();
        return health.withDetail("open", state.isOpen())
                .withDetail("waitsInFlight", state.waitsInFlight())
                .withDetail("callsInFlight", state.callsInFlight())
                .withDetail("downloadsInFlight", state.downloadsInFlight())
                .withDetail("transport", client.transportName())
                .build();
    }
}
