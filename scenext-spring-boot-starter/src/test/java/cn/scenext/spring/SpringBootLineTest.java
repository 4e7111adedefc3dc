package cn.scenext.spring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootVersion;

/**
 * Which Spring Boot line these tests run on (4.0 in scenext-spring-boot-starter, 3.5 in
 * scenext-spring-boot3-tests), and that the core's Jackson 2 streaming parser sits beside Boot 4's Jackson 3
 * (Boot 3.5 has Jackson 2 only).
 */
class SpringBootLineTest {
    @Test
    void theTestsRunOnTheSpringBootLineTheBuildNames() {
        String expected = System.getProperty("scenext.expected.spring-boot.version");
        assertThat(expected).as("set by the module's surefire configuration").isNotBlank();
        assertThat(SpringBootVersion.getVersion()).isEqualTo(expected);
    }

    @Test
    void theCoresJackson2StreamingParserSitsBesideWhateverJsonSpringBootBrings() throws Exception {
        // Under Spring Boot's dependency management jackson-core is the Jackson 2 version Boot names.
        assertThat(com.fasterxml.jackson.core.json.PackageVersion.VERSION.getMajorVersion()).isEqualTo(2);
        if (SpringBootVersion.getVersion().startsWith("4.")) {
            // Boot 4's JSON is Jackson 3, in its own packages: both are on this classpath, and the simulator tests
            // of this module parse every response with the core's jackson-core 2.
            Object jackson3 = Class.forName("tools.jackson.databind.cfg.PackageVersion").getField("VERSION").get(null);
            assertThat(jackson3.toString()).startsWith("3.");
            assertThat(Class.forName("tools.jackson.databind.json.JsonMapper")).isNotNull();
        }
    }
}
