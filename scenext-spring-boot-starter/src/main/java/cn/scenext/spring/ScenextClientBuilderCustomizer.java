package cn.scenext.spring;

import cn.scenext.core.ScenextClient;

/**
 * Changes the client builder after the {@code scenext.*} properties are applied and before the
 * {@link ScenextClient} bean is built: add an interceptor, a proxy, a scheduler, a clock. Every bean of this type
 * is applied, in {@link org.springframework.core.annotation.Order @Order}.
 *
 * <pre>{@code
 * @Bean
 * ScenextClientBuilderCustomizer proxy() {
 *     return builder -> builder.proxy(new Proxy(Proxy.Type.HTTP, new InetSocketAddress("proxy.local", 3128)));
 * }
 * }</pre>
 */
@FunctionalInterface
public interface ScenextClientBuilderCustomizer {
    /**
     * Changes the builder.
     *
     * @param builder the builder, with the properties applied
     */
    void customize(ScenextClient.Builder builder);
}
