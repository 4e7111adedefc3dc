package cn.scenext.retrofit;

import static org.assertj.core.api.Assertions.assertThat;

import cn.scenext.api.transport.TransportProvider;
import cn.scenext.okhttp.internal.OkHttpClients;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/**
 * A Retrofit user's classpath (this module's: scenext-retrofit and what it brings, the OkHttp internals shared with
 * scenext-okhttp among them) offers the {@code retrofit} transport only: the shared code registers no provider, so
 * discovery never finds an {@code okhttp} transport the user did not ask for.
 */
class RetrofitClasspathTest {
    private static final String SERVICES = "META-INF/services/" + TransportProvider.class.getName();

    @Test
    void serviceLoaderFindsOnlyTheRetrofitTransport() {
        List<String> names = new ArrayList<>();
        for (TransportProvider p : ServiceLoader.load(TransportProvider.class)) {
            names.add(p.name());
        }

        assertThat(names).containsExactly(RetrofitTransportProvider.NAME);
    }

    @Test
    void theSharedOkHttpCodeIsOnTheClasspathWithoutAProviderFile() throws Exception {
        String shared = OkHttpClients.class.getProtectionDomain().getCodeSource().getLocation().getPath();
        String retrofit = RetrofitTransport.class.getProtectionDomain().getCodeSource().getLocation().getPath();
        List<URL> providerFiles = Collections.list(getClass().getClassLoader().getResources(SERVICES));

        assertThat(shared).isNotEqualTo(retrofit);
        assertThat(providerFiles).singleElement().satisfies(u -> assertThat(u.getPath()).contains(retrofit)
                .doesNotContain(shared));
    }
}
