package cn.scenext.core.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import cn.scenext.api.exception.ConfigurationException;
import cn.scenext.api.transport.TransportProvider;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.ServiceConfigurationError;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

public class TransportDiscoveryTest {
    private final Map<String, String> properties = new HashMap<>();
    private final Map<String, String> environment = new HashMap<>();
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(TransportDiscovery.class);

    @BeforeEach
    void captureLog() {
        log.start();
        logger.addAppender(log);
    }

    @AfterEach
    void releaseLog() {
        logger.detachAppender(log);
    }

    private TransportDiscovery over(TransportProvider... providers) {
        List<TransportProvider> list = Arrays.asList(providers);
        return new TransportDiscovery(() -> list, properties::get, environment::get);
    }

    private List<ILoggingEvent> infoLines() {
        return log.list.stream().filter(e -> e.getLevel() == Level.INFO).collect(java.util.stream.Collectors.toList());
    }

    @Test
    void builderNameWinsOverPropertyEnvironmentAndPriority() {
        properties.put(TransportDiscovery.PROPERTY, "beta");
        environment.put(TransportDiscovery.ENVIRONMENT_VARIABLE, "gamma");

        TransportProvider chosen = over(new FakeProviders.Alpha(), new FakeProviders.Beta(), new FakeProviders.Gamma())
                .select("alpha");

        assertThat(chosen.name()).isEqualTo("alpha");
        assertThat(infoLines()).isEmpty();
    }

    @Test
    void systemPropertyWinsOverEnvironmentAndPriority() {
        properties.put(TransportDiscovery.PROPERTY, "gamma");
        environment.put(TransportDiscovery.ENVIRONMENT_VARIABLE, "alpha");

        assertThat(over(new FakeProviders.Alpha(), new FakeProviders.Beta(), new FakeProviders.Gamma()).select(null)
                .name()).isEqualTo("gamma");
    }

    @Test
    void environmentVariableWinsOverPriority() {
        environment.put(TransportDiscovery.ENVIRONMENT_VARIABLE, "alpha");

        assertThat(over(new FakeProviders.Alpha(), new FakeProviders.Beta()).select(null).name()).isEqualTo("alpha");
    }

    @Test
    void nameMatchesWhateverItsCaseAndSurroundingSpace() {
        assertThat(over(new FakeProviders.Alpha(), new FakeProviders.Beta()).select("  ALPHA ").name())
                .isEqualTo("alpha");
    }

    @Test
    void blankNamesAreIgnored() {
        properties.put(TransportDiscovery.PROPERTY, " ");
        environment.put(TransportDiscovery.ENVIRONMENT_VARIABLE, "");

        assertThat(over(new FakeProviders.Alpha()).select("").name()).isEqualTo("alpha");
    }

    @Test
    void singleProviderIsChosenWithoutAnyLog() {
        assertThat(over(new FakeProviders.Gamma()).select(null).name()).isEqualTo("gamma");
        assertThat(log.list).isEmpty();
    }

    @Test
    void highestPriorityWinsAmongSeveralAndTheLogSaysHowToChoose() {
        TransportProvider chosen = over(new FakeProviders.Alpha(), new FakeProviders.Beta(), new FakeProviders.Gamma())
                .select(null);

        assertThat(chosen.name()).isEqualTo("beta");
        assertThat(infoLines()).singleElement().extracting(ILoggingEvent::getFormattedMessage).asString()
                .contains("beta (priority 50), gamma (priority 20), alpha (priority 5)")
                .contains("using \"beta\"")
                .contains("ScenextClient.builder().transport(\"name\")")
                .contains("-Dscenext.transport=name")
                .contains("SCENEXT_TRANSPORT=name");
    }

    @Test
    void noProviderIsAnErrorNamingTheFourModules() {
        assertThatThrownBy(() -> over().select(null))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContainingAll("scenext-okhttp", "scenext-apache", "scenext-retrofit", "scenext-jdk");
    }

    @Test
    void unknownNameIsAnErrorListingTheNamesAvailable() {
        assertThatThrownBy(() -> over(new FakeProviders.Alpha(), new FakeProviders.Beta()).select("apache"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("\"apache\"")
                .hasMessageContaining("builder().transport(\"apache\")")
                .hasMessageContaining("Available: beta (priority 50), alpha (priority 5)");
    }

    @Test
    void unknownNameFromThePropertySaysWhereItCameFrom() {
        properties.put(TransportDiscovery.PROPERTY, "jdk");

        assertThatThrownBy(() -> over(new FakeProviders.Alpha()).select(null))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("system property scenext.transport")
                .hasMessageContaining("Available: alpha (priority 5)");
    }

    @Test
    void unknownNameWithNoProviderAtAllNamesTheModules() {
        environment.put(TransportDiscovery.ENVIRONMENT_VARIABLE, "okhttp");

        assertThatThrownBy(() -> over().select(null))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("environment variable SCENEXT_TRANSPORT")
                .hasMessageContainingAll("scenext-okhttp", "scenext-apache", "scenext-retrofit", "scenext-jdk");
    }

    @Test
    void providerThatFailsToLoadIsSkippedWithAWarning() {
        Iterable<TransportProvider> brokenThenAlpha = () -> new Iterator<TransportProvider>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < 2;
            }

            @Override
            public TransportProvider next() {
                if (next >= 2) {
                    throw new NoSuchElementException();
                }
                if (next++ == 0) {
                    throw new ServiceConfigurationError("cn.example.Missing: Provider could not be instantiated");
                }
                return new FakeProviders.Alpha();
            }
        };
        TransportDiscovery discovery = new TransportDiscovery(() -> brokenThenAlpha, properties::get, environment::get);

        assertThat(discovery.select(null).name()).isEqualTo("alpha");
        assertThat(log.list).anySatisfy(e -> {
            assertThat(e.getLevel()).isEqualTo(Level.WARN);
            assertThat(e.getFormattedMessage()).contains("cn.example.Missing");
        });
    }
}
