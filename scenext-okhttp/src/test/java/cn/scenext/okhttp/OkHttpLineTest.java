package cn.scenext.okhttp;

import static org.assertj.core.api.Assertions.assertThat;

import okhttp3.OkHttp;
import org.junit.jupiter.api.Test;

/** Each surefire run of this module tests the OkHttp line it says it tests (5.x, then 4.12). */
class OkHttpLineTest {

    @Test
    void okHttpOnTheClasspathIsTheExpectedLine() throws ReflectiveOperationException {
        // Read by reflection: the constant would be inlined from the OkHttp 5 this code compiles against.
        Object version = OkHttp.class.getField("VERSION").get(null);

        assertThat(version).isEqualTo(System.getProperty("scenext.expected.okhttp.version"));
    }

    @Test
    void onlyOneOkHttpIsOnTheClasspath() throws java.io.IOException {
        assertThat(java.util.Collections.list(getClass().getClassLoader().getResources("okhttp3/OkHttpClient.class")))
                .hasSize(1);
    }
}
