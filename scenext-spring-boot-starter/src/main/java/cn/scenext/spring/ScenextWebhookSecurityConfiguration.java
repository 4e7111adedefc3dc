package cn.scenext.spring;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.util.UrlPathHelper;

/**
 * Exempts the webhook route from Spring Security on a servlet application. Without it, Spring Security's
 * defaults refuse every delivery: 403 for want of a CSRF token, or 401 for want of a login. The exemption is
 * safe because it is this narrow: {@code POST} on exactly {@code scenext.webhook.path}, a route that reads no
 * session or cookie and acts only on a body whose HMAC signature it verified. Every other request, and
 * every other method on the path, goes through the application's security as before; no security chain of the
 * application's or of Spring Boot's is replaced.
 *
 * <p>Spring Security logs a warning for an ignored path, advising {@code permitAll} instead; both are
 * equivalent here, as the route authenticates each request itself. To configure it yourself, set
 * {@code scenext.webhook.security-exempt=false} and, in your {@code SecurityFilterChain}:
 * <pre>{@code
 * http.authorizeHttpRequests(a -> a.requestMatchers(HttpMethod.POST, "/scenext/webhook").permitAll())
 *     .csrf(c -> c.ignoringRequestMatchers("/scenext/webhook"));
 * }</pre>
 * On WebFlux the starter exempts nothing: permit the path and leave it out of CSRF in your
 * {@code SecurityWebFilterChain} the same way.
 */
@AutoConfiguration(after = ScenextWebhookAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(name = {"org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer",
        "org.springframework.web.servlet.function.RouterFunction"})
@ConditionalOnBean(cn.scenext.core.webhook.WebhookHandler.class)
@ConditionalOnProperty(prefix = "scenext.webhook", name = "security-exempt", matchIfMissing = true)
public class ScenextWebhookSecurityConfiguration {
    /** Created by Spring. */
    public ScenextWebhookSecurityConfiguration() {
    }

    /**
     * Leaves {@code POST} on the webhook path out of Spring Security.
     *
     * @param properties the {@code scenext.*} properties
     * @return the customizer
     */
    @Bean
    public WebSecurityCustomizer scenextWebhookSecurityExemption(ScenextProperties properties) {
        RequestMatcher webhook = new WebhookRequestMatcher(WebhookPaths.check(properties.getWebhook().getPath()));
        return web -> web.ignoring().requestMatchers(webhook);
    }

    /** {@code POST} on exactly the webhook path, within the application's context path. */
    static final class WebhookRequestMatcher implements RequestMatcher {
        private static final UrlPathHelper PATHS = new UrlPathHelper();
        private final String path;

        WebhookRequestMatcher(String path) {
            this.path = path;
        }

        @Override
        public boolean matches(HttpServletRequest request) {
            return "POST".equals(request.getMethod()) && path.equals(PATHS.getPathWithinApplication(request));
        }

        @Override
        public String toString() {
            return "POST " + path;
        }
    }
}
