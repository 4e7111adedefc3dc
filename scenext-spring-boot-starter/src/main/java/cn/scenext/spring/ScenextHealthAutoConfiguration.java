package cn.scenext.spring;

import cn.scenext.core.ScenextClient;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * The opt-in {@code scenext} health indicator ({@link ScenextHealthIndicator}): with
 * {@code scenext.health.enabled=true} and Spring Boot 4's health support ({@code spring-boot-health}, which the
 * actuator brings) on the classpath.
 */
@AutoConfiguration(after = ScenextAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
@ConditionalOnBean(ScenextClient.class)
@ConditionalOnProperty(prefix = "scenext.health", name = "enabled", havingValue = "true")
public class ScenextHealthAutoConfiguration {
    /** Created by Spring. */
    public ScenextHealthAutoConfiguration() {
    }

    /**
     * The indicator, named {@code scenext} in the health endpoint.
     *
     * @param client the client to report on
     * @return the indicator
     */
    @Bean
    @ConditionalOnMissingBean(name = "scenextHealthIndicator")
    public ScenextHealthIndicator scenextHealthIndicator(ScenextClient client) {
        return new ScenextHealthIndicator(client);
    }
}
