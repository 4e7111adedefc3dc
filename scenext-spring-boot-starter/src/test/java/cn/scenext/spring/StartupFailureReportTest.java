package cn.scenext.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** A real application start-up without a key, or with a refused value: Boot's short report, from the analyzer. */
@ExtendWith(OutputCaptureExtension.class)
class StartupFailureReportTest {
    @Test
    void aMissingKeyIsReportedByNameNotAsAStackTrace(CapturedOutput output) {
        assertThatThrownBy(() -> start("--scenext.transport=jdk")).isNotNull();
        assertThat(output.getAll()).contains("APPLICATION FAILED TO START")
                .contains("No Scenext API key: the property 'scenext.api-key' is not set.")
                .contains("SCENEXT_API_KEY");
    }

    @Test
    void aRefusedValueIsReportedWithItsPropertyAndNeverTheKey(CapturedOutput output) {
        assertThatThrownBy(() -> start("--scenext.api-key=sk-secret-value-1", "--scenext.transport=jdk",
                "--scenext.retry.jitter=7")).isNotNull();
        assertThat(output.getAll()).contains("APPLICATION FAILED TO START")
                .contains("The property 'scenext.retry.jitter' is invalid")
                .doesNotContain("sk-secret-value-1");
    }

    private static void start(String... args) {
        new SpringApplicationBuilder(App.class).web(WebApplicationType.NONE).run(args).close();
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
    }
}
