package cn.scenext.api.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpHeadersTest {

    @Test
    void looksUpNamesWithoutRegardToCaseAndKeepsEveryValue() {
        HttpHeaders h = HttpHeaders.builder().add("Set-Cookie", "a=1").add("set-cookie", "b=2")
                .add("Content-Type", "application/json").build();

        assertThat(h.allValues("SET-COOKIE")).containsExactly("a=1", "b=2");
        assertThat(h.firstValue("content-type")).contains("application/json");
        assertThat(h.firstValue("X-Missing")).isEmpty();
        assertThat(h.names()).containsExactly("Set-Cookie", "Content-Type");
        assertThat(h.contains("CONTENT-TYPE")).isTrue();
    }

    @Test
    void mergesMapsFromLibrariesAndSkipsNullNames() {
        Map<String, List<String>> map = new LinkedHashMap<>();
        map.put(null, Arrays.asList("HTTP/1.1 200 OK"));
        map.put("X-A", Arrays.asList("1"));
        map.put("x-a", Arrays.asList("2"));
        HttpHeaders h = HttpHeaders.of(map);
        assertThat(h.allValues("x-A")).containsExactly("1", "2");
        assertThat(h).isEqualTo(HttpHeaders.builder().add("x-a", "1").add("X-A", "2").build());
    }

    @Test
    void hidesCredentialsWhenPrinted() {
        HttpHeaders h = HttpHeaders.builder().add("Authorization", "Bearer sk-secret").add("Accept", "*/*").build();
        assertThat(h.toString()).isEqualTo("{Authorization=[redacted], Accept=[*/*]}");
    }

    @Test
    void setReplacesAndRemoveDeletes() {
        HttpHeaders h = HttpHeaders.builder().add("A", "1").add("A", "2").set("a", "3").add("B", "x").remove("b").build();
        assertThat(h.allValues("A")).containsExactly("3");
        assertThat(h.contains("B")).isFalse();
    }
}
