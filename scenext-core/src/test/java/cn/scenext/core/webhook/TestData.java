package cn.scenext.core.webhook;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the test data: the shared signature vectors, the Python-generated corpus, fixtures. */
public final class TestData {
    public static final String VECTORS = "webhook-signature-vectors.jsonl";
    public static final String CORPUS = "canonical-corpus.jsonl";
    private static final JsonFactory JSON = new JsonFactory();
    private static final Pattern TIMESTAMP = Pattern.compile("\"timestamp\": (-?\\d+)");

    private TestData() {
    }

    /** One line of a JSONL file: its string fields, and its string-array fields joined with ','. */
    public static final class Case {
        public final Map<String, String> fields;

        Case(Map<String, String> fields) {
            this.fields = fields;
        }

        public String get(String name) {
            String v = fields.get(name);
            if (v == null) {
                throw new IllegalArgumentException("no field " + name + " in " + fields.get("name"));
            }
            return v;
        }

        public byte[] bytes(String name) {
            return get(name).getBytes(StandardCharsets.UTF_8);
        }

        public String name() {
            return get("name");
        }

        /** A clock at the event's timestamp: the case's own field, else the one in the canonical form. */
        public Clock clockAtTimestamp() {
            long ts;
            if (fields.containsKey("timestamp")) {
                ts = Long.parseLong(fields.get("timestamp"));
            } else {
                Matcher m = TIMESTAMP.matcher(get("canonical"));
                if (!m.find()) {
                    throw new IllegalArgumentException("no timestamp in " + name());
                }
                ts = Long.parseLong(m.group(1));
            }
            return Clock.fixed(Instant.ofEpochSecond(ts), ZoneOffset.UTC);
        }

        public boolean has(String name) {
            return fields.containsKey(name);
        }

        @Override
        public String toString() {
            return fields.get("name");
        }
    }

    public static List<Case> jsonl(String resource) {
        List<Case> cases = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(open(resource), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.trim().isEmpty()) {
                    cases.add(new Case(flatObject(line)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return cases;
    }

    public static byte[] resource(String name) {
        try (InputStream in = open(name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream open(String resource) {
        InputStream in = TestData.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("missing test resource " + resource);
        }
        return in;
    }

    private static Map<String, String> flatObject(String line) throws IOException {
        Map<String, String> fields = new LinkedHashMap<>();
        try (JsonParser p = JSON.createParser(line)) {
            p.nextToken();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                if (t == JsonToken.START_ARRAY) {
                    List<String> items = new ArrayList<>();
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        items.add(p.getText());
                    }
                    fields.put(name, String.join(",", items));
                } else if (t == JsonToken.START_OBJECT) {
                    p.skipChildren();
                } else {
                    fields.put(name, p.getText());
                }
            }
        }
        return fields;
    }
}
