package cn.scenext.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.scenext.api.exception.ConfigurationException;
import cn.scenext.api.transport.TransportProvider;
import cn.scenext.core.internal.transport.FakeProviders;
import cn.scenext.core.internal.transport.TransportDiscovery;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a client gets its transport: the rules of discovery, applied per client. */
class ScenextClientTransportChoiceTest {
    private static final String SERVICES = "META-INF/services/" + TransportProvider.class.getName();

    @TempDir
    Path dir;

    private final Map<String, String> environment = new HashMap<>();

    /** A class loader whose only transport providers are the given ones. */
    private ClassLoader providers(Class<?>... classes) throws IOException {
        StringBuilder lines = new StringBuilder();
        for (Class<?> c : classes) {
            lines.append(c.getName()).append('\n');
        }
        Path file = Files.write(dir.resolve("providers"), lines.toString().getBytes(StandardCharsets.UTF_8));
        URL url = file.toUri().toURL();
        return new ClassLoader(getClass().getClassLoader()) {
            @Override
            public Enumeration<URL> getResources(String name) throws IOException {
                return name.equals(SERVICES) ? Collections.enumeration(Collections.singletonList(url))
                        : super.getResources(name);
            }
        };
    }

    private ScenextClient.Builder builder(ClassLoader loader) {
        return ScenextClient.builder().apiKey("sk-test-key").classLoader(loader).environment(environment::get);
    }

    @Test
    void transportInstanceWinsOverNameAndDiscovery() throws IOException {
        FakeProviders.NamedTransport mine = new FakeProviders.NamedTransport("mine");

        try (ScenextClient client = builder(providers(FakeProviders.Alpha.class, FakeProviders.Beta.class))
                .transport("no-such-transport").transport(mine).build()) {
            assertThat(client.transportName()).isEqualTo("mine");
        }
        assertThat(mine.isClosed()).as("a transport given to the builder is left to its owner").isFalse();
    }

    @Test
    void eachClientKeepsItsOwnChoiceWithNoStateLeftBehind() throws IOException {
        ClassLoader loader = providers(FakeProviders.Alpha.class, FakeProviders.Beta.class, FakeProviders.Gamma.class);

        try (ScenextClient alpha = builder(loader).transport("alpha").build();
                ScenextClient gamma = builder(loader).transport("gamma").build();
                ScenextClient unnamed = builder(loader).build()) {
            assertThat(alpha.transportName()).isEqualTo("alpha");
            assertThat(gamma.transportName()).isEqualTo("gamma");
            assertThat(unnamed.transportName()).as("earlier names do not leak").isEqualTo("beta");
        }
    }

    @Test
    void environmentVariableChoosesForClientsWithoutAName() throws IOException {
        environment.put(TransportDiscovery.ENVIRONMENT_VARIABLE, "alpha");
        ClassLoader loader = providers(FakeProviders.Alpha.class, FakeProviders.Beta.class);

        try (ScenextClient fromEnv = builder(loader).build();
                ScenextClient named = builder(loader).transport("beta").build()) {
            assertThat(fromEnv.transportName()).isEqualTo("alpha");
            assertThat(named.transportName()).isEqualTo("beta");
        }
    }

    @Test
    void systemPropertyChoosesForClientsWithoutAName() throws IOException {
        ClassLoader loader = providers(FakeProviders.Alpha.class, FakeProviders.Beta.class);
        String before = System.getProperty(TransportDiscovery.PROPERTY);
        System.setProperty(TransportDiscovery.PROPERTY, "alpha");
        try (ScenextClient client = builder(loader).build()) {
            assertThat(client.transportName()).isEqualTo("alpha");
        } finally {
            if (before == null) {
                System.clearProperty(TransportDiscovery.PROPERTY);
            } else {
                System.setProperty(TransportDiscovery.PROPERTY, before);
            }
        }
    }

    @Test
    void noTransportOnTheClasspathFailsTheBuildNamingTheModules() throws IOException {
        assertThatThrownBy(() -> builder(providers()).build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContainingAll("scenext-okhttp", "scenext-apache", "scenext-retrofit", "scenext-jdk");
    }
}
