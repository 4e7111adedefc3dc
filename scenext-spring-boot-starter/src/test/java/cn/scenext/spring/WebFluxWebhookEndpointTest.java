package cn.scenext.spring;

import cn.scenext.testkit.ScenextSimulator;

import org.junit.jupiter.api.AfterAll;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.csrf.CsrfWebFilter;
import org.springframework.security.web.server.util.matcher.AndServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.NegatedServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The endpoint on WebFlux (Netty), with the security chain the README shows for WebFlux: the contract. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.main.web-application-type=reactive", "scenext.transport=jdk",
            "scenext.webhook.path=" + WebhookEndpointContract.PATH})
class WebFluxWebhookEndpointTest extends WebhookEndpointContract {
    static final ScenextSimulator SIM = startSimulator();

    @DynamicPropertySource
    static void simulator(DynamicPropertyRegistry registry) {
        pointAt(SIM, registry);
    }

    @AfterAll
    static void stopSimulator() {
        SIM.close();
    }

    @Override
    ScenextSimulator sim() {
        return SIM;
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
        @Bean
        Received received() {
            return new Received();
        }

        /** The chain the README shows for WebFlux: the webhook permitted and left out of CSRF. */
        @Bean
        SecurityWebFilterChain security(ServerHttpSecurity http) {
            return http.authorizeExchange(a -> a.pathMatchers(HttpMethod.POST, PATH).permitAll()
                            .anyExchange().authenticated())
                    .csrf(c -> c.requireCsrfProtectionMatcher(new AndServerWebExchangeMatcher(
                            CsrfWebFilter.DEFAULT_CSRF_MATCHER, new NegatedServerWebExchangeMatcher(
                                    ServerWebExchangeMatchers.pathMatchers(HttpMethod.POST, PATH)))))
                    .httpBasic(b -> { })
                    .build();
        }
    }
}
