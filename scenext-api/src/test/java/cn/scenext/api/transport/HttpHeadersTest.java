package cn.scenext.api.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.ArrayList;
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

    @Test
    void passesValuesGroupedByNameInTheOrderNamesWereFirstAdded() {
        HttpHeaders h = HttpHeaders.builder().add("Accept", "a").add("X-Trace", "t").add("accept", "b")
                .add("User-Agent", "u").build();
        List<String> seen = new ArrayList<>();
        h.forEach((name, value) -> seen.add(name + "=" + value));
        assertThat(seen).containsExactly("Accept=a", "Accept=b", "X-Trace=t", "User-Agent=u");
        assertThat(h.toMap()).containsExactly(entry("Accept", Arrays.asList("a", "b")),
                entry("X-Trace", Arrays.asList("t")), entry("User-Agent", Arrays.asList("u")));
    }

    @Test
    void setMovesAHeaderAfterTheOthersUnderItsNewSpelling() {
        HttpHeaders h = HttpHeaders.builder().add("A", "1").add("B", "2").build().toBuilder().set("a", "3").build();
        assertThat(h.names()).containsExactly("B", "a");
        assertThat(h.toString()).isEqualTo("{B=[2], a=[3]}");
    }

    @Test
    void comparesNamesAsLowerCasedInTheRootLocale() {
        // KELVIN SIGN lower-cases to "k"; LATIN SMALL LETTER LONG S stays itself (though it upper-cases to "S").
        HttpHeaders h = HttpHeaders.builder().add("\u212a-Id", "1").add("X-\u017f", "2").build();
        assertThat(h.firstValue("k-id")).contains("1");
        assertThat(h.contains("x-s")).isFalse();
        assertThat(h.contains("X-\u017F")).isTrue();
        assertThat(h.names()).containsExactly("\u212a-Id", "X-\u017f");
    }

    @Test
    void equalHeadersHaveEqualHashCodesWhateverTheCaseOfNames() {
        HttpHeaders a = HttpHeaders.builder().add("Content-Type", "text/plain").add("X-A", "1").add("x-a", "2").build();
        HttpHeaders b = HttpHeaders.builder().add("x-A", "1").add("X-A", "2").add("content-type", "text/plain").build();
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(HttpHeaders.builder().add("X-A", "2").add("X-A", "1")
                .add("Content-Type", "text/plain").build());
    }
    @Test
    void headersBuiltFromAFullBuilderDoNotChangeWithItsLaterChanges() {
        for (int n = 1; n <= 9; n++) { // 4 fills the builder's first array, 8 its second
            HttpHeaders.Builder b = HttpHeaders.builder();
            for (int i = 0; i < n; i++) {
                b.add("X-" + i, "v" + i);
            }
            HttpHeaders built = b.build();
            String before = built.toString();

            b.set("X-0", "changed").remove("X-1").add("X-New", "new");
            HttpHeaders second = b.build();
            b.remove("X-New").add("X-Other", "o");

            assertThat(built.toString()).isEqualTo(before);
            assertThat(built.firstValue("X-0")).contains("v0");
            assertThat(built.contains("X-New")).isFalse();
            assertThat(second.firstValue("X-0")).contains("changed");
            assertThat(second.contains("X-1")).isFalse();
            assertThat(second.firstValue("X-New")).contains("new");
            assertThat(second.contains("X-Other")).isFalse();
            assertThat(b.build().firstValue("X-Other")).contains("o");
        }
    }
}
