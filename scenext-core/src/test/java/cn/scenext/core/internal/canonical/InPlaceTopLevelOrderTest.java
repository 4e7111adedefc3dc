package cn.scenext.core.internal.canonical;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The top-level object's members left where they were written and read in canonical order ({@link
 * CanonicalWriter#update}, {@link CanonicalWriter#contentEquals}, {@link CanonicalWriter#toByteArray}) give
 * exactly the bytes, length and MAC of the members moved into order, repeated keys and nested objects included.
 */
class InPlaceTopLevelOrderTest {
    private static final byte[] KEY = "in-place-test-secret".getBytes(StandardCharsets.UTF_8);

    @Provide
    Arbitrary<Object> objects() {
        return Arbitraries.maps(JsonTrees.keys(), JsonTrees.values()).ofMaxSize(5)
                .map(m -> (Object) new LinkedHashMap<>(m));
    }

    @Property(tries = 300)
    void membersLeftInPlaceReadAsTheMovedForm(@ForAll("objects") Object value, @ForAll long seed) throws Exception {
        byte[] json = JsonTrees.write(value, new Random(seed)).getBytes(StandardCharsets.UTF_8);

        assertSameForm(json);
    }

    @Property(tries = 500)
    void anyValueAtTheTopReadsTheSameEitherWay(@ForAll("values") Object value, @ForAll long seed) throws Exception {
        assertSameForm(JsonTrees.write(value, new Random(seed)).getBytes(StandardCharsets.UTF_8));
    }

    @Provide
    Arbitrary<Object> values() {
        return JsonTrees.values();
    }

    @Test
    void aLargeForgedLikeBodyIsLeftInPlaceByDefaultAndReadsSorted() throws Exception {
        StringBuilder sb = new StringBuilder("{\"task_id\": \"x\", \"status\": \"COMPLETED\", \"timestamp\": 1,"
                + " \"progress\": [");
        for (int i = 0; i < 5000; i++) {
            sb.append(i == 0 ? "" : ", ").append("1.5e-3");
        }
        sb.append("], \"b\": {\"z\": 1, \"a\": [2, {\"y\": 1, \"x\": 2}]}, \"status\": \"FAILED\"}");
        byte[] json = sb.toString().getBytes(StandardCharsets.US_ASCII);
        CanonicalWriter byDefault = new CanonicalWriter();
        byDefault.canonicalize(json, null);

        assertThat(byDefault.out.size).as("left in place: the written bytes are the document's order")
                .isGreaterThan(byDefault.size());
        assertSameForm(json);
        String canonical = new String(byDefault.toByteArray(), StandardCharsets.US_ASCII);
        assertThat(canonical).startsWith("{\"b\": {\"a\": [2, {\"x\": 2, \"y\": 1}], \"z\": 1}, \"progress\": [0.0015, ")
                .endsWith("0.0015], \"status\": \"FAILED\", \"task_id\": \"x\", \"timestamp\": 1}");
    }

    @Test
    void aBodyComparedWithTheFormLeftInPlaceDiffersInAnyByte() throws Exception {
        byte[] json = "{\"b\": [1, 2, 3], \"a\": \"x\", \"c\": {\"e\": 1, \"d\": 2}}".getBytes(StandardCharsets.US_ASCII);
        CanonicalWriter inPlace = new CanonicalWriter(0);
        inPlace.canonicalize(json, null);
        byte[] canonical = inPlace.toByteArray();
        assertThat(new String(canonical, StandardCharsets.US_ASCII))
                .isEqualTo("{\"a\": \"x\", \"b\": [1, 2, 3], \"c\": {\"d\": 2, \"e\": 1}}");

        assertThat(inPlace.contentEquals(canonical)).isTrue();
        for (int i = 0; i < canonical.length; i++) {
            byte[] changed = canonical.clone();
            changed[i] ^= 1;
            assertThat(inPlace.contentEquals(changed)).as("byte %d changed", i).isFalse();
        }
        assertThat(inPlace.contentEquals(Arrays.copyOf(canonical, canonical.length - 1))).isFalse();
        assertThat(inPlace.contentEquals(Arrays.copyOf(canonical, canonical.length + 1))).isFalse();
        assertThat(inPlace.contentEquals(new byte[0])).isFalse();
    }

    /** The form with members left in place (threshold 0) against the form with members moved (no threshold). */
    private static void assertSameForm(byte[] json) throws GeneralSecurityException {
        CanonicalWriter moved = new CanonicalWriter(Integer.MAX_VALUE);
        CanonicalWriter inPlace = new CanonicalWriter(0);
        moved.canonicalize(json, null);
        inPlace.canonicalize(json, null);
        byte[] expected = Arrays.copyOf(moved.out.buf, moved.out.size);

        assertThat(moved.toByteArray()).isEqualTo(expected);
        assertThat(inPlace.toByteArray()).isEqualTo(expected);
        assertThat(inPlace.size()).isEqualTo(expected.length);
        assertThat(inPlace.contentEquals(expected)).isTrue();
        assertThat(mac(inPlace)).isEqualTo(mac(expected));
        assertThat(mac(moved)).isEqualTo(mac(expected));
    }

    private static byte[] mac(CanonicalWriter writer) throws GeneralSecurityException {
        Mac mac = newMac();
        writer.update(mac);
        return mac.doFinal();
    }

    private static byte[] mac(byte[] data) throws GeneralSecurityException {
        return newMac().doFinal(data);
    }

    private static Mac newMac() throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
        return mac;
    }
}
