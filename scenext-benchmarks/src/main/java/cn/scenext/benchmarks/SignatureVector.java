package cn.scenext.benchmarks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** One line of the API's {@code webhook-signature-vectors.jsonl}: a signed body as the service sends it. */
final class SignatureVector {
    private final Map<String, String> fields;

    private SignatureVector(Map<String, String> fields) {
        this.fields = fields;
    }

    /**
     * The vector of a name.
     *
     * @param name e.g. {@code docs-completed}
     * @return the vector
     * @throws IllegalArgumentException when there is none of that name
     */
    static SignatureVector named(String name) {
        String all = new String(Fixtures.bytes("webhook-signature-vectors.jsonl"), StandardCharsets.UTF_8);
        for (String line : all.split("\n")) {
            if (!line.trim().isEmpty()) {
                Map<String, String> fields = read(line);
                if (name.equals(fields.get("name"))) {
                    return new SignatureVector(fields);
                }
            }
        }
        throw new IllegalArgumentException("No signature vector named " + name);
    }

    private static Map<String, String> read(String line) {
        Map<String, String> fields = new HashMap<>();
        try (JsonParser p = new JsonFactory().createParser(line)) {
            p.nextToken();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                if (p.nextToken() == JsonToken.VALUE_STRING) {
                    fields.put(field, p.getText());
                } else {
                    p.skipChildren();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return fields;
    }

    String secret() {
        return fields.get("secret");
    }

    String body() {
        return fields.get("body");
    }

    String canonical() {
        return fields.get("canonical");
    }

    String signature() {
        return fields.get("signature");
    }
}
