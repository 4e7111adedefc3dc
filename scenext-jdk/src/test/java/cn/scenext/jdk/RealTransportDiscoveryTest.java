package cn.scenext.jdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import cn.scenext.api.transport.TransportProvider;
import cn.scenext.core.ScenextClient;
import cn.scenext.core.internal.transport.TransportDiscovery;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/**
 * Discovery with the four real transports on one classpath (this module's tests carry okhttp, apache and
 * retrofit too): their registered names and priorities, and the choice among them.
 */
class RealTransportDiscoveryTest {
    /** Discovery over this classpath, deaf to the machine's own scenext.transport and SCENEXT_TRANSPORT. */
    private final TransportDiscovery discovery = new TransportDiscovery(
            () -> ServiceLoader.load(TransportProvider.class, getClass().getClassLoader()), name -> null, name -> null);

    @Test
    void allFourRegisterTheirNamesAndPriorities() {
        assertThat(discovery.load()).extracting(TransportProvider::name, TransportProvider::priority).containsExactly(
                tuple("okhttp", 40), tuple("apache", 30), tuple("retrofit", 20), tuple("jdk", 10));
    }

    @Test
    void withoutANameOkHttpIsChosenAndTheLogSaysHowToChoose() {
        Logger logger = (Logger) LoggerFactory.getLogger(TransportDiscovery.class);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        logger.addAppender(log);
        try {
            assertThat(discovery.select(null).name()).isEqualTo("okhttp");
        } finally {
            logger.detachAppender(log);
        }
        assertThat(log.list).singleElement().satisfies(e -> {
            assertThat(e.getLevel()).isEqualTo(Level.INFO);
            assertThat(e.getFormattedMessage()).contains(
                    "okhttp (priority 40), apache (priority 30), retrofit (priority 20), jdk (priority 10)",
                    "ScenextClient.builder().transport(\"name\")");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"okhttp", "apache", "retrofit", "jdk"})
    void eachIsChosenByNameAndCreatesItsTransport(String name) {
        try (ScenextClient client = ScenextClient.builder().apiKey("sk-test-key").transport(name).build()) {
            assertThat(client.transportName()).isEqualTo(name);
            assertThat(client.userAgent()).contains("(" + name + "; Java ");
        }
    }
}
